"""Back office of the service desk: the ticket listing (filters, sort, CSV/XLSX export), work page, dashboard."""

from __future__ import annotations

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup

from infocentar.core.models import IT_GLOBAL_ROLES, Organisation, Role
from infocentar.core.viewsets import ScopedModelViewSet, ScopedViewMixin
from infocentar.inventory.listing import CountingPaginator
from infocentar.inventory.widgets import FastColumn, FastLinkColumn, FastSelect, NameChoiceFilter

from . import admin_views, sla
from .forms import it_staff_users
from .models import Category, NonWorkingDay, Priority, SlaTarget, Source, Status, Team, Ticket


class RemainingColumn(FastColumn):
    """What is left of the ticket's SLA, in working time (computed in Python: no query per row)."""

    def get_value(self, instance):
        remaining = sla.remaining(instance)
        if remaining.seconds is None:
            if remaining.met is True:
                return _("within SLA")
            if remaining.met is False:
                return _("late")
            return "—"
        if remaining.paused:
            return _("%(time)s (paused)") % {"time": remaining.text}
        if remaining.overdue:
            return _("overdue %(time)s") % {"time": remaining.text}
        return remaining.text


YES_NO = [("true", _("Yes")), ("false", _("No"))]


def _choice(label, choices) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(label=label, choices=choices, widget=FastSelect, empty_label=_("All"))


class TicketFilterSet(WagtailFilterSet):
    """The listing's filters, rendered in Python (FastSelect): 300 organisations made the page slow.

    The organisations offered are narrowed to the user's by the scoped viewset; the people offered
    are those tickets can be assigned to (Information Center IT staff).
    """

    status = _choice(_("Status"), Status.choices)
    priority = _choice(_("Priority"), Priority.choices)
    category = _choice(_("Category"), Category.choices)
    source = _choice(_("Received by"), Source.choices)
    organisation = NameChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name"), empty_label=_("All")
    )
    team = django_filters.ModelChoiceFilter(
        label=_("Team"), queryset=Team.objects.only("pk", "name"), widget=FastSelect, empty_label=_("All")
    )
    assignee = django_filters.ModelChoiceFilter(
        label=_("Assigned to"), queryset=lambda request: it_staff_users(), widget=FastSelect, empty_label=_("All")
    )
    response_met = django_filters.ChoiceFilter(
        label=_("first response within SLA"),
        choices=YES_NO,
        widget=FastSelect,
        empty_label=_("All"),
        method="filter_outcome",
    )
    resolution_met = django_filters.ChoiceFilter(
        label=_("resolved within SLA"),
        choices=YES_NO,
        widget=FastSelect,
        empty_label=_("All"),
        method="filter_outcome",
    )

    class Meta:
        model = Ticket
        fields = ["status", "priority", "category", "source", "organisation", "team", "assignee"]

    def filter_outcome(self, queryset, name, value):
        return queryset.filter(**{name: value == "true"}) if value in ("true", "false") else queryset


class TicketIndexView(IndexView):
    """The ticket listing: the count from the cache while no ticket changes (inventory.listing)."""

    paginator_class = CountingPaginator


class TicketViewSet(ScopedModelViewSet):
    model = Ticket
    icon = "help"
    menu_label = _("Tickets")
    url_prefix = "servicedesk/tickets"
    name = "servicedesk_admin"
    organisation_lookup = "organisation__in"
    scope_roles = (Role.IT_CONTACT,)
    global_roles = IT_GLOBAL_ROLES
    list_select_related = ("organisation", "assignee", "team", "requester")
    index_view_class = TicketIndexView
    filterset_class = TicketFilterSet
    list_display = [
        FastLinkColumn("reference", "servicedesk_admin:edit", label=_("number"), sort_key="id"),
        FastColumn("title", label=_("title")),
        FastColumn(
            "organisation", label=_("organisation"), accessor="organisation.display_name", sort_key="organisation__name"
        ),
        FastColumn("category", label=_("category"), accessor="get_category_display", sort_key="category"),
        FastColumn("priority", label=_("priority"), accessor="get_priority_display", sort_key="priority_rank"),
        FastColumn("status", label=_("status"), accessor="get_status_display", sort_key="status"),
        FastColumn("assignee", label=_("assigned to"), accessor="assignee", sort_key="assignee__last_name"),
        FastColumn("created_at", label=_("filed"), sort_key="created_at"),
        RemainingColumn("remaining", label=_("time left"), sort_key="resolution_due_at"),
    ]
    list_export = [
        "reference",
        "title",
        "organisation",
        "requester_display",
        "category",
        "impact",
        "urgency",
        "priority",
        "status",
        "source",
        "assignee",
        "team",
        "created_at",
        "response_due_at",
        "first_response_at",
        "resolution_due_at",
        "resolved_at",
        "closed_at",
        "response_met",
        "resolution_met",
        "resolution_category",
        "satisfaction",
    ]
    export_headings = {
        "reference": _("number"),
        "title": _("title"),
        "organisation": _("organisation"),
        "requester_display": _("requester"),
        "category": _("category"),
        "impact": _("impact"),
        "urgency": _("urgency"),
        "priority": _("priority"),
        "status": _("status"),
        "source": _("received by"),
        "assignee": _("assigned to"),
        "team": _("team"),
        "created_at": _("filed"),
        "response_due_at": _("first response due"),
        "first_response_at": _("first response"),
        "resolution_due_at": _("resolution due"),
        "resolved_at": _("resolved"),
        "closed_at": _("closed"),
        "response_met": _("first response within SLA"),
        "resolution_met": _("resolved within SLA"),
        "resolution_category": _("resolution"),
        "satisfaction": _("satisfaction"),
    }
    export_filename = "tickets"
    search_fields = ["title", "description"]
    ordering = ["-created_at", "-id"]
    inspect_view_enabled = False
    form_fields = ["title"]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", admin_views.file_on_behalf, name="add"),
            path("<int:pk>/", admin_views.work, name="edit"),
            path("work/<int:pk>/", admin_views.work, name="work"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("dashboard/", admin_views.dashboard, name="dashboard"),
        ]


