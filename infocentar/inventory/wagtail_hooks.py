"""Back office of the inventory: scoped viewsets (equipment, licences, plans, maintenance, tokens) and tools."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView, IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import Button

from infocentar.core.models import IT_GLOBAL_ROLES, Organisation
from infocentar.core.viewsets import ScopedModelViewSet

from . import admin_views, services
from .forms import ApiTokenForm, AssetForm, AssetTagField, PlanForm
from .listing import CountingPaginator
from .models import (
    ApiToken,
    Asset,
    AssetStatus,
    AssetType,
    InformationSystem,
    Licence,
    MaintenanceSchedule,
    Plan,
    SoftwareProduct,
)
from .widgets import FastColumn, FastLinkColumn, FastSelect, NameChoiceFilter

MENU_HOOK = "register_inventory_menu_item"


def _organisations(request):
    ids = services.visible_ids(request.user)
    queryset = Organisation.objects.only("pk", "name").order_by("name")
    return queryset if ids is None else queryset.filter(pk__in=ids)


class ITScoped:
    """Mixed into the inventory's viewsets: IT contacts see their organisations, IT staff everything."""

    scope_roles = services.IT_ROLES
    global_roles = IT_GLOBAL_ROLES


# --- equipment ---------------------------------------------------------------------------------------------------


class AssetFilterSet(WagtailFilterSet):
    organisation = NameChoiceFilter(label=_("Organisation"), queryset=_organisations)
    asset_type = django_filters.ChoiceFilter(label=_("Type"), choices=AssetType.choices, widget=FastSelect)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AssetStatus.choices, widget=FastSelect)
    manufacturer = django_filters.CharFilter(label=_("Manufacturer"), lookup_expr="iexact")
    end_of_life = django_filters.ChoiceFilter(
        label=_("End of life"),
        choices=[("past", _("Past its end of life")), ("warranty", _("Out of warranty"))],
        method="filter_end_of_life",
    )

    class Meta:
        model = Asset
        fields = ["organisation", "asset_type", "status", "manufacturer"]

    def filter_end_of_life(self, queryset, name, value):
        today = timezone.localdate()
        if value == "past":
            return queryset.filter(services._eol_q(today))
        if value == "warranty":
            return queryset.filter(warranty_end__lt=today)
        return queryset


class AssetIndexView(IndexView):
    paginator_class = CountingPaginator

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        term = self.search_query.strip()[:100]
        # Prefixes only: on PostgreSQL each is answered by an index (migration 0004).
        return queryset.filter(
            Q(asset_tag__istartswith=term)
            | Q(serial__istartswith=term)
            | Q(hostname__istartswith=term)
            | Q(model__istartswith=term)
        )


class AssetInspectView(InspectView):
    template_name = "inventory/admin/asset_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        asset = self.object
        context["events"] = asset.events.select_related("user")[:100]
        context["checkouts"] = asset.checkouts.select_related("recipient")[:20]
        context["open_checkout"] = next((c for c in context["checkouts"] if c.is_open), None)
        context["seats"] = asset.licence_assignments.select_related("licence__product")
        context["can_manage"] = services.is_it_global(self.request.user)
        context["tickets"] = self.ticket_links(asset, staff=context["can_manage"])
        context["label_url"] = reverse("inventory_labels") + f"?tags={asset.asset_tag}"
        return context

    def ticket_links(self, asset, *, staff: bool) -> list[tuple[object, str]]:
        """The asset's latest tickets, each with the page the user may open: the work page for IT staff,
        the ticket on the staff portal for the organisation's IT contacts (who follow their tickets there)."""
        if not hasattr(asset, "tickets"):
            return []
        tickets = asset.tickets.all()[:50]  # newest first (the ticket's ordering)
        return [(ticket, ticket.get_admin_url() if staff else ticket.get_portal_url()) for ticket in tickets]


