"""E-mail intake with real .eml files: new tickets, replies by ticket number, strangers refused."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.management import call_command

from infocentar.servicedesk import services
from infocentar.servicedesk.mail import process_message, strip_quoted
from infocentar.servicedesk.models import Status, Ticket

EML = Path(__file__).parent / "eml"


def test_a_known_employee_files_by_email(employee_a, org_a):
    outcome = process_message((EML / "new_request.eml").read_bytes())
    assert outcome.action == "created"
    ticket = Ticket.objects.get()
    assert ticket.title == "Štampač u sobi 12 ne radi" and ticket.source == "email"
    assert ticket.requester == employee_a and ticket.organisation == org_a
    assert "prazne stranice" in ticket.description
    assert [a.name for a in ticket.attachments.all()] == ["greska.pdf"]  # the HTML file was refused
    assert "zlo.html" in ticket.description


def test_a_reply_with_the_number_is_appended_and_resumes_the_clock(ticket_a, it_staff, employee_a):
    services.change_status(ticket_a, Status.WAITING_REQUESTER, by=it_staff, message="Koji je model?")
    raw = (EML / "reply.eml").read_text().replace("{pk}", str(ticket_a.pk)).encode()
    stdout = io.StringIO()
    path = EML.parent / f"_reply_{ticket_a.pk}.eml"
    path.write_bytes(raw)
    try:
        call_command("servicedesk_mail", file=str(path), stdout=stdout)
    finally:
        path.unlink()
    assert f"replied {ticket_a.reference}" in stdout.getvalue()
    ticket_a.refresh_from_db()
    message = ticket_a.messages.filter(via="email").get()
    assert message.body == "Model je HP LaserJet M404." and message.from_requester
    assert ticket_a.status == Status.IN_PROGRESS and ticket_a.paused_since is None


def test_strangers_and_automatic_replies_are_refused(ticket_a):
    assert process_message((EML / "stranger.eml").read_bytes()).action == "refused"
    assert process_message((EML / "autoreply.eml").read_bytes()).action == "ignored"
    assert Ticket.objects.count() == 1 and not ticket_a.messages.filter(via="email").exists()


def test_someone_else_cannot_write_into_a_ticket_by_quoting_its_number(ticket_a, employee_b):
    raw = (
        (EML / "reply.eml")
        .read_text()
        .replace("{pk}", str(ticket_a.pk))
        .replace("zaposleni.a@vik.me", "zaposleni.b@czk.me")
    )
    outcome = process_message(raw.encode())
    # Filed as a new ticket of the sender's own organisation, not appended to the other one.
    assert outcome.action == "created" and outcome.ticket.organisation == employee_b.memberships.get().organisation
    assert not ticket_a.messages.filter(via="email").exists()


def test_quoted_text_is_stripped():
    assert strip_quoted("Hvala\n\nOn Mon, X wrote:\n> staro") == "Hvala"
    assert strip_quoted("Da\n> citat\nkraj") == "Da\nkraj"
