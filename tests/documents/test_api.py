"""The open-data API for the library's documents: /api/v1/documents."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from infocentar.documents.models import DocumentType

pytestmark = pytest.mark.django_db


@pytest.fixture
def docs(library_page, make_document, org_a, org_b):
    return {
        "budget": make_document(org_a, title="Odluka o budžetu za 2026", document_type=DocumentType.BUDGET, year=2026),
        "report": make_document(org_b, title="Izvještaj o radu za 2024", document_type=DocumentType.REPORT, year=2024),
        "hidden": make_document(org_a, title="Nacrt", is_public=False),
        "no_file": make_document(
            org_b, title="Javni poziv bez priloga", document_type=DocumentType.PUBLIC_CALL, with_file=False
        ),
    }


def test_schema_lists_the_documents_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/documents" in paths
    assert "/api/v1/documents/{document_id}" in paths


def test_list_shows_public_documents_with_links(client, docs, org_a):
    body = client.get("/api/v1/documents").json()
    assert body["count"] == 3
    titles = [item["title"] for item in body["items"]]
    assert "Nacrt" not in titles
    budget = next(item for item in body["items"] if item["id"] == docs["budget"].pk)
    assert budget["type"] == "budget"
    with translation.override("cnr"):
        assert budget["type_label"] == str(DocumentType.BUDGET.label)
    assert budget["year"] == 2026
    assert budget["organisation"] == {"id": org_a.pk, "name": org_a.name, "slug": org_a.slug}
    assert budget["url"] == f"http://testserver/dokumenti/{docs['budget'].pk}/"
    assert budget["file_url"].startswith("http://testserver/documents/")
    assert budget["file_url"].endswith(".pdf")
    assert budget["file_size"] == docs["budget"].file.file_size > 0
    assert budget["file_format"] == "PDF"
    assert budget["published"] == docs["budget"].published_on.isoformat()


def test_a_document_without_its_file(client, docs):
    item = client.get(f"/api/v1/documents/{docs['no_file'].pk}").json()
    assert item["file_url"] is None
    assert item["file_size"] is None
    assert item["file_format"] is None


def test_detail_and_private_documents(client, docs):
    assert client.get(f"/api/v1/documents/{docs['report'].pk}").json()["title"] == "Izvještaj o radu za 2024"
    assert client.get(f"/api/v1/documents/{docs['hidden'].pk}").status_code == 404
    assert client.get("/api/v1/documents/999999").status_code == 404
    assert client.get("/api/v1/documents/99999999999999999999999").status_code in (404, 422)


def test_filters(client, docs, org_a, org_b):
    def ids(**params):
        return {item["id"] for item in client.get("/api/v1/documents", params).json()["items"]}

    assert ids(type="budget") == {docs["budget"].pk}
    assert ids(year=2024) == {docs["report"].pk}
    assert ids(organisation=org_b.slug) == {docs["report"].pk, docs["no_file"].pk}
    assert ids(organisation=str(org_a.pk)) == {docs["budget"].pk}
    assert ids(organisation="nema-takve") == set()
    for query in ("budzetu", "БУЏЕТУ", "Budžetu"):
        assert ids(q=query) == {docs["budget"].pk}, query
    assert ids(q="izvjestaj", type="report") == {docs["report"].pk}
    assert ids(q="   ") == {docs["budget"].pk, docs["report"].pk, docs["no_file"].pk}


def test_pagination(client, docs):
    page = client.get("/api/v1/documents?limit=1&offset=1").json()
    assert page["count"] == 3 and len(page["items"]) == 1
    searched = client.get("/api/v1/documents", {"q": "za", "limit": 1}).json()
    assert len(searched["items"]) <= 1


@pytest.mark.parametrize(
    "query",
    [
        "type=planet",
        "year=abc",
        "year=1800",
        "year=3000",
        "limit=0",
        "limit=1000",
        "offset=-1",
        "organisation=" + "x" * 300,
        "q=" + "x" * 1000,
    ],
)
def test_bad_input_gets_a_clear_error_not_a_500(client, docs, query):
    assert client.get(f"/api/v1/documents?{query}").status_code == 422


def test_odd_queries_answer_politely(client, docs):
    for query in ("%", "' OR 1=1 --", "\u0000", "<script>", "ђ"):
        assert client.get("/api/v1/documents", {"q": query}).status_code == 200


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow(client, library_page, make_document, org_a, org_b, stored_pdf):
    file = stored_pdf()
    make_document(org_a, file=file)
    client.get("/api/v1/documents")
    small = _queries(client, "/api/v1/documents")
    for number in range(25):
        make_document(org_b if number % 2 else org_a, file=file)
    assert _queries(client, "/api/v1/documents") == small
    assert _queries(client, "/api/v1/documents?q=dokument") <= small + 2
    assert small <= 3
