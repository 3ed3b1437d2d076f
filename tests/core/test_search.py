"""Site search: folding of both scripts and diacritics, and the /pretraga/ page."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from infocentar.core.search import normalise_query
from infocentar.core.text import fold, fold_for_index
from tests.factories import OrganisationFactory

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _folding_cases():
    path = SHARED_DATA / "search-folding-cases.tsv"
    if not path.exists():
        pytest.fail(f"Shared test data is missing: {path} (CI has ../shared beside the clone).")
    with path.open(encoding="utf-8") as fh:
        return [(row["input"], row["folded"]) for row in csv.DictReader(fh, delimiter="\t")]


def test_every_shared_folding_case():
    for raw, folded in _folding_cases():
        assert fold(raw) == folded, raw


def test_dj_is_also_found_by_d():
    indexed = fold_for_index("Ljiljana Đurđević")
    assert "djurdjevic" in indexed.split()
    assert "durdevic" in indexed.split()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", ""),
        ("   ", ""),
        ("<script>alert(1)</script>", "script alert 1 script"),
        ("'; DROP TABLE--", "drop table--"),
    ],
)
def test_odd_queries_are_normalised(raw, expected):
    assert normalise_query(raw) == expected


def test_huge_query_is_cut():
    assert len(normalise_query("a" * 100_000)) <= 200


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["opstina", "Opština", "ОПШТИНА", "општина", "OPSTINA"])
def test_search_page_finds_the_same_in_every_script(client, home_page, query):
    OrganisationFactory(name="Opština Primjer — Sekretarijat za finansije", slug="sf")
    OrganisationFactory(name="Centar za kulturu", slug="czk")
    response = client.get("/pretraga/", {"q": query})
    assert response.status_code == 200
    # The organisation and the home page ("Opština Primjer"); not the Centar za kulturu.
    assert response.context["result_count"] == 2
    content = response.content.decode()
    assert "Sekretarijat za finansije" in content
    assert "Centar za kulturu" not in content.split('class="search-results"', 1)[1]


@pytest.mark.django_db
def test_search_finds_pages_by_body_text(client, home_page):
    from infocentar.portal.models import StandardPage

    page = home_page.add_child(instance=StandardPage(title="O opštini", slug="o-opstini", intro="Ćirilica i latinica"))
    page.save_revision().publish()
    response = client.get("/pretraga/", {"q": "cirilica"})
    assert "O opštini" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "   ", "%%%", "x" * 5000, "\x00"])
def test_odd_search_answers_politely(client, home_page, query):
    response = client.get("/pretraga/", {"q": query})
    assert response.status_code == 200


@pytest.mark.django_db
def test_nothing_found_page_suggests(client, home_page):
    response = client.get("/pretraga/", {"q": "nepostojecirijec"})
    assert response.status_code == 200
    assert response.context["result_count"] == 0
    assert 'class="no-results"' in response.content.decode()


@pytest.mark.django_db
def test_search_is_served_in_cyrillic(client, home_page):
    OrganisationFactory(name="Centar za kulturu", slug="czk")
    response = client.get("/cir/pretraga/", {"q": "центар"})
    assert response.status_code == 200
    assert "Центар за културу" in response.content.decode()
