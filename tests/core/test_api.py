"""The open-data API for organisations, and the API's own documentation."""

from __future__ import annotations

import pytest

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_openapi_schema_lists_organisations(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/organisations" in schema["paths"]


def test_docs_page_is_served(client):
    assert client.get("/api/v1/docs").status_code == 200


def test_list_is_paginated_and_filterable(client, org_a, org_b):
    response = client.get("/api/v1/organisations?kind=enterprise")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"][0]["name"] == org_a.name
    page = client.get("/api/v1/organisations?limit=1&offset=1").json()
    assert page["count"] == 2 and len(page["items"]) == 1


def test_search_ignores_script_and_diacritics(client, org_a, org_b):
    for query in ("centar", "ЦЕНТАР", "Centar za kulturu"):
        body = client.get("/api/v1/organisations", {"q": query}).json()
        assert [item["name"] for item in body["items"]] == [org_b.name], query


def test_inactive_organisations_are_not_published(client, org_a):
    org_a.is_active = False
    org_a.save()
    assert client.get("/api/v1/organisations").json()["count"] == 0
    assert client.get(f"/api/v1/organisations/{org_a.pk}").status_code == 404


def test_bad_input_gets_a_clear_error_not_a_500(client):
    assert client.get("/api/v1/organisations?kind=planet").status_code == 422
    assert client.get("/api/v1/organisations?limit=abc").status_code == 422
    assert client.get("/api/v1/organisations/999999").status_code == 404


def test_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    OrganisationFactory.create_batch(3)
    with django_assert_max_num_queries(3):
        client.get("/api/v1/organisations")
    OrganisationFactory.create_batch(30)
    with django_assert_max_num_queries(3):
        client.get("/api/v1/organisations")


def test_organisations_link_to_their_public_page(client, settings, home_page, org_a):
    settings.SITE_URL = "https://www.primjer.me"
    expected = "https://www.primjer.me/organi/vik/"
    item = client.get("/api/v1/organisations").json()["items"][0]
    assert item["url"] == expected
    assert item["slug"] == org_a.slug
    assert client.get(f"/api/v1/organisations/{org_a.pk}").json()["url"] == expected
    # The address does not follow the language the request asks for.
    assert client.get("/api/v1/organisations", HTTP_ACCEPT_LANGUAGE="en").json()["items"][0]["url"] == expected
    page = client.get(expected.removeprefix(settings.SITE_URL))
    assert page.status_code == 200 and org_a.name in page.content.decode()


def test_organisation_url_is_documented_in_the_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    organisation = schema["components"]["schemas"]["OrganisationOut"]
    assert "url" in organisation["properties"] and "url" in organisation["required"]
