"""A body's page lists its documents; the site search finds documents in both scripts."""

from __future__ import annotations

import pytest

from infocentar.core import search as site_search
from infocentar.documents.models import DocumentLibraryPage, DocumentType, LibraryDocument
from infocentar.documents.sections import LATEST

pytestmark = pytest.mark.django_db


def test_a_bodys_page_lists_its_latest_public_documents(client, library_page, make_document, org_a, org_b):
    make_document(org_a, title="Cjenovnik usluga vodosnabdijevanja", document_type=DocumentType.DECISION)
    make_document(org_a, title="Interni nacrt", is_public=False)
    make_document(org_b, title="Program Centra za kulturu")
    content = client.get(f"/organi/{org_a.slug}/").content.decode()
    assert 'id="org-documents-title"' in content
    assert "Cjenovnik usluga vodosnabdijevanja" in content
    assert "Interni nacrt" not in content
    assert "Program Centra za kulturu" not in content
    assert "/dokumenti/" in content


def test_the_section_links_to_the_filtered_library_when_there_are_more(
    client, library_page, make_document, org_a, stored_pdf
):
    file = stored_pdf()
    for _ in range(LATEST + 2):
        make_document(org_a, file=file)
    content = client.get(f"/en/organi/{org_a.slug}/").content.decode()
    assert content.count('class="org-documents__meta"') == LATEST
    assert f'href="/en/dokumenti/?organisation={org_a.slug}"' in content
    assert f"All {LATEST + 2} documents of this body" in content


def test_a_body_without_documents_has_no_section(client, library_page, org_a):
    assert 'id="org-documents-title"' not in client.get(f"/organi/{org_a.slug}/").content.decode()


def test_no_section_without_a_library_page(client, home_page, make_document, org_a):
    make_document(org_a)
    assert client.get(f"/organi/{org_a.slug}/").status_code == 200
    assert 'id="org-documents-title"' not in client.get(f"/organi/{org_a.slug}/").content.decode()


def test_cyrillic_section_links_stay_in_cyrillic(client, library_page, make_document, org_a):
    document = make_document(org_a, title="Odluka o cijenama")
    content = client.get(f"/cir/organi/{org_a.slug}/").content.decode()
    assert f'href="/cir/dokumenti/{document.pk}/"' in content
    assert "Одлука о цијенама" in content


def test_documents_are_registered_in_site_search():
    keys = {source.model for source in site_search.sources()}
    assert LibraryDocument in keys
    assert DocumentLibraryPage in keys


@pytest.mark.parametrize("query", ["budzetu", "Budžetu", "БУЏЕТУ", "буџету општине"])
def test_site_search_finds_documents_in_both_scripts(library_page, make_document, org_a, query):
    document = make_document(org_a, title="Odluka o budžetu Opštine Primorje", document_type=DocumentType.BUDGET)
    make_document(org_a, title="Tajni nacrt o budžetu", is_public=False)
    source = next(s for s in site_search.sources() if s.model is LibraryDocument)
    found = site_search.search(query, [source.key])[source.key]
    assert [getattr(item, "pk", None) for item in found] == [document.pk] or document in found


def test_search_page_shows_documents_with_their_address(client, library_page, make_document, org_a):
    document = make_document(org_a, title="Završni račun budžeta za 2024. godinu")
    for query in ("zavrsni racun", "ЗАВРШНИ РАЧУН"):
        content = client.get("/pretraga/", {"q": query}).content.decode()
        assert f"/dokumenti/{document.pk}/" in content, query
        assert "Završni račun budžeta za 2024. godinu" in content or "Zavr" in content


def test_search_text_is_folded_and_includes_the_organisation(make_document, org_a):
    document = make_document(org_a, title="Đačke stipendije", description="Poziv za učenike.")
    assert "dacke" in document.search_text
    assert "djacke" in document.search_text
    assert "ucenike" in document.search_text
    assert "vodovod" in document.search_text
