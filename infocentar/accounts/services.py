"""Writes about a person's own account: their data, its export, its erasure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infocentar.core import audit

EXPORT_FORMAT = "infocentar-account-export/1"

ExportContributor = Callable[[Any], dict[str, Any]]
_export_contributors: list[ExportContributor] = []


class AccountNotDeletable(Exception):
    """The account cannot be erased by its holder (staff, or records that must be kept)."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def register_export(contributor: ExportContributor) -> None:
    """Apps register a function(user) -> dict that adds the person's records to the export.

    The function returns only what belongs to that person, as JSON-safe data,
    under a key named after the app (for example {"consultations": [...]}).
    """
    if contributor not in _export_contributors:
        _export_contributors.append(contributor)


def export_user_data(user) -> dict[str, Any]:
    """Everything the system holds about the person, as JSON-safe data."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "display_name": user.display_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_active": user.is_active,
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "memberships": [
            {
                "organisation": m.organisation.name,
                "role": m.role,
                "job_title": m.job_title,
                "active": m.is_active,
            }
            for m in user.memberships.select_related("organisation").order_by("organisation__name")
        ],
        # Which kinds of second factor the person uses; never their secrets.
        "authenticators": [
            {
                "type": a.type,
                "created_at": a.created_at.isoformat(),
                "last_used_at": a.last_used_at.isoformat() if a.last_used_at else None,
            }
            for a in Authenticator.objects.filter(user=user).order_by("created_at", "pk")
        ],
    }
    for contributor in _export_contributors:
        data.update(contributor(user))
    return data


def check_can_delete(user) -> None:
    """Citizens may erase their own account; staff accounts are closed by an administrator."""
    from .mfa import needs_mfa

    if needs_mfa(user) or user.memberships.filter(is_active=True).exists():
        raise AccountNotDeletable(
            _(
                "Staff accounts are closed by an administrator of the Information Center, "
                "so that the records you are responsible for are handed over first."
            )
        )


def delete_account(user, *, by=None) -> None:
    """Erase the account and the personal data tied to it: e-mail addresses, authenticators, sessions' owner.

    The audit entry keeps only the account's number, not the person's data.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    check_can_delete(user)
    user_id = user.pk
    try:
        with transaction.atomic():
            email_count, _detail = EmailAddress.objects.filter(user=user).delete()
            authenticator_count, _detail = Authenticator.objects.filter(user=user).delete()
            audit.record(
                user,
                "infocentar.account_deleted",
                by or user,
                extra={
                    "user_id": user_id,
                    "email_addresses_removed": email_count,
                    "authenticators_removed": authenticator_count,
                    "by_holder": by is None or getattr(by, "pk", None) == user_id,
                },
                title=f"#{user_id}",
            )
            user.delete()
    except (ProtectedError, RestrictedError) as exc:
        raise AccountNotDeletable(
            _("Your account is linked to records that must be kept. Please contact the Information Center.")
        ) from exc


def ensure_verified_email(user, email: str | None = None, *, replace_others: bool = False):
    """Record the account's e-mail address as verified and primary.

    For addresses an administrator entered for a colleague in the back office,
    and for demo data: e-mail verification is mandatory at sign-in, and an
    address the Information Center vouches for needs no link. With
    `replace_others`, the account's other addresses go (they could otherwise
    still be used to sign in).
    """
    from allauth.account.models import EmailAddress

    email = (email or user.email or "").strip().lower()
    if not email:
        raise ValueError("The account has no e-mail address.")
    with transaction.atomic():
        others = EmailAddress.objects.filter(user=user).exclude(email__iexact=email)
        if replace_others:
            others.delete()
        else:
            others.update(primary=False)
        address, _created = EmailAddress.objects.update_or_create(
            user=user, email__iexact=email, defaults={"email": email, "verified": True, "primary": True}
        )
        if user.email != email:
            user.email = email
            user.save(update_fields=["email"])
    return address
