"""The public registry's listing: filters, the folded search, sorting and pages (also used by the export and feeds).

One GET form that works without JavaScript. The number of queries does not
grow with the number of acts: the choices (years, issuers, areas) are one
query each, the page of acts one more (with its issuer), and the count one.
A bad filter value is ignored, never an error.
"""

from __future__ import annotations

from django import forms
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from infocentar.core import pagecache
from infocentar.core import search as site_search
from infocentar.core.models import Organisation

from .models import Act, ActStatus, ActType

PER_PAGE = 20
SORTS = {
    "newest": ("-date", "-id"),
    "oldest": ("date", "id"),
    "title": ("title", "id"),
    "updated": ("-updated_at", "-id"),
}
RELEVANCE = "relevance"
CHOICES_CACHE_SECONDS = 600


class RegistryFilterForm(forms.Form):
    """What a reader can narrow the registry by."""

    q = forms.CharField(label=_("Search the acts"), required=False, max_length=site_search.MAX_QUERY_LENGTH)
    type = forms.ChoiceField(label=_("Type"), required=False)
    issuer = forms.ChoiceField(label=_("Issuer"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    area = forms.ChoiceField(label=_("Area"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

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
    """Years, issuers and areas that public acts have: cached until any content changes (page cache generation)."""
    key = f"acts:registry-choices:{pagecache.generation()}"
    found = cache.get(key)
    if found is not None:
        return found
    public = Act.objects.public()
    years = [y for y in public.order_by("-year").values_list("year", flat=True).distinct() if y]
    issuer_ids = public.order_by().values_list("issuer_id", flat=True).distinct()
    issuers = list(
        Organisation.objects.filter(pk__in=issuer_ids).order_by("sort_order", "name").values_list("slug", "name")
    )
    areas = [a for a in public.order_by("area").values_list("area", flat=True).distinct() if a]
    found = {"years": years, "issuers": issuers, "areas": areas}
    cache.set(key, found, CHOICES_CACHE_SECONDS)
    return found


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
):
    """Public acts narrowed by the filters: a QuerySet, or search results when there is a query."""
    acts = (base if base is not None else Act.objects.public()).for_listing()
    if act_type:
        acts = acts.filter(type=act_type)
    if status:
        acts = acts.filter(status=status)
    if year:
        acts = acts.filter(year=year)
    if area:
        acts = acts.filter(area=area)
    if issuer is not None:
        if isinstance(issuer, Organisation):
            acts = acts.filter(issuer_id=issuer.pk)
        elif isinstance(issuer, int) or str(issuer).isdigit():
            acts = acts.filter(issuer_id=int(issuer))
        else:
            found = Organisation.objects.filter(slug=issuer).values_list("pk", flat=True).first()
            acts = acts.filter(issuer_id=found) if found else acts.none()
    folded = site_search.normalise_query(query)
    if folded and sort == RELEVANCE:
        return site_search.search_queryset(acts, query, operator="and", order_by_relevance=True)
    acts = acts.order_by(*SORTS.get(sort or "newest", SORTS["newest"]))
    if folded:
        return site_search.search_queryset(acts, query, operator="and", order_by_relevance=False)
    return acts


def acts_from_request(request, *, choices: dict | None = None) -> tuple[RegistryFilterForm, object, str, str]:
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
    )
    return form, acts, raw_query, query
