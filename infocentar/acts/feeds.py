"""RSS 2.0 and Atom feeds of new and changed acts: all of them, or per type, issuer and area
(?type=…&issuer=…&area=…); with ?adopted=1, only newly adopted acts, newest adoption first.

Under /cir/ the middleware leaves feeds alone (it transliterates only HTML),
so the feeds put their own text into Cyrillic there.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from infocentar.core.models import Organisation

from .models import Act, ActType

FEED_SIZE = 50


def _absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def _in_script(request, text: str) -> str:
    if text and getattr(request, "script", "latn") == "cyrl":
        from infocentar.core.script import to_cyrillic

        return to_cyrillic(text)
    return text


@dataclass
class FeedSource:
    request: HttpRequest
    act_type: str
    issuer: Organisation | None
    kind: str
    area: str = ""
    adopted: bool = False

    def params(self) -> str:
        values = {}
        if self.act_type:
            values["type"] = self.act_type
        if self.issuer is not None:
            values["issuer"] = self.issuer.slug
        if self.area:
            values["area"] = self.area
        if self.adopted:
            values["adopted"] = "1"
        return ("?" + urlencode(values)) if values else ""


class ActsFeed(Feed):
    """The 50 most recently added or changed public acts, as RSS 2.0."""

    feed_type = Rss201rev2Feed
    kind = "rss"

    def get_object(self, request: HttpRequest) -> FeedSource:
        act_type = request.GET.get("type", "")
        if act_type not in ActType.values:
            act_type = ""  # an unknown filter is ignored, as on the registry
        issuer = None
        slug = request.GET.get("issuer", "")[:100]
        if slug:
            issuer = Organisation.objects.filter(slug=slug).first()
        area = " ".join(request.GET.get("area", "").split())[:120]
        adopted = request.GET.get("adopted", "") in ("1", "true", "da")
        return FeedSource(request, act_type, issuer, self.kind, area=area, adopted=adopted)

    def title(self, obj: FeedSource) -> str:
        parts = [_("Adopted acts") if obj.adopted else _("Acts")]
        if obj.act_type:
            parts.append(str(ActType(obj.act_type).label))
        if obj.issuer is not None:
            parts.append(obj.issuer.name)
        if obj.area:
            parts.append(obj.area)
        return _in_script(obj.request, ": ".join([parts[0], ", ".join(parts[1:])]) if len(parts) > 1 else parts[0])

    def description(self, obj: FeedSource) -> str:
        if obj.adopted:
            return _in_script(obj.request, _("Acts of the municipality as they are adopted, newest first."))
        return _in_script(
            obj.request, _("New and changed acts of the municipality: drafts, adopted and published acts.")
        )

    subtitle = description

    def link(self, obj: FeedSource) -> str:
        return _absolute(reverse("acts-index") + obj.params())

    def feed_url(self, obj: FeedSource) -> str:
        return _absolute(reverse(f"acts-{obj.kind}") + obj.params())

    def items(self, obj: FeedSource):
        acts = Act.objects.public().select_related("issuer")
        if obj.act_type:
            acts = acts.filter(type=obj.act_type)
        if obj.issuer is not None:
            acts = acts.filter(issuer_id=obj.issuer.pk)
        if obj.area:
            acts = acts.filter(area__iexact=obj.area)
        if obj.adopted:
            acts = acts.filter(adoption_announced_at__isnull=False).order_by("-adoption_announced_at", "-id")
        else:
            acts = acts.order_by("-updated_at", "-id")
        items = list(acts[:FEED_SIZE])
        for item in items:  # the Feed object is shared between requests: the script travels with the items
            item.feed_request = obj.request
            item.feed_adopted = obj.adopted
        return items

    def item_title(self, item: Act) -> str:
        return _in_script(item.feed_request, item.title)

    def item_description(self, item: Act) -> str:
        status = item.get_status_display()
        text = f"{item.get_type_display()} · {item.issuer.name} · {status}"
        if item.gazette_issue:
            text += f" · {item.gazette_citation}"
        if item.summary:
            text += "\n" + item.summary
        return _in_script(item.feed_request, text)

    def item_link(self, item: Act) -> str:
        return _absolute(item.get_absolute_url())

    def item_guid(self, item: Act) -> str:
        if item.feed_adopted:  # one entry per adoption
            return f"{_absolute(item.get_absolute_url())}#adopted"
        # A change makes a new entry: readers see that the act changed (a new status, its publication).
        return f"{_absolute(item.get_absolute_url())}#{int(item.updated_at.timestamp())}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Act) -> datetime.datetime:
        return item.created_at

    def item_updateddate(self, item: Act) -> datetime.datetime:
        return item.updated_at

    def item_categories(self, item: Act) -> list[str]:
        return [str(item.get_type_display()), item.issuer.name] + ([item.area] if item.area else [])


class ActsAtomFeed(ActsFeed):
    feed_type = Atom1Feed
    kind = "atom"
