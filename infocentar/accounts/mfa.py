"""Who must use multi-factor authentication, and whether they do."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.conf import settings

# Authenticators that count as a second factor at login. Recovery codes are a
# fallback that only exists alongside one of these.
STRONG_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def staff_mfa_required() -> bool:
    return getattr(settings, "INFOCENTAR_STAFF_MFA_REQUIRED", True)


def needs_mfa(user) -> bool:
    """Staff — anyone who may enter the back office — must use MFA."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"))


def has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type__in=STRONG_TYPES).exists()


def strong_authenticator_count(user) -> int:
    return Authenticator.objects.filter(user=user, type__in=STRONG_TYPES).count()
