"""Bench data of the service desk (found by bench.scenarios.autodiscover).

The ticket listing and the SLA dashboard are back-office pages (IT staff with MFA) and the tickets
API needs a token: the load generator sends anonymous GETs only, so those are measured by
`manage.py bench_servicedesk` (in-process: p50/p95 and query counts); see docs/guides/servicedesk.md.
"""

from __future__ import annotations

import random

from bench.data import generator


def make_tickets(count: int, rng: random.Random, organisation_ids: list[int], staff_ids: list[int] | None = None):
    from django.utils import timezone

    from infocentar.servicedesk import sla
    from infocentar.servicedesk.generate import build_ticket

    cal = sla.calendar()
    now = timezone.now()
    return [
        build_ticket(rng, organisation_id=rng.choice(organisation_ids), now=now, cal=cal, assignee_ids=staff_ids)
        for _i in range(count)
    ]


@generator(
    "servicedesk_tickets",
    "Tickets of the service desk over the past year, with SLA outcomes",
    small=5_000,
    large=200_000,
)
def servicedesk_tickets(count: int, rng: random.Random) -> int:
    from infocentar.core.models import Organisation
    from infocentar.servicedesk.models import Ticket

    organisation_ids = list(Organisation.objects.values_list("pk", flat=True))
    if not organisation_ids:
        return 0
    created = 0
    for start in range(0, count, 5000):
        batch = make_tickets(min(5000, count - start), rng, organisation_ids)
        Ticket.objects.bulk_create(batch, batch_size=1000)
        created += len(batch)
    return created
