"""E-mail notices of the service desk: at the moments people expect, each with a link.

Requesters get links to the staff portal (/podrska/…), IT staff to the ticket's work page
in the admin. Every subject carries the ticket number ([SD-123]) so that a reply by e-mail
is appended to the ticket (see management command servicedesk_mail).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Ticket

logger = logging.getLogger(__name__)


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def requester_link(ticket: Ticket) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return absolute(ticket.get_portal_url())


def staff_link(ticket: Ticket) -> str:
    return absolute(ticket.get_admin_url())


def subject_for(ticket: Ticket, text: str) -> str:
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    return f"{prefix}[{ticket.reference}] {text}"


def _send(recipients: Iterable[str], subject: str, template: str, context: dict) -> int:
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(f"servicedesk/email/{template}.txt", context)
    sent = 0
    for address in recipients:
        message = EmailMultiAlternatives(subject=subject, body=body, to=[address])
        reply_to = getattr(settings, "SERVICEDESK_EMAIL_ADDRESS", "")
        if reply_to:
            message.reply_to = [reply_to]
        try:
            sent += message.send()
        except Exception:  # a mail server that is down must not undo the change
            logger.exception("Could not send the service desk notice %r to %s", subject, address)
    return sent


def _staff_addresses(ticket: Ticket) -> list[str]:
    """Who works on the ticket: the assignee, else the team, else the desk's address."""
    if ticket.assignee_id and ticket.assignee.email:
        return [ticket.assignee.email]
    if ticket.team_id:
        if ticket.team.email:
            return [ticket.team.email]
        return [u.email for u in ticket.team.members.all() if u.email]
    desk = getattr(settings, "SERVICEDESK_STAFF_EMAIL", "")
    return [desk] if desk else []


def _context(ticket: Ticket, **extra) -> dict:
    from . import sla

    return {
        "ticket": ticket,
        "requester_url": requester_link(ticket),
        "staff_url": staff_link(ticket),
        "remaining": sla.remaining(ticket),
        **extra,
    }


def ticket_filed(ticket: Ticket) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            [ticket.requester_address],
            subject_for(ticket, _("Your request has been received")),
            "filed",
            _context(ticket, for_staff=False),
        )
        _send(
            _staff_addresses(ticket),
            subject_for(ticket, _("New request: %(title)s") % {"title": ticket.title}),
            "filed",
            _context(ticket, for_staff=True),
        )


def ticket_assigned(ticket: Ticket) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        if ticket.assignee_id:
            _send(
                [ticket.assignee.email],
                subject_for(ticket, _("Assigned to you: %(title)s") % {"title": ticket.title}),
                "assigned",
                _context(ticket),
            )


def assigned_to_requester(ticket: Ticket) -> None:
    """The requester learns who works on their request (the person's name, or the team's)."""
    with translation.override(settings.LANGUAGE_CODE):
        person = ticket.assignee.get_full_name() if ticket.assignee_id else ""
        team = str(ticket.team) if ticket.team_id else ""
        address = ticket.requester_address
        if ticket.assignee_id and address and address == ticket.assignee.email:
            return  # one's own request: the assignment notice is enough
        _send(
            [address],
            subject_for(ticket, _("Your request is being handled")),
            "assigned_requester",
            _context(ticket, person=person, team=team),
        )


def replied(ticket: Ticket, text: str, *, to_requester: bool) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        if to_requester:
            _send(
                [ticket.requester_address],
                subject_for(ticket, _("New reply to your request")),
                "replied",
                _context(ticket, text=text, for_staff=False),
            )
        else:
            _send(
                _staff_addresses(ticket),
                subject_for(ticket, _("The requester replied: %(title)s") % {"title": ticket.title}),
                "replied",
                _context(ticket, text=text, for_staff=True),
            )


def waiting_on_requester(ticket: Ticket, text: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            [ticket.requester_address],
            subject_for(ticket, _("We need your answer")),
            "waiting",
            _context(ticket, text=text),
        )


def resolved(ticket: Ticket) -> None:
    from .services import confirm_days

    with translation.override(settings.LANGUAGE_CODE):
        _send(
            [ticket.requester_address],
            subject_for(ticket, _("Your request has been resolved")),
            "resolved",
            _context(ticket, days=confirm_days()),
        )


def escalation_warning(ticket: Ticket) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        return _send(
            _staff_addresses(ticket),
            subject_for(ticket, _("75%% of the resolution time has passed: %(title)s") % {"title": ticket.title}),
            "escalation",
            _context(ticket, breach=False),
        )


def manager_addresses(team=None) -> list[str]:
    """The team lead, or (without one) the Information Center's administrators."""
    if team is not None and team.lead_id and team.lead.email:
        return [team.lead.email]
    from infocentar.core.models import Membership, Role

    users = get_user_model().objects.filter(
        pk__in=Membership.objects.active().filter(role=Role.IC_ADMIN).values("user_id"), is_active=True
    )
    return [u.email for u in users if u.email]


def escalation_breach(ticket: Ticket, *, response: bool = False) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        text = (_("First response overdue: %(title)s") if response else _("Resolution time exceeded: %(title)s")) % {
            "title": ticket.title
        }
        return _send(
            manager_addresses(ticket.team),
            subject_for(ticket, text),
            "escalation",
            _context(ticket, breach=True, response=response),
        )


def digest(address: str, context: dict) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
        context = {**context, "dashboard_url": absolute(reverse("servicedesk_admin:dashboard"))}
        return _send([address], f"{prefix}{_('Service desk: daily digest')}", "digest", context)
