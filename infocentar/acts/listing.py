"""The public registry's listing: filters, the folded search, sorting and pages (also used by the export and feeds).

One GET form that works without JavaScript. The number of queries does not
grow with the number of acts. The choices (years, issuers, areas: a few index
probes each), the count of each filter combination and the issuers' names are
read once per content generation and kept in each worker (core.memo), so a
page-cache miss asks only for its page of acts: one query, without a join.
A bad filter value is ignored, never an error.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from infocentar.core import search as site_search
from infocentar.core.memo import MemoPaginator, memo
from infocentar.core.models import Organisation
from infocentar.core.widgets import FastSelect

from .models import Act, ActStatus, ActType

PER_PAGE = 20
SORTS = {
    "newest": ("-date", "-id"),
    "oldest": ("date", "id"),
    "title": ("title", "id"),
    "updated": ("-updated_at", "-id"),
}
RELEVANCE = "relevance"


class RegistryFilterForm(forms.Form):
    """What a reader can narrow the registry by."""

    q = forms.CharField(label=_("Search the acts"), required=False, max_length=site_search.MAX_QUERY_LENGTH)
    type = forms.ChoiceField(label=_("Type"), required=False, widget=FastSelect)
    issuer = forms.ChoiceField(label=_("Issuer"), required=False, widget=FastSelect)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=FastSelect)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None, widget=FastSelect)
    area = forms.ChoiceField(label=_("Area"), required=False, widget=FastSelect)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, widget=FastSelect)

    def __init__(self, data, *, choices: dict | None = None):
        super().__init__(data)
        choices = choices if choices is not None else registry_choices()
        self.fields["q"].widget = forms.TextInput(attrs={"type": "search", "enterkeyhint": "search"})
        self.fields["type"].choices = [("", _("All types")), *ActType.choices]
        self.fields["issuer"].choices = [("", _("All issuers")), *choices["issuers"]]
        self.fields["status"].choices = [("", _("Any status")), *ActStatus.choices]
        self.fields["year"].choices = [("", _("All years")), *((str(y), str(y)) for y in choices["years"])]
        self.fields["area"].choices = [("", _("All areas")), *((a, a) for a in choices["areas"])]
        sort_choices = [
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("title", _("Title (A–Z)")),
            ("updated", _("Recently changed")),
        ]
        if (data or {}).get("q", "").strip():
            sort_choices.insert(0, (RELEVANCE, _("Best match")))
        self.fields["sort"].choices = sort_choices

    def value(self, name: str):
        """The cleaned value, or None for a missing or invalid one."""
        if not self.is_bound:
            return None
        self.is_valid()
        if name in self.errors:
            return None
        return self.cleaned_data.get(name) or None


def registry_choices() -> dict:
    """Years, issuers (slug, name) and areas that public acts have, read once per content generation."""
    return memo(("acts.registry-choices",), _registry_choices)


def _registry_choices() -> dict:
    public_issuers = Act.objects.public().filter(issuer=OuterRef("pk"))
    issuers = list(
        Organisation.objects.filter(Exists(public_issuers)).order_by("sort_order", "name").values_list("slug", "name")
    )
    years = [y for y in reversed(_distinct_public_values("year")) if y]
    areas = [a for a in _distinct_public_values("area") if a]
    return {"years": years, "issuers": issuers, "areas": areas}


_LOOSE_SCAN = (
    "WITH RECURSIVE found(value) AS ("
    " SELECT MIN({column}) FROM {table} WHERE {public} = %s"
    " UNION ALL"
    " SELECT (SELECT MIN({column}) FROM {table} WHERE {public} = %s AND {column} > found.value)"
    " FROM found WHERE found.value IS NOT NULL"
    ") SELECT value FROM found WHERE value IS NOT NULL"
)


def _distinct_public_values(field_name: str) -> list:
    """The distinct values of a column among public acts, ascending, by a "loose index scan".

    `SELECT DISTINCT` reads every entry of the index (100,000 acts: tens of milliseconds); this asks the
    index (is_public, <column>, …) for the next larger value once per distinct value (a handful of years
    or areas: about a millisecond).
    """
    quote = connection.ops.quote_name
    table = quote(Act._meta.db_table)
    column = quote(Act._meta.get_field(field_name).column)
    public = quote(Act._meta.get_field("is_public").column)
    # The names come from the model and are quoted; the only value is a parameter.
    sql = _LOOSE_SCAN.format(table=table, column=column, public=public)
    with connection.cursor() as cursor:
        cursor.execute(sql, [True, True])
        return [row[0] for row in cursor.fetchall()]


def _issuers() -> dict[int, Organisation]:
    """Every organisation as the registry's rows show it (id, name, slug), by id; read once per generation."""
    return memo(
        ("acts.issuers",),
        lambda: {o.pk: o for o in Organisation.objects.only("id", "name", "slug")},
    )


def _issuer_id(slug: str) -> int | None:
    found = next((o.pk for o in _issuers().values() if o.slug == slug), None)
    if found is None:  # no such body (a bad or old link): ask the database to be sure
        found = Organisation.objects.filter(slug=slug).values_list("pk", flat=True).first()
    return found


