"""Keeps staff out of the back office until they have set up MFA."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .mfa import has_mfa, needs_mfa

PROTECTED_PREFIXES = ("/admin/",)


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(settings, "INFOCENTAR_STAFF_MFA_REQUIRED", True)
            and request.path_info.startswith(PROTECTED_PREFIXES)
            and needs_mfa(request.user)
            and not has_mfa(request.user)
        ):
            messages.warning(
                request,
                _("The back office needs two-factor authentication. Set up an authenticator app to continue."),
            )
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)
