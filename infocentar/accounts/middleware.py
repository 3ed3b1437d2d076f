"""Every sign-in goes through allauth, and staff stay out of the back office until they use MFA.

- Wagtail's own login forms (/admin/login/, /_util/login/) would sign a person
  in with a password alone, skipping allauth's MFA step and its throttling;
  they redirect to allauth's login, keeping `next`. Wagtail's password reset
  redirects to allauth's.
- Staff without an authenticator app or security key are sent from /admin/
  (except its sign-out) to set up the authenticator app; the page they wanted
  is remembered and offered once MFA is on.
- Staff cannot remove their last security key (allauth asks the MFA adapter
  only before it deactivates the authenticator app; see adapter.MFAAdapter).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .mfa import STRONG_TYPES, has_mfa, needs_mfa, staff_mfa_required

PROTECTED_PREFIXES = ("/admin/",)
# Where staff wanted to go when they were sent to set up MFA (shown as a link afterwards).
MFA_NEXT_SESSION_KEY = "infocentar_mfa_next"

_LOGIN_VIEWS = frozenset({"wagtailadmin_login", "wagtailcore_login"})
_PASSWORD_RESET_VIEWS = frozenset(
    {
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
    }
)


def _with_next(url: str, next_url: str | None) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _safe_next(request) -> str | None:
    next_url = request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return None


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path_info.startswith(PROTECTED_PREFIXES)
            and request.path != reverse("wagtailadmin_logout")
            and staff_mfa_required()
        ):
            response = self._require_mfa(request)
            if response is not None:
                return response
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        name = match.url_name if match else None
        if name in _LOGIN_VIEWS:
            return redirect(_with_next(reverse("account_login"), _safe_next(request)))
        if name in _PASSWORD_RESET_VIEWS:
            return redirect("account_reset_password")
        if name == "mfa_remove_webauthn" and staff_mfa_required():
            return self._protect_last_key(request, view_kwargs.get("pk"))
        return None

    @staticmethod
    def _require_mfa(request):
        user = request.user
        if not needs_mfa(user):
            return None
        if has_mfa(user):
            if MFA_NEXT_SESSION_KEY in request.session:
                del request.session[MFA_NEXT_SESSION_KEY]
            return None
        if request.method == "GET":
            request.session[MFA_NEXT_SESSION_KEY] = request.get_full_path()
        messages.warning(
            request,
            _("The back office needs two-factor authentication. Set up an authenticator app to continue."),
        )
        return redirect(_with_next(reverse("mfa_activate_totp"), request.get_full_path()))

    @staticmethod
    def _protect_last_key(request, pk):
        from allauth.mfa.models import Authenticator

        user = request.user
        if not needs_mfa(user):
            return None
        others = Authenticator.objects.filter(user=user, type__in=STRONG_TYPES).exclude(pk=pk)
        if others.exists():
            return None
        messages.error(
            request,
            _(
                "Staff must keep two-factor authentication. Set up the authenticator app before you "
                "remove your last security key."
            ),
        )
        return redirect("mfa_list_webauthn")
