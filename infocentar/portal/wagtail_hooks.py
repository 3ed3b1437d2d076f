"""Back office of the website: alerts, editorial sections and the chooser of bodies for page cards."""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet

from .blocks import organisation_chooser_viewset
from .models import EditorialSection, SiteAlert
from .widgets import CspPageChooser


class SiteAlertViewSet(ModelViewSet):
    """Alerts above every page. Wagtail's generic views log each create, edit and delete (history)."""

    model = SiteAlert
    icon = "warning"
    menu_label = _("Alerts")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "alerts"
    name = "site_alerts"
    list_display = [
        "title",
        Column("severity", label=_("severity"), accessor="get_severity_display", sort_key="severity"),
        "starts_at",
        "ends_at",
        BooleanColumn("is_active", label=_("switched on")),
        Column("status", label=_("status"), accessor="status"),
    ]
    list_filter = ["severity", "is_active", "starts_at", "ends_at"]
    list_export = ["title", "text", "severity", "link", "link_text", "starts_at", "ends_at", "is_active"]
    export_filename = "alerts"
    search_fields = ["title", "text"]
    ordering = ["-starts_at"]
    form_fields = ["title", "text", "severity", "link", "link_text", "starts_at", "ends_at", "is_active"]
    inspect_view_enabled = True
    copy_view_enabled = True


class EditorialSectionViewSet(ModelViewSet):
    """Which parts of the page tree each organisation's editors may edit."""

    model = EditorialSection
    icon = "folder-open-inverse"
    menu_label = _("Editorial sections")
    add_to_settings_menu = True
    menu_order = 450
    url_prefix = "editorial-sections"
    name = "editorial_sections"
    list_display = ["organisation", "page", BooleanColumn("can_publish", label=_("publish directly")), "created_at"]
    list_filter = ["organisation", "can_publish"]
    search_fields = ["organisation__name", "organisation__short_name", "page__title"]
    panels = [FieldPanel("organisation"), FieldPanel("page", widget=CspPageChooser), FieldPanel("can_publish")]
    ordering = ["organisation__name"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return EditorialSection.objects.select_related("organisation", "page")


@hooks.register("register_admin_viewset")
def register_portal_viewsets():
    return [SiteAlertViewSet(), EditorialSectionViewSet(), organisation_chooser_viewset]


@hooks.register("insert_global_admin_js")
def csp_chooser_js():
    # Not deferred: the function must exist before core's deferred csp-init.js looks for it.
    return format_html('<script src="{}"></script>', static("infocentar/js/admin-choosers.js"))
