"""The home page's open debates (core.home)."""

from __future__ import annotations

from django.urls import reverse

from infocentar.core.home import register_section

from .models import Consultation, ConsultationStatus

HOME_COUNT = 4


@register_section(slot="home", key="open-debates", order=15, template="consultations/home_section.html")
def open_debates(request, obj=None) -> dict | None:
    """Up to four open debates, closing soonest first; hidden when none is open."""
    from .views import countdown

    items = list(
        Consultation.objects.public()
        .filter(status=ConsultationStatus.OPEN)
        .select_related("organisation")
        .order_by("ends_at", "pk")[:HOME_COUNT]
    )
    if not items:
        return None
    for item in items:
        item.countdown = countdown(item)
    return {"items": items, "index_url": reverse("consultations-index")}
