"""Print the demo accounts, the shared password, the TOTP secret and the current code."""

from __future__ import annotations

import time
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from infocentar.accounts.demo import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    DEMO_USERS,
    DemoUser,
    demo_recovery_codes,
)
from infocentar.core.models import Organisation

PERIOD = 30  # seconds; allauth's default MFA_TOTP_PERIOD


def totp_uri(label: str = "demo") -> str:
    """One authenticator entry serves every demo account: they share the secret."""
    issuer = getattr(settings, "MFA_TOTP_ISSUER", "") or "Infocentar"
    params = urlencode({"secret": DEMO_TOTP_SECRET, "issuer": issuer}, quote_via=quote)
    return f"otpauth://totp/{quote(f'{issuer}:{label}')}?{params}"


def current_code(now: float | None = None) -> tuple[str, int]:
    """The 6-digit code for this moment and the seconds it stays valid."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    now = time.time() if now is None else now
    counter = int(now) // PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)), PERIOD - int(now) % PERIOD


class Command(BaseCommand):
    help = "Print the demo logins (run `manage.py seed_demo` first)."

    def add_arguments(self, parser):
        parser.add_argument("--qr", action="store_true", help="Also print the TOTP secret as a QR code.")

    def handle(self, *args, qr: bool = False, **options) -> None:
        write = self.stdout.write
        heading = self.style.MIGRATE_HEADING
        existing = set(
            get_user_model()
            .objects.filter(username__in=[u.username for u in DEMO_USERS])
            .values_list("username", flat=True)
        )
        if not existing:
            write(self.style.WARNING("The demo accounts do not exist yet: run `manage.py seed_demo` first."))

        write(heading(f"Demo logins — password for every account: {DEMO_PASSWORD}"))
        rows = [("Role", "Sign in with (e-mail)", "Username", "Organisation", "MFA")]
        org_names = {
            o.slug: o.display_name
            for o in Organisation.objects.filter(slug__in=[u.organisation for u in DEMO_USERS if u.organisation])
        }
        rows += [self._row(spec, spec.username in existing, org_names) for spec in DEMO_USERS]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for n, row in enumerate(rows):
            write("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
            if n == 0:
                write("  " + "  ".join("-" * width for width in widths))

        code, valid_for = current_code()
        write("")
        write(heading("Two-factor authentication (every account marked TOTP)"))
        write(f"  TOTP secret (base32): {DEMO_TOTP_SECRET}")
        write(f"  otpauth URI:          {totp_uri()}")
        write(f"  Code now:             {self.style.SUCCESS(code)} (valid for {valid_for} more s)")
        write(f"  In a terminal:        oathtool --totp -b {DEMO_TOTP_SECRET}")
        write(f"  Recovery codes (each once per account): {' '.join(demo_recovery_codes())}")
        if qr:
            self._print_qr()

        base = settings.SITE_URL
        write("")
        write(heading("Addresses"))
        for path, what in [
            ("/", "the website (Latin)"),
            ("/cir/", "the website in Cyrillic"),
            ("/en/", "the website in English"),
            ("/admin/", "the back office: sign in, then enter the 6-digit code"),
        ]:
            write(f"  {base}{path:<8} {what}")

    @staticmethod
    def _row(spec: DemoUser, exists: bool, org_names: dict[str, str]) -> tuple[str, str, str, str, str]:
        missing = "" if exists else " (missing)"
        return (
            spec.label,
            spec.email + missing,
            spec.username,
            org_names.get(spec.organisation) or spec.organisation or "—",
            "TOTP" if spec.is_staff_member else "—",
        )

    def _print_qr(self) -> None:
        import qrcode

        code = qrcode.QRCode(border=2)
        code.add_data(totp_uri())
        code.print_ascii(out=self.stdout._out, invert=True)
