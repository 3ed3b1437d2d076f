"""Every write to tickets goes through here: validated, audited, optimistic-locked, notified.

Each change takes the version of the ticket the person saw (`expected_version`); when
someone else changed the ticket meanwhile, `ConcurrentEdit` is raised and nothing is
saved, so two IT staff never overwrite each other silently.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infocentar.core import audit
from infocentar.core.models import IT_GLOBAL_ROLES, Organisation
from infocentar.core.scoping import is_global, visible_organisation_ids

from . import notifications, sla
from .models import (
    FINAL_STATUSES,
    OPEN_STATUSES,
    PAUSED_STATUSES,
    Category,
    Level,
    ResolutionCategory,
    Source,
    Status,
    Team,
    Ticket,
    TicketAttachment,
    TicketMessage,
    priority_for,
)

MAX_ATTACHMENTS = 10


class ConcurrentEdit(Exception):
    """The ticket changed since the person loaded it."""

    def __init__(self, ticket: Ticket) -> None:
        super().__init__(
            _("%(ticket)s was changed by someone else meanwhile. Reload it, check the changes and try again.")
            % {"ticket": ticket.reference}
        )
        self.ticket = ticket


# --- who may do what ------------------------------------------------------------------------


def is_it_staff(user) -> bool:
    """Information Center IT staff (and administrators): they work on every ticket."""
    return is_global(user, IT_GLOBAL_ROLES)


def filing_organisations(user):
    """Organisations the user may file a ticket for: where they are a member (any role)."""
    ids = visible_organisation_ids(user, global_roles=IT_GLOBAL_ROLES)
    if ids is None:
        return Organisation.objects.active()
    return Organisation.objects.active().filter(pk__in=ids)


def may_file_tickets(user) -> bool:
    """Whether the user may file a request on the staff portal (the site header links to it for them).

    Costs the user's memberships (read once per request) and, for members, one EXISTS query."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_it_staff(user) or filing_organisations(user).exists()


def can_follow(user, ticket: Ticket) -> bool:
    """The requester, the organisation's IT contacts and IT staff."""
    if is_it_staff(user):
        return True
    return Ticket.objects.for_requester(user).filter(pk=ticket.pk).exists()


def _require_staff(user) -> None:
    if not is_it_staff(user):
        raise PermissionDenied(_("Only Information Center IT staff can do this."))


# --- attachments ------------------------------------------------------------------------------


def check_attachments(files: Iterable) -> list:
    """Uploaded files as they may be stored (checked by content), or ValidationError naming the file."""
    from infocentar.documents import uploads

    files = [f for f in files if f]
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(_("At most %(count)s files can be attached at once.") % {"count": MAX_ATTACHMENTS})
    checked = []
    for uploaded in files:
        try:
            checked.append(uploads.check_document(uploaded))
        except ValidationError as error:
            raise ValidationError(
                _("%(name)s: %(problem)s") % {"name": uploaded.name, "problem": " ".join(error.messages)}
            ) from error
    return checked


def _store_attachments(ticket: Ticket, files: Iterable, *, by, message=None, internal=False) -> None:
    for uploaded in files:
        TicketAttachment.objects.create(
            ticket=ticket,
            message=message,
            file=uploaded,
            name=uploaded.name[:255],
            size=uploaded.size or 0,
            uploaded_by=by if getattr(by, "is_authenticated", False) else None,
            is_internal=internal,
        )


# --- the locked change ----------------------------------------------------------------------------


def _change(
    ticket: Ticket,
    *,
    by,
    action: str,
    expected_version: int | None,
    mutate: Callable[[Ticket], object],
    extra: dict | None = None,
) -> Ticket:
    with transaction.atomic():
        current = Ticket.objects.select_for_update().select_related("organisation").get(pk=ticket.pk)
        if expected_version is not None and current.version != int(expected_version):
            raise ConcurrentEdit(current)
        before = audit.snapshot(current)
        mutate(current)
        current.version += 1
        current.save()
        audit.record(
            current, action, _user(by), before=before, after=audit.snapshot(current), title=str(current), extra=extra
        )
    return current


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


def _event(ticket: Ticket, text: str, *, by=None, internal: bool = False) -> TicketMessage:
    return TicketMessage.objects.create(
        ticket=ticket,
        kind=TicketMessage.Kind.NOTE if internal else TicketMessage.Kind.EVENT,
        author=_user(by),
        body=text,
        via=Source.ADMIN,
    )


