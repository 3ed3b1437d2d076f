"""SQL queries per request, counted in the harness's own process.

Django's test Client sends the scenario's requests through the full
middleware stack with the production settings, against the bench database
and the same file cache as the servers, and CaptureQueriesContext counts
the queries. A first request warms the per-process caches (site root paths,
settings), as a long-running gunicorn worker has them warm; the count is the
mean over up to five of the scenario's paths after that.

A signed-in scenario is counted with the very cookies the load generator
sends (the session the harness made, bench.sessions), and a POST with the
same form, CSRF token and Origin header: the Client checks CSRF as the
server does (`enforce_csrf_checks`), and the cookies are set afresh before
each request, as the load generator never keeps what a response sets.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from http.cookies import SimpleCookie

from bench.load import encode_form, expand, origin

SAMPLES = 5
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


def count_queries(
    paths: Sequence[str],
    host: str = "127.0.0.1",
    method: str = "GET",
    forms: Sequence[Sequence[Sequence[str]]] | None = None,
    cookies: dict[str, str] | None = None,
    token_prefix: str = "",
) -> dict:
    """Queries per request (mean, min, max), the statuses seen and the first server error, if any."""
    from django.core.signals import got_request_exception
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    failures: list[str] = []

    def remember(sender, request=None, **kwargs) -> None:
        import sys

        exc = sys.exc_info()[1]
        if exc is not None:
            failures.append(f"{request.path if request else '?'}: {type(exc).__name__}: {exc}")

    # A failure is reported once, in the results, not as a traceback per request.
    logging.disable(logging.CRITICAL)
    got_request_exception.connect(remember, weak=False)
    try:
        client = Client(HTTP_HOST=host, raise_request_exception=False, enforce_csrf_checks=True)

        def send(index: int, token: str):
            client.cookies = SimpleCookie(cookies or {})
            path = expand(paths[index], token_prefix + token)
            if method == "POST":
                body = encode_form(forms[index] if forms else None, token_prefix + token)
                return client.post(path, body, content_type=FORM_CONTENT_TYPE, HTTP_ORIGIN=origin(host))
            return client.get(path)

        send(0, "warm")
        counts, statuses = [], []
        for index in range(min(SAMPLES, len(paths))):
            with CaptureQueriesContext(connection) as captured:
                response = send(index, f"count-{index}")
            counts.append(len(captured.captured_queries))
            statuses.append(response.status_code)
    finally:
        got_request_exception.disconnect(remember)
        logging.disable(logging.NOTSET)
    return {
        "queries_per_request": sum(counts) / len(counts),
        "min": min(counts),
        "max": max(counts),
        "samples": len(counts),
        "statuses": statuses,
        "first_error": failures[0] if failures else None,
    }
