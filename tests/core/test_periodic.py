"""Periodic jobs (core.periodic, manage.py run_periodic)."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from infocentar.core import periodic
from infocentar.core.models import PeriodicRun

CALLS: list[str] = []


def _tick():
    CALLS.append("tick")
    return "ticked"


def _broken():
    raise RuntimeError("disk full")


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(periodic, "_JOBS", {})
    CALLS.clear()
    periodic.register_periodic("test.tick", _tick, every=timedelta(minutes=5))
    return periodic


@pytest.mark.django_db
def test_a_due_job_runs_once_per_interval(registry):
    first = registry.run_due()
    assert [(o.name, o.ran, o.ok, o.summary) for o in first] == [("test.tick", True, True, "ticked")]
    assert registry.run_due()[0].ran is False
    assert CALLS == ["tick"]
    run = PeriodicRun.objects.get(name="test.tick")
    assert run.runs == 1 and run.last_ok and run.last_summary == "ticked"

    PeriodicRun.objects.filter(name="test.tick").update(last_started_at=timezone.now() - timedelta(minutes=6))
    assert registry.run_due()[0].ran is True
    assert CALLS == ["tick", "tick"]


@pytest.mark.django_db
def test_force_runs_even_when_not_due(registry):
    registry.run_due()
    call_command("run_periodic", force=True)
    assert CALLS == ["tick", "tick"]


@pytest.mark.django_db
def test_a_stale_claim_loses(registry):
    """Two runners read the same state; the second compare-and-set finds it changed and does not run."""
    job = registry.jobs()[0]
    now = timezone.now()
    assert periodic._claim(job, now, force=False) is True
    run = PeriodicRun.objects.get(name="test.tick")
    assert PeriodicRun.objects.filter(pk=run.pk, last_started_at=None).update(last_started_at=now) == 0


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_does_not_stop_the_others(registry, capsys):
    registry.register_periodic("test.broken", _broken, every=timedelta(minutes=1))
    with pytest.raises(CommandError, match="1 periodic job"):
        call_command("run_periodic")
    assert CALLS == ["tick"]
    broken = PeriodicRun.objects.get(name="test.broken")
    assert broken.last_ok is False and "disk full" in broken.last_summary
    assert "disk full" in capsys.readouterr().err


@pytest.mark.django_db
def test_unknown_job_names_are_refused(registry):
    with pytest.raises(CommandError, match="Unknown periodic jobs: nope"):
        call_command("run_periodic", "nope")
    assert CALLS == []


def test_interval_must_be_positive():
    with pytest.raises(ValueError):
        periodic.register_periodic("x", _tick, every=timedelta(0))