class AssetViewSet(ITScoped, ScopedModelViewSet):
    model = Asset
    index_view_class = AssetIndexView
    inspect_view_class = AssetInspectView
    icon = "desktop"
    menu_label = _("Equipment")
    menu_hook = MENU_HOOK
    menu_order = 10
    url_prefix = "inventory/assets"
    name = "inventory_assets"
    list_select_related = ("organisation", "assigned_to")
    filterset_class = AssetFilterSet
    list_display = [
        FastLinkColumn("asset_tag", "inventory_assets:inspect", label=_("asset tag"), sort_key="asset_tag"),
        FastColumn("asset_type", label=_("type"), accessor="get_asset_type_display", sort_key="asset_type"),
        FastColumn("model", label=_("model"), accessor="__str__", sort_key="model"),
        FastColumn("organisation", label=_("organisation"), sort_key="organisation__name"),
        FastColumn("status", label=_("status"), accessor="get_status_display", sort_key="status"),
        FastColumn("location", label=_("location")),
        FastColumn("assigned_to", label=_("used by")),
        FastColumn("purchase_date", label=_("purchased"), sort_key="purchase_date"),
        FastColumn("expected_end_of_life", label=_("end of life")),
    ]
    list_export = [
        "asset_tag",
        "organisation",
        "asset_type",
        "manufacturer",
        "model",
        "serial",
        "status",
        "building",
        "floor",
        "room",
        "assigned_to",
        "purchase_date",
        "cost",
        "supplier",
        "invoice",
        "warranty_end",
        "expected_end_of_life",
        "operating_system",
        "os_version",
        "hostname",
        "notes",
    ]
    export_headings = {"expected_end_of_life": _("expected end of life"), "assigned_to": _("used by")}
    export_filename = "equipment"
    search_fields = ["asset_tag", "serial", "hostname", "model"]
    ordering = ["asset_tag"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "asset_tag",
        "asset_type",
        "manufacturer",
        "model",
        "serial",
        "organisation",
        "status",
        "building",
        "floor",
        "room",
        "assigned_to",
        "purchase_date",
        "cost",
        "supplier",
        "invoice",
        "warranty_end",
        "end_of_life",
        "operating_system",
        "os_version",
        "hostname",
        "plan_line",
        "notes",
    ]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("asset_tag"), FieldPanel("asset_type"), FieldPanel("status")]),
            FieldRowPanel([FieldPanel("manufacturer"), FieldPanel("model"), FieldPanel("serial")]),
            FieldPanel("organisation"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("building"), FieldPanel("floor"), FieldPanel("room")]),
                    FieldPanel("assigned_to"),
                ],
                heading=_("Location and user"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("purchase_date"), FieldPanel("cost")]),
                    FieldRowPanel([FieldPanel("supplier"), FieldPanel("invoice")]),
                    FieldRowPanel([FieldPanel("warranty_end"), FieldPanel("end_of_life")]),
                    FieldPanel("plan_line"),
                ],
                heading=_("Purchase"),
            ),
            FieldRowPanel([FieldPanel("operating_system"), FieldPanel("os_version"), FieldPanel("hostname")]),
            FieldPanel("notes"),
        ],
        base_form_class=AssetForm,
    )

    def on_saved(self, instance, request, created, before=None):
        services.note_changes(instance, before, request.user)


# --- information systems ------------------------------------------------------------------------------------------


class InformationSystemViewSet(ITScoped, ScopedModelViewSet):
    model = InformationSystem
    icon = "cogs"
    menu_label = _("Information systems")
    menu_hook = MENU_HOOK
    menu_order = 20
    url_prefix = "inventory/systems"
    name = "inventory_systems"
    list_select_related = ("organisation",)
    list_display = ["name", Column("organisation", label=_("organisation"), sort_key="organisation__name"), "owner"]
    list_filter = ["organisation"]
    list_export = ["name", "organisation", "owner", "description"]
    export_filename = "information-systems"
    search_fields = ["name", "owner"]
    form_fields = ["name", "organisation", "owner", "description"]
    inspect_view_enabled = True


# --- software and licences -------------------------------------------------------------------------------------


