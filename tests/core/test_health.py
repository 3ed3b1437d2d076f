"""/health/live and /health/ready."""

from __future__ import annotations

from unittest import mock

import pytest

pytestmark = pytest.mark.django_db


def test_live_answers_ok(client):
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_checks_database_cache_and_tasks(client):
    response = client.get("/health/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "tasks"}
    assert all(check["ok"] for check in body["checks"].values())


def test_ready_reports_unavailable_when_cache_fails(client):
    with mock.patch("infocentar.core.views.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"] == {"ok": False, "error": "ConnectionError"}
    assert body["checks"]["database"]["ok"] is True


def test_ready_reports_unavailable_when_database_fails(client):
    from django.db import OperationalError

    with mock.patch("infocentar.core.views.connection.cursor", side_effect=OperationalError("could not connect")):
        response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["ok"] is False
