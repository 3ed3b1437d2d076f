"""Periodic jobs: work that must happen by itself at the right time.

Apps register jobs in their AppConfig.ready():

    register_periodic("consultations.open_close", "infocentar.consultations.jobs.open_and_close",
                      every=timedelta(minutes=1))

`manage.py run_periodic` runs the jobs that are due; a deployment runs it every
minute (a systemd timer or cron entry, docs/deploy.md) and `make demo` runs it
in a loop (`--loop`). A job is a function without arguments that is idempotent
(running it twice, or late, does no harm) and returns an optional one-line
summary. Each job's last run is kept in `core.PeriodicRun`; a job is claimed
with a compare-and-set update, so two runners started at once never run the
same job twice.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    func: str | Callable[[], str | None]
    every: timedelta

    def resolve(self) -> Callable[[], str | None]:
        return import_string(self.func) if isinstance(self.func, str) else self.func


_JOBS: dict[str, PeriodicJob] = {}


def register_periodic(name: str, func: str | Callable[[], str | None], every: timedelta) -> PeriodicJob:
    """Register (or replace) the job `name`, run at most once per `every`."""
    if every <= timedelta(0):
        raise ValueError("A periodic job needs a positive interval.")
    job = PeriodicJob(name=name, func=func, every=every)
    _JOBS[name] = job
    return job


def jobs() -> list[PeriodicJob]:
    return [_JOBS[name] for name in sorted(_JOBS)]


@dataclass
class Outcome:
    name: str
    ran: bool
    ok: bool = True
    summary: str = ""


def _claim(job: PeriodicJob, now, force: bool) -> bool:
    """Mark the job as started if it is due; False if it is not due or another runner claimed it."""
    from .models import PeriodicRun

    run, _created = PeriodicRun.objects.get_or_create(name=job.name)
    if not force and run.last_started_at is not None and now - run.last_started_at < job.every:
        return False
    # Compare-and-set (filter(last_started_at=None) is IS NULL): only one runner wins.
    return bool(PeriodicRun.objects.filter(pk=run.pk, last_started_at=run.last_started_at).update(last_started_at=now))


def run_job(job: PeriodicJob, *, now=None, force: bool = False) -> Outcome:
    from .models import PeriodicRun

    now = now or timezone.now()
    if not _claim(job, now, force):
        return Outcome(job.name, ran=False)
    ok, summary = True, ""
    try:
        with transaction.atomic():
            summary = job.resolve()() or ""
    except Exception as exc:  # a failing job must not stop the others
        ok = False
        summary = f"{type(exc).__name__}: {exc}"
        logger.error("Periodic job %s failed\n%s", job.name, traceback.format_exc())
    PeriodicRun.objects.filter(name=job.name).update(
        last_finished_at=timezone.now(), last_ok=ok, last_summary=str(summary)[:500], runs=F("runs") + 1
    )
    return Outcome(job.name, ran=True, ok=ok, summary=str(summary))


def run_due(*, only: list[str] | None = None, force: bool = False) -> list[Outcome]:
    selected = [job for job in jobs() if not only or job.name in only]
    return [run_job(job, force=force) for job in selected]
