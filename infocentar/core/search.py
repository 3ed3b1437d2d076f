"""Site search: one registry of searchable models, one folding of text.

Each app registers the models it wants found by `/pretraga/`:

    from infocentar.core.search import register
    register(NewsPage, label=_("News"), queryset=lambda: NewsPage.objects.live().public())

A registered model must be `wagtail.search.index.Indexed` with a SearchField
called `search_text` that returns `core.text.fold_for_index(...)` of its
searchable text (title included); queries are folded with `core.text.fold`
before they reach the search backend, so both scripts and text without
diacritics find the same records.

`register` also takes, all optional (the defaults read the model's fields):

- `kind`: the value of the "kind" facet (`?vrsta=`); sources with the same
  label share one by default (the key of the first of them).
- `title`: the field holding the title ("title", else "name").
- `organisation`: the ORM path to the core Organisation(s) the record belongs
  to, for the "organisation" facet ("organisation", "organisations"; the
  Organisation model itself is its own); `""` for none.
- `date`: the ORM path to a date, date-time or year field for the "year"
  facet ("date", "year", "published_on", "first_published_at"); `""` for none.
- `snippet`: `obj -> str`, the plain text the result's snippet is cut from
  (default: `get_search_text_parts()` without the title, else lead, intro,
  description, mandate …).
- `url`: `obj -> str` (default: a page's URL, else `get_absolute_url()`).
- `select_related`, `prefetch_related`: what showing a result needs.

How a search runs (`run`): the query is folded and cut into terms; a term of
four letters or more also matches longer words (a prefix, after dropping a
common case ending: "kulturu" finds "kultura", "kulturnih"); every term must
match, and when no record has all of them, records with any of them are shown
instead. For each source one query fetches the `CANDIDATES_PER_SOURCE` most
recent matches (newest primary keys first) with the backend's score, title,
date and a single organisation; records whose folded title holds every term
come first, then the score, and the best `RESULTS_PER_SOURCE` are kept (a
second query fetches the organisations of records that may have several).
Facets (kind, organisation, year) are counted over the kept results, and only
the objects shown on the current page are fetched. Neither the number of
queries nor the work grows with the number of matches: a word found in
50,000 news items costs about what a rare word costs. The price, said on the
page: among very many matches only the most recent are scored.

On PostgreSQL the newest matches are found by walking each source's newest
rows and checking their index entries (`_windowed_rows`): a common word
fills the limit within a few hundred rows, where the GIN index would hand
over every one of its 100,000 matches to be sorted. Only when the walk shows
the word is rare in a source is the GIN index asked, and a worker remembers
for each query where it found the matches last time. `matches()` gives
listings with a search box (the registry of acts) the same.
"""

from __future__ import annotations

import datetime
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.search.backends import get_search_backend

from .text import fold

MAX_QUERY_LENGTH = 200
# Words of a query beyond these are ignored (a query is cut to MAX_QUERY_LENGTH anyway).
MAX_TERMS = 12
# Words left out of a query that has others (folded: Latin, lower case, without diacritics).
STOPWORDS = frozenset(
    [
        "a",
        "i",
        "u",
        "o",
        "s",
        "k",
        "sa",
        "ka",
        "na",
        "za",
        "od",
        "do",
        "iz",
        "po",
        "pri",
        "uz",
        "ili",
        "te",
        "se",
        "je",
        "da",
    ]
)
# A query word this long also matches longer words (kultur → kultura, kulturu …).
PREFIX_MIN_LENGTH = 4
# The best results kept per source; facets are counted over these.
RESULTS_PER_SOURCE = 100
# The most recent matches per source that are scored to find those best ones.
CANDIDATES_PER_SOURCE = 200
# Values of one filter taken from a query string.
MAX_FILTERS = 20
# Characters of a snippet around the first match.
SNIPPET_LENGTH = 240
SNIPPET_BEFORE = 70
# Text beyond this is not looked at for a snippet.
SNIPPET_SOURCE_LIMIT = 50_000

_DEFAULT = object()

# --------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchSource:
    key: str
    model: type[models.Model]
    label: Any
    queryset: Callable[[], models.QuerySet]
    kind: str | None = None
    title_field: str | None = None
    organisation_path: str | None = None  # "" none, "self" the Organisation itself
    date_path: str | None = None
    snippet: Callable[[Any], str] | None = None
    url: Callable[[Any], str] | None = None
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[Any, ...] = ()


_registry: dict[str, SearchSource] = {}


def _field(model, name: str):
    try:
        return model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist, or a model not ready
        return None


def _default_title_field(model) -> str | None:
    for name in ("title", "name"):
        if _field(model, name) is not None:
            return name
    return None


def _default_organisation_path(model) -> str:
    from .models import Organisation

    if issubclass(model, Organisation):
        return "self"
    for name in ("organisation", "organisations"):
        relation = _field(model, name)
        if relation is not None and getattr(relation, "related_model", None) is Organisation:
            return name
    return ""


def _default_date_path(model) -> str:
    for name in ("date", "year", "published_on", "published_at", "first_published_at"):
        candidate = _field(model, name)
        if isinstance(candidate, (models.DateField, models.IntegerField)):  # DateTimeField is a DateField
            return name
    return ""


def register(
    model: type[models.Model],
    *,
    label,
    queryset: Callable[[], models.QuerySet] | None = None,
    key=None,
    kind: str | None = None,
    title: str | None = None,
    organisation: Any = _DEFAULT,
    date: Any = _DEFAULT,
    snippet: Callable[[Any], str] | None = None,
    url: Callable[[Any], str] | None = None,
    select_related: Iterable[str] = (),
    prefetch_related: Iterable[Any] = (),
):
    """Make `model` findable by the site search (see the module's docstring)."""
    for name, value in (("organisation", organisation), ("date", date)):
        if value is not _DEFAULT and value is not None and not isinstance(value, str):
            # The facets are counted in the database, over hundreds of records: a path, not a function.
            raise TypeError(f"register({model.__name__}, {name}=…) takes an ORM path such as 'organisations'")
    key = key or model._meta.label_lower.replace(".", "-")
    _registry[key] = SearchSource(
        key=key,
        model=model,
        label=label,
        queryset=queryset or (lambda: model._default_manager.all()),
        kind=kind,
        title_field=title if title is not None else _default_title_field(model),
        organisation_path=_default_organisation_path(model) if organisation is _DEFAULT else (organisation or ""),
        date_path=_default_date_path(model) if date is _DEFAULT else (date or ""),
        snippet=snippet,
        url=url,
        select_related=tuple(select_related),
        prefetch_related=tuple(prefetch_related),
    )


