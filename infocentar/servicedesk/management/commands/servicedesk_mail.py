"""Read e-mail into the service desk: one message from stdin (an MTA pipe) or a file, or poll an IMAP box.

manage.py servicedesk_mail < message.eml          # e.g. Postfix: "| manage.py servicedesk_mail"
manage.py servicedesk_mail --file message.eml
manage.py servicedesk_mail --imap                   # settings.SERVICEDESK_IMAP
"""

from __future__ import annotations

import contextlib
import imaplib
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from infocentar.servicedesk.mail import process_message

MAX_MESSAGE = 30 * 1024 * 1024


class Command(BaseCommand):
    help = "Turn e-mail into tickets or replies (stdin, --file or --imap)."

    def add_arguments(self, parser):
        parser.add_argument("--file", help="Read the message from this .eml file instead of stdin.")
        parser.add_argument("--imap", action="store_true", help="Fetch unseen messages from SERVICEDESK_IMAP.")

    def handle(self, *args, **options):
        if options["imap"]:
            return self._imap()
        if options["file"]:
            try:
                with open(options["file"], "rb") as handle:
                    raw = handle.read(MAX_MESSAGE + 1)
            except OSError as error:
                raise CommandError(f"Cannot read {options['file']}: {error}") from error
        else:
            raw = sys.stdin.buffer.read(MAX_MESSAGE + 1)
        if len(raw) > MAX_MESSAGE:
            raise CommandError("The message is too large.")
        self._report(process_message(raw))

    def _report(self, outcome) -> None:
        ticket = f" {outcome.ticket.reference}" if outcome.ticket else ""
        line = f"{outcome.action}{ticket}{': ' + outcome.reason if outcome.reason else ''}"
        (self.stdout if outcome.action in ("created", "replied") else self.stderr).write(line)

    def _imap(self) -> None:
        config = getattr(settings, "SERVICEDESK_IMAP", None) or {}
        if not config.get("host"):
            raise CommandError("Set SERVICEDESK_IMAP = {'host': …, 'user': …, 'password': …} to poll a mailbox.")
        client_class = imaplib.IMAP4_SSL if config.get("ssl", True) else imaplib.IMAP4
        client = client_class(config["host"], int(config.get("port", 993 if config.get("ssl", True) else 143)))
        try:
            client.login(config["user"], config["password"])
            client.select(config.get("folder", "INBOX"))
            _status, data = client.search(None, "UNSEEN")
            for number in (data[0] or b"").split():
                _status, parts = client.fetch(number, "(RFC822)")
                raw = parts[0][1] if parts and isinstance(parts[0], tuple) else b""
                if raw and len(raw) <= MAX_MESSAGE:
                    self._report(process_message(raw))
                client.store(number, "+FLAGS", "\\Seen")
        finally:
            with contextlib.suppress(Exception):
                client.logout()
