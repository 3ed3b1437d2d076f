"""The open-data API of the news: list, detail, filters, bad input, documentation, query count."""

from __future__ import annotations

import datetime

import pytest

from .conftest import png_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(make_news, org_a, org_b):
    return {
        "session": make_news(
            "Održana sjednica Skupštine",
            lead="Usvojen budžet.",
            organisations=[org_a],
            tags=["sjednica", "budžet"],
            date=datetime.date(2026, 3, 10),
            image=png_image("Sala"),
            image_alt="Sala Skupštine",
            publish=True,
        ),
        "concert": make_news(
            "Koncert na trgu", organisations=[org_b], tags=["kultura"], date=datetime.date(2026, 2, 1)
        ),
        "old": make_news("Radovi na vodovodu", organisations=[org_a, org_b], date=datetime.date(2025, 7, 1)),
    }


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_list_is_newest_first_and_paginated(client, news):
    body = client.get("/api/v1/news").json()
    assert body["count"] == 3
    assert [item["id"] for item in body["items"]] == [news["session"].pk, news["concert"].pk, news["old"].pk]
    page = client.get("/api/v1/news", {"limit": 1, "offset": 1}).json()
    assert page["count"] == 3 and [item["id"] for item in page["items"]] == [news["concert"].pk]


def test_an_item_has_every_field(client, news, org_a, settings):
    item = client.get("/api/v1/news").json()["items"][0]
    page = news["session"]
    assert item["id"] == page.pk
    assert item["title"] == "Održana sjednica Skupštine"
    assert item["date"] == "2026-03-10"
    assert item["lead"] == "Usvojen budžet."
    assert item["url"] == settings.SITE_URL + page.url
    assert item["organisations"] == [{"id": org_a.pk, "name": org_a.name, "slug": org_a.slug}]
    assert sorted(item["tags"]) == ["budžet", "sjednica"]
    assert item["image_url"].startswith(settings.SITE_URL + "/") and item["image_url"].endswith(".jpg")
    assert item["image_alt"] == "Sala Skupštine"
    assert item["last_published_at"]
    other = client.get(f"/api/v1/news/{news['concert'].pk}").json()
    assert other["image_url"] is None and other["image_alt"] == ""


def test_the_count_follows_new_news(client, news, make_news):
    assert client.get("/api/v1/news").json()["count"] == 3
    make_news("Nova vijest")
    assert client.get("/api/v1/news").json()["count"] == 4
    news["old"].unpublish()
    assert client.get("/api/v1/news").json()["count"] == 3


def test_detail(client, news):
    response = client.get(f"/api/v1/news/{news['concert'].pk}")
    assert response.status_code == 200
    assert response.json()["title"] == "Koncert na trgu"


def test_filter_by_organisation_id_or_slug(client, news, org_a):
    expected = [news["session"].pk, news["old"].pk]
    assert ids(client.get("/api/v1/news", {"organisation": org_a.pk})) == expected
    assert ids(client.get("/api/v1/news", {"organisation": org_a.slug})) == expected
    assert ids(client.get("/api/v1/news", {"organisation": "nepostojeci"})) == []


def test_filter_by_tag(client, news):
    assert ids(client.get("/api/v1/news", {"tag": "kultura"})) == [news["concert"].pk]
    assert ids(client.get("/api/v1/news", {"tag": "Budžet"})) == [news["session"].pk]


def test_filter_by_year_and_dates(client, news):
    assert ids(client.get("/api/v1/news", {"year": 2025})) == [news["old"].pk]
    assert ids(client.get("/api/v1/news", {"date_from": "2026-01-01"})) == [news["session"].pk, news["concert"].pk]
    assert ids(client.get("/api/v1/news", {"date_to": "2026-02-01"})) == [news["concert"].pk, news["old"].pk]
    assert ids(client.get("/api/v1/news", {"date_from": "2026-02-01", "date_to": "2026-02-01"})) == [news["concert"].pk]


@pytest.mark.parametrize("query", ["sjednica", "Održana", "odrzana", "ОДРЖАНА", "сједница скупштине", "budzet"])
def test_search_folds_scripts_and_diacritics(client, news, query):
    assert ids(client.get("/api/v1/news", {"q": query})) == [news["session"].pk]


def test_search_combines_with_filters(client, news, org_b):
    assert ids(client.get("/api/v1/news", {"q": "sjednica", "organisation": org_b.slug})) == []
    assert ids(client.get("/api/v1/news", {"q": "koncert", "organisation": org_b.slug})) == [news["concert"].pk]


@pytest.mark.parametrize("query", ["!!!", "nepostojecarijec"])
def test_a_search_with_nothing_to_find_is_empty(client, news, query):
    assert ids(client.get("/api/v1/news", {"q": query})) == []


def test_an_empty_search_is_no_filter(client, news):
    assert len(ids(client.get("/api/v1/news", {"q": " "}))) == 3


def test_drafts_and_private_news_are_not_published(client, news, make_news):
    news["concert"].unpublish()
    assert news["concert"].pk not in ids(client.get("/api/v1/news"))
    assert client.get(f"/api/v1/news/{news['concert'].pk}").status_code == 404

    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=news["old"], restriction_type=PageViewRestriction.LOGIN)
    assert news["old"].pk not in ids(client.get("/api/v1/news"))
    assert client.get(f"/api/v1/news/{news['old'].pk}").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "99999"},
        {"date_from": "2026-13-45"},
        {"date_to": "juče"},
        {"limit": "0"},
        {"limit": "abc"},
        {"offset": "-1"},
        {"q": "x" * 1000},
        {"organisation": "x" * 500},
    ],
)
def test_bad_input_gets_a_422_not_a_500(client, news, params):
    assert client.get("/api/v1/news", params).status_code == 422


def test_unknown_items_are_404(client, news):
    assert client.get("/api/v1/news/999999").status_code == 404
    assert client.get("/api/v1/news/abc").status_code in (301, 404)  # no such address
    # Another page type's id is not a news item.
    assert client.get(f"/api/v1/news/{news['session'].get_parent().pk}").status_code == 404


def test_openapi_documents_the_news(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/news" in schema["paths"]
    assert "/api/v1/news/{news_id}" in schema["paths"]
    operation = schema["paths"]["/api/v1/news"]["get"]
    assert operation["summary"] == "List news"
    assert operation["description"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    for name in ("organisation", "tag", "year", "date_from", "date_to", "q", "limit", "offset"):
        assert name in parameters, name
    assert parameters["organisation"].get("description")
    news_schema = schema["components"]["schemas"]["NewsOut"]
    assert news_schema["properties"]["id"].get("description")


def test_list_query_count_does_not_grow(client, make_news, org_a, org_b, django_assert_max_num_queries):
    image = png_image("Zajednička slika")

    def add(start, count):
        for number in range(start, start + count):
            make_news(f"Vijest {number}", organisations=[org_a, org_b], tags=["a", "b"], image=image, image_alt="Opis")

    add(0, 3)
    client.get("/api/v1/news")  # makes the rendition once
    with django_assert_max_num_queries(7):
        client.get("/api/v1/news")
    add(3, 30)
    with django_assert_max_num_queries(7):
        client.get("/api/v1/news")
    with django_assert_max_num_queries(7):
        client.get("/api/v1/news", {"tag": "a", "organisation": org_a.slug, "year": 2026})
