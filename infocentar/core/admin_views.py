"""Back-office views of core that Wagtail's viewsets do not cover: audit log, CSV import."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports.base import ReportView
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from . import services
from .models import Organisation
from .scoping import has_role, visible_organisation_ids


def scoped_log_entries(user):
    """Audit entries the user may read: all for global roles, else their organisations'."""
    queryset = ModelLogEntry.objects.all()
    ids = visible_organisation_ids(user)
    if ids is None:
        return queryset
    return queryset.filter(data__organisation_id__in=list(ids))


def _action_label(action: str) -> str:
    log_registry.scan_for_actions()  # a fresh worker has not loaded the actions yet
    try:
        return str(log_registry.get_action_label(action))
    except KeyError:
        return action


class AuditLogFilterSet(WagtailFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Organisation"),
        queryset=lambda request: Organisation.objects.visible_to(request.user),
        method="filter_organisation",
    )
    user = django_filters.ModelChoiceFilter(
        label=gettext_lazy("User"),
        queryset=lambda request: (
            get_user_model()
            .objects.filter(pk__in=scoped_log_entries(request.user).values("user_id"))
            .order_by("username")
        ),
    )
    content_type = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Type"),
        queryset=lambda request: ContentType.objects.filter(
            pk__in=scoped_log_entries(request.user).values("content_type_id")
        ).order_by("model"),
    )
    action = django_filters.ChoiceFilter(label=gettext_lazy("Action"), choices=log_registry.get_choices)
    timestamp = django_filters.DateFromToRangeFilter(label=gettext_lazy("Date"), widget=DateRangePickerWidget)
    label = django_filters.CharFilter(label=gettext_lazy("Name"), lookup_expr="icontains")

    class Meta:
        model = ModelLogEntry
        fields = []

    def filter_organisation(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(data__organisation_id=value.pk)


class ChangesColumn(Column):
    cell_template_name = "core/audit_changes_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        changes = (instance.data or {}).get("changes") or {}
        context["changes"] = [
            {"field": field, "before": values[0], "after": values[1]} for field, values in changes.items()
        ]
        return context


class AuditLogView(ReportView):
    """Every change staff made, filterable by organisation, user, object type and date."""

    page_title = gettext_lazy("Audit log")
    header_icon = "history"
    filterset_class = AuditLogFilterSet
    index_url_name = "infocentar_audit_log"
    index_results_url_name = "infocentar_audit_log_results"
    paginate_by = 50
    columns = [
        DateColumn("timestamp", label=gettext_lazy("Date/Time")),
        Column("user", label=gettext_lazy("User")),
        Column("content_type", label=gettext_lazy("Type"), accessor=lambda e: e.content_type.name.capitalize()),
        Column("label", label=gettext_lazy("Name")),
        Column("action", label=gettext_lazy("Action"), accessor=lambda e: _action_label(e.action)),
        ChangesColumn("changes", label=gettext_lazy("Changes")),
    ]
    list_export = ["timestamp", "user", "content_type", "label", "action", "object_id", "data"]
    export_headings = {
        "timestamp": gettext_lazy("Date/Time"),
        "user": gettext_lazy("User"),
        "content_type": gettext_lazy("Type"),
        "label": gettext_lazy("Name"),
        "action": gettext_lazy("Action"),
        "object_id": gettext_lazy("ID"),
        "data": gettext_lazy("Data"),
    }

    def get_queryset(self):
        return (
            scoped_log_entries(self.request.user).select_related("user", "content_type").order_by("-timestamp", "-pk")
        )

    def get_filename(self) -> str:
        return "audit-log"


# --- CSV import of organisations --------------------------------------------
class OrganisationImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("UTF-8, with a header row. Columns: %(columns)s.")
        % {"columns": ", ".join(services.CSV_COLUMNS)},
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("Import now (leave unticked to check the file first)"), required=False
    )

    MAX_BYTES = 2 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        head = upload.read(2048)
        upload.seek(0)
        if b"\x00" in head:
            raise forms.ValidationError(_("This is not a CSV text file."))
        return upload


def import_organisations(request):
    if not has_role(request.user, "ic_admin") and not request.user.has_perm("core.add_organisation"):
        raise PermissionDenied
    result = None
    form = OrganisationImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        dry_run = not form.cleaned_data["confirm"]
        result = services.import_organisations_csv(data, by=request.user, dry_run=dry_run)
        if result.ok and not dry_run:
            messages.success(
                request,
                _("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            )
            return redirect(reverse("organisations:index"))
    return render(
        request,
        "core/import_organisations.html",
        {"form": form, "result": result, "columns": services.CSV_COLUMNS, "page_title": _("Import organisations")},
    )


def format_changes(changes: dict) -> str:
    return format_html_join("", "<li>{}: {} → {}</li>", ((k, v[0], v[1]) for k, v in changes.items()))


__all__ = ["AuditLogView", "format_changes", "format_html", "import_organisations"]


def global_only(view):
    """Wagtail's own Site history is not scoped: only global roles may open it."""

    def wrapped(request, *args, **kwargs):
        from .scoping import is_global

        if not is_global(request.user):
            return redirect("infocentar_audit_log")
        return view(request, *args, **kwargs)

    return wrapped
