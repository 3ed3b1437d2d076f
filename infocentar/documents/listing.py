"""The public library's listing: filters, the folded search, sorting and pages.

One GET form (works without JavaScript). The number of queries does not grow
with the number of documents: the choices of years and organisations are one
query each, the page of documents one more (with its organisation and file),
and the count one.
"""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.search.backends import get_search_backend

from infocentar.core import search as site_search
from infocentar.core.memo import MemoPaginator, memo
from infocentar.core.models import Organisation
from infocentar.core.widgets import FastSelect

from .models import DocumentType, LibraryDocument

PER_PAGE = 20
SORTS = {
    "newest": ("-published_on", "-id"),
    "oldest": ("published_on", "id"),
    "title": ("title", "id"),
}
RELEVANCE = "relevance"


class LibraryFilterForm(forms.Form):
    """What a reader can narrow the library by."""

    q = forms.CharField(label=_("Search the documents"), required=False, max_length=site_search.MAX_QUERY_LENGTH)
    type = forms.ChoiceField(label=_("Type"), required=False, widget=FastSelect)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None, widget=FastSelect)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False, widget=FastSelect)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, widget=FastSelect)

    def __init__(self, data, *, years: list[int], organisations: list[tuple[str, str]]):
        super().__init__(data)
        self.fields["q"].widget = forms.TextInput(attrs={"type": "search", "enterkeyhint": "search"})
        self.fields["type"].choices = [("", _("All types")), *DocumentType.choices]
        self.fields["year"].choices = [("", _("All years")), *((str(y), str(y)) for y in years)]
        self.fields["organisation"].choices = [("", _("All organisations")), *organisations]
        sort_choices = [("newest", _("Newest first")), ("oldest", _("Oldest first")), ("title", _("Title (A–Z)"))]
        if (data or {}).get("q", "").strip():
            sort_choices.insert(0, (RELEVANCE, _("Best match")))
        self.fields["sort"].choices = sort_choices

    def value(self, name: str):
        """The cleaned value, or None for a missing or invalid one (a bad filter is ignored, not an error)."""
        if not self.is_bound:
            return None
        self.is_valid()
        if name in self.errors:
            return None
        return self.cleaned_data.get(name) or None


def _years() -> list[int]:
    """The years of public documents (read once per content generation)."""
    return memo(
        ("documents.years",),
        lambda: list(LibraryDocument.objects.public().order_by("-year").values_list("year", flat=True).distinct()),
    )


def _organisations() -> list[tuple[str, str]]:
    """(slug, name) of the bodies with public documents (read once per content generation)."""
    rows = (
        Organisation.objects.filter(library_documents__is_public=True)
        .distinct()
        .order_by("sort_order", "name")
        .values_list("slug", "name")
    )
    return memo(("documents.organisations",), lambda: list(rows))


def filtered_documents(
    *,
    document_type: str | None = None,
    year: int | None = None,
    organisation: Organisation | str | int | None = None,
    query: str = "",
    sort: str | None = None,
    base: QuerySet | None = None,
):
    """Public documents narrowed by the filters: a QuerySet, or search results when there is a query."""
    documents = (base if base is not None else LibraryDocument.objects.public()).for_listing()
    if document_type:
        documents = documents.filter(document_type=document_type)
    if year:
        documents = documents.filter(year=year)
    if organisation is not None:
        if isinstance(organisation, Organisation):
            documents = documents.filter(organisation=organisation)
        elif isinstance(organisation, int) or str(organisation).isdigit():
            documents = documents.filter(organisation_id=int(organisation))
        else:
            # By id, not across the relation: search backends filter only on the model's own fields.
            found = Organisation.objects.filter(slug=organisation).values_list("pk", flat=True).first()
            documents = documents.filter(organisation_id=found) if found else documents.none()
    folded = site_search.normalise_query(query)
    if folded and sort == RELEVANCE:
        return search_documents(documents, query)
    documents = documents.order_by(*SORTS.get(sort or "newest", SORTS["newest"]))
    if folded:
        return search_documents(documents, query, order_by_relevance=False)
    return documents


def search_documents(documents: QuerySet, query: str, *, order_by_relevance: bool = True):
    """The site search's matching (folded; long words also as prefixes) within `documents`."""
    search_queryset = getattr(site_search, "search_queryset", None)
    if search_queryset is not None:
        return search_queryset(documents, query, operator="and", order_by_relevance=order_by_relevance)
    return get_search_backend().search(
        site_search.normalise_query(query), documents, operator="and", order_by_relevance=order_by_relevance
    )


class LibraryPaginator(MemoPaginator, Paginator):
    """Django's paginator; the count is read once per content generation."""


def library_context(page, request) -> dict:
    years = _years()
    organisations = _organisations()
    form = LibraryFilterForm(request.GET or None, years=years, organisations=organisations)
    raw_query = (request.GET.get("q") or "")[: site_search.MAX_QUERY_LENGTH * 2]
    query = site_search.normalise_query(raw_query)
    sort = form.value("sort") or (RELEVANCE if query else "newest")
    documents = filtered_documents(
        document_type=form.value("type"),
        year=form.value("year"),
        organisation=form.value("organisation"),
        query=raw_query if query else "",
        sort=sort,
    )
    paginator = LibraryPaginator(documents, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    filtering = any(form.value(name) for name in ("type", "year", "organisation")) or bool(query)
    base_url = page.get_url(request) or ""
    return {
        "filter_form": form,
        "page_obj": page_obj,
        "documents": page_obj.object_list,
        "result_count": paginator.count,
        "filtering": filtering,
        "query": query,
        "q": raw_query[: site_search.MAX_QUERY_LENGTH],
        "empty_query": bool(raw_query.strip()) and not query,
        "library_url": base_url,
        "document_base_url": base_url,
    }
