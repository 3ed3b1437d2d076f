"""An act's life as a timeline: each step with its date, in order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from .models import Act, ActStatus

STEPS = [
    (ActStatus.DRAFT, "drafted_on", _("Draft fixed")),
    (ActStatus.PUBLIC_DEBATE, "debate_started_on", _("Public debate opened")),
    (ActStatus.PROPOSAL, "proposed_on", _("Proposal sent to the Assembly")),
    (ActStatus.ADOPTED, "adopted_on", _("Adopted")),
    (ActStatus.PUBLISHED, "published_on", _("Published in the Official Gazette")),
    (ActStatus.IN_FORCE, "entry_into_force", _("Entered into force")),
    (ActStatus.AMENDED, "amended_on", _("Amended")),
    (ActStatus.REPEALED, "repealed_on", _("Repealed")),
]


@dataclass
class Step:
    status: str
    label: str
    date: date | None
    current: bool
    future: bool


def timeline(act: Act, today: date | None = None) -> list[Step]:
    """The steps the act has dates for, in order; entry into force in the future is marked as upcoming."""
    today = today or date.today()
    steps = []
    for status, field, label in STEPS:
        value = getattr(act, field)
        if value is None and act.status != status:
            continue
        steps.append(
            Step(
                status=status,
                label=str(label),
                date=value,
                current=act.status == status,
                future=bool(value and value > today),
            )
        )
    return steps
