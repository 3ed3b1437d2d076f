"""The audit log: who changed what, when, with the values before and after.

Wagtail writes its own log entries for pages and for models edited through
its viewsets; our services call `record` for their own writes, which stores
an entry in the same log (`wagtail.models.ModelLogEntry`), so the admin's
"Audit log" report shows both. Each entry's data carries the organisation id
(for filtering) and a {field: [before, after]} map of changes.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.db import models
from wagtail.log_actions import log

REDACTED = "••••"
_SECRET_FIELDS = {"password", "secret", "token", "key_hash", "api_key", "licence_key"}


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The instance's concrete field values, as JSON-safe data."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.primary_key or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            # Timestamps are in the log entry itself; in the diff they are noise.
            continue
        name = field.attname
        value = getattr(instance, name, None)
        if any(secret in field.name for secret in _SECRET_FIELDS):
            value = REDACTED if value else value
        elif isinstance(field, models.FileField):
            value = value.name if value else ""
        data[field.name] = _plain(value)
    return data


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, list[Any]]:
    before = before or {}
    after = after or {}
    changes: dict[str, list[Any]] = {}
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key):
            changes[key] = [before.get(key), after.get(key)]
    return changes


def organisation_id_of(instance: models.Model) -> int | None:
    from .models import Organisation

    if isinstance(instance, Organisation):
        return instance.pk
    org_id = getattr(instance, "organisation_id", None)
    return org_id


def record(
    instance: models.Model,
    action: str,
    user=None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
    title: str | None = None,
):
    """Write one audit entry. `action` is a registered log action (core.edit …)."""
    data: dict[str, Any] = {"organisation_id": organisation_id_of(instance)}
    if before is not None or after is not None:
        data["changes"] = diff(before, after)
    if extra:
        data.update(_plain(extra))
    return log(instance=instance, action=action, user=user, data=data, title=title)
