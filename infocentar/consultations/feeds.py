"""RSS of public debates, filterable by type of act, issuer and area (?vrsta=, ?organ=, ?oblast=)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import Consultation, ConsultationStatus
from .notifications import absolute

FEED_SIZE = 50


def _in_script(request, text: str) -> str:
    if text and getattr(request, "script", "latn") == "cyrl":
        from infocentar.core.script import to_cyrillic

        return to_cyrillic(text)
    return text


class ConsultationsFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request: HttpRequest):
        params = request.GET
        return {
            "request": request,
            "type": (params.get("vrsta") or "").strip()[:50],
            "organ": (params.get("organ") or "").strip()[:100],
            "area": (params.get("oblast") or "").strip()[:100],
        }

    def title(self, obj) -> str:
        return _in_script(obj["request"], _("Public debates"))

    def description(self, obj) -> str:
        return _in_script(obj["request"], _("New public debates on drafts of the municipality's acts."))

    def link(self, obj) -> str:
        return absolute(reverse("consultations-index"))

    def feed_url(self, obj) -> str:
        return absolute(obj["request"].get_full_path())

    def items(self, obj) -> list[Consultation]:
        debates = (
            Consultation.objects.public()
            .exclude(status=ConsultationStatus.PLANNED)
            .select_related("organisation", "act_version__act")
            .order_by("-starts_at", "-pk")
        )
        if obj["type"]:
            debates = debates.filter(act_version__act__type=obj["type"])
        if obj["organ"]:
            debates = debates.filter(act_version__act__issuer__slug=obj["organ"])
        if obj["area"]:
            debates = debates.filter(act_version__act__area__iexact=obj["area"])
        items = list(debates[:FEED_SIZE])
        for item in items:
            item.feed_request = obj["request"]
        return items

    def item_title(self, item: Consultation) -> str:
        return _in_script(item.feed_request, item.title)

    def item_description(self, item: Consultation) -> str:
        text = _("%(body)s, %(start)s – %(end)s. %(summary)s") % {
            "body": item.organisation.name,
            "start": item.starts_at.strftime("%d.%m.%Y."),
            "end": item.ends_at.strftime("%d.%m.%Y."),
            "summary": item.summary,
        }
        return _in_script(item.feed_request, text.strip())

    def item_link(self, item: Consultation) -> str:
        return absolute(item.get_absolute_url())

    def item_pubdate(self, item: Consultation):
        return item.opened_at or item.starts_at

    def item_author_name(self, item: Consultation) -> str:
        return _in_script(item.feed_request, item.organisation.name)
