"""Bench data and scenarios of the service desk (found by bench.scenarios.autodiscover).

The ticket listing and the SLA dashboard are back-office pages: their scenarios are signed in as the
demo's Information Center IT staff member (every organisation's tickets, MFA as after a real sign-in).
`manage.py bench_servicedesk` measures the same pages in-process (p50/p95 and query counts); see
docs/guides/servicedesk.md.
"""

from __future__ import annotations

import random
from urllib.parse import urlencode

from bench.data import generator
from bench.scenarios import scenario
from infocentar.inventory.bench import it_staff_email, refresh_statistics

LISTING = "/admin/servicedesk/tickets/"
DASHBOARD = "/admin/servicedesk/tickets/dashboard/"


def listing_paths(organisation_id: int) -> list[str]:
    """Filtered and sorted ticket listings, as IT staff use them (the working queue, a body's tickets...)."""
    variants = [
        {},  # newest first
        {"status": "new", "ordering": "resolution_due_at"},  # the queue: what is due first
        {"status": "in_progress", "ordering": "-priority_rank"},
        {"organisation": organisation_id, "ordering": "-created_at"},
        {"category": "hardware", "priority": "high", "ordering": "resolution_due_at"},
        {"status": "closed", "ordering": "organisation__name", "p": 5},
        {"response_met": "false", "ordering": "-created_at", "p": 3},
        {"ordering": "-priority_rank"},
    ]
    return [LISTING + ("?" + urlencode(params) if params else "") for params in variants]


def _busy_organisation_id() -> int | None:
    from infocentar.servicedesk.models import Ticket

    return Ticket.objects.order_by("-id").values_list("organisation_id", flat=True).first()


@scenario(
    "tickets_listing",
    "The back office's ticket listing, filtered and sorted 8 ways (IT staff: every organisation)",
    user=it_staff_email,
)
def tickets_listing() -> list[str]:
    organisation_id = _busy_organisation_id()
    return listing_paths(organisation_id) if organisation_id else []


@scenario(
    "sla_dashboard",
    "The service desk's SLA dashboard: every organisation, one organisation, one team",
    user=it_staff_email,
)
def sla_dashboard() -> list[str]:
    from infocentar.servicedesk.models import Team

    paths = [DASHBOARD]
    organisation_id = _busy_organisation_id()
    if organisation_id:
        paths.append(f"{DASHBOARD}?organisation={organisation_id}")
    team_id = Team.objects.order_by("pk").values_list("pk", flat=True).first()
    if team_id:
        paths.append(f"{DASHBOARD}?team={team_id}")
    return paths


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
    refresh_statistics(Ticket)
    return created
