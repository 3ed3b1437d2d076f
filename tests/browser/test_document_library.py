"""The document library in a real browser: filtering with the keyboard, and axe on its pages."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def library(live_site, home_page):
    """The live site with a library of a few documents of two bodies."""
    from django.core.cache import cache

    from infocentar.documents import services
    from infocentar.documents.models import DocumentLibraryPage, DocumentType, LibraryDocument
    from infocentar.documents.pdf import build_pdf
    from tests.factories import OrganisationFactory

    cache.clear()
    page = DocumentLibraryPage(title="Dokumenti", slug="dokumenti", intro="Budžeti, izvještaji i odluke opštine.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    finance = OrganisationFactory(name="Sekretarijat za finansije", slug="sekretarijat-za-finansije")
    culture = OrganisationFactory(name="Centar za kulturu", slug="centar-za-kulturu")
    specs = [
        ("Odluka o budžetu za 2026. godinu", DocumentType.BUDGET, 2026, finance),
        ("Odluka o budžetu za 2025. godinu", DocumentType.BUDGET, 2025, finance),
        ("Završni račun budžeta za 2024. godinu", DocumentType.YEAR_END_ACCOUNTS, 2024, finance),
        ("Izvještaj o radu za 2025. godinu", DocumentType.REPORT, 2025, culture),
    ]
    documents = {}
    for number, (title, kind, year, organisation) in enumerate(specs):
        file = services.store_file(title, f"dokument-{number}.pdf", build_pdf(title, ["Član 1. č ć š ž đ"]))
        documents[title] = services.save_document(
            LibraryDocument(
                title=title,
                document_type=kind,
                year=year,
                organisation=organisation,
                file=file,
                description="Opis dokumenta sa slovima č, ć, š, ž i đ.",
                published_on=datetime.date(year, 1, 10 + number),
            )
        )
    cache.clear()
    yield live_site, documents
    cache.clear()


def _titles(page) -> list[str]:
    return page.locator(".document-item__title a").all_inner_texts()


def test_filter_by_type_and_year_with_the_keyboard(page, library):
    site, _documents = library
    page.goto(site.url + "/dokumenti/")
    expect(page.locator("h1")).to_have_text("Dokumenti")
    assert len(_titles(page)) == 4

    # Tab to the type filter and choose by typing (a closed <select> takes type-ahead), then the year,
    # then Tab on to the button and send the form with Enter.
    page.locator("#id_q").focus()
    page.keyboard.press("Tab")
    expect(page.locator("#id_type")).to_be_focused()
    page.keyboard.type("Bud")  # Budget / Budžet
    expect(page.locator("#id_type")).to_have_value("budget")
    page.keyboard.press("Tab")
    expect(page.locator("#id_year")).to_be_focused()
    page.keyboard.type("2026")
    expect(page.locator("#id_year")).to_have_value("2026")
    page.keyboard.press("Tab")  # organisation
    page.keyboard.press("Tab")  # sort
    page.keyboard.press("Tab")
    expect(page.locator(".library-filters button[type=submit]")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/dokumenti/?*")
    assert "type=budget" in page.url and "year=2026" in page.url
    assert _titles(page) == ["Odluka o budžetu za 2026. godinu"]
    expect(page.locator("#id_type")).to_have_value("budget")
    expect(page.locator("#id_year")).to_have_value("2026")

    # "Clear filters" is reachable by keyboard and shows everything again.
    clear = page.locator(".library-filters__actions a")
    clear.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site.url + "/dokumenti/")
    assert len(_titles(page)) == 4


def test_the_library_and_a_document_page_have_no_accessibility_violations(page, library, axe):
    site, documents = library
    page.goto(site.url + "/dokumenti/")
    axe(page)
    page.goto(site.url + "/dokumenti/?type=budget&year=2025")
    axe(page)
    page.goto(site.url + "/dokumenti/?type=other")  # the empty state
    expect(page.locator(".no-results")).to_be_visible()
    axe(page)
    document = documents["Odluka o budžetu za 2026. godinu"]
    page.goto(site.url + f"/dokumenti/{document.pk}/")
    expect(page.locator("h1")).to_have_text("Odluka o budžetu za 2026. godinu")
    axe(page)
    page.goto(site.url + f"/cir/dokumenti/{document.pk}/")
    expect(page.locator("h1")).to_have_text("Одлука о буџету за 2026. годину")
    axe(page)


def test_a_document_page_without_its_file_has_no_violations(page, library, axe):
    site, documents = library
    document = documents["Izvještaj o radu za 2025. godinu"]
    document.file.delete()
    page.goto(site.url + f"/dokumenti/{document.pk}/")
    expect(page.locator(".document__missing")).to_be_visible()
    axe(page)


def test_the_back_office_form_with_the_document_chooser_runs_under_the_csp(page, library, client):
    """An editor picks a file in the chooser and saves a document: no CSP violation on the way."""
    from infocentar.core import services
    from infocentar.core.models import Organisation, Role
    from infocentar.documents.models import LibraryDocument
    from tests.factories import UserFactory

    from .test_admin_csp import _login

    site, documents = library
    finance = Organisation.objects.get(slug="sekretarijat-za-finansije")
    editor = UserFactory(username="urednik-finansije")
    services.add_membership(editor, finance, Role.EDITOR)
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    _login(page, site, client, editor)

    page.goto(site.url + "/admin/document-library/")
    expect(page.get_by_role("link", name="Odluka o budžetu za 2026. godinu")).to_be_visible()
    expect(page.get_by_text("Izvještaj o radu za 2025. godinu")).to_have_count(0)  # another body's

    page.goto(site.url + "/admin/document-library/new/")
    page.locator("#id_title").fill("Plan javnih nabavki za 2026. godinu")
    page.locator("#id_document_type").select_option("plan")
    page.locator("#id_year").fill("2026")
    page.locator("#id_organisation").select_option(str(finance.pk))
    page.locator("#id_file-chooser [data-chooser-action-choose]").click()
    modal = page.locator(".modal-dialog").first
    expect(modal).to_be_visible()
    modal.get_by_role("link", name="Odluka o budžetu za 2025. godinu").click()
    expect(page.locator("#id_file")).not_to_have_value("")
    page.locator("main form[method=post] button[type=submit]").first.click()
    expect(page.locator(".messages .success")).to_be_visible()
    created = LibraryDocument.objects.get(title="Plan javnih nabavki za 2026. godinu")
    assert created.file_id == documents["Odluka o budžetu za 2025. godinu"].file_id
    assert violations == [], "\n".join(violations)
