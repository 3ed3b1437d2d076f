"""allauth adapters: usernames, e-mail in the site's name and script, staff MFA policy."""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .mfa import STRONG_TYPES, needs_mfa, staff_mfa_required

_USERNAME_UNSAFE = re.compile(r"[^\w.@+-]")


@dataclass(frozen=True)
class SiteIdentity:
    """What e-mails call the site: the municipality's name and the site's host."""

    name: str
    domain: str


def site_identity(request=None) -> SiteIdentity:
    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    name = ""
    try:
        model = apps.get_model("portal", "MunicipalitySettings")
    except LookupError:
        model = None
    if model is not None:
        try:
            if request is not None:
                municipality = model.for_request(request)
            else:
                from wagtail.models import Site

                site = Site.objects.filter(is_default_site=True).first()
                municipality = model.for_site(site) if site else None
            name = getattr(municipality, "name", "") or ""
        except Exception:
            # E-mail must still go out when the settings cannot be read.
            name = ""
    return SiteIdentity(name=name or settings.WAGTAIL_SITE_NAME, domain=domain)


def unique_username(email: str | None) -> str:
    """A username for someone who signs in by e-mail: unique, readable by staff, never shown publicly."""
    user_model = get_user_model()
    max_length = user_model._meta.get_field("username").max_length
    base = _USERNAME_UNSAFE.sub("", (email or "").split("@", 1)[0])[:30] or "korisnik"
    candidate = base
    while user_model._default_manager.filter(username__iexact=candidate).exists():
        candidate = f"{base}-{secrets.token_hex(3)}"[:max_length]
    return candidate


def _localised_home(url: str) -> str:
    if url != "/":
        return url
    try:
        return reverse("wagtail_serve", args=[""])
    except NoReverseMatch:
        return url


def _signed_in_recently(request) -> bool:
    from allauth.account import app_settings as account_settings
    from allauth.account.internal.flows.login import get_authentication_records

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    records = [r for r in get_authentication_records(request, user) if r.get("method") in ("password", "mfa")]
    if not records:
        return False
    return time.time() - records[-1].get("at", 0) < account_settings.REAUTHENTICATION_TIMEOUT


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return True

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        # Django's e-mail validator lets through up to 320 characters; the
        # database columns hold 254 (PostgreSQL would fail with a 500).
        MaxLengthValidator(EmailAddress._meta.get_field("email").max_length)(email)
        return email

    def populate_username(self, request, user) -> None:
        # ACCOUNT_USER_MODEL_USERNAME_FIELD is None (people sign in by e-mail), so
        # allauth leaves the username empty; the model still needs a unique one.
        if not user.username:
            user.username = unique_username(user.email)

    # Sending people home after signing in, out or up keeps them in their
    # language and script: "/" would take a reader of /cir/ or /en/ back to Latin.
    def get_login_redirect_url(self, request) -> str:
        return _localised_home(super().get_login_redirect_url(request))

    def get_logout_redirect_url(self, request) -> str:
        return _localised_home(super().get_logout_redirect_url(request))

    def get_signup_redirect_url(self, request) -> str:
        return _localised_home(super().get_signup_redirect_url(request))

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Managing the second factor right after signing in does not ask for the password again.

        allauth counts only explicit re-authentications as recent, so staff sent
        from /admin/ to set up the authenticator app straight after signing in
        would have to type the password twice in a row. A sign-in within
        ACCOUNT_REAUTHENTICATION_TIMEOUT proves the same thing.
        """
        required = super().is_reauthentication_required(app=app, **kwargs)
        if required and app == "allauth.mfa" and _signed_in_recently(allauth_context.request):
            return False
        return required

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        context = {"current_site": site_identity(request), **context}
        super().send_mail(template_prefix, email, context)

    def render_mail(self, template_prefix, email, context, headers=None):
        message = super().render_mail(template_prefix, email, context, headers=headers)
        request = allauth_context.request
        if getattr(request, "script", "latn") == "cyrl":
            # A reader who signed up under /cir/ gets the e-mail in Cyrillic too;
            # addresses and links stay Latin.
            from infocentar.core.script import to_cyrillic

            message.subject = to_cyrillic(message.subject)
            message.body = to_cyrillic(message.body)
        return message


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Staff must keep two-factor authentication. Add a security key first if you want to "
            "stop using the authenticator app."
        ),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Staff may not remove their last authenticator app or security key."""
        user = authenticator.user
        if not staff_mfa_required() or not needs_mfa(user):
            return True
        return Authenticator.objects.filter(user=user, type__in=STRONG_TYPES).exclude(pk=authenticator.pk).exists()

    def _get_site_name(self) -> str:
        return site_identity(allauth_context.request).name
