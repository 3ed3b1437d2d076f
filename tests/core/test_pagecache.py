"""The anonymous page cache: what is cached, who bypasses it, and invalidation."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from infocentar.core import pagecache
from infocentar.portal.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_second_anonymous_request_is_served_from_cache_without_queries(client, home_page):
    first = client.get("/")
    assert first[pagecache.HEADER] == "miss"
    with CaptureQueriesContext(connection) as ctx:
        second = client.get("/")
    assert second[pagecache.HEADER] == "hit"
    assert second.content == first.content
    assert len(ctx.captured_queries) == 0


def test_each_variant_is_cached_separately(client, home_page):
    client.get("/")
    cyrillic = client.get("/cir/")
    assert cyrillic[pagecache.HEADER] == "miss"
    assert "Општина Примјер" in cyrillic.content.decode()
    assert "Општина Примјер" in client.get("/cir/").content.decode()
    assert "Opština Primjer" in client.get("/").content.decode()


def test_publishing_invalidates_at_once(client, home_page):
    page = home_page.add_child(instance=StandardPage(title="Stara vijest", slug="stara", live=True))
    assert "Stara vijest" in client.get("/stara/").content.decode()
    page.title = "Nova vijest"
    page.save_revision().publish()
    response = client.get("/stara/")
    assert response[pagecache.HEADER] == "miss"
    assert "Nova vijest" in response.content.decode()


def test_unpublishing_invalidates(client, home_page):
    page = home_page.add_child(instance=StandardPage(title="Privremena", slug="privremena", live=True))
    assert client.get("/privremena/").status_code == 200
    page.unpublish()
    assert client.get("/privremena/").status_code == 404


def test_editing_an_organisation_invalidates_the_directory(client, home_page, org_a):
    assert org_a.name in client.get("/organi/").content.decode()
    org_a.name = "Vodovod Primorje d.o.o."
    org_a.save()
    assert "Vodovod Primorje d.o.o." in client.get("/organi/").content.decode()


def test_signed_in_users_bypass_the_cache(client, home_page, citizen):
    client.get("/")
    client.force_login(citizen)
    response = client.get("/")
    assert pagecache.HEADER not in response


def test_pages_that_set_cookies_are_not_cached(client, home_page):
    first = client.get("/nalog/login/")
    assert pagecache.HEADER not in first
    client.cookies.clear()
    assert client.get("/nalog/signup/").status_code == 200
    assert not any(pagecache.KEY_PREFIX in key for key in _cache_keys())
    client.get("/")
    assert any(pagecache.KEY_PREFIX in key for key in _cache_keys())


def test_errors_and_json_are_not_cached(client, home_page):
    assert client.get("/nema/").status_code == 404
    assert client.get("/nema/").get(pagecache.HEADER) is None
    client.get("/api/v1/organisations")
    assert client.get("/api/v1/organisations").get(pagecache.HEADER) is None


def test_max_age_functions_can_forbid_caching(client, home_page, monkeypatch):
    monkeypatch.setattr(pagecache, "_max_age_functions", [lambda: 0])
    client.get("/")
    assert client.get("/")[pagecache.HEADER] == "miss"


def test_turned_off_with_zero(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert pagecache.HEADER not in client.get("/")


def test_saving_sessions_or_logs_does_not_invalidate(home_page, citizen):
    from django.contrib.sessions.backends.db import SessionStore

    before = pagecache.generation()
    SessionStore().create()
    citizen.last_login = None
    citizen.save()
    assert pagecache.generation() == before


def _cache_keys():
    from django.core.cache import cache

    return list(getattr(cache, "_cache", {}).keys())
