"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Chromium must be installed (`.ci/run` installs it); a missing browser fails
these tests rather than skipping them.
"""

from __future__ import annotations

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in
# the test body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: install Debian's 'chromium' package.")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "cnr-ME", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def axe():
    """axe(page) runs axe-core on the page and fails on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    runner = Axe()

    def check(page, context=None):
        results = runner.run(page, context=context)
        violations = results.response.get("violations", [])
        if violations:
            lines = [f"axe found {len(violations)} violation(s) on {page.url}:"]
            for v in violations:
                targets = ", ".join(str(n.get("target")) for n in v.get("nodes", [])[:5])
                lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} — {targets}")
            pytest.fail("\n".join(lines))
        return results

    return check


@pytest.fixture
def live_site(live_server, home_page, settings):
    """The live server with a home page; SITE_URL points at it."""
    from wagtail.models import Site

    host, port = live_server.url.split("//", 1)[1].split(":")
    Site.objects.filter(is_default_site=True).update(hostname=host, port=int(port))
    settings.SITE_URL = live_server.url
    return live_server


class _InFlight:
    """How many requests the live server is answering (Django's request_started / request_finished)."""

    def __init__(self) -> None:
        import threading

        self.count = 0
        self.lock = threading.Lock()

    def started(self, **kwargs) -> None:
        with self.lock:
            self.count += 1

    def finished(self, **kwargs) -> None:
        with self.lock:
            self.count = max(0, self.count - 1)


@pytest.fixture(autouse=True)
def _quiet_server_before_flush(transactional_db):
    """The test's database is flushed only once the live server has answered every request.

    The browser closes with the test, but what it sent last may still be on
    the server: the page editor's "release the editing session" beacon, a
    late image. A flush that meets such a request's transaction fails on
    SQLite ("database table is locked") and takes the next test down with it.
    (Set up after the database, so this runs before its flush.)
    """
    import time

    from django.core.signals import request_finished, request_started

    in_flight = _InFlight()
    request_started.connect(in_flight.started)
    request_finished.connect(in_flight.finished)
    yield
    time.sleep(0.2)  # a beacon sent as the page closed reaches the server
    deadline = time.monotonic() + 15
    while in_flight.count and time.monotonic() < deadline:
        time.sleep(0.05)
    request_started.disconnect(in_flight.started)
    request_finished.disconnect(in_flight.finished)


@pytest.fixture(autouse=True)
def _wagtail_tree(transactional_db):
    """The rows Wagtail's migrations make: the default locale, the root page and collection.

    Each transactional test ends with a flush, which removes them, and the next
    test's home_page needs them. serialized_rollback cannot put them back here:
    once Playwright's event loop runs, the test gets another connection object
    than the one Django stored the snapshot on.
    """
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    # The flush also gave the content types new ids: forget the cached ones.
    ContentType.objects.clear_cache()
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    if not Locale.objects.exists():
        Locale.objects.create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