class GlobalOnlyViewMixin(ScopedViewMixin):
    """Records without an organisation (teams, SLA targets, days off): for the Information Center only."""

    def scope_queryset(self, queryset):
        return queryset if self._scope_ids() is None else queryset.none()


class GlobalModelViewSet(ScopedModelViewSet):
    global_roles = IT_GLOBAL_ROLES

    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, ScopedViewMixin):
            view_class = type(view_class.__name__, (GlobalOnlyViewMixin, view_class), {"scope_viewset": self})
        return super().construct_view(view_class, **kwargs)


class TeamViewSet(GlobalModelViewSet):
    model = Team
    icon = "group"
    menu_label = _("Teams")
    url_prefix = "servicedesk/teams"
    name = "servicedesk_teams"
    list_display = ["name", "lead", "email"]
    list_select_related = ("lead",)
    panels = [FieldPanel("name"), FieldPanel("lead"), FieldPanel("members"), FieldPanel("email")]
    search_fields = ["name"]


class SlaTargetViewSet(GlobalModelViewSet):
    model = SlaTarget
    icon = "time"
    menu_label = _("SLA targets")
    url_prefix = "servicedesk/sla"
    name = "servicedesk_sla"
    list_display = [
        Column("priority", label=_("priority"), accessor="get_priority_display"),
        Column("category", label=_("category"), accessor="get_category_display"),
        "organisation",
        "response_minutes",
        "resolution_minutes",
    ]
    list_select_related = ("organisation",)
    list_filter = ["priority", "category"]
    panels = [
        FieldRowPanel([FieldPanel("priority"), FieldPanel("category")]),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("response_minutes"), FieldPanel("resolution_minutes")]),
    ]


class NonWorkingDayViewSet(GlobalModelViewSet):
    model = NonWorkingDay
    icon = "date"
    menu_label = _("Days off")
    url_prefix = "servicedesk/days-off"
    name = "servicedesk_days_off"
    list_display = [DateColumn("date", label=_("date")), "name", "is_working_day"]
    form_fields = ["date", "name", "is_working_day"]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        from .services import is_it_staff

        return is_it_staff(request.user)


class ServiceDeskGroup(ViewSetGroup):
    menu_label = _("IT service desk")
    menu_icon = "help"
    menu_order = 320
    items = (TicketViewSet, TeamViewSet, SlaTargetViewSet, NonWorkingDayViewSet)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.insert(
            1,
            DashboardMenuItem(_("Dashboard"), reverse("servicedesk_admin:dashboard"), icon_name="view", order=150),
        )
        return items


@hooks.register("register_admin_viewset")
def register_servicedesk_viewsets():
    return ServiceDeskGroup()


@hooks.register("register_log_actions")
def register_servicedesk_log_actions(actions):
    for action, label, message in (
        ("servicedesk.file", _("File a ticket"), _("Ticket filed")),
        ("servicedesk.edit", _("Edit a ticket"), _("Ticket edited")),
        ("servicedesk.assign", _("Assign a ticket"), _("Ticket assigned")),
        ("servicedesk.status", _("Change a ticket's status"), _("Ticket status changed")),
        ("servicedesk.reply", _("Reply to a ticket"), _("Reply added")),
        ("servicedesk.note", _("Add an internal note"), _("Internal note added")),
        ("servicedesk.resolve", _("Resolve a ticket"), _("Ticket resolved")),
        ("servicedesk.confirm", _("Confirm a resolution"), _("Resolution confirmed")),
        ("servicedesk.reopen", _("Reopen a ticket"), _("Ticket reopened")),
        ("servicedesk.rate", _("Rate a ticket"), _("Ticket rated")),
        ("servicedesk.close", _("Close a ticket"), _("Ticket closed")),
        ("servicedesk.cancel", _("Cancel a ticket"), _("Ticket cancelled")),
        ("servicedesk.merge", _("Merge a ticket"), _("Ticket merged")),
        ("servicedesk.link", _("Link tickets"), _("Tickets linked")),
        ("servicedesk.unlink", _("Unlink tickets"), _("Tickets unlinked")),
    ):
        actions.register_action(action, label, message)
