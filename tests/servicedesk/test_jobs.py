"""Periodic jobs: escalations at 75% and at the breach, auto-close, the daily digest."""

from __future__ import annotations

import datetime

from django.core import mail
from django.core.management import call_command

from infocentar.core.models import PeriodicRun
from infocentar.servicedesk import jobs, services
from infocentar.servicedesk.models import Status, Team, Ticket

from ..factories import member_of
from .conftest import local


def test_escalations_warn_the_assignee_then_the_team_lead_once(
    make_ticket, org_a, employee_a, it_staff, it_staff_2, information_center, time_machine
):
    it_staff.email = "vodja@ic.me"
    it_staff.save()
    team = Team.objects.create(name="Mreža", lead=it_staff)
    ticket = make_ticket(org_a, employee_a, impact="high", urgency="high", created_at=local(2026, 11, 24, 8))
    services.assign(ticket, by=it_staff, assignee=it_staff_2, team=team)
    services.reply(ticket, by=it_staff_2, body="Radimo na tome.")  # first response in time
    mail.outbox.clear()
    # critical: 4 working hours → warning at 11:00, breach at 12:00.
    time_machine.move_to(local(2026, 11, 24, 10, 30))
    assert jobs.escalate().startswith("0 warned")
    time_machine.move_to(local(2026, 11, 24, 11, 5))
    assert jobs.escalate().startswith("1 warned, 0 breached")
    assert [m.to for m in mail.outbox] == [["it2@ic.me"]]
    assert jobs.escalate().startswith("0 warned, 0 breached")
    time_machine.move_to(local(2026, 11, 24, 12, 5))
    assert "1 breached" in jobs.escalate()
    assert mail.outbox[-1].to == ["vodja@ic.me"] and ticket.reference in mail.outbox[-1].subject
    jobs.escalate()
    assert len(mail.outbox) == 2


def test_a_paused_ticket_is_not_escalated(make_ticket, org_a, employee_a, it_staff, time_machine):
    ticket = make_ticket(org_a, employee_a, impact="high", urgency="high", created_at=local(2026, 11, 24, 8))
    time_machine.move_to(local(2026, 11, 24, 8, 30))
    services.change_status(ticket, Status.WAITING_REQUESTER, by=it_staff, message="?")
    time_machine.move_to(local(2026, 11, 25, 14))
    assert jobs.escalate() == "0 warned, 0 breached, 0 without first response"


def test_auto_close_after_the_confirmation_period(ticket_a, it_staff, settings, time_machine):
    settings.SERVICEDESK_CONFIRM_DAYS = 2
    services.resolve(ticket_a, by=it_staff, resolution_category="fixed", note="Gotovo")
    ticket_a.refresh_from_db()
    time_machine.move_to(ticket_a.resolved_at + datetime.timedelta(days=1))
    assert jobs.auto_close() == "0 closed"
    time_machine.move_to(ticket_a.resolved_at + datetime.timedelta(days=2, minutes=1))
    assert jobs.auto_close() == "1 closed"
    assert Ticket.objects.get(pk=ticket_a.pk).status == Status.CLOSED


def test_daily_digest_for_managers(ticket_a, ticket_b, information_center):
    admin = member_of("sef-ic", information_center, "ic_admin", email="sef@ic.me")
    mail.outbox.clear()
    assert jobs.daily_digest() == "1 digests sent"
    assert mail.outbox[0].to == [admin.email] and "2" in mail.outbox[0].body


def test_run_periodic_runs_the_service_desk_jobs(ticket_a):
    call_command("run_periodic", force=True)
    names = set(PeriodicRun.objects.filter(name__startswith="servicedesk.").values_list("name", flat=True))
    assert names == {"servicedesk.escalate", "servicedesk.auto_close", "servicedesk.digest"}
    assert PeriodicRun.objects.filter(name__startswith="servicedesk.", last_ok=False).count() == 0