def sources() -> list[SearchSource]:
    return list(_registry.values())


def source_kinds() -> dict[str, str]:
    """source key -> its kind (the facet value): sources with the same label share the first one's key."""
    kinds: dict[str, str] = {}
    first_by_label: dict[str, str] = {}
    for source in _registry.values():
        if source.kind:
            kinds[source.key] = source.kind
            continue
        label = str(source.label)
        kinds[source.key] = first_by_label.setdefault(label, source.key)
    return kinds


# --------------------------------------------------------------------------
# Queries and terms
# --------------------------------------------------------------------------


def normalise_query(raw: str | None) -> str:
    """The folded query, cut to a sane length; '' when nothing searchable is left."""
    if not raw:
        return ""
    folded = fold(raw[: MAX_QUERY_LENGTH * 2])
    folded = "".join(ch if ch.isalnum() or ch.isspace() or ch in "-" else " " for ch in folded)
    return " ".join(folded.split())[:MAX_QUERY_LENGTH].strip()


# Common Montenegrin case and number endings, longest first: "opštinama" and
# "opštini" both look for "opstin…".
_ENDINGS = ("ama", "ima", "om", "em", "og", "oj", "ih", "im", "a", "e", "i", "o", "u")


@dataclass(frozen=True)
class Term:
    """A folded query word: `stem` is looked for, as a prefix when `prefix`."""

    word: str
    stem: str
    prefix: bool


def make_term(word: str) -> Term:
    if len(word) < PREFIX_MIN_LENGTH or word.isdecimal():
        return Term(word, word, False)
    stem = word
    if word.isalpha():
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= PREFIX_MIN_LENGTH:
                stem = word[: -len(ending)]
                break
    return Term(word, stem, True)


def query_terms(query: str, limit: int | None = MAX_TERMS) -> list[Term]:
    """The terms of a normalised query: words split at spaces and hyphens, in order, without repeats."""
    terms: list[Term] = []
    seen: set[str] = set()
    for chunk in re.split(r"[\s\-]+", query):
        word = "".join(ch for ch in chunk if ch.isalpha() or ch.isdecimal())
        if word and word not in seen:
            seen.add(word)
            terms.append(make_term(word))
    # Conjunctions and prepositions are in nearly every text: they narrow nothing, cost the most to find and
    # would be highlighted everywhere ("odluka o komunalnom redu" searches for the other three words).
    # A query of nothing else keeps them.
    meaningful = [term for term in terms if term.word not in STOPWORDS]
    return (meaningful or terms)[:limit]


def _term_pattern(term: Term) -> str:
    # "d" may stand for "dj" (đ): a search for "durdevic" finds "Đurđević".
    core = re.sub(r"d(?!j)", "dj?", re.escape(term.stem))
    return core + (r"\w*" if term.prefix else r"(?!\w)")


def terms_regex(terms: Sequence[Term]) -> re.Pattern[str] | None:
    """A regex finding, in folded text, the words any of `terms` matches."""
    if not terms:
        return None
    alternatives = sorted({_term_pattern(t) for t in terms}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")")


@lru_cache(maxsize=256)
def _single_term_regex(term: Term) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + _term_pattern(term))


@lru_cache(maxsize=1)
def _fast_table() -> dict[int, str]:
    """`fold` of every letter of the Latin and Cyrillic blocks, for str.translate."""
    table = {code: chr(code).lower() for code in range(ord("A"), ord("Z") + 1)}
    for code in range(0x80, 0x530):
        char = chr(code)
        if not char.isspace():
            table[code] = fold(char)
    return table


# A letter beyond the Latin and Cyrillic blocks (Greek is below them, and in the table).
_OTHER_LETTER = re.compile(r"(?=[^\x00-\u052f])[^\W\d_]")


def quick_fold(text: str) -> str:
    """`fold` for matching only (spaces are not collapsed); much faster on Latin and Cyrillic text."""
    folded = str(text).translate(_fast_table())
    return folded if folded.isascii() or not _OTHER_LETTER.search(folded) else fold(text)


def matches_all(text: str, terms: Sequence[Term] | Sequence[re.Pattern[str]]) -> bool:
    """Whether the folded `text` has a word for every term (or `_single_term_regex` of every term)."""
    if not terms or not text:
        return False
    folded = quick_fold(text)
    return all((t if isinstance(t, re.Pattern) else _single_term_regex(t)).search(folded) is not None for t in terms)


# --------------------------------------------------------------------------
# The search backend: prefix terms on SQLite FTS5 and PostgreSQL
# --------------------------------------------------------------------------


def _folded_text_class():
    from modelsearch.query import PlainText

    class FoldedText(PlainText):
        """Terms already folded, each an exact word or a prefix."""

        def __init__(self, terms: Sequence[Term], operator: str = "and"):
            super().__init__(" ".join(t.stem for t in terms), operator=operator)
            self.terms = list(terms)

        def __repr__(self):
            return f"<FoldedText {self.terms!r} operator={self.operator!r}>"

    return FoldedText


@lru_cache(maxsize=1)
def _classes():
    return _folded_text_class()


def _postgres_compiler(base):
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import F
    from modelsearch.backends.database.postgres.query import Lexeme

    FoldedText = _classes()

    class FoldedPostgresCompiler(base):
        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, FoldedText):
                lexemes = [Lexeme(t.stem, prefix=t.prefix, invert=invert) for t in query.terms]
                conjunction = (query.operator == "and") != invert
                combined = reduce((lambda a, b: a & b) if conjunction else (lambda a, b: a | b), lexemes)
                return SearchQuery(combined, search_type="raw", config=config)
            return super().build_tsquery_content(query, config=config, invert=invert)

        def _apply_ordering_and_scoring(self, queryset, rank_expression, start, stop, score_field=None):
            if self.order_by_relevance:
                return super()._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)
            # In the queryset's order (else the newest first), but with the real score.
            if not queryset.query.order_by:
                queryset = queryset.order_by("-pk")
            if score_field is not None:
                queryset = queryset.annotate(**{score_field: rank_expression})
            return queryset[start:stop]

        def get_index_vectors(self, search_query):
            # `search_text` holds everything folded and is indexed in the body; the
            # title vector holds the title unfolded, which a folded query never
            # matches. Matching the body alone lets PostgreSQL use its GIN index.
            return [(F("index_entries__body"), 1.0)]

    return FoldedPostgresCompiler


