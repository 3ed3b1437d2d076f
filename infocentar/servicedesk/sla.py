"""The SLA of a ticket: its targets, its clock (with pauses) and what is left of it.

The working calendar comes from settings (SERVICEDESK_TIME_ZONE, SERVICEDESK_WORKING_DAYS,
SERVICEDESK_WORKING_HOURS), Montenegro's public holidays and the NonWorkingDay records; the
arithmetic is in `workhours` (pure). Targets: the most specific SlaTarget (organisation and
category, organisation, category, any) or the defaults below.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from . import workhours
from .models import NonWorkingDay, Priority, SlaTarget, Ticket

# (first response, resolution) in working minutes, when no SlaTarget applies.
DEFAULT_TARGETS: dict[str, tuple[int, int]] = {
    Priority.CRITICAL: (60, 4 * 60),
    Priority.HIGH: (2 * 60, 8 * 60),
    Priority.MEDIUM: (4 * 60, 3 * 8 * 60),
    Priority.LOW: (8 * 60, 5 * 8 * 60),
}
WARN_FRACTION = 0.75
_CALENDAR_TTL = 300
_calendar_cache: dict[str, object] = {}


def _parse_time(value: str) -> datetime.time:
    return datetime.time.fromisoformat(value)


def build_calendar() -> workhours.WorkCalendar:
    hours = getattr(settings, "SERVICEDESK_WORKING_HOURS", ("07:00", "15:00"))
    days_off, working_days = set(), set()
    for day, is_working in NonWorkingDay.objects.values_list("date", "is_working_day"):
        (working_days if is_working else days_off).add(day)
    return workhours.WorkCalendar.standard(
        time_zone=getattr(settings, "SERVICEDESK_TIME_ZONE", workhours.DEFAULT_TIME_ZONE),
        days=getattr(settings, "SERVICEDESK_WORKING_DAYS", workhours.DEFAULT_DAYS),
        start=_parse_time(hours[0]),
        end=_parse_time(hours[1]),
        extra_days_off=days_off,
        extra_working_days=working_days,
    )


def calendar() -> workhours.WorkCalendar:
    """The working calendar, cached in the process for a few minutes (and cleared when days off change)."""
    cached = _calendar_cache.get("value")
    if cached is None or time.monotonic() - _calendar_cache["at"] > _CALENDAR_TTL:
        cached = build_calendar()
        _calendar_cache.update(value=cached, at=time.monotonic())
    return cached


def clear_calendar_cache(*args, **kwargs) -> None:
    _calendar_cache.clear()


def targets_for(priority: str, category: str, organisation_id: int | None) -> tuple[int, int]:
    """(response, resolution) in working seconds for a ticket of this kind."""
    candidates = list(
        SlaTarget.objects.filter(priority=priority, category__in=["", category]).filter(
            organisation_id__in=[organisation_id] if organisation_id else []
        )
    ) + list(SlaTarget.objects.filter(priority=priority, category__in=["", category], organisation__isnull=True))

    def rank(target: SlaTarget) -> tuple[int, int]:
        return (0 if target.organisation_id else 1, 0 if target.category else 1)

    if candidates:
        best = min(candidates, key=rank)
        return best.response_minutes * 60, best.resolution_minutes * 60
    response, resolution = DEFAULT_TARGETS.get(priority, DEFAULT_TARGETS[Priority.MEDIUM])
    return response * 60, resolution * 60


def start_clock(ticket: Ticket, *, cal: workhours.WorkCalendar | None = None) -> None:
    """Set the targets and due moments from the ticket's priority (counted from when it was filed)."""
    cal = cal or calendar()
    ticket.response_target, ticket.resolution_target = targets_for(
        ticket.priority, ticket.category, ticket.organisation_id
    )
    _set_due(ticket, cal)


