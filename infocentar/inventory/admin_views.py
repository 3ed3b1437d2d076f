"""Back-office screens of the inventory beyond the viewsets: check-out, seats, labels, import, plans, calendar."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component

from . import importing, services
from .forms import CheckoutForm, ImportForm, LabelsForm, LicenceSeatForm
from .labels import build_labels_pdf, labels_for
from .models import Asset, Licence, LicenceAssignment, MaintenanceSchedule, Plan, PlanStatus


def _require_it(request) -> None:
    if not services.can_use_staff_tools(request.user):
        raise PermissionDenied


def _require_it_global(request) -> None:
    if not services.is_it_global(request.user):
        raise PermissionDenied


def scoped(queryset, user, lookup: str = "organisation_id__in"):
    ids = services.visible_ids(user)
    return queryset if ids is None else queryset.filter(**{lookup: ids})


def _scoped_asset(request, pk: int) -> Asset:
    return get_object_or_404(scoped(Asset.objects.select_related("organisation"), request.user), pk=pk)


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- check-out / check-in ---------------------------------------------------------------------------------------------


def checkout(request, pk: int):
    _require_it_global(request)
    asset = _scoped_asset(request, pk)
    form = CheckoutForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.check_out(
                asset,
                by=request.user,
                recipient=form.cleaned_data["recipient"],
                location=form.cleaned_data["location"],
                note=form.cleaned_data["note"],
                expected_return=form.cleaned_data["expected_return"],
            )
        except ValidationError as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("%(asset)s was checked out.") % {"asset": asset})
            return redirect(asset.get_admin_url())
    return render(
        request,
        "inventory/admin/form.html",
        {"form": form, "page_title": _("Check out %(asset)s") % {"asset": asset}, "submit": _("Check out")},
    )


@require_POST
def checkin(request, pk: int):
    _require_it_global(request)
    asset = _scoped_asset(request, pk)
    try:
        services.check_in(asset, by=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("%(asset)s was checked in.") % {"asset": asset})
    return redirect(asset.get_admin_url())


# --- licence seats -------------------------------------------------------------------------------------------------


def licence_seats(request, pk: int):
    _require_it(request)
    licence = get_object_or_404(scoped(Licence.objects.select_related("product", "organisation"), request.user), pk=pk)
    can_edit = services.is_it_global(request.user)
    form = LicenceSeatForm(request.POST or None, user=request.user, licence=licence)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.assign_licence(
                    licence, by=request.user, asset=form.cleaned_data["asset"], user=form.cleaned_data["user"]
                )
            except ValidationError as exc:
                form.add_error(None, _error_text(exc))
            else:
                messages.success(request, _("The seat was assigned."))
                return redirect("inventory_licence_seats", pk=licence.pk)
    seats = licence.assignments.select_related("asset", "user").order_by("-assigned_at")
    return render(
        request,
        "inventory/admin/licence_seats.html",
        {
            "licence": licence,
            "seats": seats,
            "form": form if can_edit else None,
            "can_edit": can_edit,
            "page_title": _("Seats of %(licence)s") % {"licence": licence},
        },
    )


@require_POST
def release_seat(request, pk: int):
    _require_it_global(request)
    assignment = get_object_or_404(
        scoped(LicenceAssignment.objects.select_related("licence"), request.user, "licence__organisation_id__in"),
        pk=pk,
    )
    licence_id = assignment.licence_id
    services.release_licence(assignment, by=request.user)
    messages.success(request, _("The seat was released."))
    return redirect("inventory_licence_seats", pk=licence_id)


# --- labels --------------------------------------------------------------------------------------------------------

MAX_LABELS = 500


def labels(request):
    _require_it(request)
    form = LabelsForm(request.GET or None, user=request.user)
    if request.GET and form.is_valid():
        assets = scoped(Asset.objects.select_related("organisation"), request.user).order_by("asset_tag")
        data = form.cleaned_data
        if data["organisation"]:
            assets = assets.filter(organisation=data["organisation"])
        if data["asset_type"]:
            assets = assets.filter(asset_type=data["asset_type"])
        if data["tags"]:
            assets = assets.filter(asset_tag__in=data["tags"])
        assets = list(assets[: MAX_LABELS + 1])
        if not assets:
            form.add_error(None, _("No assets match."))
        elif len(assets) > MAX_LABELS:
            form.add_error(None, _("More than 500 assets match: choose an organisation or a type."))
        else:
            pdf = build_labels_pdf(labels_for(assets, lambda a: services.absolute(qr_path(a))), title=_("Asset labels"))
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = 'inline; filename="labels.pdf"'
            return response
    return render(
        request,
        "inventory/admin/form.html",
        {"form": form, "page_title": _("Print labels"), "submit": _("Make the PDF"), "method": "get"},
    )


def qr_path(asset: Asset) -> str:
    from django.utils import translation

    with translation.override("cnr"):
        return reverse("inventory-asset", args=[asset.asset_tag])


# --- import --------------------------------------------------------------------------------------------------------


class ImportModeForm(ImportForm):
    mode = forms.ChoiceField(
        label=gettext_lazy("Mode"),
        choices=[
            ("dry_run", gettext_lazy("Check the file only (dry run)")),
            ("all", gettext_lazy("Import, if every row is valid")),
            ("valid", gettext_lazy("Import only the valid rows, skip the others")),
        ],
        initial="dry_run",
        widget=forms.RadioSelect,
    )


def import_view(request):
    from .models import ImportRun

    _require_it_global(request)
    form = ImportModeForm(request.POST or None, request.FILES or None)
    report = run = None
    file_error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        kind = form.cleaned_data["kind"]
        mode = form.cleaned_data["mode"]
        try:
            headers, rows = importing.read_table(upload.name, upload.read())
        except importing.ImportFileError as exc:
            file_error = str(exc)
        else:
            visible = services.visible_ids(request.user)
            report = importing.validate(kind, headers, rows, visible_ids=visible)
            wanted = (mode == "all" and report.ok and report.valid) or (mode == "valid" and report.can_import_valid)
            if wanted and len(report.valid) > importing.BACKGROUND_THRESHOLD:
                queued = importing.queue(
                    kind,
                    headers,
                    rows,
                    user=request.user,
                    file_name=upload.name,
                    only_valid=mode == "valid",
                    visible_ids=visible,
                )
                return redirect("inventory_import_progress", pk=queued.pk)
            if mode == "all" and report.ok and report.valid:
                run = importing.apply(report, user=request.user, file_name=upload.name)
            elif mode == "valid" and report.can_import_valid:
                run = importing.apply(report, user=request.user, file_name=upload.name, only_valid=True)
            if run is not None:
                messages.success(
                    request,
                    _("Imported %(n)s of %(total)s rows.") % {"n": run.imported_rows, "total": run.total_rows},
                )
        if file_error:
            form.add_error("file", file_error)
    return render(
        request,
        "inventory/admin/import.html",
        {
            "form": form,
            "report": report,
            "run": run,
            "columns": {k: list(v) for k, v in importing.COLUMNS.items()},
            "page_title": _("Import equipment, licences or people"),
            "row_errors": report.row_errors[:500] if report else [],
            "preview": report.valid[:20] if report else [],
            "recent": ImportRun.objects.filter(user=request.user).order_by("-created_at")[:10],
        },
    )


def import_progress(request, pk: int):
    from django.core.cache import cache

    from .models import ImportRun, ImportStatus

    _require_it_global(request)
    run = get_object_or_404(ImportRun, pk=pk, user=request.user)
    done, total = cache.get(importing.progress_key(run.pk)) or [0, len(run.payload["rows"]) if run.payload else 0]
    if run.status == ImportStatus.DONE:
        done = total = run.imported_rows
    percent = round(100 * done / total) if total else 0
    return render(
        request,
        "inventory/admin/import_progress.html",
        {
            "run": run,
            "done": done,
            "total": total,
            "percent": percent,
            "finished": run.status in (ImportStatus.DONE, ImportStatus.FAILED),
            "page_title": _("Import of %(file)s") % {"file": run.file_name},
        },
    )


# --- plans ---------------------------------------------------------------------------------------------------------


def _year(request, default: int) -> int:
    try:
        year = int(request.GET.get("year", default))
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= 2100 else default


def consolidated(request):
    allowed, organisation_ids = services.consolidated_scope(request.user)
    if not allowed:
        raise PermissionDenied
    year = _year(request, timezone.localdate().year + 1)
    status = request.GET.get("status", "")
    statuses = [status] if status in PlanStatus.values else None
    data = services.consolidated_plan(year, organisation_ids, statuses)
    from .models import PlanCategory

    categories = [(value, label) for value, label in PlanCategory.choices]
    matrix = [(org, [row.get(value) for value, _label in categories]) for org, row in sorted(data["matrix"].items())]
    return render(
        request,
        "inventory/admin/consolidated.html",
        {
            **data,
            "year": year,
            "status": status,
            "statuses": PlanStatus.choices,
            "categories": categories,
            "matrix_rows": matrix,
            "page_title": _("Consolidated plan %(year)s") % {"year": year},
        },
    )


def forecast(request):
    _require_it(request)
    year = _year(request, timezone.localdate().year + 1)
    rows = services.replacement_forecast(services.visible_ids(request.user), year)
    plans = {
        plan.organisation_id: plan
        for plan in scoped(Plan.objects.filter(year=year), request.user).select_related("organisation")
    }
    for row in rows:
        row["plan"] = plans.get(row["organisation_id"])
    return render(
        request,
        "inventory/admin/forecast.html",
        {"rows": rows, "year": year, "page_title": _("Replacement forecast %(year)s") % {"year": year}},
    )


@require_POST
def propose_lines(request, pk: int):
    _require_it(request)
    plan = get_object_or_404(scoped(Plan.objects.select_related("organisation"), request.user), pk=pk)
    try:
        lines = services.propose_replacement_lines(plan, by=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("%(n)s lines were added to the plan.") % {"n": len(lines)})
    return redirect(reverse("inventory_plans:edit", args=[plan.pk]))


def realisation(request, pk: int):
    _require_it(request)
    plan = get_object_or_404(scoped(Plan.objects.select_related("organisation"), request.user), pk=pk)
    return render(
        request,
        "inventory/admin/realisation.html",
        {"plan": plan, **services.plan_realisation(plan), "page_title": str(plan)},
    )


# --- maintenance calendar ---------------------------------------------------------------------------------------------


def calendar_schedules(user):
    """The active schedules in a user's calendar: their organisations' own, and (for IT contacts) the
    Information Center's schedules for every organisation that apply to their assets: of a type their
    organisations have, or for one of their assets. Those are shown, not editable: the schedules listing
    and its edit view stay limited to the contact's organisations."""
    schedules = MaintenanceSchedule.objects.filter(is_active=True).select_related("organisation", "asset")
    ids = services.visible_ids(user)
    if ids is None:
        return schedules
    own_types = Asset.objects.active().filter(organisation_id__in=ids).values("asset_type")
    return schedules.filter(
        Q(organisation_id__in=ids)
        | Q(organisation__isnull=True, asset__isnull=True, asset_type__in=own_types)
        | Q(organisation__isnull=True, asset__organisation_id__in=ids)
    )


