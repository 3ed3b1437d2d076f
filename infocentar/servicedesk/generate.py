"""Realistic tickets with their SLA history, for the demo (demo.py) and the benchmarks (bench.py).

Tickets are built directly (no notices, no audit entries: they are history, not changes
someone made now), with due moments, first responses and resolutions computed on the
working calendar, so the dashboard shows believable SLA outcomes.
"""

from __future__ import annotations

import datetime
import random

from . import workhours
from .models import (
    OPEN_STATUSES,
    PRIORITY_MATRIX,
    Category,
    Level,
    ResolutionCategory,
    Source,
    Status,
    Ticket,
)
from .sla import DEFAULT_TARGETS, WARN_FRACTION

SUBJECTS = {
    Category.HARDWARE: [
        ("Štampač ne štampa", "Štampač u kancelariji izbacuje prazne stranice od jutros."),
        ("Računar se ne pali", "Nakon nestanka struje računar ne reaguje na dugme za paljenje."),
        ("Monitor treperi", "Monitor povremeno treperi i gasi se na nekoliko sekundi."),
        ("UPS pišti", "UPS u server sali se oglašava zvučnim signalom."),
        ("Skener ne radi", "Skener ne prepoznaje dokument, javlja grešku na ekranu."),
    ],
    Category.SOFTWARE: [
        ("Ne otvara se Word", "Word se zatvara odmah nakon pokretanja."),
        ("Potrebna instalacija programa", "Molim instalaciju programa za obradu PDF dokumenata."),
        ("Greška pri štampi iz aplikacije", "Aplikacija za pisarnicu javlja grešku pri štampi rješenja."),
    ],
    Category.NETWORK: [
        ("Nema interneta", "U cijeloj kancelariji nema pristupa internetu."),
        ("Spora mreža", "Otvaranje dijeljenih foldera traje po nekoliko minuta."),
        ("Wi-Fi u sali ne radi", "Gosti na sastanku ne mogu da se povežu na bežičnu mrežu."),
    ],
    Category.ACCOUNTS: [
        ("Zaboravljena lozinka", "Ne mogu da se prijavim na računar, zaboravila sam lozinku."),
        ("Nalog za novog zaposlenog", "Molimo otvaranje naloga i e-pošte za novog saradnika."),
        ("Pristup dijeljenom folderu", "Potreban mi je pristup folderu odsjeka za budžet."),
    ],
    Category.WEBSITE: [
        ("Izmjena na sajtu", "Molimo objavu obavještenja na sajtu ustanove."),
        ("Sajt ne radi", "Sajt ustanove javlja grešku 500."),
    ],
    Category.DATA: [
        ("Izvještaj iz baze", "Potreban je izvještaj o broju predmeta po mjesecima."),
        ("Vraćanje obrisanog fajla", "Greškom je obrisan dokument sa dijeljenog diska."),
    ],
    Category.TRAINING: [
        ("Obuka za e-kancelariju", "Molimo obuku za dvoje novih zaposlenih za rad u e-kancelariji."),
    ],
    Category.OTHER: [
        ("Savjet za nabavku", "Koji laptop da predvidimo u planu nabavki za sljedeću godinu?"),
    ],
}
CATEGORY_WEIGHTS = {
    Category.HARDWARE: 30,
    Category.SOFTWARE: 18,
    Category.NETWORK: 15,
    Category.ACCOUNTS: 17,
    Category.WEBSITE: 6,
    Category.DATA: 6,
    Category.TRAINING: 4,
    Category.OTHER: 4,
}
LEVELS = [Level.HIGH, Level.MEDIUM, Level.MEDIUM, Level.LOW, Level.LOW]
SOURCES = [Source.PORTAL] * 6 + [Source.EMAIL] * 3 + [Source.PHONE] * 2 + [Source.ADMIN]
RESOLUTIONS = [c for c in ResolutionCategory.values if c != ResolutionCategory.DUPLICATE]
OPEN_CHOICES = [
    Status.NEW,
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.IN_PROGRESS,
    Status.WAITING_REQUESTER,
    Status.WAITING_SUPPLIER,
]


def _working_moment(rng: random.Random, day: datetime.date, cal: workhours.WorkCalendar) -> datetime.datetime:
    start = datetime.datetime.combine(day, datetime.time(7), tzinfo=cal.zone)
    moment = start + datetime.timedelta(minutes=rng.randint(0, 7 * 60 + 50))
    return workhours.add_working_seconds(moment, 0, cal)