def attach_issuers(acts) -> list:
    """The acts as a list, each with its issuer set from the memo (no query per row, no join in the page's query)
    and the labels of its type and status (`type_label`, `status_label`: translated once per page, not per row).

    The issuer objects are shared by requests: templates read them, nothing may change them.
    """
    acts = list(acts)
    issuers = _issuers()
    missing = {a.issuer_id for a in acts if a.issuer_id not in issuers and not Act.issuer.is_cached(a)}
    extra = {o.pk: o for o in Organisation.objects.filter(pk__in=missing)} if missing else {}
    types = {value: str(label) for value, label in ActType.choices}
    statuses = {value: str(label) for value, label in ActStatus.choices}
    for act in acts:
        if not Act.issuer.is_cached(act):
            act.issuer = issuers.get(act.issuer_id) or extra[act.issuer_id]
        act.type_label = types.get(act.type, act.type)
        act.status_label = statuses.get(act.status, act.status)
    return acts


# A search lists at most the newest this many matching acts (filters narrow it further).
SEARCH_LIMIT = 500


class SearchedActs:
    """The acts a search found, in a fixed order: sliced like a QuerySet, each slice one query.

    `capped` says the search stopped at SEARCH_LIMIT and older matches are left out.
    """

    def __init__(self, queryset: QuerySet, pks: list, capped: bool = False) -> None:
        self.queryset = queryset
        self.pks = pks
        self.capped = capped

    def all(self) -> SearchedActs:
        """Itself, as `QuerySet.all()` (django-ninja's paginator calls it before counting)."""
        return self

    def count(self) -> int:
        return len(self.pks)

    def __len__(self) -> int:
        return len(self.pks)

    def _fetch(self, pks: list) -> list:
        found = self.queryset.in_bulk(pks) if pks else {}
        return [found[pk] for pk in pks if pk in found]

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self._fetch(self.pks[key])
        found = self._fetch([self.pks[key]])
        if not found:
            raise IndexError(key)
        return found[0]

    def __iter__(self):
        for start in range(0, len(self.pks), 500):
            yield from self._fetch(self.pks[start : start + 500])


class RegistryPaginator(MemoPaginator, Paginator):
    """Django's paginator; the count of a filter combination is read once per content generation."""


def filtered_acts(
    *,
    act_type: str | None = None,
    issuer: Organisation | str | int | None = None,
    status: str | None = None,
    year: int | None = None,
    area: str | None = None,
    query: str = "",
    sort: str | None = None,
    base: QuerySet | None = None,
    with_issuer: bool = True,
):
    """Public acts narrowed by the filters: a QuerySet, or search results when there is a query.

    Without `with_issuer` the rows do not carry their issuer (see `attach_issuers`).
    """
    acts = (base if base is not None else Act.objects.public()).for_listing(with_issuer=with_issuer)
    if act_type:
        acts = acts.filter(type=act_type)
    if status:
        acts = acts.filter(status=status)
    if year:
        # The year is the date's (Act.refresh_derived), so the year is a range of dates: the index of any other
        # filter, all of which end in the date, then serves the year too (and the planner's estimates stay
        # right, which they would not with both `year` and the range).
        try:
            first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        except (ValueError, OverflowError):
            return acts.none()
        acts = acts.filter(date__gte=first, date__lte=last)
    if area:
        acts = acts.filter(area=area)
    if issuer is not None:
        if isinstance(issuer, Organisation):
            acts = acts.filter(issuer_id=issuer.pk)
        elif isinstance(issuer, int) or str(issuer).isdigit():
            acts = acts.filter(issuer_id=int(issuer))
        else:
            found = _issuer_id(str(issuer))
            acts = acts.filter(issuer_id=found) if found else acts.none()
    order = SORTS.get(sort or "newest", SORTS["newest"])
    if site_search.normalise_query(query):
        found = site_search.matches(acts, query, limit=SEARCH_LIMIT, title_field="title")
        if sort == RELEVANCE:
            pks = found.best
        else:  # the registry's own order, over at most SEARCH_LIMIT rows
            pks = list(acts.filter(pk__in=found.newest).order_by(*order).values_list("pk", flat=True))
        return SearchedActs(acts, pks, capped=found.capped)
    return acts.order_by(*order)


def acts_from_request(
    request, *, choices: dict | None = None, with_issuer: bool = True
) -> tuple[RegistryFilterForm, object, str, str]:
    """(form, acts, raw query, folded query) for the registry's query string."""
    form = RegistryFilterForm(request.GET or None, choices=choices)
    raw_query = (request.GET.get("q") or "")[: site_search.MAX_QUERY_LENGTH * 2]
    query = site_search.normalise_query(raw_query)
    sort = form.value("sort") or (RELEVANCE if query else "newest")
    if sort == RELEVANCE and not query:
        sort = "newest"
    acts = filtered_acts(
        act_type=form.value("type"),
        issuer=form.value("issuer"),
        status=form.value("status"),
        year=form.value("year"),
        area=form.value("area"),
        query=raw_query if query else "",
        sort=sort,
        with_issuer=with_issuer,
    )
    return form, acts, raw_query, query
