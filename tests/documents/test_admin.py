"""The back office of the library: the scoped viewset (list, inspect, edit, export, history) and its audit."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from infocentar.documents.models import DocumentType, LibraryDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def docs(make_document, org_a, org_a_child, org_b):
    return {
        "a": make_document(org_a, title="Budžet Vodovoda za 2026", document_type=DocumentType.BUDGET, year=2026),
        "a_child": make_document(org_a_child, title="Izvještaj službe održavanja", year=2024),
        "b": make_document(org_b, title="Program Centra za kulturu", document_type=DocumentType.PLAN),
    }


def _index(client, **params):
    return client.get(reverse("library_documents:index"), params)


def test_editor_sees_only_their_organisations_documents(mfa_client, editor_a, docs):
    content = html.unescape(_index(mfa_client(editor_a)).content.decode())
    assert "Budžet Vodovoda za 2026" in content
    assert "Izvještaj službe održavanja" in content  # a unit below the editor's organisation
    assert "Program Centra za kulturu" not in content


def test_other_organisations_documents_answer_404(mfa_client, editor_a, docs):
    client = mfa_client(editor_a)
    other = docs["b"].pk
    for name in ("edit", "inspect", "delete", "history"):
        assert client.get(reverse(f"library_documents:{name}", args=[other])).status_code == 404, name
    response = client.post(
        reverse("library_documents:edit", args=[other]),
        {
            "title": "Preuzeto",
            "document_type": "plan",
            "year": 2025,
            "organisation": docs["a"].organisation_id,
            "published_on": "2025-01-01",
            "is_public": "on",
        },
    )
    assert response.status_code == 404
    assert LibraryDocument.objects.get(pk=other).title == "Program Centra za kulturu"


def test_export_is_scoped(mfa_client, editor_a, docs):
    client = mfa_client(editor_a)
    csv = client.get(reverse("library_documents:index"), {"export": "csv"})
    assert csv.status_code == 200
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Budžet Vodovoda za 2026" in body
    assert "Program Centra za kulturu" not in body
    xlsx = client.get(reverse("library_documents:index"), {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_organisation_choices_are_scoped(mfa_client, editor_a, docs, org_b):
    client = mfa_client(editor_a)
    add = client.get(reverse("library_documents:add")).content.decode()
    assert f'<option value="{org_b.pk}"' not in add
    assert f'<option value="{docs["a"].organisation_id}"' in add
    listing = _index(client).content.decode()
    assert f'value="{org_b.pk}"' not in listing


def test_global_role_sees_everything(mfa_client, ic_admin, docs):
    content = html.unescape(_index(mfa_client(ic_admin)).content.decode())
    assert "Program Centra za kulturu" in content
    assert "Budžet Vodovoda za 2026" in content


def test_member_without_the_library_permission_gets_no_access(mfa_client, it_contact_a, docs):
    assert _index(mfa_client(it_contact_a)).status_code in (302, 403)


def test_filters_search_and_sorting(mfa_client, editor_a, docs):
    client = mfa_client(editor_a)
    by_type = html.unescape(_index(client, document_type="budget").content.decode())
    assert "Budžet Vodovoda za 2026" in by_type
    assert "Izvještaj službe održavanja" not in by_type
    by_year = html.unescape(_index(client, year="2024").content.decode())
    assert "Izvještaj službe održavanja" in by_year
    assert "Budžet Vodovoda za 2026" not in by_year
    for query in ("budzet", "БУЏЕТ", "Budžet"):
        found = html.unescape(_index(client, q=query).content.decode())
        assert "Budžet Vodovoda za 2026" in found, query
        assert "Izvještaj službe održavanja" not in found, query
    for ordering in ("organisation__name", "-year", "title"):
        assert _index(client, q="budzet", ordering=ordering).status_code == 200, ordering
    by_title = html.unescape(_index(client, ordering="title").content.decode())
    assert by_title.index("Budžet Vodovoda") < by_title.index("Izvještaj službe")


def test_create_with_the_document_chooser_writes_the_audit_entry(mfa_client, editor_a, org_a, stored_pdf):
    client = mfa_client(editor_a)
    form = client.get(reverse("library_documents:add")).content.decode()
    assert "document-chooser" in form or "w-document-chooser" in form or "data-chooser" in form
    file = stored_pdf("Plan rada", "plan.pdf")
    response = client.post(
        reverse("library_documents:add"),
        {
            "title": "Plan rada Vodovoda za 2026",
            "document_type": "plan",
            "year": 2026,
            "organisation": org_a.pk,
            "description": "Plan.",
            "file": file.pk,
            "published_on": "2026-01-15",
            "is_public": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = LibraryDocument.objects.get(title="Plan rada Vodovoda za 2026")
    assert document.file == file
    entry = ModelLogEntry.objects.for_instance(document).filter(action="wagtail.create").get()
    assert entry.data["organisation_id"] == org_a.pk
    assert entry.user_id == editor_a.pk


def test_an_editor_cannot_create_for_another_organisation(mfa_client, editor_a, org_b):
    response = mfa_client(editor_a).post(
        reverse("library_documents:add"),
        {
            "title": "Tuđi dokument",
            "document_type": "plan",
            "year": 2026,
            "organisation": org_b.pk,
            "published_on": "2026-01-15",
            "is_public": "on",
        },
    )
    assert response.status_code == 200
    assert not LibraryDocument.objects.filter(title="Tuđi dokument").exists()


def test_year_out_of_range_is_a_form_error(mfa_client, editor_a, org_a):
    response = mfa_client(editor_a).post(
        reverse("library_documents:add"),
        {
            "title": "Stari dokument",
            "document_type": "other",
            "year": 1950,
            "organisation": org_a.pk,
            "published_on": "2026-01-15",
        },
    )
    assert response.status_code == 200
    assert not LibraryDocument.objects.exists()


def test_edit_and_history(mfa_client, editor_a, docs):
    client = mfa_client(editor_a)
    document = docs["a"]
    response = client.post(
        reverse("library_documents:edit", args=[document.pk]),
        {
            "title": "Budžet Vodovoda za 2026 (izmjena)",
            "document_type": "budget",
            "year": 2026,
            "organisation": document.organisation_id,
            "published_on": "2026-01-02",
            "is_public": "on",
            "file": document.file_id,
        },
    )
    assert response.status_code == 302
    entry = ModelLogEntry.objects.for_instance(document).filter(action="wagtail.edit").latest("timestamp")
    assert entry.data["changes"]["title"] == ["Budžet Vodovoda za 2026", "Budžet Vodovoda za 2026 (izmjena)"]
    history = client.get(reverse("library_documents:history", args=[document.pk]))
    assert history.status_code == 200
    assert "Budžet Vodovoda za 2026 (izmjena)" in html.unescape(history.content.decode())
    inspect = client.get(reverse("library_documents:inspect", args=[document.pk]))
    assert inspect.status_code == 200
    assert client.get(reverse("library_documents:usage", args=[document.pk])).status_code == 200


def test_listing_queries_do_not_grow(mfa_client, editor_a, make_document, org_a, stored_pdf):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = mfa_client(editor_a)
    file = stored_pdf()
    make_document(org_a, file=file)
    _index(client)
    with CaptureQueriesContext(connection) as small:
        _index(client)
    for _ in range(15):
        make_document(org_a, file=file)
    with CaptureQueriesContext(connection) as large:
        _index(client)
    assert len(large.captured_queries) <= len(small.captured_queries) + 1


def test_menu_item(mfa_client, editor_a):
    content = mfa_client(editor_a).get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("library_documents:index") in content
