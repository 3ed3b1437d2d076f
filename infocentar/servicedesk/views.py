"""The staff portal: employees file and follow their organisation's requests (sign-in required)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import services, sla
from .forms import RateForm, ReopenForm, ReplyForm, TicketForm
from .models import OPEN_STATUSES, Source, Status, Ticket, TicketAttachment, TicketMessage

PER_PAGE = 25
MAX_ID = 2**63 - 1
STATUS_FILTERS = {"open": OPEN_STATUSES, "resolved": (Status.RESOLVED,), "closed": (Status.CLOSED, Status.CANCELLED)}


def _crumbs(*items):
    return [{"label": _("IT support"), "url": reverse("servicedesk-index")}, *items]


def _visible_ticket(request: HttpRequest, pk: int) -> Ticket:
    """A ticket the user may follow on the portal, or 404 (never a hint that it exists)."""
    if pk > MAX_ID:
        raise Http404
    ticket = Ticket.objects.for_requester(request.user).for_listing().filter(pk=pk).first()
    if ticket is None:
        raise Http404
    return ticket


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@never_cache
@login_required
def index(request: HttpRequest) -> HttpResponse:
    tickets = Ticket.objects.for_requester(request.user).for_listing()
    state = request.GET.get("status", "open")
    if state not in STATUS_FILTERS and state != "all":
        state = "open"
    if state != "all":
        tickets = tickets.filter(status__in=STATUS_FILTERS[state])
    page = Paginator(tickets.order_by("-created_at", "-id"), PER_PAGE).get_page(request.GET.get("page"))
    rows = [(ticket, sla.remaining(ticket)) for ticket in page.object_list]
    can_file = services.filing_organisations(request.user).exists()
    return render(
        request,
        "servicedesk/index.html",
        {
            "title": _("IT support"),
            "breadcrumbs": [{"label": _("IT support")}],
            "page_obj": page,
            "rows": rows,
            "state": state,
            "states": [
                ("open", _("Open")),
                ("resolved", _("Resolved")),
                ("closed", _("Closed")),
                ("all", _("All")),
            ],
            "can_file": can_file,
        },
    )


@never_cache
@login_required
def new_ticket(request: HttpRequest) -> HttpResponse:
    organisations = services.filing_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied(_("Only employees of the municipality's organisations can file IT requests."))
    form = TicketForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ticket = services.file_ticket(
                organisation=data["organisation"],
                title=data["title"],
                description=data["description"],
                category=data["category"],
                impact=data["impact"],
                urgency=data["urgency"],
                asset=data.get("asset"),
                information_system=data.get("information_system"),
                requester=request.user,
                source=Source.PORTAL,
                by=request.user,
                attachments=data.get("attachments") or [],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request, _("Your request has been filed as %(reference)s.") % {"reference": ticket.reference}
            )
            return redirect("servicedesk-detail", pk=ticket.pk)
    return render(
        request,
        "servicedesk/new.html",
        {
            "title": _("New IT request"),
            "breadcrumbs": _crumbs({"label": _("New IT request")}),
            "form": form,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _detail_context(request, ticket: Ticket, **forms) -> dict:
    public = TicketMessage.objects.filter(ticket=ticket).exclude(kind=TicketMessage.Kind.NOTE)
    thread = public.select_related("author").prefetch_related(
        Prefetch("attachments", queryset=TicketAttachment.objects.filter(is_internal=False))
    )
    opening_files = TicketAttachment.objects.filter(ticket=ticket, message__isnull=True, is_internal=False)
    return {
        "title": f"{ticket.reference} {ticket.title}",
        "breadcrumbs": _crumbs({"label": ticket.reference}),
        "ticket": ticket,
        "thread": thread,
        "opening_files": opening_files,
        "remaining": sla.remaining(ticket),
        "can_reopen": services.can_reopen(ticket),
        "confirm_days": services.confirm_days(),
        "is_requester": ticket.requester_id == request.user.pk,
        "reply_form": forms.get("reply_form") or ReplyForm(initial={"version": ticket.version}),
        "reopen_form": forms.get("reopen_form") or ReopenForm(),
        "rate_form": forms.get("rate_form") or RateForm(initial={"score": ticket.satisfaction}),
        "merged_into_visible": ticket.merged_into_id
        and Ticket.objects.for_requester(request.user).filter(pk=ticket.merged_into_id).exists(),
    }


@never_cache
@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _visible_ticket(request, pk)
    return render(request, "servicedesk/detail.html", _detail_context(request, ticket))


@never_cache
@login_required
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _visible_ticket(request, pk)
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.reply(
                ticket,
                by=request.user,
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data.get("attachments") or [],
                via=Source.PORTAL,
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Your reply has been added."))
            return redirect("servicedesk-detail", pk=ticket.pk)
    return render(request, "servicedesk/detail.html", _detail_context(request, ticket, reply_form=form), status=400)


@never_cache
@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _visible_ticket(request, pk)
    try:
        services.confirm(ticket, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you. The request is closed."))
    return redirect("servicedesk-detail", pk=ticket.pk)


@never_cache
@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _visible_ticket(request, pk)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.reopen(ticket, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The request has been reopened."))
            return redirect("servicedesk-detail", pk=ticket.pk)
    return render(request, "servicedesk/detail.html", _detail_context(request, ticket, reopen_form=form), status=400)


@never_cache
@login_required
@require_POST
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _visible_ticket(request, pk)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            services.rate(
                ticket, by=request.user, score=form.cleaned_data["score"], comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            _form_errors(form, error)
        except PermissionDenied:
            form.add_error(None, _("Only the requester can rate the service."))
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect("servicedesk-detail", pk=ticket.pk)
    return render(request, "servicedesk/detail.html", _detail_context(request, ticket, rate_form=form), status=400)


@never_cache
@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _visible_ticket(request, pk)
    try:
        services.cancel(ticket, by=request.user, reason=request.POST.get("reason", "")[:2000])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        messages.error(request, _("Only the requester can withdraw the request."))
    else:
        messages.success(request, _("The request has been withdrawn."))
    return redirect("servicedesk-detail", pk=ticket.pk)


@never_cache
@login_required
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    """A ticket's file, for those who may see the ticket (internal files only for IT staff)."""
    if pk > MAX_ID:
        raise Http404
    item = TicketAttachment.objects.select_related("ticket").filter(pk=pk).first()
    if item is None:
        raise Http404
    staff = services.is_it_staff(request.user)
    if not staff and (item.is_internal or not services.can_follow(request.user, item.ticket)):
        raise Http404
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=item.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
