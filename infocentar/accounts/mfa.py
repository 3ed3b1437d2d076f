"""Who must use multi-factor authentication, and whether they do."""

from __future__ import annotations

from allauth.mfa.models import Authenticator


def needs_mfa(user) -> bool:
    """Staff — anyone who may enter the back office — must use MFA."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"))


def has_mfa(user) -> bool:
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()