def _sqlite_compiler(base):
    from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression

    FoldedText = _classes()

    class FoldedSQLiteCompiler(base):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, FoldedText):
                lexemes = [Lexeme(t.stem, prefix=t.prefix) for t in query.terms]
                combine = (lambda a, b: a & b) if query.operator == "and" else (lambda a, b: a | b)
                return SearchQueryExpression(reduce(combine, lexemes))
            return super().build_search_query_content(query, config=config)

    return FoldedSQLiteCompiler


@lru_cache(maxsize=8)
def _compiler_class(base):
    from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler

    if issubclass(base, PostgresSearchQueryCompiler):
        return _postgres_compiler(base)
    try:
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchQueryCompiler
    except Exception:  # pragma: no cover - SQLite without FTS5
        SQLiteSearchQueryCompiler = None
    if SQLiteSearchQueryCompiler is not None and issubclass(base, SQLiteSearchQueryCompiler):
        return _sqlite_compiler(base)
    return None


def _backend_and_compiler():
    backend = get_search_backend()
    return backend, _compiler_class(backend.query_compiler_class)


def search_queryset(queryset: models.QuerySet, raw_query: str, *, operator: str = "and", order_by_relevance=True):
    """Search results (sliceable, countable) over `queryset` with the site search's folding and prefixes.

    For listings with their own search box (e.g. the document library).
    """
    backend, compiler_class = _backend_and_compiler()
    terms = query_terms(normalise_query(raw_query))
    if not terms:
        return queryset.none()
    if compiler_class is None:
        return backend.search(" ".join(t.word for t in terms), queryset, operator=operator)
    compiler = compiler_class(
        queryset, _classes()(terms, operator), operator=operator, order_by_relevance=order_by_relevance
    )
    return backend.results_class(backend, compiler)


@dataclass
class Matches:
    """A listing's search: its newest matches (at most the limit asked for), in two orders."""

    newest: list  # primary keys, the newest first
    best: list  # titles holding every word first, then the score, then the newest
    capped: bool = False  # the limit was reached: older matches are left out


def matches(queryset: models.QuerySet, raw_query: str, *, limit: int, title_field: str | None = None) -> Matches:
    """The newest `limit` records of `queryset` holding every word of the query (the site search's folding).

    For listings with a search box over many records (the registry of acts):
    like the site search, only the newest matches are scored, so a common
    word costs what a rare one does. A constant number of queries.
    """
    terms = query_terms(normalise_query(raw_query))
    if not terms:
        return Matches([], [])
    backend, compiler_class = _backend_and_compiler()
    source = SearchSource(
        key="",
        model=queryset.model,
        label="",
        queryset=lambda: queryset,
        title_field=title_field,
        organisation_path="",
        date_path="",
    )
    with _serial_plans():
        rows, _many = _candidate_rows(backend, compiler_class, source, queryset.order_by(), terms, "and", limit)
    regexes = [_single_term_regex(t) for t in terms]
    for row in rows:
        row.title_match = matches_all(row.title, regexes)
    newest = [row.pk for row in rows]
    best = [row.pk for row in sorted(rows, key=lambda row: (not row.title_match, -row.score))]
    return Matches(newest, best, capped=len(rows) >= limit)


def _organisation_fields(source: SearchSource) -> tuple[list[str], bool]:
    """The fields giving the slug and name of a source's organisation(s), and whether there may be several."""
    path = source.organisation_path
    if not path:
        return [], False
    if path == "self":
        return ["slug", "name"], False
    first = _field(source.model, path.split("__")[0])
    many = first is None or bool(first.many_to_many or first.one_to_many)
    return [f"{path}__slug", f"{path}__name"], many


@dataclass
class _Row:
    pk: Any
    score: float  # higher is better
    title: str = ""
    date: Any = None
    organisations: tuple[tuple[str, str], ...] = ()
    title_match: bool = False
    content_type: int | None = None  # in a search of several page types at once


def _candidate_rows(backend, compiler_class, source, queryset, terms, operator, limit) -> tuple[list[_Row], bool]:
    """The `limit` most recent matches in `queryset` (newest primary keys first), with their score.

    Scoring only these (not every match, then keeping the best) keeps a word
    found in nearly every record as cheap as a rare one. The second value
    returned says whether organisations are still to be fetched.

    Finding them: on PostgreSQL the GIN index gives every match, which costs
    as much as there are matches (seconds for a word in most of 100,000
    records). So the newest rows are tried first (`_windowed_rows`): walking
    the newest `PROBE_WINDOW` rows and checking each one's index entry costs
    that window, however common the word. When the window holds `limit`
    matches they are exactly the newest ones; when it holds fewer, the share
    it found tells whether a wider window (a common word) or the GIN index (a
    rare word, so few matches) is the cheaper way to the rest.
    """
    org_fields, many = _organisation_fields(source)
    if compiler_class is None:  # another backend: whole objects, ranked by it, but still capped
        title_field = source.title_field
        found = backend.search(" ".join(t.word for t in terms), queryset, operator=operator)[:limit]
        rows = [
            _Row(obj.pk, -float(position), str(getattr(obj, title_field, "") or "") if title_field else "")
            for position, obj in enumerate(found)
        ]
        return rows, bool(org_fields or source.date_path)
    query = _classes()(terms, operator)
    from django.db import connection

    if connection.vendor == "postgresql" and connection.in_atomic_block:
        hint = (source.key or queryset.model._meta.label, tuple(terms), operator, limit)
        with _walking():
            rows = _windowed_rows(backend, compiler_class, source, queryset, query, operator, limit, hint)
        if rows is not None:
            return rows, many
    with _not_walking():
        return _scored_rows(backend, compiler_class, source, queryset, query, operator, limit), many


