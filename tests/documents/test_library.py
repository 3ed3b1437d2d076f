"""The public document library (/dokumenti/): filters, search, sorting, pages, the document's page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from infocentar.documents.listing import PER_PAGE
from infocentar.documents.models import DocumentLibraryPage, DocumentType, LibraryDocument

pytestmark = pytest.mark.django_db


def _titles(content: str) -> list[str]:
    return re.findall(r'class="document-item__title"><a href="[^"]+">([^<]+)</a>', content)


def test_library_lists_public_documents_only(client, library_page, make_document, org_a):
    make_document(org_a, title="Odluka o budžetu za 2026. godinu", document_type=DocumentType.BUDGET)
    make_document(org_a, title="Interni nacrt", is_public=False)
    response = client.get("/dokumenti/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Odluka o budžetu za 2026. godinu" in content
    assert "Interni nacrt" not in content
    assert "PDF, " in content


def test_library_page_lives_under_the_home_page_only(library_page):
    assert DocumentLibraryPage.parent_page_types == ["portal.HomePage"]
    assert DocumentLibraryPage.subpage_types == []
    assert library_page.url == "/dokumenti/"


def test_filter_by_type_year_and_organisation(client, library_page, make_document, org_a, org_b):
    make_document(org_a, title="Budžet A 2025", document_type=DocumentType.BUDGET, year=2025)
    make_document(org_a, title="Budžet A 2024", document_type=DocumentType.BUDGET, year=2024)
    make_document(org_b, title="Izvještaj B 2025", document_type=DocumentType.REPORT, year=2025)

    assert set(_titles(client.get("/dokumenti/?type=budget").content.decode())) == {"Budžet A 2025", "Budžet A 2024"}
    assert set(_titles(client.get("/dokumenti/?year=2025").content.decode())) == {"Budžet A 2025", "Izvještaj B 2025"}
    assert _titles(client.get("/dokumenti/?type=budget&year=2024").content.decode()) == ["Budžet A 2024"]
    assert _titles(client.get(f"/dokumenti/?organisation={org_b.slug}").content.decode()) == ["Izvještaj B 2025"]


def test_filter_form_has_labels_and_choices_from_the_data(client, library_page, make_document, org_a):
    make_document(org_a, year=2019)
    content = client.get("/en/dokumenti/?type=budget").content.decode()
    for field in ("q", "type", "year", "organisation", "sort"):
        assert f'<label class="field__label" for="id_{field}">' in content
    assert '<option value="2019">2019</option>' in content
    assert f'<option value="{org_a.slug}">{org_a.name}</option>' in content
    assert 'method="get"' in content
    assert "Clear filters" in content


def test_no_clear_filters_link_without_filters(client, library_page, make_document, org_a):
    make_document(org_a)
    assert "Clear filters" not in client.get("/en/dokumenti/").content.decode()


def test_bad_filter_values_are_ignored_not_errors(client, library_page, make_document, org_a):
    make_document(org_a, title="Jedini dokument")
    for query in (
        "type=nepoznat",
        "year=abc",
        "year=99999",
        "organisation=nema-ga",
        "sort=bogus",
        "page=999",
        "page=-1",
        "q=%00%ff",
        "q=" + "x" * 5000,
    ):
        response = client.get(f"/dokumenti/?{query}")
        assert response.status_code == 200, query


def test_unknown_organisation_gives_the_empty_state(client, library_page, make_document, org_a):
    make_document(org_a)
    content = client.get("/en/dokumenti/?type=public_call").content.decode()
    assert "No documents found" in content
    assert "Show all documents" in content


def test_empty_library(client, library_page):
    content = client.get("/en/dokumenti/").content.decode()
    assert "No documents have been published yet." in content


def test_sorting_newest_oldest_and_title(client, library_page, make_document, org_a):
    make_document(org_a, title="Beta", published_on=datetime.date(2024, 5, 1))
    make_document(org_a, title="Alfa", published_on=datetime.date(2023, 5, 1))
    make_document(org_a, title="Gama", published_on=datetime.date(2025, 5, 1))
    assert _titles(client.get("/dokumenti/").content.decode()) == ["Gama", "Beta", "Alfa"]
    assert _titles(client.get("/dokumenti/?sort=oldest").content.decode()) == ["Alfa", "Beta", "Gama"]
    assert _titles(client.get("/dokumenti/?sort=title").content.decode()) == ["Alfa", "Beta", "Gama"]


def test_search_within_the_library_is_folded(client, library_page, make_document, org_a):
    make_document(org_a, title="Odluka o budžetu Opštine", description="Prihodi i rashodi.")
    make_document(org_a, title="Izvještaj o radu", description="Godišnji izvještaj.")
    for query in ("budzetu", "Budžetu", "буџету", "BUDŽETU opstine", "ОДЛУКА"):
        assert _titles(client.get("/dokumenti/", {"q": query}).content.decode()) == ["Odluka o budžetu Opštine"], query


def test_search_combines_with_filters(client, library_page, make_document, org_a):
    make_document(org_a, title="Izvještaj o budžetu", document_type=DocumentType.REPORT)
    make_document(org_a, title="Odluka o budžetu", document_type=DocumentType.BUDGET)
    content = client.get("/dokumenti/", {"q": "budzetu", "type": "budget"}).content.decode()
    assert _titles(content) == ["Odluka o budžetu"]


def test_a_query_with_nothing_searchable_asks_for_words(client, library_page, make_document, org_a):
    make_document(org_a)
    content = client.get("/en/dokumenti/", {"q": "!!! ??"}).content.decode()
    assert "Please type a word or two" in content


def test_pagination_twenty_per_page_keeps_filters(client, library_page, make_document, org_a, stored_pdf):
    file = stored_pdf()
    for number in range(PER_PAGE + 3):
        make_document(org_a, title=f"Izvještaj {number:02d}", file=file)
    first = client.get("/dokumenti/?type=report").content.decode()
    assert len(_titles(first)) == PER_PAGE
    assert "?type=report&amp;page=2" in first
    second = client.get("/dokumenti/?type=report&page=2").content.decode()
    assert len(_titles(second)) == 3


def _library_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/dokumenti/?sort=title")
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_listing_query_count_does_not_grow(client, library_page, make_document, org_a, org_b, stored_pdf):
    file = stored_pdf()
    make_document(org_a, file=file)
    client.get("/dokumenti/")  # warm caches (site, library path)
    small = _library_queries(client)
    for number in range(30):
        make_document(org_b if number % 2 else org_a, file=file, year=2000 + number % 20)
    make_document(org_a, file=None, with_file=False)
    large = _library_queries(client)
    assert large == small
    with CaptureQueriesContext(connection) as ctx:
        client.get("/dokumenti/", {"q": "dokument", "type": "report"})
    assert len(ctx.captured_queries) <= small + 2


def test_document_page(client, library_page, make_document, org_a):
    document = make_document(
        org_a,
        title="Završni račun za 2024. godinu",
        document_type=DocumentType.YEAR_END_ACCOUNTS,
        year=2024,
        description="Ostvareni prihodi.",
    )
    response = client.get(f"/en/dokumenti/{document.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Završni račun za 2024. godinu</h1>" in content
    assert "Year-end accounts" in content
    assert "2024" in content
    assert f'href="/en/organi/{org_a.slug}/"' in content
    assert f'href="{document.file.url}"' in content
    assert re.search(r"PDF, [\d.,]+\xa0KB", content)
    with translation.override("cnr"):
        assert document.get_absolute_url() == f"/dokumenti/{document.pk}/"


def test_document_page_in_cyrillic_and_english(client, library_page, make_document, org_a):
    document = make_document(org_a, title="Odluka o budžetu")
    assert "Одлука о буџету" in client.get(f"/cir/dokumenti/{document.pk}/").content.decode()
    assert client.get(f"/en/dokumenti/{document.pk}/").status_code == 200
    assert f'href="/cir/dokumenti/{document.pk}/"' in client.get("/cir/dokumenti/").content.decode()


def test_private_and_missing_documents_are_not_found(client, library_page, make_document, org_a):
    hidden = make_document(org_a, is_public=False)
    assert client.get(f"/dokumenti/{hidden.pk}/").status_code == 404
    assert client.get("/dokumenti/999999/").status_code == 404
    assert client.get("/dokumenti/99999999999999999999999/").status_code == 404


def test_document_page_still_renders_when_its_file_was_deleted(client, library_page, make_document, org_a):
    document = make_document(org_a, title="Izvještaj bez datoteke")
    document.file.delete()
    document.refresh_from_db()
    assert document.file is None
    response = client.get(f"/en/dokumenti/{document.pk}/")
    assert response.status_code == 200
    assert "The file is no longer available" in response.content.decode()
    listing = client.get("/en/dokumenti/").content.decode()
    assert "Izvještaj bez datoteke" in listing
    assert "The file is no longer available." in listing


def test_document_url_follows_the_library_page(client, library_page, make_document, org_a):
    document = make_document(org_a)
    library_page.slug = "biblioteka"
    library_page.save_revision().publish()
    with translation.override("cnr"):
        assert document.get_absolute_url() == f"/biblioteka/{document.pk}/"
    assert client.get(f"/biblioteka/{document.pk}/").status_code == 200


def test_library_is_in_the_sitemap_entries(rf, library_page, make_document, org_a):
    document = make_document(org_a)
    make_document(org_a, is_public=False)
    locations = [entry["location"] for entry in library_page.get_sitemap_urls(rf.get("/"))]
    assert locations[0].endswith("/dokumenti/")
    assert any(location.endswith(f"/dokumenti/{document.pk}/") for location in locations)
    assert len(locations) == 2


def test_year_is_validated(org_a):
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    for year in (1989, timezone.localdate().year + 2):
        with pytest.raises(ValidationError):
            LibraryDocument(title="x", document_type="budget", year=year, organisation=org_a).full_clean()
    LibraryDocument(
        title="x", document_type="budget", year=timezone.localdate().year + 1, organisation=org_a
    ).full_clean()


@pytest.mark.skipif(
    not hasattr(__import__("infocentar.core.search", fromlist=["x"]), "search_queryset"),
    reason="the site search's prefix matching (core.search.search_queryset) is not there",
)
def test_search_finds_other_forms_of_a_word(client, library_page, make_document, org_a):
    make_document(org_a, title="Odluka o budžetu Opštine", description="Prihodi i rashodi.")
    make_document(org_a, title="Izvještaj o radu", description="Godišnji izvještaj.")
    for query in ("budzet", "budžeta", "opstina", "ОПШТИНА БУЏЕТ"):
        assert _titles(client.get("/dokumenti/", {"q": query}).content.decode()) == ["Odluka o budžetu Opštine"], query


def test_search_combines_with_the_organisation_and_year(client, library_page, make_document, org_a, org_b):
    make_document(org_a, title="Izvještaj o budžetu A", year=2024)
    make_document(org_b, title="Izvještaj o budžetu B", year=2024)
    make_document(org_b, title="Izvještaj o budžetu B stari", year=2020)
    params = {"q": "izvjestaj", "organisation": org_b.slug, "year": "2024", "sort": "title"}
    assert _titles(client.get("/dokumenti/", params).content.decode()) == ["Izvještaj o budžetu B"]
