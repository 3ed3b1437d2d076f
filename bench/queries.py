"""SQL queries per request, counted in the harness's own process.

Django's test Client sends the scenario's requests through the full
middleware stack with the production settings, against the bench database
and the same file cache as the servers, and CaptureQueriesContext counts
the queries. A first request warms the per-process caches (site root paths,
settings), as a long-running gunicorn worker has them warm; the count is the
mean over up to five of the scenario's paths after that.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bench.load import expand

SAMPLES = 5


def count_queries(paths: Sequence[str], host: str = "127.0.0.1") -> dict:
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
        client = Client(HTTP_HOST=host, raise_request_exception=False)
        client.get(expand(paths[0], "warm"))
        counts, statuses = [], []
        for index, path in enumerate(paths[:SAMPLES]):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(expand(path, f"count-{index}"))
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