# The newest rows of a source whose index entries are checked one by one before the GIN index is asked.
PROBE_WINDOW = 2_000
# The widest window tried after the probe; a word rarer than limit/MAX_WINDOW goes to the GIN index.
MAX_WINDOW = 20_000
# How long a worker keeps what it learnt about where matches are (see `_Kept`).
KEEP_SECONDS = 600
# The most entries each kind of that memory holds; a full one starts afresh.
KEEP_ENTRIES = 1024


class _Kept:
    """What a worker remembers for KEEP_SECONDS: at most KEEP_ENTRIES values, all forgotten when it is full.

    Only where to look is kept (sizes, window floors and widths), never a
    result: a stale value can change a search's cost, not what it finds.
    """

    def __init__(self) -> None:
        self.values: dict[Any, tuple[Any, float]] = {}

    def get(self, key, default=None):
        kept = self.values.get(key)
        if kept is None or kept[1] <= time.monotonic():
            return default
        return kept[0]

    def put(self, key, value) -> None:
        if len(self.values) >= KEEP_ENTRIES and key not in self.values:
            self.values.clear()
        self.values[key] = (value, time.monotonic() + KEEP_SECONDS)

    def clear(self) -> None:
        self.values.clear()


# PostgreSQL's estimate of each searched table's rows, per table name.
_size_estimates = _Kept()
# Where a registered source's window of the newest rows begins, per source and window size. Any value is safe:
# a window is a run of the newest rows whatever its floor, so the matches it holds are the newest ones; a floor
# gone stale only makes the window a little wider or narrower than meant.
_floors = _Kept()
# The window that last found a query's matches, per source and query: a worker that sees the same query again
# (popular words are asked often) starts there instead of probing; 0 means the GIN index.
_window_hints = _Kept()


def _estimated_rows(model) -> float:
    """PostgreSQL's estimate of the rows in the model's table (pg_class.reltuples, kept by ANALYZE); -1: unknown.

    The estimates of every searched table are read in one query and kept in
    the worker for a while.
    """
    from django.db import connection

    table = model._meta.db_table
    estimate = _size_estimates.get(table)
    if estimate is None:
        tables = sorted({source.model._meta.db_table for source in sources()} | {table})
        with connection.cursor() as cursor:
            cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relname = ANY(%s)", [tables])
            found = dict(cursor.fetchall())
        for name in tables:
            _size_estimates.put(name, found.get(name, -1.0))
        estimate = found.get(table, -1.0)
    return estimate


def _nth_newest_pk(queryset: models.QuerySet, n: int):
    """The primary key of the n-th newest row of `queryset`, or None when it has fewer rows."""
    found = list(queryset.order_by("-pk").values_list("pk", flat=True)[n - 1 : n])
    return found[0] if found else None


def forget_plans() -> None:
    """Drop what the worker keeps about where matches are (for tests, and after a bulk load)."""
    _floors.clear()
    _window_hints.clear()
    _size_estimates.clear()


_NO_FLOOR = object()


def _window_floor(source: SearchSource, queryset: models.QuerySet, size: int):
    if not source.key:  # a listing's own queryset (filters of its own): not kept
        return _nth_newest_pk(queryset, size)
    floor = _floors.get((source.key, size), _NO_FLOOR)
    if floor is _NO_FLOOR:
        floor = _nth_newest_pk(queryset, size)
        _floors.put((source.key, size), floor)
    return floor


# What makes PostgreSQL walk the newest rows and look up each one's index entry: the GIN index is only ever read
# by a bitmap scan, and without hash or merge joins or sorts the plan follows the primary key's order and stops at
# the limit (the planner would rather join every match of the word when it guesses the word is common).
_WALKING = ("enable_bitmapscan", "enable_hashjoin", "enable_mergejoin", "enable_sort", "enable_material")


_walk_state = threading.local()


def _set_walking(connection, on: bool, *, quiet: bool = False) -> None:
    """Walking plans on or off for the rest of the transaction (`quiet`: not when it has failed: nothing to undo)."""
    from django.db import DatabaseError

    value = "off" if on else "on"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(f"set_config('{name}', '{value}', true)" for name in _WALKING))
    except DatabaseError:
        if not quiet:
            raise


@contextmanager
def _plans(walk: bool):
    """Walking plans on (`walk`) or the planner's own choice, for the queries inside; a no-op if already so."""
    from django.db import connection

    if getattr(_walk_state, "on", False) == walk:
        yield
        return
    _set_walking(connection, walk)
    _walk_state.on = walk
    try:
        yield
    finally:
        _walk_state.on = not walk
        _set_walking(connection, not walk, quiet=True)


def _walking():
    """Walking plans for the queries inside (already so inside `_serial_plans`)."""
    return _plans(True)


def _not_walking():
    """The planner's own choice again (the GIN index), inside `_serial_plans` or `_walking`."""
    return _plans(False)


def _windowed_rows(backend, compiler_class, source, queryset, query, operator, limit, hint=None) -> list[_Row] | None:
    """The newest `limit` matches found by walking the newest rows, or None when the GIN index should find them.

    A source smaller than the window is walked whole, which is exact. Else
    the window's matches are exactly the newest ones when there are `limit`
    of them; when there are fewer, the share found tells whether a wider
    window (a common word) or the GIN index (a rare word) comes next.
    """
    size = _window_hints.get(hint, PROBE_WINDOW)
    if size == 0:  # the GIN index, last time
        return None
    while True:
        estimate = _estimated_rows(queryset.model)
        floor = None if 0 <= estimate < size / 2 else _window_floor(source, queryset, size)
        window = queryset if floor is None else queryset.filter(pk__gte=floor)
        rows = _scored_rows(backend, compiler_class, source, window, query, operator, limit, one_query=True)
        if len(rows) >= limit or floor is None:
            break
        # The window that, at the density found, should hold `limit` matches (with a margin).
        wanted = size * limit * 5 // (4 * len(rows)) if rows else MAX_WINDOW + 1
        if size >= MAX_WINDOW or wanted > MAX_WINDOW:
            rows, size = None, 0
            break
        size = max(wanted, size * 2)
    if hint is not None:
        _window_hints.put(hint, size)
    return rows


