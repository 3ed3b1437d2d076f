"""Page-cache misses reuse what cannot have changed (core.memo), and every change is seen at once."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from infocentar.core import memo
from infocentar.core.models import Organisation


@pytest.fixture
def memo_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    memo.clear()
    yield
    memo.clear()


@pytest.mark.django_db
def test_memo_keeps_a_value_until_content_changes(memo_on, org_a):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert memo.memo(("test",), compute) == 1
    assert memo.memo(("test",), compute) == 1
    org_a.name = "Preimenovan organ"
    org_a.save()  # any content change bumps the generation
    assert memo.memo(("test",), compute) == 2


@pytest.mark.django_db
@override_settings(PAGE_CACHE_SECONDS=0)
def test_without_the_page_cache_nothing_is_kept():
    calls = []
    memo.memo(("test-off",), lambda: calls.append(1))
    memo.memo(("test-off",), lambda: calls.append(1))
    assert calls == [1, 1]


@pytest.mark.django_db
def test_a_home_page_miss_asks_the_database_nothing_until_news_changes(memo_on, client, make_news):
    make_news("Prva vijest", publish=True)
    first = client.get("/?v=1")
    assert first["X-Page-Cache"] == "miss" and "Prva vijest" in first.content.decode()
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/?v=2")
    assert second["X-Page-Cache"] == "miss"
    assert len(queries) == 0, [q["sql"][:120] for q in queries]

    make_news("Druga vijest", publish=True)
    third = client.get("/?v=3")
    assert "Druga vijest" in third.content.decode()


@pytest.mark.django_db
def test_news_index_misses_keep_to_the_listing_queries(memo_on, client, make_news):
    for number in range(3):
        make_news(f"Vijest {number}", publish=True)
    client.get("/vijesti/?v=0")
    with CaptureQueriesContext(connection) as few:
        client.get("/vijesti/?v=1")
    for number in range(3, 12):
        make_news(f"Vijest {number}", publish=True)
    client.get("/vijesti/?v=2")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/vijesti/?v=3")
    assert "Vijest 11" in response.content.decode()
    assert len(many) == len(few) <= 4, [q["sql"][:120] for q in many]


@pytest.mark.django_db
def test_view_restrictions_still_apply_with_the_memo(memo_on, client, make_news):
    item = make_news("Tajna vijest", publish=True)
    public_item = make_news("Javna vijest", publish=True)
    assert client.get(item.url + "?v=1").status_code == 200
    assert Page.objects.live().public().filter(pk=item.pk).exists()

    PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.LOGIN)
    assert not Page.objects.live().public().filter(pk=item.pk).exists()
    assert Page.objects.live().public().filter(pk=public_item.pk).exists()
    assert list(item.get_view_restrictions())
    assert not list(public_item.get_view_restrictions())
    response = client.get(item.url + "?v=2")
    assert response.status_code == 302  # to the sign-in page
    assert "Tajna vijest" not in client.get("/vijesti/?v=4").content.decode()


@pytest.mark.django_db
def test_organisation_rename_reaches_cached_menus_and_lists(memo_on, client, org_a, make_news):
    make_news("Vijest organa", organisations=[org_a], publish=True)
    assert org_a.name in client.get("/vijesti/?v=1").content.decode()
    Organisation.objects.filter(pk=org_a.pk).get().save()
    org_a.refresh_from_db()
    org_a.name = "Novo ime organa"
    org_a.save()
    assert "Novo ime organa" in client.get("/vijesti/?v=2").content.decode()


@pytest.mark.django_db
def test_a_bad_host_is_a_400_not_a_cache_failure(memo_on, client, caplog, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Page cache unavailable" not in caplog.text
