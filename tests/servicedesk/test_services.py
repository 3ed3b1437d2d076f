"""The service desk's writes: filing, SLA clock, work, resolution, audit and notices."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry

from infocentar.servicedesk import services, sla
from infocentar.servicedesk.models import (
    Category,
    Level,
    NonWorkingDay,
    Priority,
    SlaTarget,
    Status,
    Team,
    Ticket,
    TicketMessage,
    priority_for,
)

from .conftest import local

H = 3600


def test_priority_from_impact_and_urgency():
    assert priority_for(Level.HIGH, Level.HIGH) == Priority.CRITICAL
    assert priority_for(Level.HIGH, Level.MEDIUM) == Priority.HIGH
    assert priority_for(Level.MEDIUM, Level.MEDIUM) == Priority.MEDIUM
    assert priority_for(Level.LOW, Level.LOW) == Priority.LOW


def test_filing_sets_priority_sla_audit_and_notices(make_ticket, org_a, employee_a, printer_a, settings):
    settings.SERVICEDESK_STAFF_EMAIL = "podrska@ic.me"
    ticket = make_ticket(
        org_a, employee_a, impact=Level.HIGH, urgency=Level.HIGH, asset=printer_a, created_at=local(2026, 11, 24, 9)
    )
    assert ticket.priority == Priority.CRITICAL and ticket.status == Status.NEW
    assert ticket.response_target == H and ticket.resolution_target == 4 * H
    assert ticket.response_due_at == local(2026, 11, 24, 10)
    assert ticket.resolution_due_at == local(2026, 11, 24, 13)
    assert ticket.asset == printer_a and printer_a.tickets.get() == ticket
    entry = ModelLogEntry.objects.get(action="servicedesk.file")
    assert entry.object_id == str(ticket.pk) and entry.data["organisation_id"] == org_a.pk
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["podrska@ic.me", "zaposleni.a@vik.me"]
    to_requester = next(m for m in mail.outbox if m.to == ["zaposleni.a@vik.me"])
    assert f"[{ticket.reference}]" in to_requester.subject
    assert (
        f"http://testserver/podrska/{ticket.pk}/" in to_requester.body or f"/podrska/{ticket.pk}/" in to_requester.body
    )


def test_filing_refuses_bad_input_and_changes_nothing(org_a, org_b, employee_a, printer_b):
    with pytest.raises(ValidationError) as error:
        services.file_ticket(organisation=org_a, title=" ", description="", category="nonsense", requester=employee_a)
    assert set(error.value.message_dict) >= {"title", "description", "category"}
    with pytest.raises(ValidationError):
        services.file_ticket(organisation=org_a, title="T", description="D", asset=printer_b, requester=employee_a)
    assert not Ticket.objects.exists()


def test_attachments_are_checked_by_content(org_a, employee_a):
    fake = SimpleUploadedFile("racun.pdf", b"<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError) as error:
        services.file_ticket(organisation=org_a, title="T", description="D", requester=employee_a, attachments=[fake])
    assert "racun.pdf" in error.value.messages[0]
    assert not Ticket.objects.exists()
    pdf = SimpleUploadedFile("greska.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    ticket = services.file_ticket(
        organisation=org_a, title="T", description="D", requester=employee_a, attachments=[pdf]
    )
    assert ticket.attachments.get().name == "greska.pdf"


def test_sla_target_overrides_by_category_and_organisation(org_a, org_b):
    SlaTarget.objects.create(priority=Priority.MEDIUM, response_minutes=30, resolution_minutes=600)
    SlaTarget.objects.create(
        priority=Priority.MEDIUM, category=Category.NETWORK, response_minutes=20, resolution_minutes=300
    )
    SlaTarget.objects.create(priority=Priority.MEDIUM, organisation=org_a, response_minutes=10, resolution_minutes=120)
    assert sla.targets_for(Priority.MEDIUM, Category.HARDWARE, org_b.pk) == (30 * 60, 600 * 60)
    assert sla.targets_for(Priority.MEDIUM, Category.NETWORK, org_b.pk) == (20 * 60, 300 * 60)
    assert sla.targets_for(Priority.MEDIUM, Category.NETWORK, org_a.pk) == (10 * 60, 120 * 60)
    assert sla.targets_for(Priority.LOW, Category.NETWORK, org_a.pk) == (8 * H, 40 * H)


def test_days_off_move_the_due_time(make_ticket, org_a, employee_a):
    NonWorkingDay.objects.create(date=datetime.date(2026, 11, 25), name="Dan opštine")
    ticket = make_ticket(org_a, employee_a, impact=Level.HIGH, urgency=Level.MEDIUM, created_at=local(2026, 11, 24, 14))
    # high: 8 working hours; 1 h on the 24th, the 25th is off, 7 h on the 26th.
    assert ticket.resolution_due_at == local(2026, 11, 26, 14)


def test_waiting_for_the_requester_pauses_the_clock(ticket_a, it_staff, employee_a, time_machine):
    ticket = Ticket.objects.get(pk=ticket_a.pk)
    Ticket.objects.filter(pk=ticket.pk).update(created_at=local(2026, 11, 23, 8))
    ticket.refresh_from_db()
    sla.start_clock(ticket)
    ticket.save()
    due_before = ticket.resolution_due_at  # medium: 24 working hours from Mon 08:00 → Thu 08:00
    assert due_before == local(2026, 11, 26, 8)
    time_machine.move_to(local(2026, 11, 23, 10))
    ticket = services.change_status(ticket, Status.WAITING_REQUESTER, by=it_staff, message="Koji je model štampača?")
    assert ticket.paused_since is not None and ticket.first_response_at is not None
    assert sla.remaining(ticket).paused
    time_machine.move_to(local(2026, 11, 24, 10))  # a whole working day (8 h) later
    assert sla.remaining(ticket).seconds == sla.remaining(ticket, local(2026, 11, 23, 10)).seconds
    services.reply(ticket, by=employee_a, body="HP LaserJet M404.")
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS and ticket.paused_since is None
    assert ticket.paused_seconds == 8 * H
    assert ticket.resolution_due_at == local(2026, 11, 27, 8)


def test_resolution_within_sla_is_recorded(ticket_a, it_staff, time_machine):
    time_machine.move_to(ticket_a.created_at + datetime.timedelta(minutes=5))
    ticket = services.resolve(ticket_a, by=it_staff, resolution_category="fixed", note="Zamijenjen toner.")
    assert ticket.status == Status.RESOLVED and ticket.resolution_met is True
    assert ticket.resolution_seconds is not None and ticket.resolution_seconds <= ticket.resolution_target
    assert ticket.response_met is True


def test_optimistic_locking_refuses_a_stale_change(ticket_a, it_staff, it_staff_2):
    seen = ticket_a.version
    services.assign(ticket_a, by=it_staff, assignee=it_staff, expected_version=seen)
    with pytest.raises(services.ConcurrentEdit):
        services.assign(ticket_a, by=it_staff_2, assignee=it_staff_2, expected_version=seen)
    ticket_a.refresh_from_db()
    assert ticket_a.assignee == it_staff and ticket_a.status == Status.ASSIGNED


def test_only_it_staff_work_on_tickets(ticket_a, it_contact_a, employee_a):
    for user in (it_contact_a, employee_a):
        with pytest.raises(PermissionDenied):
            services.assign(ticket_a, by=user, assignee=None)
        with pytest.raises(PermissionDenied):
            services.add_note(ticket_a, by=user, body="x")


def test_tickets_are_assigned_only_to_it_staff(ticket_a, it_staff, employee_a):
    with pytest.raises(ValidationError):
        services.assign(ticket_a, by=it_staff, assignee=employee_a)


def test_assignment_notifies_the_assignee(ticket_a, it_staff, it_staff_2):
    mail.outbox.clear()
    team = Team.objects.create(name="Podrška korisnicima", lead=it_staff)
    services.assign(ticket_a, by=it_staff, assignee=it_staff_2, team=team)
    assert [m.to for m in mail.outbox] == [["it2@ic.me"], ["zaposleni.a@vik.me"]]
    assert "/admin/servicedesk/tickets/work/" in mail.outbox[0].body


def test_assignment_tells_the_requester_who_handles_the_request(ticket_a, it_staff, it_staff_2, settings):
    settings.SITE_URL = "https://infocentar.example.me"
    it_staff_2.first_name, it_staff_2.last_name = "Ana", "Vuković"
    it_staff_2.save()
    team = Team.objects.create(name="Podrška korisnicima", lead=it_staff)
    mail.outbox.clear()
    services.assign(ticket_a, by=it_staff, assignee=it_staff_2, team=team)
    to_requester = [m for m in mail.outbox if m.to == ["zaposleni.a@vik.me"]]
    assert len(to_requester) == 1
    message = to_requester[0]
    assert f"[{ticket_a.reference}]" in message.subject
    assert "Ana Vuković" in message.body and "Podrška korisnicima" in message.body
    assert "https://infocentar.example.me/podrska/" in message.body and f"/{ticket_a.pk}/" in message.body
    assert "/admin/" not in message.body

    # the same people again: no new notice; only a team: the team's name
    mail.outbox.clear()
    services.assign(ticket_a, by=it_staff, assignee=it_staff_2, team=team)
    assert not mail.outbox
    other = Team.objects.create(name="Mreža i serveri")
    services.assign(ticket_a, by=it_staff, assignee=None, team=other)
    [message] = [m for m in mail.outbox if m.to == ["zaposleni.a@vik.me"]]
    assert "Mreža i serveri" in message.body and "Ana Vuković" not in message.body


def test_requester_is_notified_of_replies_waiting_and_resolution(ticket_a, it_staff):
    mail.outbox.clear()
    services.reply(ticket_a, by=it_staff, body="Dolazimo u 11h.")
    services.change_status(ticket_a, Status.WAITING_REQUESTER, by=it_staff, message="Da li je uključen?")
    services.resolve(ticket_a, by=it_staff, resolution_category="fixed", note="Riješeno.")
    subjects = [m.subject for m in mail.outbox if m.to == ["zaposleni.a@vik.me"]]
    assert len(subjects) == 3
    assert all(f"[{ticket_a.reference}]" in s for s in subjects)


def test_waiting_requires_a_question(ticket_a, it_staff):
    with pytest.raises(ValidationError):
        services.change_status(ticket_a, Status.WAITING_REQUESTER, by=it_staff, message="")


def test_internal_notes_are_kept_apart(ticket_a, it_staff):
    note = services.add_note(ticket_a, by=it_staff, body="Toner na stanju: 0")
    assert note.kind == TicketMessage.Kind.NOTE and not note.is_public


def test_requester_confirms_or_reopens_within_the_period(
    ticket_a, it_staff, employee_a, employee_b, time_machine, settings
):
    settings.SERVICEDESK_CONFIRM_DAYS = 3
    services.resolve(ticket_a, by=it_staff, resolution_category="fixed", note="Riješeno.")
    ticket_a.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.reopen(ticket_a, by=employee_b, reason="x")
    ticket = services.reopen(ticket_a, by=employee_a, reason="I dalje ne štampa.")
    assert ticket.status == Status.IN_PROGRESS and ticket.reopened_count == 1 and ticket.resolved_at is None
    services.resolve(ticket, by=it_staff, resolution_category="replaced", note="Novi štampač.")
    ticket.refresh_from_db()
    time_machine.move_to(ticket.resolved_at + datetime.timedelta(days=4))
    with pytest.raises(ValidationError):
        services.reopen(ticket, by=employee_a, reason="Opet")
    ticket = services.confirm(ticket, by=employee_a)
    assert ticket.status == Status.CLOSED
    ticket = services.rate(ticket, by=employee_a, score=5, comment="Brzo i ljubazno.")
    assert ticket.satisfaction == 5


def test_rating_bad_values_are_refused(ticket_a, it_staff, employee_a):
    services.resolve(ticket_a, by=it_staff, resolution_category="fixed", note="Riješeno.")
    for bad in (0, 6, "pet", None):
        with pytest.raises(ValidationError):
            services.rate(ticket_a, by=employee_a, score=bad)


def test_merge_and_link(make_ticket, org_a, employee_a, it_staff):
    first = make_ticket(org_a, employee_a, title="Nema interneta")
    duplicate = make_ticket(org_a, employee_a, title="Internet ne radi")
    merged = services.merge(duplicate, first, by=it_staff)
    assert merged.status == Status.CLOSED and merged.merged_into == first and merged.resolution_category == "duplicate"
    assert duplicate in first.related.all()
    with pytest.raises(ValidationError):
        services.merge(first, first, by=it_staff)
    other = make_ticket(org_a, employee_a, title="Spor sistem")
    services.link(first, other, by=it_staff)
    assert first in other.related.all()
    services.unlink(first, other, by=it_staff)
    assert first not in other.related.all()
    assert (
        ModelLogEntry.objects.filter(action__in=["servicedesk.merge", "servicedesk.link", "servicedesk.unlink"]).count()
        == 3
    )


def test_every_change_is_audited_with_before_and_after(ticket_a, it_staff):
    services.change_status(ticket_a, Status.IN_PROGRESS, by=it_staff)
    entry = ModelLogEntry.objects.filter(action="servicedesk.status").get()
    assert entry.user == it_staff
    assert entry.data["changes"]["status"] == ["new", "in_progress"]


def test_reclassifying_retargets_the_sla(ticket_a, it_staff):
    ticket = services.update_ticket(
        ticket_a, by=it_staff, expected_version=ticket_a.version, impact=Level.HIGH, urgency=Level.HIGH
    )
    assert ticket.priority == Priority.CRITICAL and ticket.resolution_target == 4 * H


def test_open_ticket_contract_for_maintenance(org_a, printer_a):
    ticket = services.open_ticket(
        organisation=org_a,
        title="Zamjena baterija UPS-a",
        description="Redovno održavanje",
        category="hardware",
        asset=printer_a,
    )
    assert ticket.source == "maintenance" and ticket.asset == printer_a and ticket.priority == Priority.LOW


def test_requester_can_withdraw_but_not_others(ticket_a, employee_a, it_contact_a):
    with pytest.raises(PermissionDenied):
        services.cancel(ticket_a, by=it_contact_a, reason="x")
    ticket = services.cancel(ticket_a, by=employee_a, reason="Proradio je sam.")
    assert ticket.status == Status.CANCELLED


def test_only_the_requester_rates(ticket_a, it_staff, it_contact_a):
    services.resolve(ticket_a, by=it_staff, resolution_category="fixed", note="Riješeno.")
    for user in (it_contact_a, it_staff):
        with pytest.raises(PermissionDenied):
            services.rate(ticket_a, by=user, score=5)
