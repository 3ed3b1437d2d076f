"""Back-office views Wagtail's viewsets do not cover: the ticket work page, filing on behalf, the dashboard."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from infocentar.core.models import Organisation
from infocentar.inventory.widgets import FastSelect

from . import reports, services, sla
from .forms import (
    AssignForm,
    ClassifyForm,
    LinkForm,
    MergeForm,
    OnBehalfForm,
    ResolveForm,
    StaffMessageForm,
    StatusForm,
)
from .models import Source, Team, Ticket, TicketAttachment, TicketMessage

MAX_ID = 2**63 - 1


def _require_it_staff(request: HttpRequest) -> None:
    if not services.is_it_staff(request.user):
        raise PermissionDenied


def _ticket(pk: int) -> Ticket:
    if pk > MAX_ID:
        raise Http404
    ticket = (
        Ticket.objects.select_related(
            "organisation", "requester", "assignee", "team", "asset", "information_system", "merged_into", "created_by"
        )
        .filter(pk=pk)
        .first()
    )
    if ticket is None:
        raise Http404
    return ticket


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


ACTIONS = ("message", "assign", "status", "resolve", "classify", "merge", "link", "unlink", "cancel")


def work(request: HttpRequest, pk: int) -> HttpResponse:
    """One ticket: everything about it, the whole conversation with internal notes, and the work forms."""
    _require_it_staff(request)
    ticket = _ticket(pk)
    version = {"version": ticket.version}
    forms = {
        "message": StaffMessageForm(initial=version),
        "assign": AssignForm(initial={**version, "assignee": ticket.assignee_id, "team": ticket.team_id}),
        "status": StatusForm(initial={**version, "status": ticket.status}),
        "resolve": ResolveForm(initial=version),
        "classify": ClassifyForm(
            ticket=ticket,
            initial={
                **version,
                "title": ticket.title,
                "category": ticket.category,
                "impact": ticket.impact,
                "urgency": ticket.urgency,
                "asset": ticket.asset_id,
                "information_system": ticket.information_system_id,
            },
        ),
        "merge": MergeForm(initial=version),
        "link": LinkForm(),
    }
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            messages.error(request, _("Unknown action."))
            return redirect("servicedesk_admin:work", pk=ticket.pk)
        try:
            done = _perform(request, ticket, action, forms)
        except services.ConcurrentEdit as conflict:
            messages.error(request, str(conflict))
            status = 409
            ticket = _ticket(pk)
        else:
            if done:
                return redirect("servicedesk_admin:work", pk=ticket.pk)
            status = 400
    thread = (
        TicketMessage.objects.filter(ticket=ticket)
        .select_related("author")
        .prefetch_related(Prefetch("attachments", queryset=TicketAttachment.objects.all()))
    )
    context = {
        "ticket": ticket,
        "page_title": f"{ticket.reference} {ticket.title}",
        "thread": thread,
        "opening_files": TicketAttachment.objects.filter(ticket=ticket, message__isnull=True),
        "remaining": sla.remaining(ticket),
        "forms": forms,
        "related": ticket.related.select_related("organisation").order_by("-pk"),
        "merged": ticket.merged_tickets.order_by("pk"),
        "portal_url": ticket.get_portal_url(),
        "history_url": reverse("servicedesk_admin:history", args=[ticket.pk]),
    }
    return render(request, "servicedesk/admin/work.html", context, status=status)


def _perform(request: HttpRequest, ticket: Ticket, action: str, forms: dict) -> bool:
    user, post, files = request.user, request.POST, request.FILES
    if action == "unlink":
        other = Ticket.objects.filter(pk=post.get("other", "0") if post.get("other", "").isdigit() else 0).first()
        if other is not None:
            services.unlink(ticket, other, by=user)
            messages.success(request, _("The link has been removed."))
        return True
    form_class = {
        "message": StaffMessageForm,
        "assign": AssignForm,
        "status": StatusForm,
        "resolve": ResolveForm,
        "merge": MergeForm,
        "link": LinkForm,
    }.get(action)
    if action == "classify":
        form = ClassifyForm(post, ticket=ticket)
    elif action == "cancel":
        reason = post.get("reason", "").strip()[:2000]
        try:
            services.cancel(ticket, by=user, reason=reason, expected_version=_version(post))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return False
        messages.success(request, _("The ticket has been cancelled."))
        return True
    else:
        form = form_class(post, files) if action == "message" else form_class(post)
    forms[action] = form
    if not form.is_valid():
        return False
    data = form.cleaned_data
    expected = data.get("version")
    try:
        if action == "message":
            if data.get("internal"):
                services.add_note(
                    ticket, by=user, body=data["body"], attachments=data["attachments"], expected_version=expected
                )
                messages.success(request, _("The internal note has been added."))
            else:
                services.reply(
                    ticket,
                    by=user,
                    body=data["body"],
                    attachments=data["attachments"],
                    via=Source.ADMIN,
                    expected_version=expected,
                )
                messages.success(request, _("The reply has been sent to the requester."))
        elif action == "assign":
            services.assign(ticket, by=user, assignee=data["assignee"], team=data["team"], expected_version=expected)
            messages.success(request, _("The ticket has been assigned."))
        elif action == "status":
            services.change_status(
                ticket, data["status"], by=user, message=data.get("message", ""), expected_version=expected
            )
            messages.success(request, _("The status has been changed."))
        elif action == "resolve":
            services.resolve(
                ticket,
                by=user,
                resolution_category=data["resolution_category"],
                note=data["note"],
                expected_version=expected,
            )
            messages.success(request, _("The ticket has been resolved; the requester has been asked to confirm."))
        elif action == "classify":
            changes = {k: data[k] for k in ("title", "category", "impact", "urgency", "asset", "information_system")}
            services.update_ticket(ticket, by=user, expected_version=expected, **changes)
            messages.success(request, _("The ticket has been updated."))
        elif action == "merge":
            services.merge(ticket, data["into"], by=user, expected_version=expected)
            messages.success(request, _("The ticket has been merged."))
        elif action == "link":
            services.link(ticket, data["other"], by=user)
            messages.success(request, _("The tickets have been linked."))
    except ValidationError as error:
        _apply_errors(form, error)
        return False
    return True


def _version(post) -> int | None:
    value = post.get("version", "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def file_on_behalf(request: HttpRequest) -> HttpResponse:
    """IT staff enter a request received by phone or in person."""
    _require_it_staff(request)
    organisations = Organisation.objects.active()
    form = OnBehalfForm(request.POST or None, request.FILES or None, organisations=organisations)
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
                requester=data.get("requester"),
                requester_name=data.get("requester_name", ""),
                requester_email=data.get("requester_email", ""),
                requester_phone=data.get("requester_phone", ""),
                source=data["source"],
                by=request.user,
                attachments=data.get("attachments") or [],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Ticket %(reference)s has been filed.") % {"reference": ticket.reference})
            return redirect("servicedesk_admin:work", pk=ticket.pk)
    return render(
        request,
        "servicedesk/admin/on_behalf.html",
        {"form": form, "page_title": _("File a request on someone's behalf")},
        status=400 if form.is_bound and form.errors else 200,
    )


def dashboard(request: HttpRequest) -> HttpResponse:
    """Open tickets by organisation, category and age; SLA compliance and mean times per month; trends."""
    _require_it_staff(request)
    tickets = Ticket.objects.all()
    organisation = team = None
    org_id, team_id = request.GET.get("organisation", ""), request.GET.get("team", "")
    if org_id.isdigit() and len(org_id) < 19:
        organisation = Organisation.objects.filter(pk=int(org_id)).first()
        if organisation is not None:
            tickets = tickets.filter(organisation=organisation)
    if team_id.isdigit() and len(team_id) < 19:
        team = Team.objects.filter(pk=int(team_id)).first()
        if team is not None:
            tickets = tickets.filter(team=team)
    data = reports.overview(tickets, cache_key=f"o{organisation.pk if organisation else ''}t{team.pk if team else ''}")
    export = request.GET.get("export", "")
    if export in ("csv", "xlsx"):
        return _export_dashboard(data, export)
    per_day = sla.seconds_per_day()
    context = {
        "page_title": _("Service desk dashboard"),
        "data": data,
        "charts": reports.charts(data),
        "monthly_rows": [
            {
                "month": reports.month_label(r.month),
                "filed": r.filed,
                "resolved": r.resolved,
                "compliance": r.compliance,
                "response_compliance": r.response_compliance,
                "mean_response": reports.hours(r.mean_response),
                "mean_resolution": reports.hours(r.mean_resolution),
            }
            for r in data["monthly"]
        ],
        "mean_response": reports.hours(data["mean_response"]),
        "mean_resolution": reports.hours(data["mean_resolution"]),
        "hours_per_day": per_day / 3600,
        # 300 organisations: the options are rendered in Python, not by a template loop.
        "organisation_select": FastSelect(
            attrs={"id": "sd-org"}, choices=[("", _("All")), *Organisation.objects.active().values_list("pk", "name")]
        ).render("organisation", organisation.pk if organisation else None),
        "team_select": FastSelect(
            attrs={"id": "sd-team"}, choices=[("", _("All")), *Team.objects.values_list("pk", "name")]
        ).render("team", team.pk if team else None),
        "organisation": organisation,
        "team": team,
        "querystring": request.GET.urlencode(),
        "generated_at": timezone.now(),
    }
    return render(request, "servicedesk/admin/dashboard.html", context)


def _dashboard_rows(data: dict) -> list[list]:
    rows: list[list] = [
        [
            _("Month"),
            _("Filed"),
            _("Resolved"),
            _("Resolved within SLA (%)"),
            _("First response within SLA (%)"),
            _("Mean time to first response (working hours)"),
            _("Mean time to resolve (working hours)"),
        ]
    ]
    for r in data["monthly"]:
        rows.append(
            [
                r.month.isoformat(),
                r.filed,
                r.resolved,
                r.compliance,
                r.response_compliance,
                reports.hours(r.mean_response),
                reports.hours(r.mean_resolution),
            ]
        )
    rows.append([])
    rows.append([_("Open tickets by organisation"), _("Count")])
    rows.extend([name, count] for name, count in data["by_organisation"])
    rows.append([])
    rows.append([_("Open tickets by category"), _("Count")])
    rows.extend([name, count] for name, count in data["by_category"])
    rows.append([])
    rows.append([_("Open tickets by age"), _("Count")])
    rows.extend([name, count] for name, count in data["by_age"])
    return rows


def _export_dashboard(data: dict, kind: str) -> HttpResponse:
    rows = _dashboard_rows(data)
    stamp = timezone.localdate().isoformat()
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow(["" if v is None else _safe_cell(v) for v in row])
        response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="servicedesk-dashboard-{stamp}.csv"'
        return response
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "SLA"
    for row in rows:
        sheet.append([_safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="servicedesk-dashboard-{stamp}.xlsx"'
    return response


def _safe_cell(value):
    """No formulas from data (CSV/formula injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return str(value) if not isinstance(value, (int, float, type(None))) else value
