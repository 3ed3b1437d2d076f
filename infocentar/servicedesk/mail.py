"""E-mail intake: one RFC 822 message becomes a new ticket, or a reply when the subject names one ([SD-123]).

Only people the system knows may write: the sender's address must belong to an active account
with a membership in an organisation (a new ticket is filed for that organisation), or be the
requester's address of the ticket named in the subject. Automatic replies are ignored (no loops).
Attachments are checked by content like every upload; refused ones are listed in the ticket.
"""

from __future__ import annotations

import email
import email.policy
import logging
import re
from dataclasses import dataclass
from email.utils import getaddresses, parseaddr

import nh3
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from infocentar.core.models import Membership

from . import services
from .models import TICKET_PREFIX, Source, Ticket

logger = logging.getLogger(__name__)

REFERENCE = re.compile(rf"\[{TICKET_PREFIX}-(\d{{1,12}})\]", re.IGNORECASE)
QUOTE_HEADER = re.compile(r"^(On .+ wrote:|.+ je (na)?pisao:|.+ je (na)?pisala:|-----Original Message-----)\s*$")
MAX_BODY = 20_000


@dataclass
class Outcome:
    action: str  # "created", "replied", "ignored", "refused"
    ticket: Ticket | None = None
    reason: str = ""


def _text_body(message) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = part.get_content()
    if part.get_content_type() == "text/html":
        content = nh3.clean(content, tags=set())
    return content


def strip_quoted(text: str) -> str:
    """The new text of a reply, without the quoted message below it."""
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if QUOTE_HEADER.match(line.strip()):
            break
        if line.startswith(">"):
            continue
        lines.append(line)
    return "\n".join(lines).strip()


def _attachments(message) -> list:
    files = []
    for part in message.iter_attachments():
        name = part.get_filename()
        if not name:
            continue
        payload = part.get_payload(decode=True) or b""
        files.append(SimpleUploadedFile(name[:200], payload, content_type=part.get_content_type()))
    return files


def _checked_attachments(files) -> tuple[list, list[str]]:
    from infocentar.documents import uploads

    good, refused = [], []
    for uploaded in files[: services.MAX_ATTACHMENTS]:
        try:
            good.append(uploads.check_document(uploaded))
        except ValidationError as error:
            refused.append(f"{uploaded.name}: {' '.join(error.messages)}")
    return good, refused


def _is_automatic(message) -> bool:
    auto = (message.get("Auto-Submitted") or "no").strip().lower()
    precedence = (message.get("Precedence") or "").strip().lower()
    return auto != "no" or precedence in ("bulk", "junk", "auto_reply", "list") or bool(message.get("X-Autoreply"))


def process_message(raw: bytes) -> Outcome:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    if _is_automatic(message):
        return Outcome("ignored", reason="automatic message")
    name, address = parseaddr(str(message.get("From", "")))
    address = address.strip().lower()
    if not address or "@" not in address:
        return Outcome("refused", reason="no sender address")
    subject = str(message.get("Subject", "")).strip()
    body = strip_quoted(_text_body(message))[:MAX_BODY]
    files, refused = _checked_attachments(_attachments(message))
    if refused:
        body += "\n\n" + "\n".join(["[Refused attachments]", *refused])
    user = get_user_model().objects.filter(email__iexact=address, is_active=True).first()

    match = REFERENCE.search(subject)
    if match:
        ticket = Ticket.objects.filter(pk=int(match.group(1))).first()
        if (ticket is not None and ticket.is_open) or (ticket is not None and ticket.status == "resolved"):
            allowed = (user is not None and services.can_follow(user, ticket)) or (
                ticket.requester_address.lower() == address
            )
            if allowed:
                try:
                    services.reply(
                        ticket,
                        by=user,
                        body=body or subject,
                        attachments=files,
                        via=Source.EMAIL,
                        author_name=name or address,
                    )
                except (ValidationError, PermissionDenied) as error:
                    return Outcome("refused", ticket, str(error))
                return Outcome("replied", ticket)
    if user is None:
        return Outcome("refused", reason=f"unknown sender {address}")
    membership = Membership.objects.active().filter(user=user).select_related("organisation").order_by("pk").first()
    if membership is None:
        return Outcome("refused", reason=f"{address} is not a member of any organisation")
    clean_subject = REFERENCE.sub("", subject).strip() or body[:80] or "(e-mail)"
    try:
        ticket = services.file_ticket(
            organisation=membership.organisation,
            title=clean_subject[:200],
            description=body or clean_subject,
            requester=user,
            source=Source.EMAIL,
            by=user,
            attachments=files,
        )
    except ValidationError as error:
        return Outcome("refused", reason="; ".join(error.messages))
    return Outcome("created", ticket)


def recipients(raw: bytes) -> list[str]:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    return [a for _n, a in getaddresses([str(message.get("To", "")), str(message.get("Cc", ""))])]
