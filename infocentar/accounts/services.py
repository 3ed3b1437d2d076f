"""Writes about a person's own account: their data, its export, its erasure."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from infocentar.core import audit


def export_user_data(user) -> dict[str, Any]:
    """Everything the system holds about the person, as JSON-safe data."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "display_name": user.display_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role, "job_title": m.job_title, "active": m.is_active}
            for m in user.memberships.select_related("organisation").order_by("organisation__name")
        ],
        "authenticators": [
            {"type": a.type, "created_at": a.created_at.isoformat()}
            for a in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
    }
    # Later apps add their records here (comments, registrations, subscriptions).
    for contributor in _export_contributors:
        data.update(contributor(user))
    return data


_export_contributors: list = []


def register_export(contributor) -> None:
    """Apps register a function(user) -> dict that adds their records to the export."""
    _export_contributors.append(contributor)


@transaction.atomic
def delete_account(user, *, by=None) -> None:
    """Erase the account and the personal data tied to it."""
    audit.record(user, "infocentar.account_deleted", by or user, extra={"user_id": user.pk}, title=f"#{user.pk}")
    user.delete()
