"""Site-wide views: health, error pages, site search."""

from __future__ import annotations

import logging
import sys
import time

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)


# --- health -------------------------------------------------------------------
@never_cache
def health_live(request: HttpRequest) -> JsonResponse:
    """The process is up and answering."""
    return JsonResponse({"status": "ok"})


def _check_database() -> dict:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 2)}


def _check_cache() -> dict:
    started = time.perf_counter()
    key = "infocentar:health"
    try:
        cache.set(key, "1", 10)
        ok = cache.get(key) == "1"
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": ok, "ms": round((time.perf_counter() - started) * 1000, 2)}


def _check_tasks() -> dict:
    started = time.perf_counter()
    try:
        from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        errors = [m for m in backend.check() if m.is_serious()]
        if type(backend).__name__ == "DatabaseBackend":
            from django_tasks_db.models import DBTaskResult

            DBTaskResult.objects.exists()
        elif type(backend).__name__ == "RQBackend":
            import django_rq

            django_rq.get_connection("default").ping()
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}
    result = {"ok": not errors, "backend": type(backend).__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 2)
    return result


@never_cache
def health_ready(request: HttpRequest) -> JsonResponse:
    """Ready to serve: the database, the cache and the task backend answer."""
    checks = {"database": _check_database(), "cache": _check_cache(), "tasks": _check_tasks()}
    ok = all(check["ok"] for check in checks.values())
    return JsonResponse({"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503)


# --- error pages ----------------------------------------------------------------
def _is_database_down(exc: BaseException | None) -> bool:
    if isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, (OperationalError, DatabaseError)):
        return False
    text = str(exc).lower()
    return any(
        marker in text
        for marker in (
            "could not connect",
            "connection refused",
            "server closed the connection",
            "connection is closed",
            "connection already closed",
            "unable to open database",
            "terminating connection",
            "connection failed",
            "the database system is",
            "no such host",
        )
    )


def minimal_error(title: str, status: int) -> HttpResponse:
    """An error page that needs neither the database nor a request context."""
    html = render_to_string("errors/minimal.html", {"title": title, "status": status, "LANGUAGE_CODE": get_language()})
    return HttpResponse(html, status=status)


def _render_error(request: HttpRequest, template: str, status: int, title: str) -> HttpResponse:
    try:
        return render(request, template, {"title": title, "status": status}, status=status)
    except Exception:
        # The layout reads site settings from the database, which may be what failed.
        logger.exception("Could not render the %s page in the site's layout", status)
        return minimal_error(title, status)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render_error(request, "404.html", 404, _("Page not found"))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render_error(request, "403.html", 403, _("Access denied"))


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render_error(request, "400.html", 400, _("Bad request"))


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    exc = sys.exc_info()[1]
    if _is_database_down(exc):
        response = minimal_error(_("The service is temporarily unavailable"), 503)
        response["Retry-After"] = "60"
        return response
    return _render_error(request, "500.html", 500, _("Something went wrong"))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _render_error(request, "403_csrf.html", 403, _("The form has expired"))
