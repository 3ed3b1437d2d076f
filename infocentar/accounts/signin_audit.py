"""Sign-ins, failed sign-ins, sign-outs and changes to second factors, in the audit log.

Django's authentication signals cover every way in (allauth's pages, the back
office, a test client's login); allauth's MFA signals cover codes and
authenticators. Entries go through core.audit.record, into the same log as
every other change (ModelLogEntry), against the account concerned.

What is kept: the account, the address typed (for a failed sign-in), the
client's IP address and browser (user agent, cut short). Never a password or a
code: the typed login is read from a fixed list of keys, not from whatever
the credentials hold.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from infocentar.core import audit

SIGN_IN = "infocentar.sign_in"
SIGN_IN_FAILED = "infocentar.sign_in_failed"
SIGN_OUT = "infocentar.sign_out"
MFA_FAILED = "infocentar.mfa_failed"
AUTHENTICATOR_ADDED = "infocentar.authenticator_added"
AUTHENTICATOR_REMOVED = "infocentar.authenticator_removed"
AUTHENTICATOR_RESET = "infocentar.authenticator_reset"

# The credentials' keys that hold what the person typed to say who they are.
_LOGIN_KEYS = ("email", "login", "username")
MAX_TYPED_LENGTH = 254
MAX_USER_AGENT_LENGTH = 300
# A failed sign-in for an address no account has is recorded against this
# account number (none has it): the entry's label is the address typed.
NO_ACCOUNT_ID = 0


def client_details(request) -> dict[str, str]:
    """The client's IP address (as allauth sees it, behind trusted proxies) and browser."""
    if request is None:
        return {}
    details: dict[str, str] = {}
    from allauth.account.adapter import get_adapter

    try:
        details["ip"] = get_adapter(request).get_client_ip(request)
    except PermissionDenied:  # allauth could not tell the address: it must not stop a sign-in
        details["ip"] = request.META.get("REMOTE_ADDR", "") or ""
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    if user_agent:
        details["user_agent"] = str(user_agent)[:MAX_USER_AGENT_LENGTH]
    return details


def typed_login(credentials: dict[str, Any] | None) -> str:
    """What the person typed as their e-mail address (or user name), never the password."""
    for key in _LOGIN_KEYS:
        value = (credentials or {}).get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:MAX_TYPED_LENGTH]
    return ""


def account_for(typed: str):
    """The account the typed address or user name belongs to, or None."""
    if not typed:
        return None
    from allauth.account.models import EmailAddress

    User = get_user_model()
    address = EmailAddress.objects.filter(email__iexact=typed).select_related("user").order_by("-verified").first()
    if address is not None:
        return address.user
    return User.objects.filter(email__iexact=typed).first() or User.objects.filter(username=typed).first()


def _is_reauthentication(request) -> bool:
    user = getattr(request, "user", None) if request is not None else None
    return bool(user is not None and user.is_authenticated)


@receiver(user_logged_in, dispatch_uid="infocentar.accounts.audit_sign_in")
def audit_sign_in(sender, request, user, **kwargs) -> None:
    audit.record(user, SIGN_IN, user, extra=client_details(request))


@receiver(user_login_failed, dispatch_uid="infocentar.accounts.audit_sign_in_failed")
def audit_sign_in_failed(sender, credentials=None, request=None, **kwargs) -> None:
    typed = typed_login(credentials)
    account = account_for(typed)
    extra: dict[str, Any] = {"typed": typed, "account_exists": account is not None, **client_details(request)}
    if _is_reauthentication(request):
        # A signed-in person confirming their password (before a sensitive change) got it wrong.
        extra["reauthentication"] = True
    if account is None:
        account = get_user_model()(pk=NO_ACCOUNT_ID, username=typed)
    audit.record(account, SIGN_IN_FAILED, None, extra=extra, title=typed or "—")


@receiver(user_logged_out, dispatch_uid="infocentar.accounts.audit_sign_out")
def audit_sign_out(sender, request, user, **kwargs) -> None:
    if user is None or not getattr(user, "pk", None):
        return
    audit.record(user, SIGN_OUT, user, extra=client_details(request))


def _authenticator_extra(request, authenticator, **more) -> dict[str, Any]:
    return {"authenticator": getattr(authenticator, "type", ""), **more, **client_details(request)}


def connect_mfa_signals() -> None:
    """allauth's MFA signals: a wrong code, and an authenticator added, removed or reset."""
    from allauth.mfa import signals

    def mfa_failed(sender, request=None, user=None, authenticator=None, reauthentication=False, **kwargs):
        if user is not None:
            extra = _authenticator_extra(request, authenticator, reauthentication=bool(reauthentication))
            audit.record(user, MFA_FAILED, None, extra=extra)

    def changed(action):
        def handler(sender, request=None, user=None, authenticator=None, **kwargs):
            if user is not None:
                actor = getattr(request, "user", None) if request is not None else None
                actor = actor if actor is not None and actor.is_authenticated else user
                audit.record(user, action, actor, extra=_authenticator_extra(request, authenticator))

        return handler

    signals.authentication_failed.connect(mfa_failed, dispatch_uid="infocentar.accounts.audit_mfa_failed", weak=False)
    for signal, action in (
        (signals.authenticator_added, AUTHENTICATOR_ADDED),
        (signals.authenticator_removed, AUTHENTICATOR_REMOVED),
        (signals.authenticator_reset, AUTHENTICATOR_RESET),
    ):
        signal.connect(changed(action), dispatch_uid=f"infocentar.accounts.audit_{action}", weak=False)
