"""Back office of the acts registry: acts, versions, relations and attachments (scoped to the issuer), the import."""

from __future__ import annotations

from django.db.models import Count
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup

from infocentar.core import search as site_search
from infocentar.core.viewsets import ScopedModelViewSet, ScopedViewMixin

from . import admin_views
from .models import Act, ActAttachment, ActRelation, ActVersion
from .permissions import ACT_ROLES, can_manage_acts


class ActsScopedViewMixin(ScopedViewMixin):
    """Also narrows every choice of an act (a version's act, a relation's acts) to the user's acts."""

    def _scope_form_fields(self, form) -> None:
        super()._scope_form_fields(form)
        ids = self._scope_ids()
        for name, field in form.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model is Act:
                if ids is not None and name != "target":  # a relation may point at any public act
                    queryset = queryset.filter(issuer_id__in=ids)
                field.queryset = queryset.select_related("issuer")


class ActsViewSetMixin:
    scope_roles = ACT_ROLES

    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, ScopedViewMixin):
            view_class = type(view_class.__name__, (ActsScopedViewMixin, view_class), {"scope_viewset": self})
        return super().construct_view(view_class, **kwargs)


class ActIndexView(IndexView):
    """The listing's search folds the query like the site search (both scripts, no diacritics)."""

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        if not site_search.normalise_query(self.search_query):
            return queryset.none()
        ordering = self.ordering if isinstance(self.ordering, (list, tuple)) else [self.ordering]
        by_relevance = not self.is_explicitly_ordered
        if any("__" in (key or "") for key in ordering):
            queryset, by_relevance = queryset.order_by(), True
        return site_search.search_queryset(queryset, self.search_query, order_by_relevance=by_relevance)


class ActViewSet(ActsViewSetMixin, ScopedModelViewSet):
    model = Act
    index_view_class = ActIndexView
    icon = "doc-full"
    menu_label = _("Acts")
    url_prefix = "acts"
    name = "acts"
    organisation_lookup = "issuer__in"
    list_select_related = ("issuer",)
    list_display = [
        "title",
        Column("type", label=_("type"), accessor="get_type_display", sort_key="type"),
        Column("issuer", label=_("issuer"), sort_key="issuer__name"),
        Column("number", label=_("number")),
        Column("status", label=_("status"), accessor="get_status_display", sort_key="status"),
        DateColumn("date", label=_("date"), sort_key="date"),
        BooleanColumn("is_public", label=_("public")),
    ]
    list_filter = ["type", "status", "issuer", "year", "is_public"]
    list_export = [
        "id",
        "type",
        "title",
        "issuer",
        "number",
        "area",
        "sub_area",
        "status",
        "adopted_on",
        "published_on",
        "gazette_issue",
        "gazette_date",
        "gazette_registry_number",
        "entry_into_force",
        "is_public",
        "updated_at",
    ]
    export_filename = "acts"
    search_fields = ["search_text"]
    ordering = ["-date", "-id"]
    inspect_view_enabled = True
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("type"), FieldPanel("number")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("prepared_by")]),
        FieldRowPanel([FieldPanel("area"), FieldPanel("sub_area")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("drafted_on"), FieldPanel("debate_started_on"), FieldPanel("proposed_on")]),
                FieldRowPanel([FieldPanel("adopted_on"), FieldPanel("amended_on"), FieldPanel("repealed_on")]),
            ],
            heading=_("Life of the act"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("gazette_issue"), FieldPanel("gazette_date")]),
                FieldRowPanel([FieldPanel("gazette_registry_number"), FieldPanel("published_on")]),
                FieldRowPanel([FieldPanel("entry_into_force"), FieldPanel("entry_into_force_set_by_hand")]),
            ],
            heading=_("Publication in the Official Gazette"),
        ),
        FieldPanel("is_public"),
    ]


class ActVersionViewSet(ActsViewSetMixin, ScopedModelViewSet):
    model = ActVersion
    icon = "doc-full-inverse"
    menu_label = _("Versions")
    url_prefix = "act-versions"
    name = "acts_versions"
    organisation_lookup = "act__issuer__in"
    list_select_related = ("act", "act__issuer")
    list_display = [
        "label",
        Column("act", label=_("act"), sort_key="act__title"),
        Column("kind", label=_("kind"), accessor="get_kind_display", sort_key="kind"),
        Column("article_count", label=_("articles")),
        TitleColumn(
            "edit_text",
            label=_("text"),
            accessor=lambda version: _("Edit the text"),
            get_url=lambda version: reverse("acts_version_text", args=[version.pk]),
        ),
        DateColumn("created_at", label=_("created"), sort_key="created_at"),
    ]
    list_filter = ["kind"]
    search_fields = ["label"]
    ordering = ["-created_at", "-id"]
    inspect_view_enabled = True
    inspect_view_fields = ["act", "kind", "label", "position", "preamble", "note", "source_name", "created_at", "text"]
    form_fields = ["act", "kind", "label", "position", "preamble", "note"]
    copy_view_enabled = False

    index_view_class = None  # set below


class ActVersionIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(article_count=Count("articles"))


ActVersionViewSet.index_view_class = ActVersionIndexView


class ActRelationViewSet(ActsViewSetMixin, ScopedModelViewSet):
    model = ActRelation
    icon = "link"
    menu_label = _("Relations between acts")
    url_prefix = "act-relations"
    name = "acts_relations"
    organisation_lookup = "source__issuer__in"
    list_select_related = ("source", "target")
    list_display = [
        Column("source", label=_("act")),
        Column("kind", label=_("relation"), accessor="get_kind_display"),
        Column("target", label=_("related act")),
    ]
    list_filter = ["kind"]
    form_fields = ["source", "kind", "target"]
    ordering = ["-id"]
    copy_view_enabled = False


class ActAttachmentViewSet(ActsViewSetMixin, ScopedModelViewSet):
    model = ActAttachment
    icon = "doc-empty"
    menu_label = _("Attachments")
    url_prefix = "act-attachments"
    name = "acts_attachments"
    organisation_lookup = "act__issuer__in"
    list_select_related = ("act", "document")
    list_display = ["title", Column("act", label=_("act")), Column("document", label=_("file"))]
    form_fields = ["act", "title", "position"]
    ordering = ["act", "position", "id"]
    copy_view_enabled = False
    add_view_enabled = False


class ActsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_acts(request.user)


class ActsGroup(ViewSetGroup):
    menu_label = _("Acts")
    menu_icon = "doc-full"
    menu_order = 240
    items = (ActViewSet, ActVersionViewSet, ActRelationViewSet, ActAttachmentViewSet)


@hooks.register("register_admin_viewset")
def register_acts_viewsets():
    return ActsGroup()


@hooks.register("register_admin_urls")
def register_acts_admin_urls():
    return [
        path("acts-import/", admin_views.import_docx, name="acts_import"),
        path("acts-attach/", admin_views.attach_pdf, name="acts_attach"),
        path("acts-version-text/<int:pk>/", admin_views.edit_version_text, name="acts_version_text"),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ActsMenuItem(_("Import an act from Word"), reverse("acts_import"), icon_name="upload", order=241)