def calendar(request):
    _require_it(request)
    today = timezone.localdate()
    months = services.maintenance_calendar(list(calendar_schedules(request.user)), today, 12)
    return render(
        request,
        "inventory/admin/calendar.html",
        {
            "months": months,
            "today": today,
            "page_title": _("Maintenance calendar"),
            "can_edit_shared": services.visible_ids(request.user) is None,
        },
    )


# --- dashboard of licences ---------------------------------------------------------------------------------------


def compliance(request):
    _require_it(request)
    licences = scoped(Licence.objects.with_usage().select_related("product", "organisation"), request.user)
    rows = list(licences.order_by("expires_on", "product__name"))
    problems = [licence for licence in rows if licence.compliance != "ok"]
    summary = {}
    for licence in rows:
        summary[licence.compliance] = summary.get(licence.compliance, 0) + 1
    return render(
        request,
        "inventory/admin/compliance.html",
        {"problems": problems, "summary": summary, "total": len(rows), "page_title": _("Licence compliance")},
    )


# --- API tokens ---------------------------------------------------------------------------------------------------


@require_POST
def revoke_token(request, pk: int):
    _require_it(request)
    from .models import ApiToken

    token = get_object_or_404(scoped(ApiToken.objects.all(), request.user), pk=pk)
    services.revoke_token(token, by=request.user)
    messages.success(request, _("The token was revoked; scripts using it are refused from now on."))
    return redirect("inventory_tokens:index")


class InventoryPanel(Component):
    """Dashboard: licences expired or expiring, maintenance due in 30 days, plans waiting for review."""

    name = "inventory_due"
    template_name = "inventory/admin/dashboard_panel.html"
    order = 130

    def __init__(self, request) -> None:
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        today = timezone.localdate()
        licences = scoped(Licence.objects.all(), user)
        schedules = scoped(MaintenanceSchedule.objects.filter(is_active=True), user)
        plans = scoped(Plan.objects.all(), user)
        return {
            "expired": licences.expired(today).count(),
            "expiring": licences.expiring(today).count(),
            "maintenance": schedules.filter(next_due__lte=today + datetime.timedelta(days=30)).count(),
            "to_review": plans.filter(status=PlanStatus.SUBMITTED).count() if services.is_it_global(user) else None,
            "drafts": plans.filter(status=PlanStatus.DRAFT, year__gte=today.year).count(),
        }