def build_ticket(
    rng: random.Random,
    *,
    organisation_id: int,
    now: datetime.datetime,
    cal: workhours.WorkCalendar,
    max_age_days: int = 365,
    requester_id: int | None = None,
    assignee_ids: list[int] | None = None,
    team_ids: list[int] | None = None,
    status: str | None = None,
) -> Ticket:
    """One ticket filed within the last `max_age_days`, in a status that fits its age, with its SLA outcome."""
    category = rng.choices(list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values()))[0]
    title, description = rng.choice(SUBJECTS[category])
    impact, urgency = rng.choice(LEVELS), rng.choice(LEVELS)
    priority = PRIORITY_MATRIX[(impact, urgency)]
    response_target, resolution_target = (m * 60 for m in DEFAULT_TARGETS[priority])
    age = int(rng.triangular(0, max_age_days, max_age_days * 0.3))
    created = _working_moment(rng, (now - datetime.timedelta(days=age)).astimezone(cal.zone).date(), cal)
    if created > now:
        created = now - datetime.timedelta(minutes=rng.randint(5, 120))
    if status is None:
        if age > 21:
            status = rng.choices([Status.CLOSED, Status.CANCELLED, Status.RESOLVED], weights=[90, 6, 1])[0]
        elif age > 5:
            status = rng.choices([Status.CLOSED, Status.RESOLVED, *OPEN_CHOICES], weights=[55, 15, 2, 3, 10, 5, 5, 5])[
                0
            ]
        else:
            status = rng.choice([*OPEN_CHOICES, Status.RESOLVED])
    ticket = Ticket(
        organisation_id=organisation_id,
        requester_id=requester_id,
        requester_name="" if requester_id else rng.choice(["Ana Popović", "Marko Đukanović", "Ivana Radović"]),
        category=category,
        title=title,
        description=description,
        impact=impact,
        urgency=urgency,
        priority=priority,
        status=status,
        source=rng.choice(SOURCES),
        created_at=created,
        response_target=response_target,
        resolution_target=resolution_target,
    )
    ticket.priority_rank = {"critical": 1, "high": 2, "medium": 3, "low": 4}[priority]
    ticket.response_due_at = workhours.add_working_seconds(created, response_target, cal)
    ticket.resolution_due_at = workhours.add_working_seconds(created, resolution_target, cal)
    ticket.resolution_warn_at = workhours.add_working_seconds(created, int(resolution_target * WARN_FRACTION), cal)
    if status != Status.NEW and assignee_ids:
        ticket.assignee_id = rng.choice(assignee_ids)
    if status != Status.NEW and team_ids:
        ticket.team_id = rng.choice(team_ids)
    if status == Status.NEW:
        return ticket
    # First response: usually well within the target, sometimes late.
    late = rng.random() < 0.12
    response = int(response_target * (rng.uniform(1.05, 2.5) if late else rng.uniform(0.05, 0.95)))
    first = workhours.add_working_seconds(created, response, cal)
    if first <= now:
        ticket.first_response_at, ticket.response_seconds, ticket.response_met = first, response, not late
    elif status not in OPEN_STATUSES:
        ticket.first_response_at, ticket.response_seconds, ticket.response_met = now, response, not late
    if status in (Status.RESOLVED, Status.CLOSED):
        late = rng.random() < 0.15
        spent = int(resolution_target * (rng.uniform(1.05, 3.0) if late else rng.uniform(0.1, 0.98)))
        resolved = workhours.add_working_seconds(created, max(spent, response), cal)
        if resolved > now:
            resolved, spent = now, max(0, workhours.working_seconds_between(created, now, cal))
            late = spent > resolution_target
        ticket.resolved_at, ticket.resolution_seconds, ticket.resolution_met = resolved, spent, not late
        ticket.resolution_category = rng.choice(RESOLUTIONS)
        ticket.resolution_note = (
            "Riješeno na licu mjesta." if ticket.resolution_category == "fixed" else "Vidjeti odgovor."
        )
        if status == Status.CLOSED:
            ticket.closed_at = min(now, resolved + datetime.timedelta(days=rng.randint(0, 5)))
            if rng.random() < 0.45:
                ticket.satisfaction = rng.choices([5, 4, 3, 2, 1], weights=[50, 30, 10, 6, 4])[0]
        else:
            ticket.paused_since = resolved
    elif status == Status.CANCELLED:
        ticket.closed_at = min(now, created + datetime.timedelta(hours=rng.randint(1, 72)))
    elif status == Status.WAITING_REQUESTER:
        ticket.paused_since = max(ticket.first_response_at or created, now - datetime.timedelta(days=rng.randint(0, 3)))
    if status in OPEN_STATUSES and ticket.resolution_due_at <= now and ticket.paused_since is None:
        ticket.escalation_level = 2
    elif status in OPEN_STATUSES and ticket.resolution_warn_at <= now and ticket.paused_since is None:
        ticket.escalation_level = 1
    return ticket
