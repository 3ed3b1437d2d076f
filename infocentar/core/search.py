"""Site search: one registry of searchable models, one folding of text.

Each app registers the models it wants found by `/pretraga/`:

    from infocentar.core.search import register
    register(NewsPage, label=_("News"), queryset=lambda: NewsPage.objects.live().public())

A registered model must be `wagtail.search.index.Indexed` with a SearchField
called `search_text` that returns `core.text.fold_for_index(...)` of its
searchable text; queries are folded with `core.text.fold` before they reach the
search backend, so both scripts and text without diacritics find the same
records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from wagtail.search.backends import get_search_backend

from .text import fold

MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class SearchSource:
    key: str
    model: type[models.Model]
    label: str
    queryset: Callable[[], models.QuerySet]


_registry: dict[str, SearchSource] = {}


def register(model: type[models.Model], *, label, queryset: Callable[[], models.QuerySet] | None = None, key=None):
    key = key or model._meta.label_lower.replace(".", "-")
    _registry[key] = SearchSource(
        key=key, model=model, label=label, queryset=queryset or (lambda: model._default_manager.all())
    )


def sources() -> list[SearchSource]:
    return list(_registry.values())


def normalise_query(raw: str | None) -> str:
    """The folded query, cut to a sane length; '' when nothing searchable is left."""
    if not raw:
        return ""
    folded = fold(raw[: MAX_QUERY_LENGTH * 2])
    folded = "".join(ch if ch.isalnum() or ch.isspace() or ch in "-" else " " for ch in folded)
    return " ".join(folded.split())[:MAX_QUERY_LENGTH].strip()


def search(raw_query: str, source_keys: list[str] | None = None, limit: int = 200) -> dict[str, list]:
    """Results per source, best first."""
    query = normalise_query(raw_query)
    results: dict[str, list] = {}
    if not query:
        return results
    for source in sources():
        if source_keys and source.key not in source_keys:
            continue
        found = get_search_backend().search(query, source.queryset(), operator="and")[:limit]
        results[source.key] = list(found)
    return results
