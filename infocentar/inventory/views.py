"""Public addresses of the inventory: the QR code's target and the recipient's hand-over confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import services
from .models import Asset, CheckoutState


def asset_by_tag(request, tag: str):
    """Signed-in staff who may see the asset go to its record; everyone else learns nothing about it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if len(tag) > 40:
        raise Http404
    asset = Asset.objects.filter(asset_tag=tag).only("pk", "organisation_id").first()
    if asset is None or not services.can_see(request.user, asset.organisation_id):
        raise Http404
    return redirect(asset.get_admin_url())


def accept_checkout(request, token: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    checkout = services.checkout_for_token(token)
    if checkout is None or checkout.recipient_id != request.user.pk:
        raise Http404
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            messages.error(request, _("Choose whether you received the equipment."))
        else:
            try:
                services.answer_checkout(checkout, user=request.user, accept=answer == "accept")
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(
                    request,
                    _("Thank you: the hand-over is confirmed.")
                    if answer == "accept"
                    else _("Thank you: we noted that you did not receive it."),
                )
            return redirect(request.path)
    return render(
        request,
        "inventory/accept.html",
        {
            "checkout": checkout,
            "asset": checkout.asset,
            "pending": checkout.state == CheckoutState.PENDING and checkout.checked_in_at is None,
            "title": _("Confirm the hand-over of equipment"),
            "breadcrumbs": [{"label": _("Confirm the hand-over of equipment")}],
        },
    )
