"""Demo data of the service desk: teams, SLA targets and 320 tickets over the past year.

Tickets span every status with SLA outcomes (in time and late), public replies and internal
notes; requesters are the demo municipality's employees and IT contacts, assignees the
Information Center's IT staff. Run twice, it adds nothing.
"""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from infocentar.core.demo import report
from infocentar.core.models import IT_GLOBAL_ROLES, Membership, Organisation

from . import sla
from .generate import OPEN_CHOICES, build_ticket
from .models import Priority, SlaTarget, Status, Team, Ticket, TicketMessage

DEMO_TICKETS = 320
TEAMS = [("Korisnička podrška", "ic-admin"), ("Mreža i serveri", "it-podrska")]
REPLIES = [
    "Dobar dan, preuzeli smo zahtjev i javićemo se u toku dana.",
    "Kolega dolazi u Vašu kancelariju u 11 časova.",
    "Problem je otklonjen, molimo potvrdite da sve radi.",
]
NOTES = ["Provjereno na daljinu, potreban izlazak na teren.", "Naručen toner kod dobavljača.", "Vidi sličan zahtjev."]


@transaction.atomic
def seed(stdout, style) -> None:
    User = get_user_model()
    staff = list(User.objects.filter(memberships__role__in=IT_GLOBAL_ROLES, memberships__is_active=True).distinct())
    teams_created = 0
    for name, lead_username in TEAMS:
        team, created = Team.objects.get_or_create(
            name=name, defaults={"lead": User.objects.filter(username=lead_username).first()}
        )
        teams_created += created
        if created and staff:
            team.members.set(staff)
    report(stdout, style, "service desk teams", Team.objects.count(), teams_created)

    targets_created = 0
    for priority, category, response, resolution in (
        (Priority.CRITICAL, "network", 30, 180),
        (Priority.HIGH, "accounts", 60, 240),
    ):
        _target, created = SlaTarget.objects.get_or_create(
            priority=priority,
            category=category,
            organisation=None,
            defaults={"response_minutes": response, "resolution_minutes": resolution},
        )
        targets_created += created
    report(stdout, style, "SLA targets", SlaTarget.objects.count(), targets_created)

    have = Ticket.objects.count()
    if have >= DEMO_TICKETS:
        report(stdout, style, "tickets", have, 0)
        return
    organisations = list(Organisation.objects.active().exclude(is_information_center=True).values_list("pk", flat=True))
    if not organisations:
        return
    requesters: dict[int, list[int]] = {}
    for org_id, user_id in Membership.objects.active().values_list("organisation_id", "user_id"):
        requesters.setdefault(org_id, []).append(user_id)
    rng = random.Random(2026)
    cal = sla.calendar()
    now = timezone.now()
    staff_ids = [u.pk for u in staff]
    team_ids = list(Team.objects.values_list("pk", flat=True))
    # Every status at least a few times, then what the ages give.
    forced = [*OPEN_CHOICES, Status.NEW, Status.RESOLVED, Status.CANCELLED] * 3
    tickets = []
    for index in range(DEMO_TICKETS - have):
        # Organisations with known people get most tickets.
        org_id = (
            rng.choice([o for o in organisations if o in requesters] or organisations)
            if rng.random() < 0.7
            else rng.choice(organisations)
        )
        status = forced[index] if index < len(forced) else None
        ticket = build_ticket(
            rng,
            organisation_id=org_id,
            now=now,
            cal=cal,
            requester_id=rng.choice(requesters[org_id]) if org_id in requesters else None,
            assignee_ids=staff_ids,
            team_ids=team_ids,
            status=status,
            max_age_days=20 if status is not None else 365,
        )
        tickets.append(ticket)
    Ticket.objects.bulk_create(tickets, batch_size=500)
    saved = list(Ticket.objects.order_by("-pk")[: len(tickets)])
    messages = []
    for ticket in saved:
        if ticket.first_response_at:
            messages.append(
                TicketMessage(
                    ticket=ticket,
                    kind=TicketMessage.Kind.REPLY,
                    author_id=ticket.assignee_id,
                    body=rng.choice(REPLIES[:2]),
                    via="admin",
                    created_at=ticket.first_response_at,
                )
            )
        if ticket.status == Status.WAITING_REQUESTER:
            messages.append(
                TicketMessage(
                    ticket=ticket,
                    kind=TicketMessage.Kind.REPLY,
                    author_id=ticket.assignee_id,
                    body="Molimo pošaljite naziv modela i fotografiju greške.",
                    via="admin",
                    created_at=ticket.paused_since,
                )
            )
        if rng.random() < 0.3 and ticket.assignee_id:
            messages.append(
                TicketMessage(
                    ticket=ticket,
                    kind=TicketMessage.Kind.NOTE,
                    author_id=ticket.assignee_id,
                    body=rng.choice(NOTES),
                    via="admin",
                    created_at=ticket.first_response_at or ticket.created_at,
                )
            )
        if ticket.resolved_at:
            messages.append(
                TicketMessage(
                    ticket=ticket,
                    kind=TicketMessage.Kind.REPLY,
                    author_id=ticket.assignee_id,
                    body=ticket.resolution_note,
                    via="admin",
                    created_at=ticket.resolved_at,
                )
            )
    TicketMessage.objects.bulk_create(messages, batch_size=1000)
    report(stdout, style, "tickets", Ticket.objects.count(), len(tickets))
