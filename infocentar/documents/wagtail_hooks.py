"""Back office of the document library: a scoped listing, forms with the document chooser, export."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import IndexView

from infocentar.core import search as site_search
from infocentar.core.viewsets import ScopedModelViewSet, ScopedViewMixin

from .listing import search_documents
from .models import LibraryDocument
from .widgets import CspDocumentChooser


class OwnRecordsScopedViewMixin(ScopedViewMixin):
    """Scopes the library's records, and leaves alone the other querysets some views list.

    The history and usage views list log entries and references of one
    record, whose scope `get_object()` has already checked; filtering those
    by organisation (as `ScopedViewMixin` does with every base queryset)
    fails. Core's mixin should make this distinction itself.
    """

    def get_base_queryset(self):
        queryset = super(ScopedViewMixin, self).get_base_queryset()
        if getattr(queryset, "model", None) is not self.scope_viewset.model:
            return queryset
        queryset = self.scope_queryset(queryset)
        if self.scope_viewset.list_select_related:
            queryset = queryset.select_related(*self.scope_viewset.list_select_related)
        return queryset


class LibraryDocumentIndexView(IndexView):
    """The listing's search folds the query like the site search (both scripts, no diacritics)."""

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        if not site_search.normalise_query(self.search_query):
            return queryset.none()
        by_relevance = not self.is_explicitly_ordered
        ordering = self.ordering if isinstance(self.ordering, (list, tuple)) else [self.ordering]
        if any("__" in (key or "") for key in ordering):
            # Search backends sort only by the model's own fields: by relevance instead of by organisation.
            queryset, by_relevance = queryset.order_by(), True
        return search_documents(queryset, self.search_query, order_by_relevance=by_relevance)


class LibraryDocumentViewSet(ScopedModelViewSet):
    model = LibraryDocument
    index_view_class = LibraryDocumentIndexView
    icon = "doc-full-inverse"
    menu_label = _("Document library")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "document-library"
    name = "library_documents"
    organisation_lookup = "organisation__in"
    list_select_related = ("organisation", "file")
    list_display = [
        "title",
        Column("document_type", label=_("type"), accessor="get_document_type_display", sort_key="document_type"),
        Column("year", label=_("year"), sort_key="year"),
        Column("organisation", label=_("organisation"), sort_key="organisation__name"),
        Column("file_summary", label=_("file")),
        BooleanColumn("is_public", label=_("public")),
        DateColumn("published_on", label=_("published"), sort_key="published_on"),
    ]
    list_filter = ["document_type", "year", "organisation", "is_public"]
    list_export = [
        "id",
        "title",
        "document_type",
        "year",
        "organisation",
        "description",
        "published_on",
        "is_public",
        "file_format",
        "file_size",
        "created_at",
        "updated_at",
    ]
    export_headings = {
        "id": "id",
        "title": _("title"),
        "document_type": _("document type"),
        "year": _("year"),
        "organisation": _("organisation"),
        "description": _("description"),
        "published_on": _("published"),
        "is_public": _("public"),
        "file_format": _("format"),
        "file_size": _("size (bytes)"),
        "created_at": _("created"),
        "updated_at": _("updated"),
    }
    export_filename = "documents"
    search_fields = ["search_text"]
    ordering = ["-published_on", "-id"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "document_type",
        "year",
        "organisation",
        "description",
        "file",
        "published_on",
        "is_public",
        "created_at",
        "updated_at",
    ]
    copy_view_enabled = True
    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("document_type"), FieldPanel("year")]),
        FieldPanel("organisation"),
        FieldPanel("description"),
        FieldPanel("file", widget=CspDocumentChooser),
        MultiFieldPanel([FieldPanel("published_on"), FieldPanel("is_public")], heading=_("Publication")),
    ]

    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, ScopedViewMixin):
            view_class = type(view_class.__name__, (OwnRecordsScopedViewMixin, view_class), {"scope_viewset": self})
        return super().construct_view(view_class, **kwargs)


@hooks.register("register_admin_viewset")
def register_library_viewset():
    return LibraryDocumentViewSet()