def _set_due(ticket: Ticket, cal: workhours.WorkCalendar) -> None:
    start = ticket.created_at
    ticket.response_due_at = workhours.add_working_seconds(start, ticket.response_target, cal)
    spent_paused = ticket.paused_seconds
    ticket.resolution_due_at = workhours.add_working_seconds(start, ticket.resolution_target + spent_paused, cal)
    ticket.resolution_warn_at = workhours.add_working_seconds(
        start, int(ticket.resolution_target * WARN_FRACTION) + spent_paused, cal
    )


def retarget(ticket: Ticket) -> None:
    """The priority or category changed: new targets, counted from the start, pauses kept."""
    start_clock(ticket)
    if ticket.escalation_level and ticket.resolution_warn_at and ticket.resolution_warn_at > timezone.now():
        ticket.escalation_level = 0


def pause(ticket: Ticket, now: datetime.datetime) -> None:
    if ticket.paused_since is None:
        ticket.paused_since = now


def resume(ticket: Ticket, now: datetime.datetime, *, cal: workhours.WorkCalendar | None = None) -> None:
    """The clock runs again: the working time of the pause moves the due moments on."""
    if ticket.paused_since is None:
        return
    cal = cal or calendar()
    paused = max(0, workhours.working_seconds_between(ticket.paused_since, now, cal))
    ticket.paused_seconds += paused
    ticket.paused_since = None
    if ticket.resolution_due_at:
        ticket.resolution_due_at = workhours.add_working_seconds(ticket.resolution_due_at, paused, cal)
    if ticket.resolution_warn_at:
        ticket.resolution_warn_at = workhours.add_working_seconds(ticket.resolution_warn_at, paused, cal)


def record_first_response(ticket: Ticket, now: datetime.datetime) -> None:
    if ticket.first_response_at is not None:
        return
    ticket.first_response_at = now
    ticket.response_seconds = max(0, workhours.working_seconds_between(ticket.created_at, now, calendar()))
    ticket.response_met = ticket.response_seconds <= ticket.response_target


def record_resolution(ticket: Ticket, now: datetime.datetime) -> None:
    """Called when the ticket is resolved (before the clock is paused for confirmation)."""
    cal = calendar()
    if ticket.paused_since is not None:
        resume(ticket, now, cal=cal)
    ticket.resolved_at = now
    elapsed = workhours.working_seconds_between(ticket.created_at, now, cal) - ticket.paused_seconds
    ticket.resolution_seconds = max(0, elapsed)
    ticket.resolution_met = ticket.resolution_seconds <= ticket.resolution_target
    if ticket.first_response_at is None:
        record_first_response(ticket, now)


@dataclass(frozen=True)
class Remaining:
    """What is left of a ticket's SLA, for showing it."""

    seconds: int | None  # working seconds until the resolution is due (negative: overdue)
    paused: bool
    met: bool | None  # for a resolved ticket: whether it was resolved in time
    response_seconds: int | None  # until the first response is due, while there has been none

    @property
    def overdue(self) -> bool:
        return self.seconds is not None and self.seconds < 0

    @property
    def text(self) -> str:
        if self.seconds is None:
            return "—"
        return workhours.format_duration(self.seconds, seconds_per_day())

    @property
    def response_text(self) -> str:
        if self.response_seconds is None:
            return ""
        return workhours.format_duration(self.response_seconds, seconds_per_day())


def seconds_per_day() -> int:
    return calendar().seconds_per_day() or 8 * 3600


def remaining(ticket: Ticket, now: datetime.datetime | None = None) -> Remaining:
    now = now or timezone.now()
    if ticket.status in ("resolved", "closed", "cancelled") or ticket.resolution_due_at is None:
        return Remaining(None, False, ticket.resolution_met, None)
    cal = calendar()
    at = ticket.paused_since or now
    seconds = workhours.working_seconds_between(at, ticket.resolution_due_at, cal)
    response = None
    if ticket.first_response_at is None and ticket.response_due_at is not None:
        response = workhours.working_seconds_between(at, ticket.response_due_at, cal)
    return Remaining(seconds, ticket.paused_since is not None, None, response)