def _scored_rows(backend, compiler_class, source, queryset, query, operator, limit, one_query=False) -> list[_Row]:
    """One query for the `limit` newest matches with their score, title, date and a single organisation.

    `one_query`: for plans that walk the newest rows (or a handful of rows), so
    the score is computed only for the rows the limit lets through. Else a
    subquery finds the newest matches without scoring them (the GIN index
    gives every match, to be sorted) and the outer query scores just those.
    """
    title_field, date_path = source.title_field, source.date_path
    org_fields, many = _organisation_fields(source)
    finding = compiler_class(queryset.order_by("-pk"), query, operator=operator, order_by_relevance=False)
    config = finding.get_config(backend)
    if one_query:
        found = _compiled_search(finding, backend, config, 0, limit, score_field="_score")
    else:
        recent = _compiled_search(finding, backend, config, 0, limit).values("pk")
        scoring = compiler_class(queryset.filter(pk__in=recent), query, operator=operator, order_by_relevance=False)
        found = _compiled_search(scoring, backend, config, None, None, score_field="_score")
    sign = 1.0 if _is_postgres(finding) else -1.0  # SQLite's bm25(): lower is better
    fields = ["pk", "_score", title_field or "pk", date_path or "pk", *([] if many else org_fields)]
    grouped = source.key == _PAGE_GROUP
    if grouped:
        fields.append("content_type_id")
    rows = []
    for values in found.values_list(*fields):
        row = _Row(values[0], sign * float(values[1] or 0.0))
        if title_field:
            row.title = str(values[2] or "")
        if date_path:
            row.date = values[3]
        if org_fields and not many and values[4]:
            row.organisations = ((values[4], values[5]),)
        if grouped:
            row.content_type = values[-1]
        rows.append(row)
    rows.sort(key=lambda row: row.pk, reverse=True)  # newest first, for the stable sorts that follow
    return rows


def _is_postgres(compiler) -> bool:
    from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler

    return isinstance(compiler, PostgresSearchQueryCompiler)


def _compiled_search(compiler, backend, config, start, stop, score_field=None):
    if _is_postgres(compiler):
        return compiler.search(config, start, stop, score_field=score_field, backend=backend)
    return compiler.search(config, start, stop, score_field=score_field)


def _organisations_of(source: SearchSource, pks: list) -> dict[Any, tuple[tuple[str, str], ...]]:
    """pk -> ((organisation slug, name), …) for records that may have several: one query."""
    org_fields, _many = _organisation_fields(source)
    out: dict[Any, list[tuple[str, str]]] = {}
    if pks and org_fields:
        for pk, slug, name in source.model._default_manager.filter(pk__in=pks).values_list("pk", *org_fields):
            if slug and (slug, name) not in out.setdefault(pk, []):
                out[pk].append((slug, name))
    return {pk: tuple(orgs) for pk, orgs in out.items()}


# --------------------------------------------------------------------------
# Running a search
# --------------------------------------------------------------------------


@dataclass
class Hit:
    """One kept result, before its object is fetched."""

    source: SearchSource
    kind: str
    pk: Any
    score: float
    title: str
    title_match: bool
    position: int = 0  # in its source's ranking
    organisations: tuple[tuple[str, str], ...] = ()
    date: Any = None
    year: int | None = None


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchOutcome:
    raw: str
    query: str
    terms: list[Term]
    hits: list[Hit] = field(default_factory=list)  # after the facet filters, best first
    total: int = 0  # kept results before the facet filters
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    capped: list[Any] = field(default_factory=list)  # labels of sources with more matches than were kept
    any_word: bool = False  # no record had every word: these have any of them
    filtered: bool = False  # a facet filter is in force
    too_long: bool = False  # only the beginning of the query was used
    per_source: int = RESULTS_PER_SOURCE
    querysets: dict = field(default_factory=dict, repr=False)  # each source's queryset, built once

    def present(self, hits: Sequence[Hit], request=None) -> list[Result]:
        """The results for `hits` (a page of `self.hits`), objects fetched."""
        return present(hits, self.terms, request, self.querysets)


def _year_of(value, zone=None) -> int | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return value.year
        return value.astimezone(zone or timezone.get_current_timezone()).year
    if isinstance(value, datetime.date):
        return value.year
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _passes(hit: Hit, kinds, organisations, years, *, skip: str = "") -> bool:
    if skip != "kind" and kinds and hit.kind not in kinds:
        return False
    if skip != "organisation" and organisations and not any(slug in organisations for slug, _ in hit.organisations):
        return False
    return not (skip != "year" and years and hit.year not in years)


@contextmanager
def _serial_plans():
    """On PostgreSQL, no parallel workers for the search's queries (in a transaction of their own).

    They walk an index and stop after a few hundred rows; starting workers costs
    more than it saves and makes the planner prefer plans that read every match.
    """
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        with _walking():
            yield


# Page types PostgreSQL estimates at fewer rows than this (the home page, the contact page …) are searched together.
SMALL_PAGE_TYPE = 100
_PAGE_GROUP = "_small-page-types"