class SoftwareProductViewSet(ScopedModelViewSet):
    """Products are a shared catalogue (no organisation): every IT role sees it, IT staff keep it."""

    model = SoftwareProduct
    icon = "code"
    menu_label = _("Software products")
    menu_hook = MENU_HOOK
    menu_order = 30
    url_prefix = "inventory/software"
    name = "inventory_software"
    # A catalogue: every IT role sees all of it (the others have no permission at all).
    organisation_lookup = "pk__in"
    global_roles = services.IT_ROLES
    list_display = ["name", "vendor"]
    search_fields = ["name", "vendor"]
    form_fields = ["name", "vendor", "notes"]
    list_export = ["name", "vendor", "notes"]
    export_filename = "software"


class LicenceFilterSet(WagtailFilterSet):
    organisation = NameChoiceFilter(label=_("Organisation"), queryset=_organisations)
    product = django_filters.ModelChoiceFilter(label=_("Product"), queryset=SoftwareProduct.objects.all())
    compliance = django_filters.ChoiceFilter(
        label=_("Compliance"),
        choices=[
            ("expired", _("Expired")),
            ("expiring", _("Expires within 60 days")),
            ("over", _("More seats used than owned")),
        ],
        method="filter_compliance",
    )

    class Meta:
        model = Licence
        fields = ["organisation", "product"]

    def filter_compliance(self, queryset, name, value):
        from django.db.models import F

        if value == "expired":
            return queryset.expired()
        if value == "expiring":
            return queryset.expiring()
        if value == "over":
            return queryset.filter(seats_used__gt=F("seats"))
        return queryset


class LicenceIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().with_usage()


class LicenceViewSet(ITScoped, ScopedModelViewSet):
    model = Licence
    index_view_class = LicenceIndexView
    icon = "key"
    menu_label = _("Licences")
    menu_hook = MENU_HOOK
    menu_order = 40
    url_prefix = "inventory/licences"
    name = "inventory_licences"
    list_select_related = ("organisation", "product")
    filterset_class = LicenceFilterSet
    list_display = [
        Column("product", label=_("product"), sort_key="product__name"),
        "name",
        Column("organisation", label=_("organisation"), sort_key="organisation__name"),
        Column("seats", label=_("seats"), sort_key="seats"),
        Column("used_seats", label=_("used"), sort_key="seats_used"),
        DateColumn("expires_on", label=_("expires"), sort_key="expires_on"),
        Column("compliance_label", label=_("compliance")),
    ]
    list_export = [
        "product",
        "name",
        "organisation",
        "seats",
        "used_seats",
        "purchase_date",
        "expires_on",
        "cost",
        "supplier",
        "invoice",
        "compliance_label",
    ]
    export_headings = {"used_seats": _("seats used"), "compliance_label": _("compliance")}
    export_filename = "licences"
    search_fields = ["name", "product__name", "supplier"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "product",
        "name",
        "organisation",
        "seats",
        "purchase_date",
        "expires_on",
        "cost",
        "supplier",
        "invoice",
        "notes",
    ]
    form_fields = [
        "product",
        "name",
        "organisation",
        "seats",
        "licence_key",
        "purchase_date",
        "expires_on",
        "cost",
        "supplier",
        "invoice",
        "notes",
    ]


# --- plans ---------------------------------------------------------------------------------------------------------


class PlanInspectView(InspectView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(_("Realisation"), url=reverse("inventory_plan_realisation", args=[self.object.pk]), priority=30)
        )
        return buttons


class PlanViewSet(ITScoped, ScopedModelViewSet):
    model = Plan
    inspect_view_class = PlanInspectView
    icon = "list-ul"
    menu_label = _("Plans")
    menu_hook = MENU_HOOK
    menu_order = 50
    url_prefix = "inventory/plans"
    name = "inventory_plans"
    list_select_related = ("organisation",)
    list_display = [
        Column("organisation", label=_("organisation"), sort_key="organisation__name"),
        Column("year", label=_("year"), sort_key="year"),
        Column("status", label=_("status"), accessor="get_status_display", sort_key="status"),
        DateColumn("submitted_at", label=_("submitted"), sort_key="submitted_at"),
        DateColumn("approved_at", label=_("approved"), sort_key="approved_at"),
    ]
    list_filter = ["organisation", "year", "status"]
    list_export = ["organisation", "year", "status", "submitted_at", "approved_at", "notes", "review_notes"]
    export_filename = "plans"
    inspect_view_enabled = True
    inspect_view_fields = ["organisation", "year", "status", "notes", "review_notes", "lines"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("organisation"), FieldPanel("year"), FieldPanel("status")]),
            FieldPanel("notes"),
            FieldPanel("review_notes"),
            InlinePanel(
                "lines",
                heading=_("Lines"),
                label=_("line"),
                panels=[
                    FieldRowPanel([FieldPanel("item"), FieldPanel("category"), FieldPanel("asset_type")]),
                    FieldRowPanel([FieldPanel("quantity"), FieldPanel("estimated_cost"), FieldPanel("priority")]),
                    FieldPanel("justification"),
                    FieldRowPanel([FieldPanel("approved_quantity"), FieldPanel("approved_cost")]),
                ],
            ),
        ],
        base_form_class=PlanForm,
    )


