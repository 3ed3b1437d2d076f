"""The public directory of bodies (/organi/): its GET filter by kind and name.

The directory is small (tens of bodies, a few hundred at most) and is read in
one query; the name search folds both the bodies' names and the query with
`infocentar.core.text` in Python, so "opstina", "Opština" and "општина" find
the same bodies, and the number of queries does not grow with the bodies.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from infocentar.core.models import Organisation, OrganisationKind
from infocentar.core.search import MAX_QUERY_LENGTH
from infocentar.core.text import fold, fold_for_index
from infocentar.core.widgets import FastSelect

PARAM_KIND, PARAM_QUERY = "vrsta", "q"
_PARAMS = {"kind": PARAM_KIND, "q": PARAM_QUERY}


class DirectoryFilterForm(forms.Form):
    """Kind and name; the fields are sent as ?vrsta= and ?q=."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=FastSelect)
    q = forms.CharField(
        label=_("Name"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH, "enterkeyhint": "search"}),
    )

    def __init__(self, data=None):
        super().__init__(data, auto_id="directory-%s")
        self.fields["kind"].choices = [("", _("All kinds")), *OrganisationKind.choices]

    def add_prefix(self, field_name: str) -> str:
        return _PARAMS.get(field_name, field_name)


@dataclass
class DirectoryFilter:
    """What the reader asked for, cleaned: a bad value is ignored, not an error."""

    form: DirectoryFilterForm
    kind: str = ""
    query: str = ""
    unknown_kind: bool = False
    words: list[str] = field(default_factory=list)

    @property
    def filtering(self) -> bool:
        return bool(self.kind or self.words)

    def matches(self, organisation: Organisation) -> bool:
        if self.kind and organisation.kind != self.kind:
            return False
        if not self.words:
            return True
        haystack = fold_for_index(f"{organisation.name} {organisation.short_name}")
        return all(word in haystack for word in self.words)


def directory_filter(params: QueryDict) -> DirectoryFilter:
    raw_kind = params.get(PARAM_KIND, "")
    raw_query = params.get(PARAM_QUERY, "")
    query = "".join(ch for ch in raw_query[:MAX_QUERY_LENGTH] if ch.isprintable()).strip()
    kind = raw_kind if raw_kind in OrganisationKind.values else ""
    data = QueryDict(mutable=True)
    data[PARAM_KIND] = kind
    data[PARAM_QUERY] = query
    form = DirectoryFilterForm(data if (raw_kind or raw_query) else None)
    return DirectoryFilter(
        form=form,
        kind=kind,
        query=query,
        unknown_kind=bool(raw_kind) and not kind,
        words=fold(query).split(),
    )


def directory_groups(organisations, chosen: DirectoryFilter) -> list[dict]:
    """The bodies that match, grouped by kind in the kinds' order."""
    groups = []
    for kind, label in OrganisationKind.choices:
        members = [o for o in organisations if o.kind == kind and chosen.matches(o)]
        if members:
            groups.append({"kind": kind, "label": label, "organisations": members})
    return groups
