"""Values computed once per content generation, kept in each worker's memory.

What the site's chrome and listings show — settings, menus, the newest news of
the home page, a listing's filter choices and counts — changes only when
content changes, and every content change bumps the page cache's generation
(core.pagecache). `memo(key, compute)` keeps compute()'s value in this
process until the generation moves on (or `PAGE_CACHE_SECONDS` pass, for
changes made behind the signals' back such as bulk `update()`s), so a page the
page cache misses still skips the queries whose answer cannot have changed.

The store is per process (no pickling, no network); the generation it is
checked against is shared through the cache, so a change reaches every worker
at once. The generation is read once per request (PageCacheMiddleware resets
it) and at once after `pagecache.invalidate()` in this process. With
`PAGE_CACHE_SECONDS = 0` (the tests' default) nothing is kept.

Values must not depend on the request beyond what the key says, and callers
must not mutate them (copy first).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.conf import settings

T = TypeVar("T")

MAX_ENTRIES = 4096

_store: OrderedDict[Hashable, tuple[int, float, object]] = OrderedDict()
_lock = threading.Lock()
_local = threading.local()


def reset_generation() -> None:
    """Read the generation afresh at the next memo() (each request's start and end; after invalidate())."""
    _local.generation = None


def current_generation() -> int:
    value = getattr(_local, "generation", None)
    if value is None:
        from .pagecache import generation

        value = _local.generation = generation()
    return value


def enabled() -> bool:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 300)) > 0


def memo(key: Hashable, compute: Callable[[], T]) -> T:
    """compute()'s value for `key` in the current content generation."""
    if not enabled():
        return compute()
    try:
        gen = current_generation()
    except Exception:  # a broken cache: compute every time rather than fail
        return compute()
    now = time.monotonic()
    ttl = int(getattr(settings, "PAGE_CACHE_SECONDS", 300))
    with _lock:
        entry = _store.get(key)
        if entry is not None and entry[0] == gen and now - entry[1] < ttl:
            _store.move_to_end(key)
            return entry[2]  # type: ignore[return-value]
    value = compute()
    with _lock:
        _store[key] = (gen, now, value)
        _store.move_to_end(key)
        while len(_store) > MAX_ENTRIES:
            _store.popitem(last=False)
    return value


def forget(key: Hashable) -> None:
    with _lock:
        _store.pop(key, None)


def clear() -> None:
    with _lock:
        _store.clear()
    reset_generation()


def count(queryset) -> int:
    """`queryset.count()`, once per content generation for the same SQL."""
    from django.core.exceptions import EmptyResultSet

    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # .none(), or a filter that can match nothing
        return 0
    try:
        key = ("core.count", queryset.db, sql, tuple(params))
        hash(key)
    except TypeError:
        return queryset.count()
    return memo(key, queryset.count)


class MemoPaginator:
    """Mixed into a Paginator: the count of a QuerySet comes from `count()` above."""

    @property
    def count(self) -> int:
        if "_memo_count" not in self.__dict__:
            from django.db.models import QuerySet

            object_list = self.object_list
            self.__dict__["_memo_count"] = (
                count(object_list) if isinstance(object_list, QuerySet) else super().count  # type: ignore[misc]
            )
        return self.__dict__["_memo_count"]
