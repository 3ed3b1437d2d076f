"""The back office's side of people's accounts: audit actions, and the way to allauth's pages."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import signin_audit


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action("infocentar.account_deleted", _("Delete account"), _("Account deleted"))
    actions.register_action(signin_audit.SIGN_IN, _("Sign in"), _("Signed in"))
    actions.register_action(signin_audit.SIGN_IN_FAILED, _("Failed sign-in"), _("Sign-in failed"))
    actions.register_action(signin_audit.SIGN_OUT, _("Sign out"), _("Signed out"))
    actions.register_action(signin_audit.MFA_FAILED, _("Wrong two-factor code"), _("Two-factor code refused"))
    actions.register_action(
        signin_audit.AUTHENTICATOR_ADDED, _("Add two-factor authenticator"), _("Two-factor authenticator added")
    )
    actions.register_action(
        signin_audit.AUTHENTICATOR_REMOVED, _("Remove two-factor authenticator"), _("Two-factor authenticator removed")
    )
    actions.register_action(
        signin_audit.AUTHENTICATOR_RESET, _("Reset two-factor authenticator"), _("Two-factor authenticator reset")
    )


@hooks.register("after_create_user")
@hooks.register("after_edit_user")
def trust_addresses_entered_by_administrators(request, user):
    """An address an administrator enters in the back office needs no verification link.

    Without this, a colleague's first sign-in would stop at "verify your
    e-mail address" (verification is mandatory at sign-in).
    """
    from allauth.account.models import EmailAddress

    from .services import ensure_verified_email

    if user.email and not EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists():
        try:
            ensure_verified_email(user, replace_others=True)
        except IntegrityError:
            # Another account has this address verified.
            messages.warning(
                request,
                _("Another account already uses this e-mail address, so it cannot be used to sign in."),
            )


@hooks.register("register_account_menu_item")
def account_security_menu_item(request):
    # Password, e-mail address and two-factor authentication are managed on the
    # site's account pages (allauth: verification, notices, throttling), not in
    # Wagtail's own forms (WAGTAIL_PASSWORD_MANAGEMENT_ENABLED and
    # WAGTAIL_EMAIL_MANAGEMENT_ENABLED are off).
    return {
        "url": reverse("account_profile"),
        "label": _("Password and two-factor authentication"),
        "help_text": _("Change your password, manage your authenticator app, security keys and recovery codes."),
    }