def _set_status(ticket: Ticket, status: str, now: datetime.datetime) -> None:
    """Move the status, and the SLA clock with it (paused while waiting for the requester or resolved)."""
    if status in PAUSED_STATUSES:
        sla.pause(ticket, now)
    elif ticket.paused_since is not None:
        sla.resume(ticket, now)
    ticket.status = status


# --- filing ---------------------------------------------------------------------------------------


def file_ticket(
    *,
    organisation: Organisation,
    title: str,
    description: str,
    category: str = Category.OTHER,
    impact: str = Level.MEDIUM,
    urgency: str = Level.MEDIUM,
    requester=None,
    requester_name: str = "",
    requester_email: str = "",
    requester_phone: str = "",
    asset=None,
    information_system=None,
    source: str = Source.PORTAL,
    by=None,
    attachments: Iterable = (),
    created_at: datetime.datetime | None = None,
    notify: bool = True,
) -> Ticket:
    """A new ticket with its SLA clock started; the requester and the IT staff are told."""
    title, description = (title or "").strip(), (description or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Give the request a short title.")
    if not description:
        errors["description"] = _("Describe what happened or what you need.")
    if category not in Category.values:
        errors["category"] = _("Choose a category from the list.")
    if impact not in Level.values or urgency not in Level.values:
        errors["impact"] = _("Choose the impact and the urgency from the list.")
    if asset is not None and asset.organisation_id != organisation.pk:
        errors["asset"] = _("This equipment belongs to another organisation.")
    if information_system is not None and information_system.organisation_id != organisation.pk:
        errors["information_system"] = _("This information system belongs to another organisation.")
    if errors:
        raise ValidationError(errors)
    files = check_attachments(attachments)
    with transaction.atomic():
        ticket = Ticket(
            organisation=organisation,
            requester=requester,
            requester_name=requester_name[:150],
            requester_email=requester_email,
            requester_phone=requester_phone[:60],
            category=category,
            asset=asset,
            information_system=information_system,
            title=title[:200],
            description=description,
            impact=impact,
            urgency=urgency,
            priority=priority_for(impact, urgency),
            source=source,
            created_by=_user(by),
            created_at=created_at or timezone.now(),
        )
        sla.start_clock(ticket)
        ticket.save()
        _store_attachments(ticket, files, by=by)
        audit.record(
            ticket,
            "servicedesk.file",
            _user(by),
            before=None,
            after=audit.snapshot(ticket),
            title=str(ticket),
            extra={"source": source},
        )
    if notify:
        notifications.ticket_filed(ticket)
    return ticket


def open_ticket(
    *,
    organisation,
    title: str,
    description: str,
    category: str,
    asset=None,
    requester=None,
    source: str = Source.MAINTENANCE,
    by=None,
) -> Ticket:
    """A ticket opened by another part of the system (inventory's maintenance schedules)."""
    return file_ticket(
        organisation=organisation,
        title=title,
        description=description,
        category=category if category in Category.values else Category.OTHER,
        impact=Level.MEDIUM,
        urgency=Level.LOW,
        asset=asset,
        requester=requester,
        source=source,
        by=by,
    )


# --- classification -----------------------------------------------------------------------------------

EDITABLE_FIELDS = ("title", "description", "category", "impact", "urgency", "asset", "information_system")


def update_ticket(ticket: Ticket, *, by, expected_version: int | None, **changes) -> Ticket:
    """Change what the ticket is about (title, description, category, impact, urgency, equipment)."""
    _require_staff(by)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    asset, system = changes.get("asset"), changes.get("information_system")
    if asset is not None and asset.organisation_id != ticket.organisation_id:
        raise ValidationError({"asset": _("This equipment belongs to another organisation.")})
    if system is not None and system.organisation_id != ticket.organisation_id:
        raise ValidationError({"information_system": _("This information system belongs to another organisation.")})

    def mutate(t: Ticket) -> None:
        for name, value in changes.items():
            setattr(t, name, value)
        new_priority = priority_for(t.impact, t.urgency)
        if new_priority != t.priority or "category" in changes:
            t.priority = new_priority
            sla.retarget(t)

    return _change(ticket, by=by, action="servicedesk.edit", expected_version=expected_version, mutate=mutate)


# --- work ---------------------------------------------------------------------------------------------


def assign(ticket: Ticket, *, by, assignee=None, team: Team | None = None, expected_version=None) -> Ticket:
    """Give the ticket to a staff member and/or a team; a new ticket becomes "assigned"."""
    _require_staff(by)
    if assignee is not None and not is_it_staff(assignee):
        raise ValidationError({"assignee": _("Tickets can be assigned only to Information Center IT staff.")})
    if ticket.status in FINAL_STATUSES:
        raise ValidationError(_("A closed or cancelled ticket cannot be assigned."))
    before = {}

    def mutate(t: Ticket) -> None:
        before["assignee"], before["team"] = t.assignee_id, t.team_id  # read from the locked row
        t.assignee, t.team = assignee, team
        if t.status == Status.NEW and (assignee or team):
            t.status = Status.ASSIGNED
        who = (assignee.get_full_name() or assignee.get_username()) if assignee else (str(team) if team else "—")
        _event(t, _("Assigned to %(who)s.") % {"who": who}, by=by, internal=True)

    ticket = _change(ticket, by=by, action="servicedesk.assign", expected_version=expected_version, mutate=mutate)
    if assignee is not None and assignee.pk != before["assignee"]:
        notifications.ticket_assigned(ticket)
    if (assignee or team) and (ticket.assignee_id, ticket.team_id) != (before["assignee"], before["team"]):
        notifications.assigned_to_requester(ticket)
    return ticket


ALLOWED_STAFF_STATUSES = (
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.WAITING_REQUESTER,
    Status.WAITING_SUPPLIER,
)


def change_status(ticket: Ticket, status: str, *, by, message: str = "", expected_version=None) -> Ticket:
    """Staff move a ticket along (resolving, closing and cancelling have their own services)."""
    _require_staff(by)
    if status not in ALLOWED_STAFF_STATUSES:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if ticket.status in FINAL_STATUSES:
        raise ValidationError(_("A closed or cancelled ticket cannot change its status. Reopen it first."))
    message = (message or "").strip()
    if status == Status.WAITING_REQUESTER and not message:
        raise ValidationError({"message": _("Say what you need from the requester.")})
    now = timezone.now()

    def mutate(t: Ticket) -> None:
        if t.status == Status.RESOLVED:
            t.resolved_at = t.resolution_seconds = t.resolution_met = None
        _set_status(t, status, now)
        _event(t, _("Status: %(status)s.") % {"status": Status(status).label}, by=by)
        if message:
            TicketMessage.objects.create(
                ticket=t, kind=TicketMessage.Kind.REPLY, author=_user(by), body=message, via=Source.ADMIN
            )
            sla.record_first_response(t, now)

    ticket = _change(
        ticket,
        by=by,
        action="servicedesk.status",
        expected_version=expected_version,
        mutate=mutate,
        extra={"status": status},
    )
    if status == Status.WAITING_REQUESTER:
        notifications.waiting_on_requester(ticket, message)
    elif message:
        notifications.replied(ticket, message, to_requester=True)
    return ticket


def reply(
    ticket: Ticket,
    *,
    by,
    body: str,
    attachments: Iterable = (),
    via: str = Source.PORTAL,
    author_name: str = "",
    expected_version=None,
) -> TicketMessage:
    """A public reply: from IT staff (first response) or from the requester's side (resumes a waiting ticket)."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write the reply.")})
    staff = is_it_staff(by)
    if not staff and by is not None and getattr(by, "is_authenticated", False) and not can_follow(by, ticket):
        raise PermissionDenied
    if ticket.status in FINAL_STATUSES:
        raise ValidationError(_("This ticket is closed. File a new request or reopen it while that is possible."))
    files = check_attachments(attachments)
    now = timezone.now()
    created: list[TicketMessage] = []

    def mutate(t: Ticket) -> None:
        message = TicketMessage.objects.create(
            ticket=t,
            kind=TicketMessage.Kind.REPLY,
            author=_user(by),
            author_name=author_name[:150],
            from_requester=not staff,
            body=body,
            via=via,
            created_at=now,
        )
        _store_attachments(t, files, by=by, message=message)
        if staff:
            sla.record_first_response(t, now)
            if t.status in (Status.NEW, Status.ASSIGNED):
                _set_status(t, Status.IN_PROGRESS, now)
        elif t.status == Status.WAITING_REQUESTER:
            _set_status(t, Status.IN_PROGRESS, now)
        created.append(message)

    ticket = _change(ticket, by=by, action="servicedesk.reply", expected_version=expected_version, mutate=mutate)
    notifications.replied(ticket, body, to_requester=staff)
    return created[0]


def add_note(ticket: Ticket, *, by, body: str, attachments: Iterable = (), expected_version=None) -> TicketMessage:
    """An internal note: IT staff only, never shown to the requester."""
    _require_staff(by)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write the note.")})
    files = check_attachments(attachments)
    created: list[TicketMessage] = []

    def mutate(t: Ticket) -> None:
        message = TicketMessage.objects.create(
            ticket=t, kind=TicketMessage.Kind.NOTE, author=_user(by), body=body, via=Source.ADMIN
        )
        _store_attachments(t, files, by=by, message=message, internal=True)
        created.append(message)

    _change(ticket, by=by, action="servicedesk.note", expected_version=expected_version, mutate=mutate)
    return created[0]


def resolve(ticket: Ticket, *, by, resolution_category: str, note: str, expected_version=None) -> Ticket:
    """Resolved with a category and a closing note; the requester confirms or reopens."""
    _require_staff(by)
    note = (note or "").strip()
    errors = {}
    if resolution_category not in ResolutionCategory.values:
        errors["resolution_category"] = _("Choose how the ticket was resolved.")
    if not note:
        errors["note"] = _("Write a closing note for the requester.")
    if errors:
        raise ValidationError(errors)
    if not ticket.is_open:
        raise ValidationError(_("Only an open ticket can be resolved."))
    now = timezone.now()

    def mutate(t: Ticket) -> None:
        sla.record_resolution(t, now)
        t.resolution_category, t.resolution_note = resolution_category, note
        _set_status(t, Status.RESOLVED, now)
        TicketMessage.objects.create(
            ticket=t, kind=TicketMessage.Kind.REPLY, author=_user(by), body=note, via=Source.ADMIN, created_at=now
        )

    ticket = _change(ticket, by=by, action="servicedesk.resolve", expected_version=expected_version, mutate=mutate)
    notifications.resolved(ticket)
    return ticket


def confirm_days() -> int:
    return int(getattr(settings, "SERVICEDESK_CONFIRM_DAYS", 5))


def can_reopen(ticket: Ticket, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        ticket.status == Status.RESOLVED
        and ticket.resolved_at is not None
        and now <= ticket.resolved_at + datetime.timedelta(days=confirm_days())
    )


def confirm(ticket: Ticket, *, by) -> Ticket:
    """The requester confirms the resolution: the ticket is closed."""
    if not can_follow(by, ticket):
        raise PermissionDenied
    if ticket.status != Status.RESOLVED:
        raise ValidationError(_("Only a resolved ticket can be confirmed."))

    def mutate(t: Ticket) -> None:
        t.status, t.closed_at = Status.CLOSED, timezone.now()
        t.paused_since = None
        _event(t, _("The requester confirmed the resolution."), by=by)

    return _change(ticket, by=by, action="servicedesk.confirm", expected_version=None, mutate=mutate)


def reopen(ticket: Ticket, *, by, reason: str) -> Ticket:
    """The requester says the problem is not solved, within the confirmation period."""
    if not (can_follow(by, ticket)):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the problem is not solved.")})
    if not can_reopen(ticket):
        raise ValidationError(
            _("This ticket can no longer be reopened (%(days)s days after it was resolved). File a new request.")
            % {"days": confirm_days()}
        )
    now = timezone.now()

    def mutate(t: Ticket) -> None:
        t.resolved_at = t.resolution_seconds = t.resolution_met = None
        t.reopened_count += 1
        _set_status(t, Status.IN_PROGRESS, now)
        TicketMessage.objects.create(
            ticket=t,
            kind=TicketMessage.Kind.REPLY,
            author=_user(by),
            from_requester=True,
            body=reason,
            via=Source.PORTAL,
            created_at=now,
        )
        _event(t, _("The requester reopened the ticket."), by=by)

    ticket = _change(ticket, by=by, action="servicedesk.reopen", expected_version=None, mutate=mutate)
    notifications.replied(ticket, reason, to_requester=False)
    return ticket


def rate(ticket: Ticket, *, by, score: int, comment: str = "") -> Ticket:
    """The requester's satisfaction (1–5) with a resolved or closed ticket."""
    if not ticket.requester_id or ticket.requester_id != getattr(by, "pk", None):
        raise PermissionDenied(_("Only the requester can rate the service."))
    if ticket.status not in (Status.RESOLVED, Status.CLOSED):
        raise ValidationError(_("A ticket can be rated once it is resolved."))
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise ValidationError({"score": _("Choose a rating from 1 to 5.")})

    def mutate(t: Ticket) -> None:
        t.satisfaction, t.satisfaction_comment = score, (comment or "").strip()[:2000]

    return _change(ticket, by=by, action="servicedesk.rate", expected_version=None, mutate=mutate)


def close(ticket: Ticket, *, by=None, reason: str = "") -> Ticket:
    """Close a resolved ticket (the auto-close job, or staff)."""
    if ticket.status != Status.RESOLVED:
        raise ValidationError(_("Only a resolved ticket can be closed."))

    def mutate(t: Ticket) -> None:
        t.status, t.closed_at, t.paused_since = Status.CLOSED, timezone.now(), None
        _event(t, reason or _("Closed."), by=by)

    return _change(ticket, by=by, action="servicedesk.close", expected_version=None, mutate=mutate)


def cancel(ticket: Ticket, *, by, reason: str, expected_version=None) -> Ticket:
    """Withdrawn by the requester, or cancelled by IT staff."""
    if not (is_it_staff(by) or (ticket.requester_id and ticket.requester_id == getattr(by, "pk", None))):
        raise PermissionDenied
    if not ticket.is_open:
        raise ValidationError(_("Only an open ticket can be cancelled."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the ticket is cancelled.")})

    def mutate(t: Ticket) -> None:
        t.status, t.closed_at, t.paused_since = Status.CANCELLED, timezone.now(), None
        _event(t, _("Cancelled: %(reason)s") % {"reason": reason}, by=by)

    return _change(ticket, by=by, action="servicedesk.cancel", expected_version=expected_version, mutate=mutate)


def merge(duplicate: Ticket, into: Ticket, *, by, expected_version=None) -> Ticket:
    """`duplicate` is closed as a duplicate of `into`; its conversation stays, and a note links them."""
    _require_staff(by)
    if duplicate.pk == into.pk:
        raise ValidationError(_("A ticket cannot be merged into itself."))
    if into.merged_into_id:
        raise ValidationError(_("%(ticket)s is itself merged into another ticket.") % {"ticket": into.reference})
    if duplicate.status in FINAL_STATUSES:
        raise ValidationError(_("A closed or cancelled ticket cannot be merged."))

    def mutate(t: Ticket) -> None:
        t.merged_into = into
        t.status, t.closed_at, t.paused_since = Status.CLOSED, timezone.now(), None
        t.resolution_category = ResolutionCategory.DUPLICATE
        t.resolution_met = None
        _event(t, _("Merged into %(ticket)s.") % {"ticket": into.reference}, by=by)

    duplicate = _change(
        duplicate,
        by=by,
        action="servicedesk.merge",
        expected_version=expected_version,
        mutate=mutate,
        extra={"into": into.pk},
    )
    _event(into, _("%(ticket)s was merged into this ticket.") % {"ticket": duplicate.reference}, by=by)
    into.related.add(duplicate)
    return duplicate


def link(ticket: Ticket, other: Ticket, *, by) -> None:
    _require_staff(by)
    if ticket.pk == other.pk:
        raise ValidationError(_("A ticket cannot be linked to itself."))
    ticket.related.add(other)
    audit.record(ticket, "servicedesk.link", _user(by), extra={"related": other.pk}, title=str(ticket))


def unlink(ticket: Ticket, other: Ticket, *, by) -> None:
    _require_staff(by)
    ticket.related.remove(other)
    audit.record(ticket, "servicedesk.unlink", _user(by), extra={"related": other.pk}, title=str(ticket))


def open_statuses() -> tuple[str, ...]:
    return tuple(OPEN_STATUSES)
