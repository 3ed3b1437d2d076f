"""Counts of the IT back office's big listings (equipment, tickets), kept while their rows are unchanged.

Wagtail's listing paginator counts the filtered rows on every request, and over 200,000 tickets or
100,000 assets that COUNT(*) is the dearest query of the page although its answer changes only when
a row is added, changed or removed. `CountingPaginator` takes the count from the cache instead:

- the key is the SQL of the count with its parameters, so every filter, search and organisation
  scope (the scoped viewsets put the visible organisations' ids in the query) has its own count;
- under a version per model that every save or delete of a row bumps (`track`), at once and again
  when the transaction commits, so a count another request takes in between is not kept;
- code that writes behind the signals' back (`bulk_create`, `update()`) calls `bump(model)`, and a
  count lives `TIMEOUT` seconds at most in any case.

The counts stay exact for whoever acts on them: a ticket filed, an asset imported or a status changed
shows in the next listing's count. The service desk shares this module (tickets reference assets).
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import transaction
from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils.functional import cached_property
from wagtail.admin.paginator import WagtailPaginator

KEY_PREFIX = "infocentar:listing-count"
TIMEOUT = 300


def _version_key(model: type[Model]) -> str:
    return f"{KEY_PREFIX}:version:{model._meta.label_lower}"


def version(model: type[Model]) -> int:
    key = _version_key(model)
    value = cache.get(key)
    if value is None:
        # Start from the clock, so a version lost from the cache never meets the keys of an older one.
        value = int(time.time() * 1000)
        if not cache.add(key, value, None):
            value = cache.get(key, value)
    return int(value)


def _bump_now(model: type[Model]) -> None:
    try:
        cache.incr(_version_key(model))
    except ValueError:
        cache.set(_version_key(model), int(time.time() * 1000), None)


def bump(model: type[Model]) -> None:
    """Every kept count of `model` is stale from now on (and again once the transaction commits)."""
    _bump_now(model)
    transaction.on_commit(lambda: _bump_now(model))


def _changed(sender, **kwargs) -> None:
    bump(sender)


def track(model: type[Model]) -> None:
    """Forget the model's kept counts whenever one of its rows is saved or deleted."""
    label = model._meta.label_lower
    post_save.connect(_changed, sender=model, dispatch_uid=f"listing-count-save-{label}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"listing-count-delete-{label}")


def cached_count(queryset: QuerySet) -> int:
    """`queryset.count()`, from the cache while no row of its model has changed."""
    try:
        sql, params = queryset.order_by().values_list("pk").query.sql_with_params()
    except EmptyResultSet:  # .none(), or a filter that can match nothing
        return 0
    digest = hashlib.sha256(repr((queryset.db, sql, params)).encode()).hexdigest()[:32]
    key = f"{KEY_PREFIX}:{queryset.model._meta.label_lower}:{version(queryset.model)}:{digest}"
    value = cache.get(key)
    if value is None:
        value = queryset.count()
        cache.set(key, value, TIMEOUT)
    return value


class CountingPaginator(WagtailPaginator):
    """Wagtail's listing paginator with the count from `cached_count`."""

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return cached_count(self.object_list)
        return super().count