def _small_page_rows(backend, compiler_class, queries: dict, terms, operator, limit) -> dict[str, list[_Row]]:
    """Rows of the small page-type sources, found in one query over Wagtail's pages: source key -> rows.

    Each source is a query of its own otherwise, and planning and building it
    costs more than finding a page among a handful. Only on PostgreSQL, for
    sources without organisations that share the title and the date.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.models import Q
    from wagtail.models import Page

    if connection.vendor != "postgresql" or not connection.in_atomic_block or compiler_class is None:
        return {}
    groups: dict[tuple, list[SearchSource]] = {}
    for source in sources():
        if (
            issubclass(source.model, Page)
            and not source.organisation_path
            and source.title_field == "title"
            and 0 <= _estimated_rows(source.model) < SMALL_PAGE_TYPE
        ):
            groups.setdefault((source.date_path,), []).append(source)
    out: dict[str, list[_Row]] = {}
    for (date_path,), members in groups.items():
        if len(members) < 2:
            continue
        by_type = {ContentType.objects.get_for_model(member.model).pk: member for member in members}
        chosen = Q()
        for member in members:
            chosen |= Q(pk__in=queries[member.key].order_by().values("pk"))
        group = SearchSource(
            key=_PAGE_GROUP,
            model=Page,
            label="",
            queryset=lambda: Page.objects.none(),
            title_field="title",
            organisation_path="",
            date_path=date_path,
        )
        # The planner's own choice: the few pages of these types by their type's index, then their index entries.
        with _not_walking():
            rows = _scored_rows(
                backend,
                compiler_class,
                group,
                Page.objects.filter(chosen, content_type__in=list(by_type)),
                _classes()(terms, operator),
                operator,
                limit * len(members),
                one_query=True,
            )
        for member in members:
            out[member.key] = []
        for row in rows:
            bucket = out[by_type[row.content_type].key]
            if len(bucket) < limit:
                bucket.append(row)
    return out


def _collect(terms, operator, queries: dict) -> tuple[list[Hit], list]:
    backend, compiler_class = _backend_and_compiler()
    kinds = source_kinds()
    term_regexes = [_single_term_regex(t) for t in terms]
    zone = timezone.get_current_timezone()
    hits: list[Hit] = []
    capped = []
    for source in sources():
        if queries.get(source.key) is None:
            queries[source.key] = source.queryset()
    grouped = _small_page_rows(backend, compiler_class, queries, terms, operator, CANDIDATES_PER_SOURCE)
    for source in sources():
        queryset = queries[source.key]
        if source.key in grouped:
            rows, fetch = grouped[source.key], False
        else:
            rows, fetch = _candidate_rows(
                backend, compiler_class, source, queryset, terms, operator, CANDIDATES_PER_SOURCE
            )
        if len(rows) > RESULTS_PER_SOURCE:
            capped.append(source.label)
        for row in rows:
            row.title_match = matches_all(row.title, term_regexes)
        # Titles with every word first, then the score; among equals the newer (the sort is stable).
        rows.sort(key=lambda row: (not row.title_match, -row.score))
        del rows[RESULTS_PER_SOURCE:]
        if fetch:
            if compiler_class is None:  # the fallback fetched objects, not values
                values = _values_of(source, [row.pk for row in rows])
                for row in rows:
                    row.date, row.organisations = values.get(row.pk, (None, ()))
            else:
                with _not_walking():
                    organisations = _organisations_of(source, [row.pk for row in rows])
                for row in rows:
                    row.organisations = organisations.get(row.pk, ())
        for position, row in enumerate(rows):
            hits.append(
                Hit(
                    source=source,
                    kind=kinds[source.key],
                    pk=row.pk,
                    score=row.score,
                    title=row.title,
                    title_match=row.title_match,
                    position=position,
                    organisations=row.organisations,
                    date=row.date,
                    year=_year_of(row.date, zone),
                )
            )
    return hits, capped


def _values_of(source: SearchSource, pks: list) -> dict[Any, tuple[Any, tuple[tuple[str, str], ...]]]:
    """pk -> (date, organisations), for backends that return objects."""
    organisations = _organisations_of(source, pks)
    dates = {}
    if source.date_path and pks:
        dates = dict(source.model._default_manager.filter(pk__in=pks).values_list("pk", source.date_path))
    return {pk: (dates.get(pk), organisations.get(pk, ())) for pk in pks}


def run(
    raw_query: str | None,
    *,
    kinds: Iterable[str] = (),
    organisations: Iterable[str] = (),
    years: Iterable[int] = (),
) -> SearchOutcome:
    """Search every registered source; narrow by the facets (values within one facet: any of them)."""
    raw = raw_query or ""
    query = normalise_query(raw)
    terms = query_terms(query)
    outcome = SearchOutcome(raw=raw, query=query, terms=terms, per_source=RESULTS_PER_SOURCE)
    outcome.too_long = len(raw) > MAX_QUERY_LENGTH or len(query_terms(query, limit=None)) > len(terms)
    if not terms:
        return outcome
    source_kind = source_kinds()
    kind_labels: dict[str, Any] = {}
    for source in sources():
        kind_labels.setdefault(source_kind[source.key], source.label)
    kinds = {k for k in kinds if k in kind_labels}
    organisations = set(organisations)
    years = set(years)

    queries = outcome.querysets
    with _serial_plans():
        hits, capped = _collect(terms, "and", queries)
        if not hits and len(terms) > 1:
            hits, capped = _collect(terms, "or", queries)
            outcome.any_word = bool(hits)
    order = {kind: position for position, kind in enumerate(kind_labels)}
    hits.sort(key=lambda h: (not h.title_match, -h.score, order.get(h.kind, 0), h.position))
    outcome.total = len(hits)
    outcome.capped = capped

    # Chosen organisations that none of the results has: shown (with a count of
    # nought) so that they can be removed; slugs of no organisation are ignored.
    org_names: dict[str, str] = {}
    for hit in hits:
        org_names.update(hit.organisations)
    missing = organisations - set(org_names)
    if missing:
        from .models import Organisation

        org_names.update(
            Organisation.objects.filter(slug__in=sorted(missing)[:MAX_FILTERS]).values_list("slug", "name")
        )
        organisations &= set(org_names)
    outcome.filtered = bool(kinds or organisations or years)

    # Facets: each counted over the results the other facets let through.
    kind_counts: dict[str, int] = {}
    org_counts: dict[str, int] = {}
    year_counts: dict[int, int] = {}
    shown: list[Hit] = []
    for hit in hits:
        if _passes(hit, kinds, organisations, years, skip="kind"):
            kind_counts[hit.kind] = kind_counts.get(hit.kind, 0) + 1
        if _passes(hit, kinds, organisations, years, skip="organisation"):
            for slug, _name in hit.organisations:
                org_counts[slug] = org_counts.get(slug, 0) + 1
        if hit.year is not None and _passes(hit, kinds, organisations, years, skip="year"):
            year_counts[hit.year] = year_counts.get(hit.year, 0) + 1
        if _passes(hit, kinds, organisations, years):
            shown.append(hit)
    outcome.hits = shown

    outcome.facets = {
        "kind": [
            FacetValue(kind, str(label), kind_counts.get(kind, 0), kind in kinds)
            for kind, label in kind_labels.items()
            if kind_counts.get(kind) or kind in kinds
        ],
        "organisation": sorted(
            (
                FacetValue(slug, org_names[slug], org_counts.get(slug, 0), slug in organisations)
                for slug in set(org_counts) | organisations
            ),
            key=lambda f: (-f.count, quick_fold(f.label)),
        ),
        "year": [
            FacetValue(str(year), str(year), year_counts.get(year, 0), year in years)
            for year in sorted(set(year_counts) | years, reverse=True)
        ],
    }
    return outcome


# --------------------------------------------------------------------------
# Showing results: objects, URLs, highlighted titles and snippets
# --------------------------------------------------------------------------


@dataclass
class Result:
    hit: Hit
    object: Any
    label: Any
    url: str
    title: SafeString
    snippet: SafeString
    organisations: list[str]
    date: Any


_SUMMARY_FIELDS = ("lead", "intro", "description", "summary", "mandate", "search_description")


def _snippet_texts(source: SearchSource, obj, title: str):
    """The texts a result's snippet may come from, the cheap ones (a lead, a description) first."""
    if source.snippet is not None:
        yield str(source.snippet(obj) or "")
        return
    seen = set()
    for name in _SUMMARY_FIELDS:
        value = getattr(obj, name, "")
        if value and str(value) not in seen:
            seen.add(str(value))
            yield str(value)
    getter = getattr(obj, "get_search_text_parts", None)
    if callable(getter):  # everything that was indexed (a page's body too), without the title
        parts = [str(p) for p in getter() if p]
        if parts and parts[0] == title:
            parts = parts[1:]
        yield " ".join(p for p in parts if p not in seen)


