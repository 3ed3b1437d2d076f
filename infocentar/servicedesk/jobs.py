"""Periodic jobs of the service desk (registered in apps.py, run by `manage.py run_periodic`)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from . import notifications, services
from .models import OPEN_STATUSES, Status, Team, Ticket

BATCH = 500


def escalate() -> str:
    """Warn the assignee at 75% of the resolution time and the team lead at a breach (each once)."""
    now = timezone.now()
    running = Ticket.objects.filter(status__in=OPEN_STATUSES, paused_since__isnull=True).select_related(
        "organisation", "assignee", "team", "team__lead"
    )
    warned = breached = responses = 0
    for ticket in running.filter(escalation_level=0, resolution_warn_at__lte=now)[:BATCH]:
        if Ticket.objects.filter(pk=ticket.pk, escalation_level=0).update(escalation_level=1):
            notifications.escalation_warning(ticket)
            warned += 1
    for ticket in running.filter(escalation_level__lt=2, resolution_due_at__lte=now)[:BATCH]:
        if Ticket.objects.filter(pk=ticket.pk, escalation_level__lt=2).update(escalation_level=2):
            notifications.escalation_breach(ticket)
            breached += 1
    for ticket in running.filter(first_response_at__isnull=True, response_escalated=False, response_due_at__lte=now)[
        :BATCH
    ]:
        if Ticket.objects.filter(pk=ticket.pk, response_escalated=False).update(response_escalated=True):
            notifications.escalation_breach(ticket, response=True)
            responses += 1
    return f"{warned} warned, {breached} breached, {responses} without first response"


def auto_close() -> str:
    """Resolved tickets the requester neither confirmed nor reopened in time are closed."""
    limit = timezone.now() - datetime.timedelta(days=services.confirm_days())
    closed = 0
    for ticket in Ticket.objects.filter(status=Status.RESOLVED, resolved_at__lte=limit)[:BATCH]:
        services.close(ticket, reason=str(_closed_reason()))
        closed += 1
    return f"{closed} closed"


def _closed_reason():
    from django.utils.translation import gettext as _

    return _("Closed automatically: the requester did not reopen it in time.")


def digest_context(team: Team | None = None) -> dict:
    now = timezone.now()
    day_ago = now - datetime.timedelta(days=1)
    tickets = Ticket.objects.all()
    if team is not None:
        tickets = tickets.filter(team=team)
    open_tickets = tickets.filter(status__in=OPEN_STATUSES)
    overdue = (
        open_tickets.filter(resolution_due_at__lte=now)
        .select_related("organisation", "assignee")
        .order_by("resolution_due_at")
    )
    return {
        "team": team,
        "open_count": open_tickets.count(),
        "unassigned_count": open_tickets.filter(assignee__isnull=True).count(),
        "overdue_count": overdue.count(),
        "overdue": list(overdue[:20]),
        "filed_count": tickets.filter(created_at__gte=day_ago).count(),
        "resolved_count": tickets.filter(resolved_at__gte=day_ago).count(),
    }


def daily_digest() -> str:
    """A quiet daily summary for managers: team leads get their team's, administrators everything."""
    sent = 0
    leads = set()
    for team in Team.objects.select_related("lead").filter(lead__isnull=False):
        if team.lead.email:
            sent += notifications.digest(team.lead.email, digest_context(team))
            leads.add(team.lead.email)
    for address in notifications.manager_addresses(None):
        if address not in leads:
            sent += notifications.digest(address, digest_context(None))
    return f"{sent} digests sent"
