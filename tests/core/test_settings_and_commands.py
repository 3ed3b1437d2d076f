"""Settings from the environment, production refusals, and management commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from infocentar.settings.env import envbool, envint, envlist, envstr, require

ROOT = Path(__file__).resolve().parents[2]


def test_typed_helpers_parse_and_default():
    env = {"A": "yes", "B": "0", "N": "42", "L": "a.me, b.me,,", "S": "x"}
    assert envbool("A", False, env) is True
    assert envbool("B", True, env) is False
    assert envbool("MISSING", True, env) is True
    assert envint("N", 1, env) == 42
    assert envint("MISSING", 7, env) == 7
    assert envlist("L", None, env) == ["a.me", "b.me"]
    assert envstr("S", "", env) == "x"


@pytest.mark.parametrize(("helper", "value"), [(envbool, "perhaps"), (envint, "forty")])
def test_bad_values_name_the_variable(helper, value):
    with pytest.raises(ImproperlyConfigured, match="WEIRD"):
        helper("WEIRD", 0, {"WEIRD": value})


def test_secrets_can_come_from_files(tmp_path):
    secret = tmp_path / "key"
    secret.write_text("s3cret\n")
    assert envstr("SECRET_KEY", "", {"SECRET_KEY_FILE": str(secret)}) == "s3cret"
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY_FILE"):
        envstr("SECRET_KEY", "", {"SECRET_KEY_FILE": str(tmp_path / "missing")})


def test_require_names_the_missing_variable():
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        require("ALLOWED_HOSTS", {})


def _run_check(env_overrides: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}}
    env.update({"DJANGO_SETTINGS_MODULE": "infocentar.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SECRET_KEY"),
        ({"SECRET_KEY": "k" * 60}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "a.me"}, "at least 50"),
        ({"SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "a.me", "DATABASE_URL": "nonsense://"}, "DATABASE_URL"),
        ({"SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "a.me", "TASK_BACKEND": "carrier-pigeon"}, "TASK_BACKEND"),
        ({"SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "a.me", "LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "a.me", "DEBUG": "maybe"}, "DEBUG"),
    ],
)
def test_production_refuses_to_start_and_names_the_setting(env, missing):
    result = _run_check(env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_starts_with_what_it_needs():
    result = _run_check({"SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "a.me"})
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_import_command_checks_then_commits(tmp_path):
    from wagtail.models import ModelLogEntry

    from infocentar.core.models import Organisation

    path = tmp_path / "orgs.csv"
    path.write_text("name,kind\nMjesna zajednica Centar,mjesna zajednica\n", encoding="utf-8")
    call_command("import_organisations", str(path))
    assert not Organisation.objects.filter(name="Mjesna zajednica Centar").exists()
    call_command("import_organisations", str(path), "--commit")
    org = Organisation.objects.get(name="Mjesna zajednica Centar")
    assert org.kind == "local_community"
    entry = ModelLogEntry.objects.get(object_id=str(org.pk), action="wagtail.create")
    assert entry.data["source"] == "csv-import"


@pytest.mark.django_db
def test_import_command_refuses_bad_file(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name\nX\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_organisations", str(path), "--commit")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_organisations", str(tmp_path / "missing.csv"))