def _result_snippet(source: SearchSource, obj, title: str, regex) -> SafeString:
    """The snippet around the first match in the first text that has one, else the beginning of the first text."""
    first = ""
    # A title that holds the words needs no match in the text: its lead will do, and the body (a page's whole
    # StreamField) is not read.
    title_matches = regex is not None and bool(regex.search(quick_fold(title)))
    for text in _snippet_texts(source, obj, title):
        if not text:
            continue
        first = first or text
        if title_matches or (regex is not None and regex.search(quick_fold(text[:SNIPPET_SOURCE_LIMIT]))):
            return snippet(text, regex)
    return snippet(first, regex)


def _url(source: SearchSource, obj, request) -> str:
    from wagtail.models import Page

    if source.url is not None:
        return source.url(obj) or ""
    if isinstance(obj, Page):
        return obj.get_url(request) or ""
    get_absolute_url = getattr(obj, "get_absolute_url", None)
    return get_absolute_url() if callable(get_absolute_url) else ""


def present(hits: Sequence[Hit], terms: Sequence[Term], request=None, queries: dict | None = None) -> list[Result]:
    """The results for `hits` (one page of them): their objects fetched, one query per source (+ its prefetches)."""
    by_source: dict[str, list[Hit]] = {}
    for hit in hits:
        by_source.setdefault(hit.source.key, []).append(hit)
    objects: dict[tuple[str, Any], Any] = {}
    for key, source_hits in by_source.items():
        source = source_hits[0].source
        queryset = (queries or {}).get(key)
        if queryset is None:
            queryset = source.queryset()
        queryset = queryset.filter(pk__in=[h.pk for h in source_hits])
        if source.select_related:
            queryset = queryset.select_related(*source.select_related)
        if source.prefetch_related:
            queryset = queryset.prefetch_related(*source.prefetch_related)
        for obj in queryset:
            objects[(key, obj.pk)] = obj
    highlighter = terms_regex(_highlight_terms(terms))
    results = []
    for hit in hits:
        obj = objects.get((hit.source.key, hit.pk))
        if obj is None:  # unpublished or deleted since the search ran
            continue
        title = hit.title or str(obj)
        results.append(
            Result(
                hit=hit,
                object=obj,
                label=hit.source.label,
                url=_url(hit.source, obj, request),
                title=highlight(title, highlighter),
                snippet=_result_snippet(hit.source, obj, title, highlighter),
                # An organisation is its own: not said again under its name.
                organisations=[] if hit.source.organisation_path == "self" else [n for _s, n in hit.organisations],
                date=hit.date,
            )
        )
    return results


def _highlight_terms(terms: Sequence[Term]) -> list[Term]:
    """The terms worth marking: one- and two-letter words only when nothing longer was asked."""
    longer = [t for t in terms if len(t.word) >= 3]
    return longer or list(terms)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch.isspace():
        return " "
    return fold(ch)


@lru_cache(maxsize=1)
def _offset_tables() -> tuple[dict[int, str], re.Pattern[str]]:
    """A str.translate table for the characters that fold to exactly one, and a regex for all the others."""
    one: dict[int, str] = {code: chr(code).lower() for code in range(ord("A"), ord("Z") + 1)}
    irregular = []
    for code in range(0x80, 0x530):
        folded = _fold_char(chr(code))
        if len(folded) == 1:
            one[code] = folded
        else:
            irregular.append(re.escape(chr(code)))
    return one, re.compile("[" + "".join(irregular) + "\u0530-\U0010ffff]")


def fold_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """`text` folded like `fold` (spaces not collapsed), with where each folded character came from.

    Returns (folded, starts, ends): folded[j] comes from text[starts[j]:ends[j]].
    A character may fold to several ("đ" → "dj", "џ" → "dz") or to none (a
    combining accent, which then belongs to the letter before it). Stretches
    of characters that fold one to one are translated in one go.
    """
    one, irregular = _offset_tables()
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for match in irregular.finditer(text):
        at = match.start()
        if at > position:  # one for one
            parts.append(text[position:at].translate(one))
            starts.extend(range(position, at))
            ends.extend(range(position + 1, at + 1))
        folded = _fold_char(text[at])
        if folded:
            parts.append(folded)
            starts.extend([at] * len(folded))
            ends.extend([at + 1] * len(folded))
        elif ends and ends[-1] == at:
            for back in range(len(ends) - 1, -1, -1):  # every folded character of the previous letter
                if ends[back] != at:
                    break
                ends[back] = at + 1
        position = at + 1
    if position < len(text):
        parts.append(text[position:].translate(one))
        starts.extend(range(position, len(text)))
        ends.extend(range(position + 1, len(text) + 1))
    return "".join(parts), starts, ends


def _spans(text: str, regex: re.Pattern[str] | None) -> list[tuple[int, int]]:
    """(start, end) in `text` of every word the regex finds in its folding."""
    if regex is None or not text:
        return []
    folded, starts, ends = fold_with_offsets(text)
    return [(starts[m.start()], ends[m.end() - 1]) for m in regex.finditer(folded) if m.end() > m.start()]


