"""Fixtures of the document library's tests: the library page, documents, editors of two bodies."""

from __future__ import annotations

import datetime
import itertools

import pytest

from infocentar.core.models import Role
from infocentar.documents import services
from infocentar.documents.links import forget_library_path
from infocentar.documents.models import DocumentLibraryPage, DocumentType, LibraryDocument
from infocentar.documents.pdf import build_pdf

from ..conftest import _member

_numbers = itertools.count(1)


@pytest.fixture
def library_page(home_page):
    page = DocumentLibraryPage(title="Dokumenti", slug="dokumenti", intro="Budžeti, izvještaji i odluke.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    forget_library_path()
    return page


def pdf_bytes(title: str = "Dokument", text: str = "Član 1. Tekst sa slovima č ć š ž đ.") -> bytes:
    return build_pdf(title, [text])


@pytest.fixture
def stored_pdf(db):
    def make(title: str = "Odluka o budžetu", filename: str = "odluka.pdf"):
        return services.store_file(title, filename, pdf_bytes(title))

    return make


@pytest.fixture
def make_document(db, stored_pdf):
    """make_document(organisation, **fields): a saved LibraryDocument (with a PDF unless file=None)."""

    def make(organisation, *, with_file: bool = True, **fields):
        number = next(_numbers)
        values = {
            "title": f"Dokument broj {number}",
            "document_type": DocumentType.REPORT,
            "year": 2025,
            "description": "Opis dokumenta.",
            "published_on": datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
            "is_public": True,
        }
        values.update(fields)
        if with_file and "file" not in values:
            values["file"] = stored_pdf(values["title"], f"dokument-{number}.pdf")
        return services.save_document(LibraryDocument(organisation=organisation, **values))

    return make


@pytest.fixture
def editor_a(org_a):
    return _member("urednik-a", org_a, Role.EDITOR)


@pytest.fixture
def editor_b(org_b):
    return _member("urednik-b", org_b, Role.EDITOR)
