"""The news sections of shared pages: the home page's latest news, and a body's news on its page."""

from __future__ import annotations

from django.urls import reverse

from infocentar.core.home import register_section
from infocentar.core.memo import memo

from .models import ORGANISATION_PARAM, NewsIndexPage, NewsPage

HOME_COUNT = 6
ORGANISATION_COUNT = 5


def _index_url(request) -> str:
    index = memo(("news.index-page",), lambda: NewsIndexPage.objects.live().public().order_by("path").first())
    return (index.get_url(request) or "") if index is not None else ""


@register_section(slot="home", key="latest-news", order=20, template="news/home_section.html")
def latest_news(request, obj=None) -> dict | None:
    """The six newest news items; hidden when there are none."""
    items = memo(("news.latest", HOME_COUNT), lambda: list(NewsPage.objects.live().public().for_listing()[:HOME_COUNT]))
    if not items:
        return None
    return {"items": items, "index_url": _index_url(request), "rss_url": reverse("news-rss")}


@register_section(slot="organisation", key="news", order=20, template="news/organisation_section.html")
def organisation_news(request, obj=None) -> dict | None:
    """A body's five newest news items, with links to all of them and to its feed; hidden when none."""
    if obj is None:
        return None
    items = list(NewsPage.objects.live().public().filter(organisations=obj.pk).for_listing()[:ORGANISATION_COUNT])
    if not items:
        return None
    index_url = _index_url(request)
    return {
        "items": items,
        "organisation": obj,
        "index_url": f"{index_url}?{ORGANISATION_PARAM}={obj.slug}" if index_url else "",
        "rss_url": reverse("news-rss-organisation", args=[obj.slug]),
    }
