"""Signed-in sessions and CSRF tokens for scenarios that are not anonymous GETs.

A scenario with `user="someone@example.me"` is measured signed in as that
person. The harness signs them in here, in its own process (Django set up
against the bench database, with the servers' SECRET_KEY), the way a real
sign-in through allauth ends:

1. the account is found by its e-mail address as allauth's login form finds
   it (`filter_users_by_email`); it must exist, be active and have a verified
   address (e-mail verification is mandatory in this app), else the run
   stops with a BenchSetupError that says which;
2. allauth's record of how the person authenticated is written to the
   session: the password step (`method: "password"`), then, for anyone with
   an authenticator app or security key, the second factor exactly as
   allauth's TOTP form records it after a valid code (`post_authentication`:
   `method: "mfa", type: "totp"`, the authenticator's last use updated).
   Staff (anyone who may open /admin/) without one fail setup: the app would
   send every request to the MFA set-up page (accounts.middleware);
3. allauth's adapter logs the person in (Django's `login()`: a new session
   key, a new CSRF secret, the `user_logged_in` signal, so the audit log
   has the sign-in as it would), and the session is saved in the database.

The load generator then sends `Cookie: sessionid=…; csrftoken=…` with every
request, and a POST also carries the masked token in `csrfmiddlewaretoken`
(and an Origin header, as a browser sends). Nothing in the app is bypassed:
the session, MFA and CSRF checks all run on every request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.environment import BenchSetupError

CSRF_FIELD = "csrfmiddlewaretoken"
USER_AGENT = "infocentar-bench/1"


@dataclass(frozen=True)
class Credentials:
    """What a client needs to be someone (or no one) with a valid CSRF token."""

    email: str | None
    cookies: dict[str, str]
    csrf_token: str
    user_id: int | None = None
    # The second factor recorded at sign-in ("totp", "webauthn"), if any.
    mfa: str | None = None
    authentication_methods: list[str] = field(default_factory=list)

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def describe(self) -> str:
        if self.email is None:
            return "anonymous"
        return f"{self.email} (MFA: {self.mfa})" if self.mfa else self.email


def _request():
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest
    from django.utils.module_loading import import_string

    request = HttpRequest()
    request.method = "POST"
    request.path = request.path_info = "/"
    request.META.update({"REMOTE_ADDR": "127.0.0.1", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80"})
    request.META["HTTP_USER_AGENT"] = USER_AGENT
    engine = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    request.session = engine()
    request.user = AnonymousUser()
    return request


def find_user(email: str):
    """The active account with this e-mail address, as allauth's login finds it; BenchSetupError if none."""
    from allauth.account.models import EmailAddress
    from allauth.account.utils import filter_users_by_email
    from django.contrib.auth import get_user_model

    email = (email or "").strip()
    if not email:
        raise BenchSetupError("a scenario's user= gave an empty e-mail address")
    users = filter_users_by_email(email, prefer_verified=True)
    if not users:
        total = get_user_model()._default_manager.count()
        raise BenchSetupError(
            f"no account has the e-mail address {email!r} (the bench database has {total} accounts): "
            "a scenario's user= must name an existing account; create it in seed_demo or a bench data generator"
        )
    if len(users) > 1:
        raise BenchSetupError(f"{len(users)} accounts have the e-mail address {email!r}; user= must name one")
    user = users[0]
    if not user.is_active:
        raise BenchSetupError(f"the account {email!r} is not active: it cannot sign in")
    if not EmailAddress.objects.filter(user=user, verified=True).exists():
        raise BenchSetupError(
            f"the account {email!r} has no verified e-mail address: allauth's mandatory verification would not "
            "let it sign in (create an allauth EmailAddress with verified=True)"
        )
    return user


def _second_factor(user, email: str):
    """The authenticator a real sign-in would ask for (TOTP first), or None."""
    from allauth.mfa.models import Authenticator

    from infocentar.accounts.mfa import STRONG_TYPES, needs_mfa, staff_mfa_required

    authenticators = {a.type: a for a in Authenticator.objects.filter(user=user, type__in=STRONG_TYPES)}
    authenticator = authenticators.get(Authenticator.Type.TOTP) or authenticators.get(Authenticator.Type.WEBAUTHN)
    if authenticator is None and needs_mfa(user) and staff_mfa_required():
        raise BenchSetupError(
            f"the account {email!r} may open the back office but has no authenticator app or security key: "
            "the app would send every request to the MFA set-up page (give it a TOTP authenticator, as seed_demo does)"
        )
    return authenticator


def sign_in(email: str) -> Credentials:
    """A new, saved session of the account with this e-mail, signed in as through allauth (see the module)."""
    from allauth.account.adapter import get_adapter
    from allauth.account.authentication import get_authentication_records
    from allauth.account.internal.flows.login import record_authentication
    from allauth.core.context import request_context
    from allauth.mfa.base.internal.flows import post_authentication
    from django.conf import settings
    from django.middleware.csrf import get_token

    user = find_user(email)
    authenticator = _second_factor(user, email)
    request = _request()
    with request_context(request):
        # The password step of allauth's login form, then its TOTP (or security key) step.
        record_authentication(request, user, method="password", email=email.strip())
        if authenticator is not None:
            authenticator.user = user
            post_authentication(request, authenticator)
        get_adapter(request).login(request, user)
        request.session.save()
    methods = [record["method"] for record in get_authentication_records(request, user)]
    return Credentials(
        email=email.strip(),
        cookies={
            settings.SESSION_COOKIE_NAME: request.session.session_key,
            settings.CSRF_COOKIE_NAME: request.META["CSRF_COOKIE"],  # login() rotated it
        },
        csrf_token=get_token(request),
        user_id=user.pk,
        mfa=str(authenticator.type) if authenticator is not None else None,
        authentication_methods=methods,
    )


def anonymous() -> Credentials:
    """A CSRF cookie and token for an anonymous POST (no session)."""
    from django.conf import settings
    from django.middleware.csrf import get_token

    request = _request()
    token = get_token(request)
    return Credentials(email=None, cookies={settings.CSRF_COOKIE_NAME: request.META["CSRF_COOKIE"]}, csrf_token=token)


def end(credentials: Credentials) -> None:
    """Delete the session made for a run (the account itself stays as it was)."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    key = credentials.cookies.get(settings.SESSION_COOKIE_NAME)
    if key:
        import_string(f"{settings.SESSION_ENGINE}.SessionStore")(session_key=key).delete()


class SessionBook:
    """One session per e-mail address for a run (scenarios signed in as the same person share it)."""

    def __init__(self) -> None:
        self._signed_in: dict[str, Credentials] = {}
        self._anonymous: Credentials | None = None

    def credentials(self, email: str | None) -> Credentials:
        if email is None:
            if self._anonymous is None:
                self._anonymous = anonymous()
            return self._anonymous
        key = email.strip().lower()
        if key not in self._signed_in:
            self._signed_in[key] = sign_in(email)
        return self._signed_in[key]

    def end_all(self) -> None:
        for credentials in self._signed_in.values():
            end(credentials)
        self._signed_in.clear()