# --- maintenance ---------------------------------------------------------------------------------------------------


class ScheduleForm(WagtailAdminModelForm):
    asset = AssetTagField(label=_("asset"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["asset"].queryset = admin_views.scoped(Asset.objects.all(), self.for_user)


class MaintenanceScheduleViewSet(ITScoped, ScopedModelViewSet):
    model = MaintenanceSchedule
    icon = "calendar-alt"
    menu_label = _("Maintenance schedules")
    menu_hook = MENU_HOOK
    menu_order = 60
    url_prefix = "inventory/maintenance"
    name = "inventory_maintenance"
    list_select_related = ("organisation", "asset")
    list_display = [
        "name",
        Column("organisation", label=_("organisation"), sort_key="organisation__name"),
        Column("asset_type", label=_("asset type"), accessor="get_asset_type_display"),
        Column("asset", label=_("asset")),
        Column("interval_months", label=_("every (months)"), sort_key="interval_months"),
        DateColumn("next_due", label=_("next due"), sort_key="next_due"),
    ]
    list_filter = ["organisation", "asset_type", "is_active"]
    list_export = ["name", "organisation", "asset_type", "asset", "interval_months", "next_due", "is_active"]
    export_filename = "maintenance"
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("organisation"),
            FieldRowPanel([FieldPanel("asset_type"), FieldPanel("asset")]),
            FieldRowPanel([FieldPanel("interval_months"), FieldPanel("next_due"), FieldPanel("is_active")]),
            FieldPanel("instructions"),
        ],
        base_form_class=ScheduleForm,
    )


# --- tokens ----------------------------------------------------------------------------------------------------------


class TokenCreateView(CreateView):
    def form_valid(self, form):
        self.form = form
        instance = self.save_instance()
        return render(
            self.request,
            "inventory/admin/token_created.html",
            {"token": instance, "secret": form.secret, "page_title": _("API token created")},
        )


class ApiTokenViewSet(ITScoped, ScopedModelViewSet):
    model = ApiToken
    add_view_class = TokenCreateView
    icon = "key"
    menu_label = _("API tokens")
    menu_hook = MENU_HOOK
    menu_order = 90
    url_prefix = "inventory/tokens"
    name = "inventory_tokens"
    list_select_related = ("organisation", "created_by")
    list_display = [
        "name",
        Column("prefix", label=_("begins with")),
        Column("organisation", label=_("organisation"), sort_key="organisation__name"),
        Column("scopes", label=_("scopes")),
        DateColumn("created_at", label=_("created"), sort_key="created_at"),
        DateColumn("last_used_at", label=_("last used"), sort_key="last_used_at"),
        DateColumn("revoked_at", label=_("revoked"), sort_key="revoked_at"),
    ]
    list_filter = ["organisation"]
    form_fields = ["name", "organisation", "scopes"]
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("organisation"), FieldPanel("scopes")], base_form_class=ApiTokenForm
    )
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "prefix",
        "organisation",
        "scopes",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]


class InventoryGroup(ViewSetGroup):
    menu_label = _("Equipment and licences")
    menu_icon = "desktop"
    menu_order = 320
    submenu_hook = MENU_HOOK
    items = (
        AssetViewSet,
        InformationSystemViewSet,
        SoftwareProductViewSet,
        LicenceViewSet,
        PlanViewSet,
        MaintenanceScheduleViewSet,
        ApiTokenViewSet,
    )


