"""The act's public page shows its debates (acts.slots.register_act_panel)."""

from __future__ import annotations

from django.template.loader import render_to_string

from .models import Consultation


def debate_panel(request, act) -> str | None:
    debates = list(
        Consultation.objects.public()
        .filter(act_version__act_id=act.pk)
        .select_related("organisation", "act_version")
        .order_by("-starts_at")
    )
    if not debates:
        return None
    from .views import countdown

    for debate in debates:
        debate.countdown = countdown(debate)
    return render_to_string("consultations/act_panel.html", {"debates": debates, "act": act}, request=request)
