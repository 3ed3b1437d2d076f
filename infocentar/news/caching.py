"""Cached counts and filter choices of the news listings, forgotten whenever news changes.

Counting 50,000 live news items costs a join over both page tables on every
request to the news index and the API, though the answer changes only when
news is published, unpublished, moved, deleted or restricted. Counts and the
index's filter choices are kept in the cache under a version number that
every such change bumps (signals, `connect_signals`), and for at most
`TIMEOUT` seconds in any case, for changes made behind the signals' back
(bulk loads).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet

VERSION_KEY = "infocentar:news:version"
KEY_PREFIX = "infocentar:news"
TIMEOUT = 600

T = TypeVar("T")


def version() -> int:
    value = cache.get(VERSION_KEY)
    if value is None:
        # Start from the clock, so a version lost from the cache never meets the keys of an older one.
        value = int(time.time() * 1000)
        if not cache.add(VERSION_KEY, value, None):
            value = cache.get(VERSION_KEY, value)
    return int(value)


def bump(*args: Any, **kwargs: Any) -> None:
    """Every cached count and choice is stale from now on."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, int(time.time() * 1000), None)


def cached(name: str, parts: str, compute: Callable[[], T]) -> T:
    digest = hashlib.sha256(parts.encode()).hexdigest()[:32]
    key = f"{KEY_PREFIX}:{name}:{version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def cached_count(queryset: QuerySet) -> int:
    """`queryset.count()`, from the cache while no news has changed."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # .none(), or a filter that can match nothing
        return 0
    return cached("count", repr((queryset.db, sql, params)), queryset.count)


def _page_changed(sender, instance=None, **kwargs) -> None:
    from .models import NewsIndexPage, NewsPage

    page = kwargs.get("page") or instance
    if isinstance(page, (NewsPage, NewsIndexPage)) or sender in (NewsPage, NewsIndexPage):
        bump()


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from infocentar.core.models import Organisation

    from .models import NewsIndexPage, NewsPage, NewsPageTag

    for model in (NewsPage, NewsIndexPage, NewsPageTag, PageViewRestriction, Organisation):
        post_save.connect(bump, sender=model, dispatch_uid=f"news-cache-save-{model._meta.label_lower}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"news-cache-delete-{model._meta.label_lower}")
    for signal, name in ((page_published, "published"), (page_unpublished, "unpublished")):
        signal.connect(_page_changed, dispatch_uid=f"news-cache-{name}")
    # A move changes the paths of a page and all below it without saving them.
    post_page_move.connect(bump, dispatch_uid="news-cache-moved")
