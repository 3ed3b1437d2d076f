"""A person's own account: overview, data download, deletion."""

from __future__ import annotations

import json

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import services
from .forms import DeleteAccountForm
from .mfa import needs_mfa


@never_cache
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "title": _("My account"),
        "email_addresses": EmailAddress.objects.filter(user=user).order_by("-primary", "email"),
        "authenticator_types": set(Authenticator.objects.filter(user=user).values_list("type", flat=True)),
        "is_staff_account": needs_mfa(user),
    }
    return render(request, "accounts/profile.html", context)


@never_cache
@login_required
def data_export(request: HttpRequest) -> HttpResponse:
    """What the download holds, and the button that starts it."""
    return render(request, "accounts/data_export.html", {"title": _("Download my data")})


@never_cache
@login_required
def data_export_json(request: HttpRequest) -> HttpResponse:
    data = services.export_user_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="infocentar-my-data-{stamp}.json"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    user = request.user
    try:
        services.check_can_delete(user)
    except services.AccountNotDeletable as exc:
        return render(
            request,
            "accounts/delete.html",
            {"title": _("Delete my account"), "not_deletable": exc.message},
        )
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=user, request=request)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_account(user)
        except services.AccountNotDeletable as exc:
            form.add_error(None, exc.message)
        else:
            logout(request)
            messages.success(request, _("Your account and your data have been deleted."))
            return redirect("wagtail_serve", "")
    return render(request, "accounts/delete.html", {"form": form, "title": _("Delete my account")})
