"""The acts' sections of shared pages: recently adopted acts on the home page, a body's acts on its page."""

from __future__ import annotations

from django.urls import reverse

from infocentar.core.home import register_section

from .models import Act, ActStatus

HOME_COUNT = 5
ADOPTED = (ActStatus.ADOPTED, ActStatus.PUBLISHED, ActStatus.IN_FORCE)


@register_section(slot="home", key="recent-acts", order=40, template="acts/home_section.html")
def recently_adopted_acts(request, obj=None) -> dict | None:
    """The five most recently adopted public acts; hidden when there are none."""
    items = list(
        Act.objects.public()
        .filter(status__in=ADOPTED, adopted_on__isnull=False)
        .for_listing()
        .order_by("-date", "-id")[:HOME_COUNT]
    )
    if not items:
        return None
    return {"items": items, "index_url": reverse("acts-index"), "rss_url": reverse("acts-rss")}


@register_section(slot="organisation", key="acts", order=35, template="acts/organisation_section.html")
def organisation_acts(request, obj=None) -> dict | None:
    if obj is None:
        return None
    items = list(Act.objects.public().filter(issuer_id=obj.pk).for_listing().order_by("-date", "-id")[:HOME_COUNT])
    if not items:
        return None
    return {
        "items": items,
        "organisation": obj,
        "all_url": reverse("acts-index") + f"?issuer={obj.slug}",
        "rss_url": reverse("acts-rss") + f"?issuer={obj.slug}",
    }