@hooks.register("register_admin_viewset")
def register_inventory_viewsets():
    return InventoryGroup()


class ITMenuItem(MenuItem):
    def __init__(self, *args, global_only=False, check=None, **kwargs):
        self.global_only = global_only
        self.check = check
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        if self.check is not None:
            return self.check(request.user)
        if self.global_only:
            return services.is_it_global(request.user)
        return services.can_use_staff_tools(request.user)


@hooks.register(MENU_HOOK)
def menu_import():
    return ITMenuItem(_("Import"), reverse("inventory_import"), icon_name="upload", order=100, global_only=True)


@hooks.register(MENU_HOOK)
def menu_labels():
    return ITMenuItem(_("Print labels"), reverse("inventory_labels"), icon_name="doc-full", order=110)


@hooks.register(MENU_HOOK)
def menu_compliance():
    return ITMenuItem(_("Licence compliance"), reverse("inventory_compliance"), icon_name="warning", order=120)


@hooks.register(MENU_HOOK)
def menu_consolidated():
    return ITMenuItem(
        _("Consolidated plan"),
        reverse("inventory_consolidated"),
        icon_name="table",
        order=130,
        check=lambda user: services.consolidated_scope(user)[0],
    )


@hooks.register(MENU_HOOK)
def menu_forecast():
    return ITMenuItem(_("Replacement forecast"), reverse("inventory_forecast"), icon_name="history", order=140)


@hooks.register(MENU_HOOK)
def menu_calendar():
    return ITMenuItem(_("Maintenance calendar"), reverse("inventory_calendar"), icon_name="date", order=150)


@hooks.register("register_admin_urls")
def register_inventory_urls():
    return [
        path("inventory/assets/<int:pk>/check-out/", admin_views.checkout, name="inventory_checkout"),
        path("inventory/assets/<int:pk>/check-in/", admin_views.checkin, name="inventory_checkin"),
        path("inventory/licences/<int:pk>/seats/", admin_views.licence_seats, name="inventory_licence_seats"),
        path("inventory/seats/<int:pk>/release/", admin_views.release_seat, name="inventory_release_seat"),
        path("inventory/labels/", admin_views.labels, name="inventory_labels"),
        path("inventory/import/", admin_views.import_view, name="inventory_import"),
        path("inventory/import/<int:pk>/", admin_views.import_progress, name="inventory_import_progress"),
        path("inventory/compliance/", admin_views.compliance, name="inventory_compliance"),
        path("inventory/consolidated/", admin_views.consolidated, name="inventory_consolidated"),
        path("inventory/forecast/", admin_views.forecast, name="inventory_forecast"),
        path("inventory/plans/<int:pk>/propose/", admin_views.propose_lines, name="inventory_propose_lines"),
        path("inventory/plans/<int:pk>/realisation/", admin_views.realisation, name="inventory_plan_realisation"),
        path("inventory/calendar/", admin_views.calendar, name="inventory_calendar"),
        path("inventory/tokens/<int:pk>/revoke/", admin_views.revoke_token, name="inventory_revoke_token"),
    ]


@hooks.register("construct_homepage_panels")
def add_inventory_panel(request, panels):
    if services.can_use_staff_tools(request.user):
        panels.append(admin_views.InventoryPanel(request))


@hooks.register("register_log_actions")
def register_inventory_log_actions(actions):
    actions.register_action("inventory.check_out", _("Check out"), _("Asset checked out"))
    actions.register_action("inventory.check_in", _("Check in"), _("Asset checked in"))
    actions.register_action("inventory.licence_assigned", _("Assign a licence seat"), _("Licence seat assigned"))
    actions.register_action("inventory.licence_released", _("Release a licence seat"), _("Licence seat released"))
    actions.register_action("inventory.plan_forecast", _("Propose replacement lines"), _("Replacement lines added"))
    actions.register_action("inventory.import", _("Import"), _("Inventory imported"))
    actions.register_action("inventory.token_revoked", _("Revoke a token"), _("API token revoked"))
    actions.register_action("inventory.reported", _("Report by a script"), _("Asset reported through the API"))
