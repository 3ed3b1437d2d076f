"""RSS 2.0 and Atom feeds of the news: all of it, and per organisation.

Under /cir/ the middleware leaves feeds alone (it transliterates only HTML),
so the feeds put their own text into Cyrillic there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from infocentar.core.models import Organisation

from .models import NewsIndexPage, NewsPage
from .views import absolute_url, in_script, is_cyrillic

FEED_SIZE = 50


@dataclass
class FeedSource:
    """What one request's feed is about; the Feed object itself is shared between requests."""

    request: HttpRequest
    organisation: Organisation | None
    index: NewsIndexPage | None
    municipality: str
    kind: str
    items: list[NewsPage] = field(default_factory=list)


class NewsFeed(Feed):
    """The 50 newest news items, as RSS 2.0."""

    feed_type = Rss201rev2Feed
    kind = "rss"

    def get_object(self, request: HttpRequest, slug: str | None = None) -> FeedSource:
        from infocentar.portal.models import MunicipalitySettings

        organisation = None
        if slug is not None:
            organisation = Organisation.objects.active().filter(slug=slug).first()
            if organisation is None:
                raise Http404
        try:
            municipality = MunicipalitySettings.for_request(request).name
        except MunicipalitySettings.DoesNotExist:  # no site for this host: the feed still works
            municipality = ""
        index = NewsIndexPage.objects.live().public().order_by("path").first()
        return FeedSource(request, organisation, index, municipality, self.kind)

    # --- the feed -------------------------------------------------------------------
    def title(self, obj: FeedSource) -> str:
        if obj.organisation is not None:
            text = _("News: %(organisation)s") % {"organisation": obj.organisation.name}
        else:
            text = _("News: %(municipality)s") % {"municipality": obj.municipality} if obj.municipality else _("News")
        return in_script(obj.request, text)

    def description(self, obj: FeedSource) -> str:
        if obj.organisation is not None:
            text = _("The latest news about the activities of %(organisation)s.") % {
                "organisation": obj.organisation.name
            }
        else:
            text = _("The latest news about the activities of the municipality's bodies.")
        return in_script(obj.request, text)

    subtitle = description

    def link(self, obj: FeedSource) -> str:
        url = (obj.index.get_url(obj.request) if obj.index is not None else None) or "/"
        if obj.organisation is not None:
            url += "?organ=" + obj.organisation.slug
        return absolute_url(url)

    def feed_url(self, obj: FeedSource) -> str:
        name = f"news-{obj.kind}-organisation" if obj.organisation else f"news-{obj.kind}"
        return absolute_url(reverse(name, args=[obj.organisation.slug] if obj.organisation else []))

    def author_name(self, obj: FeedSource) -> str:
        return in_script(obj.request, obj.municipality) or "Infocentar"

    def feed_copyright(self, obj: FeedSource) -> str:
        return in_script(obj.request, obj.municipality)

    def get_feed(self, obj: FeedSource, request: HttpRequest):
        feed = super().get_feed(obj, request)
        # The news is written in Montenegrin whatever the interface's language.
        feed.feed["language"] = "cnr-Cyrl" if is_cyrillic(request) else "cnr-Latn"
        return feed

    def items(self, obj: FeedSource) -> list[NewsPage]:
        news = NewsPage.objects.live().public()
        if obj.organisation is not None:
            news = news.filter(organisations=obj.organisation.pk)
        items = list(news.for_listing()[:FEED_SIZE])
        for item in items:
            item.feed_url = absolute_url(item.get_url(obj.request))
            item.feed_request = obj.request
        obj.items = items
        return items

    # --- each item -----------------------------------------------------------------------
    def item_title(self, item: NewsPage) -> str:
        return in_script(self._request(item), item.title)

    def item_description(self, item: NewsPage) -> str:
        return in_script(self._request(item), item.lead)

    def item_link(self, item: NewsPage) -> str:
        return item.feed_url

    def item_guid(self, item: NewsPage) -> str:
        return item.feed_url

    def item_pubdate(self, item: NewsPage):
        return item.published_datetime

    def item_updateddate(self, item: NewsPage):
        return item.last_published_at or item.published_datetime

    def item_categories(self, item: NewsPage) -> list[str]:
        return [in_script(self._request(item), tag.name) for tag in item.tag_list()]

    def item_author_name(self, item: NewsPage) -> str | None:
        names = [org.name for org in item.organisations.all()]
        return in_script(self._request(item), ", ".join(names)) if names else None

    def item_enclosures(self, item: NewsPage) -> list:
        return []

    @staticmethod
    def _request(item: NewsPage) -> HttpRequest | None:
        return getattr(item, "feed_request", None)


class NewsAtomFeed(NewsFeed):
    """The 50 newest news items, as Atom."""

    feed_type = Atom1Feed
    kind = "atom"
