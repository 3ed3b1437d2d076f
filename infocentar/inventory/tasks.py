"""Background tasks of the inventory."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import(run_id: int) -> None:
    """A large import queued from the admin (see importing.queue)."""
    from .importing import run_queued

    run_queued(run_id)
