"""The acts API under /api/v1/acts: filters, pagination, one act with its text, bad parameters."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from infocentar.acts import services
from infocentar.acts.models import ActType

pytestmark = pytest.mark.django_db


def test_list_is_public_only_and_paginated(client, make_act, assembly):
    for _ in range(3):
        make_act(assembly)
    make_act(assembly, title="Skriveni akt", is_public=False)
    data = client.get("/api/v1/acts?limit=2").json()
    assert data["count"] == 3 and len(data["items"]) == 2
    assert all(item["title"] != "Skriveni akt" for item in data["items"])
    item = data["items"][0]
    assert item["url"].endswith(f"/akti/{item['id']}/")
    assert item["akoma_ntoso_url"].endswith("/akn.xml")
    assert item["issuer"]["slug"] == "skupstina"


def test_filters(client, make_act, assembly, mayor):
    make_act(assembly, title="Statut", type=ActType.STATUTE, adopted_on=datetime.date(2018, 5, 1))
    make_act(mayor, title="Rješenje", type=ActType.RULING)
    assert [i["title"] for i in client.get("/api/v1/acts?type=statute").json()["items"]] == ["Statut"]
    assert [i["title"] for i in client.get("/api/v1/acts?issuer=predsjednik").json()["items"]] == ["Rješenje"]
    assert [i["title"] for i in client.get(f"/api/v1/acts?issuer={mayor.pk}").json()["items"]] == ["Rješenje"]
    assert [i["title"] for i in client.get("/api/v1/acts?year=2018").json()["items"]] == ["Statut"]
    assert [i["title"] for i in client.get("/api/v1/acts?q=СТАТУТ").json()["items"]] == ["Statut"]


@pytest.mark.parametrize(
    "params",
    ["type=nope", "year=abc", "year=99999", "limit=0", "limit=100000", "offset=-1", "sort=evil", "q=" + "x" * 900],
)
def test_bad_parameters_are_422_not_500(client, params):
    assert client.get(f"/api/v1/acts?{params}").status_code == 422


def test_one_act_with_versions_and_articles(client, act_with_versions):
    act, _v1, _v2 = act_with_versions
    services.publish_in_gazette(act, issue="3/2024", on=datetime.date(2024, 4, 1))
    data = client.get(f"/api/v1/acts/{act.pk}").json()
    assert data["gazette"] == {"issue": "3/2024", "date": "2024-04-01", "registry_number": ""}
    assert [v["label"] for v in data["versions"]] == ["Nacrt", "Prijedlog"]
    assert data["versions"][1]["articles"][2] == {
        "number": "3a",
        "anchor": "clan-3a",
        "chapter": "II NADZOR",
        "heading": "Kazne",
        "text": "Novčanom kaznom kazniće se pravno lice.",
    }


def test_hidden_and_missing_acts_are_404(client, make_act, assembly):
    hidden = make_act(assembly, is_public=False)
    assert client.get(f"/api/v1/acts/{hidden.pk}").status_code == 404
    assert client.get("/api/v1/acts/999999").status_code == 404
    assert client.get(f"/api/v1/acts/{2**64}").status_code == 404


def test_list_queries_do_not_grow(client, make_act, assembly, mayor):
    for _ in range(2):
        make_act(assembly)
    client.get("/api/v1/acts")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/acts")
    for i in range(8):
        make_act(mayor if i % 2 else assembly)
    with CaptureQueriesContext(connection) as many:
        client.get("/api/v1/acts")
    assert len(few.captured_queries) == len(many.captured_queries)


def test_openapi_documents_the_acts_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/acts" in schema["paths"] and "/api/v1/acts/{act_id}" in schema["paths"]