def _marked(text: str, spans: Iterable[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    end = len(text) if end is None else end
    out = []
    position = start
    for a, b in spans:
        if b <= position or a >= end:
            continue
        a, b = max(a, position), min(b, end)
        out.append(escape(text[position:a]))
        out.append("<mark>" + escape(text[a:b]) + "</mark>")
        position = b
    out.append(escape(text[position:end]))
    return "".join(out)


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split())


def highlight(text: str, terms: re.Pattern[str] | Sequence[Term] | None) -> SafeString:
    """`text`, escaped, with the words that match a term wrapped in <mark>."""
    regex = terms if isinstance(terms, re.Pattern) or terms is None else terms_regex(list(terms))
    text = _clean(text)
    return mark_safe(_marked(text, _spans(text, regex)))


def _first_match(text: str, regex: re.Pattern[str] | None, chunk: int = 2000, overlap: int = 60) -> int | None:
    """Where in `text` the first word matching the regex starts; looked for a chunk at a time."""
    if regex is None:
        return None
    for chunk_start in range(0, len(text), chunk):
        # Each chunk starts a little before its place, so that a word cut at the
        # previous chunk's end is whole here; a match at the very start of the
        # slice may be the tail of a longer word, unless a word starts there.
        begin = max(0, chunk_start - overlap)
        folded, starts, _ends = fold_with_offsets(text[begin : chunk_start + chunk])
        for match in regex.finditer(folded):
            at = begin + starts[match.start()]
            if at > begin or begin == 0 or not text[begin - 1].isalnum():
                return at
    return None


def snippet(text: str, terms: re.Pattern[str] | Sequence[Term] | None, length: int = SNIPPET_LENGTH) -> SafeString:
    """About `length` characters of `text` around its first match, escaped, matches in <mark>.

    Without a match: the beginning of the text.
    """
    regex = terms if isinstance(terms, re.Pattern) or terms is None else terms_regex(list(terms))
    text = _clean(text[:SNIPPET_SOURCE_LIMIT] if text else "")
    if not text:
        return mark_safe("")
    first = _first_match(text, regex)
    start = 0
    if first is not None and first > SNIPPET_BEFORE:
        start = first - SNIPPET_BEFORE
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    segment = text[start : start + length + 100]
    spans = _spans(segment, regex)
    end = min(len(segment), length)
    if start + end < len(text):
        space = segment.rfind(" ", max(1, (first or 0) - start + 1), end)
        end = space if space > 0 else end
        cut = [b for a, b in spans if a < end < b]  # never cut a marked word
        if cut:
            end = cut[0]
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + end < len(text) else ""
    return mark_safe(prefix + _marked(segment, spans, 0, end) + suffix)


def search(raw_query: str, source_keys: list[str] | None = None, limit: int = 200) -> dict[str, list]:
    """Objects per source, best first (the older API; the search page uses `run` and `present`)."""
    outcome = run(raw_query)
    hits_by_source: dict[str, list[Hit]] = {}
    for hit in outcome.hits:
        if source_keys and hit.source.key not in source_keys:
            continue
        bucket = hits_by_source.setdefault(hit.source.key, [])
        if len(bucket) < limit:
            bucket.append(hit)
    return {key: [r.object for r in present(hits, outcome.terms)] for key, hits in hits_by_source.items()}


# --------------------------------------------------------------------------
# The search page's facet links
# --------------------------------------------------------------------------

# Query-string parameters of /pretraga/.
PARAM_QUERY, PARAM_KIND, PARAM_ORGANISATION, PARAM_YEAR, PARAM_PAGE = "q", "vrsta", "organ", "godina", "page"
# Organisations listed before "more" in the organisation facet, and at most.
FACET_VISIBLE = 10
FACET_MAX = 30
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")


def filters_from(params) -> dict[str, list]:
    """The facet filters of a QueryDict, odd values dropped."""
    kinds = [v for v in params.getlist(PARAM_KIND)[:MAX_FILTERS] if _SLUG.match(v)]
    organisations = [v for v in params.getlist(PARAM_ORGANISATION)[:MAX_FILTERS] if _SLUG.match(v)]
    years = [int(v) for v in params.getlist(PARAM_YEAR)[:MAX_FILTERS] if v.isdecimal() and len(v) == 4]
    return {"kinds": kinds, "organisations": organisations, "years": years}


def _current(params) -> dict[str, list[str]]:
    """The search's own parameters in a QueryDict: the query and the filters (not the page)."""
    current = {PARAM_QUERY: [v[:MAX_QUERY_LENGTH] for v in params.getlist(PARAM_QUERY)[:1]]}
    for name in (PARAM_KIND, PARAM_ORGANISATION, PARAM_YEAR):
        current[name] = [v for v in params.getlist(name)[:MAX_FILTERS] if v]
    return current


def _query_string(current: dict[str, list[str]], toggle: tuple[str, str] | None = None) -> str:
    from urllib.parse import urlencode

    pairs = []
    for name, values in current.items():
        if toggle and toggle[0] == name:
            values = [v for v in values if v != toggle[1]] if toggle[1] in values else [*values, toggle[1]]
        pairs += [(name, v) for v in values]
    return "?" + urlencode(pairs)


def clear_filters_url(params) -> str:
    return _query_string({PARAM_QUERY: _current(params)[PARAM_QUERY]})


def facet_groups(outcome: SearchOutcome, params) -> list[dict]:
    """The facets for the template: a title, and values with their count, state and toggling link."""
    from django.utils.translation import gettext as _

    titles = {
        "kind": (PARAM_KIND, _("Kind")),
        "organisation": (PARAM_ORGANISATION, _("Body or institution")),
        "year": (PARAM_YEAR, _("Year")),
    }
    current = _current(params)
    groups = []
    for name, (param, title) in titles.items():
        facet = outcome.facets.get(name, [])
        if name == "organisation":  # the chosen ones and the commonest first, the rest behind "more"
            facet = [f for f in facet if f.selected] + [f for f in facet if not f.selected]
            facet = facet[: max(FACET_MAX, sum(f.selected for f in facet))]
        values = [
            {
                "value": f.value,
                "label": f.label,
                "count": f.count,
                "selected": f.selected,
                "url": _query_string(current, (param, f.value)),
            }
            for f in facet
        ]
        if not values:
            continue
        more = []
        if name == "organisation":
            values, more = values[:FACET_VISIBLE], values[FACET_VISIBLE:]
        groups.append({"name": name, "param": param, "title": title, "values": values, "more": more})
    return groups
