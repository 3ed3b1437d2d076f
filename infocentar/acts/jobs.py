"""Periodic work of the acts registry (core.periodic)."""

from __future__ import annotations

from django.utils import timezone

from .models import Act, ActStatus


def enter_into_force() -> str | None:
    """Published acts whose date of entry into force has come are in force (idempotent)."""
    from . import services

    today = timezone.localdate()
    due = Act.objects.filter(status=ActStatus.PUBLISHED, entry_into_force__isnull=False, entry_into_force__lte=today)
    count = 0
    for act in due.iterator(chunk_size=200):
        services.set_status(act, ActStatus.IN_FORCE, on=act.entry_into_force)
        count += 1
    return f"{count} act(s) entered into force" if count else None
