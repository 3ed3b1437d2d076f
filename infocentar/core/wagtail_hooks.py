"""Back office for organisations, memberships and the audit log."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import HeaderButton

from . import admin_views, services
from .models import Membership, Organisation
from .scoping import visible_organisation_ids
from .viewsets import ScopedModelViewSet


class OrganisationIndexMixin:
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("core.add_organisation"):
            buttons.append(
                HeaderButton(_("Import CSV"), url=reverse("infocentar_import_organisations"), icon_name="upload")
            )
        return buttons


class OrganisationViewSet(ScopedModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    add_to_admin_menu = False
    url_prefix = "organisations"
    name = "organisations"
    organisation_lookup = "pk__in"
    list_select_related = ("parent",)
    list_display = [
        "name",
        "short_name",
        Column("kind", label=_("kind"), accessor="get_kind_display", sort_key="kind"),
        "parent",
        "head_name",
        BooleanColumn("is_active", label=_("active")),
    ]
    list_filter = ["kind", "is_active", "parent"]
    list_export = list(services.CSV_COLUMNS)
    export_filename = "organisations"
    search_fields = ["name", "short_name", "head_name", "email"]
    ordering = ["sort_order", "name"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = [
        "name", "short_name", "slug", "kind", "parent", "mandate", "head_name", "head_title", "email",
        "phone", "address", "working_hours", "website", "founding_act", "is_information_center", "is_active",
        "sort_order",
    ]  # fmt: skip

    # The export's columns are the import's, so an export can be edited and imported back.
    export_headings = {name: name for name in services.CSV_COLUMNS}

    def on_saved(self, instance, request, created: bool, before: dict | None = None) -> None:
        if before is not None and before.get("is_active") != instance.is_active:
            services.sync_members(instance)

    @property
    def index_view_class(self):
        from wagtail.admin.views.generic import IndexView

        return type("OrganisationIndexView", (OrganisationIndexMixin, IndexView), {})


class MembershipViewSet(ScopedModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Memberships and roles")
    url_prefix = "memberships"
    list_select_related = ("user", "organisation")
    name = "memberships"
    list_display = ["user", "organisation", Column("role", accessor="get_role_display", label=_("role")),
                    "job_title", BooleanColumn("is_active", label=_("active"))]  # fmt: skip
    list_filter = ["role", "is_active", "organisation"]
    list_export = ["user", "user.email", "organisation", "role", "job_title", "is_active", "created_at"]
    export_filename = "memberships"
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name", "job_title"]
    form_fields = ["user", "organisation", "role", "job_title", "is_active"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def on_saved(self, instance, request, created: bool, before: dict | None = None) -> None:
        services._sync_groups(instance.user)
        if before and before.get("user") != instance.user_id:
            # The membership moved to another person: the first one loses the role.
            from django.contrib.auth import get_user_model

            previous = get_user_model().objects.filter(pk=before["user"]).first()
            if previous is not None:
                services._sync_groups(previous)

    def on_deleted(self, instance, request) -> None:
        services._sync_groups(instance.user)


class OrganisationsGroup(ViewSetGroup):
    menu_label = _("Organisations")
    menu_icon = "group"
    menu_order = 900
    items = (OrganisationViewSet, MembershipViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return OrganisationsGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("audit-log/", admin_views.AuditLogView.as_view(), name="infocentar_audit_log"),
        path(
            "audit-log/results/",
            admin_views.AuditLogView.as_view(results_only=True),
            name="infocentar_audit_log_results",
        ),
        path("organisations/import/", admin_views.import_organisations, name="infocentar_import_organisations"),
    ]


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request):
        return visible_organisation_ids(request.user) != frozenset()


@hooks.register("register_reports_menu_item")
def register_audit_log_menu_item():
    return AuditLogMenuItem(_("Audit log"), reverse("infocentar_audit_log"), icon_name="history", order=50)


@hooks.register("insert_global_admin_js")
def csp_init_js():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}" defer></script>', static("infocentar/admin/csp-init.js"))


@hooks.register("construct_reports_menu")
def hide_unscoped_site_history(request, menu_items):
    from .scoping import is_global

    if not is_global(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]
