"""The back office of acts: scoped viewsets, audit, the Word import with its preview, PDF attachments."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from infocentar.acts.docx import build_docx
from infocentar.acts.models import Act, ActAttachment, ActVersion, Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def acts(make_act, assembly, mayor):
    return {
        "assembly": make_act(assembly, title="Odluka Skupštine o grbu"),
        "mayor": make_act(mayor, title="Rješenje predsjednika o komisiji"),
    }


def test_assembly_service_sees_only_assembly_acts(mfa_client, assembly_secretary, acts):
    content = html.unescape(mfa_client(assembly_secretary).get(reverse("acts:index")).content.decode())
    assert "Odluka Skupštine o grbu" in content
    assert "Rješenje predsjednika o komisiji" not in content


def test_other_issuers_acts_answer_404(mfa_client, assembly_secretary, acts):
    client = mfa_client(assembly_secretary)
    other = acts["mayor"].pk
    for name in ("edit", "inspect", "delete", "history"):
        assert client.get(reverse(f"acts:{name}", args=[other])).status_code == 404, name
    response = client.post(reverse("acts:edit", args=[other]), {"title": "Preuzeto"})
    assert response.status_code == 404
    assert Act.objects.get(pk=other).title == "Rješenje predsjednika o komisiji"


def test_export_is_scoped(mfa_client, assembly_secretary, acts):
    response = mfa_client(assembly_secretary).get(reverse("acts:index"), {"export": "csv"})
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "Odluka Skupštine o grbu" in body and "Rješenje predsjednika" not in body


def test_ic_admin_sees_every_act(mfa_client, ic_admin, acts):
    content = html.unescape(mfa_client(ic_admin).get(reverse("acts:index")).content.decode())
    assert "Odluka Skupštine o grbu" in content and "Rješenje predsjednika o komisiji" in content


def test_it_contact_of_the_assembly_cannot_keep_acts(mfa_client, assembly, acts):
    from infocentar.core.models import Role

    from ..conftest import _member

    contact = _member("it-skupstina", assembly, Role.IT_CONTACT)
    response = mfa_client(contact).get(reverse("acts:index"))
    assert response.status_code in (302, 403) or "Odluka Skupštine" not in response.content.decode()
    assert mfa_client(contact).get(reverse("acts_import")).status_code in (302, 403)


def _act_form(act, **changes):
    data = {
        "type": act.type,
        "number": act.number,
        "title": act.title,
        "issuer": act.issuer_id,
        "prepared_by": "",
        "area": act.area,
        "sub_area": "",
        "summary": "",
        "status": act.status,
        "drafted_on": "",
        "debate_started_on": "",
        "proposed_on": "",
        "adopted_on": act.adopted_on.isoformat() if act.adopted_on else "",
        "amended_on": "",
        "repealed_on": "",
        "gazette_issue": "",
        "gazette_date": "",
        "gazette_registry_number": "",
        "published_on": "",
        "entry_into_force": "",
        "is_public": "on",
    }
    data.update(changes)
    return data


def test_edit_is_audited_with_before_and_after(mfa_client, assembly_secretary, acts):
    act = acts["assembly"]
    client = mfa_client(assembly_secretary)
    response = client.post(
        reverse("acts:edit", args=[act.pk]),
        _act_form(act, gazette_issue="7/2024", gazette_date="2024-03-10", status="published"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    act.refresh_from_db()
    assert act.gazette_issue == "7/2024"
    assert act.entry_into_force.isoformat() == "2024-03-18"
    entry = ModelLogEntry.objects.filter(object_id=str(act.pk), action="wagtail.edit").latest("timestamp")
    assert entry.user == assembly_secretary
    assert entry.data["changes"]["gazette_issue"] == ["", "7/2024"]
    assert entry.data["organisation_id"] == act.issuer_id


def test_a_date_of_entry_into_force_typed_in_the_form_is_kept(mfa_client, assembly_secretary, acts):
    act = acts["assembly"]
    client = mfa_client(assembly_secretary)
    published = _act_form(act, gazette_issue="7/2024", gazette_date="2024-03-10", status="published")
    assert client.post(reverse("acts:edit", args=[act.pk]), published).status_code == 302
    typed = {**published, "entry_into_force": "2024-04-01"}  # "set by hand" left unticked
    assert client.post(reverse("acts:edit", args=[act.pk]), typed).status_code == 302
    act.refresh_from_db()
    assert act.entry_into_force.isoformat() == "2024-04-01" and act.entry_into_force_set_by_hand
    moved = {**typed, "gazette_date": "2024-03-12", "entry_into_force_set_by_hand": "on"}
    assert client.post(reverse("acts:edit", args=[act.pk]), moved).status_code == 302
    act.refresh_from_db()
    assert act.entry_into_force.isoformat() == "2024-04-01"


def test_cannot_create_an_act_for_another_issuer(mfa_client, assembly_secretary, mayor, acts):
    client = mfa_client(assembly_secretary)
    data = _act_form(acts["assembly"], title="Podmetnuto", issuer=mayor.pk)
    response = client.post(reverse("acts:add"), data)
    assert response.status_code == 200  # the form answers with an error
    assert not Act.objects.filter(title="Podmetnuto").exists()


def test_version_viewset_is_scoped(mfa_client, assembly_secretary, acts):
    from infocentar.acts import services

    mine = services.create_version(acts["assembly"], label="Moj nacrt", articles=[services.ArticleData("1", "", "A")])
    other = services.create_version(acts["mayor"], label="Tuđi nacrt", articles=[services.ArticleData("1", "", "B")])
    client = mfa_client(assembly_secretary)
    content = client.get(reverse("acts_versions:index")).content.decode()
    assert "Moj nacrt" in content and "Tuđi nacrt" not in content
    assert client.get(reverse("acts_versions:inspect", args=[other.pk])).status_code == 404
    assert client.get(reverse("acts_versions:inspect", args=[mine.pk])).status_code == 200


# --- the Word import ----------------------------------------------------------------------

DRAFT = [
    "Na osnovu člana 38 Zakona o lokalnoj samoupravi Skupština opštine donijela je",
    "ODLUKU O KOMUNALNOM REDU",
    "I OSNOVNE ODREDBE",
    "Predmet",
    "Član 1",
    "Ovom odlukom uređuje se komunalni red.",
    "ČLAN 2.",
    "Pojmovi u ovoj odluci imaju sljedeće značenje.",
    "II NADZOR",
    "Član 2a",
    "Nadzor vrši komunalna policija.",
    "Члан 3",
    "Ова одлука ступа на снагу осмог дана од дана објављивања.",
]


def _assert_file_error(response, code: str) -> None:
    """The file field has the error `code`, and its (translated) message is on the page."""
    error = response.context["form"].errors.as_data()["file"][0]
    assert error.code == code
    assert error.messages[0] in html.unescape(response.content.decode())


def _upload(client, act, content: bytes, name: str = "nacrt.docx"):
    return client.post(
        reverse("acts_import"),
        {"act": act.pk, "label": "Nacrt", "kind": "draft", "file": SimpleUploadedFile(name, content)},
    )


def test_import_shows_a_preview_and_stores_nothing(mfa_client, assembly_secretary, acts):
    client = mfa_client(assembly_secretary)
    response = _upload(client, acts["assembly"], build_docx(DRAFT))
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert "4 articles recognised" in content or "4" in content
    assert "Član 2a" in content and "I OSNOVNE ODREDBE" in content
    assert not ActVersion.objects.exists()


def test_import_preview_corrected_then_saved(mfa_client, assembly_secretary, acts):
    client = mfa_client(assembly_secretary)
    preview = _upload(client, acts["assembly"], build_docx(DRAFT))
    text = preview.context["preview_form"].initial["text"]
    corrected = text.replace("Član 2a –", "Član 3 – Nadzor").replace("Član 3 –\n", "Član 4 –\n")
    response = client.post(
        reverse("acts_import"),
        {
            "step": "preview",
            "action": "save",
            "act": acts["assembly"].pk,
            "label": "Nacrt za javnu raspravu",
            "kind": "draft",
            "source_name": "nacrt.docx",
            "text": corrected,
        },
    )
    assert response.status_code == 302
    version = ActVersion.objects.get()
    assert version.label == "Nacrt za javnu raspravu"
    rows = list(version.articles.values_list("chapter", "number", "heading"))
    assert rows == [
        ("I OSNOVNE ODREDBE", "1", "Predmet"),
        ("I OSNOVNE ODREDBE", "2", ""),
        ("II NADZOR", "3", "Nadzor"),
        ("II NADZOR", "4", ""),
    ]
    assert version.preamble.startswith("Na osnovu člana 38")
    assert ModelLogEntry.objects.filter(object_id=str(version.pk), user=assembly_secretary).exists()


def _zip_with_a_password() -> bytes:
    """A .docx whose parts are marked encrypted at the ZIP level (as archivers with a password write them)."""
    import io
    import zipfile

    data = bytearray(build_docx(DRAFT))
    for info in zipfile.ZipFile(io.BytesIO(bytes(data))).infolist():
        data[info.header_offset + 6] |= 0x1  # the local header's "encrypted" flag
    at = data.find(b"PK\x01\x02")
    while at != -1:  # and each central directory entry's
        data[at + 8] |= 0x1
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


@pytest.mark.parametrize(
    "content,name,message",
    [
        (b"%PDF-1.4 not a word file", "nacrt.docx", "not_docx"),
        (_zip_with_a_password(), "nacrt.docx", "encrypted"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "nacrt.docx", "encrypted"),
        (build_docx(DRAFT, macros=True), "nacrt.docm", "macros"),
        (build_docx(["Uvod", "Tekst bez članova."]), "nacrt.docx", "no_articles"),
        (b"PK\x03\x04garbage", "nacrt.docx", "damaged"),
    ],
)
def test_import_refuses_bad_files_with_a_clear_message(mfa_client, assembly_secretary, acts, content, name, message):
    client = mfa_client(assembly_secretary)
    response = _upload(client, acts["assembly"], content, name)
    assert response.status_code == 200
    _assert_file_error(response, message)
    assert not ActVersion.objects.exists() and not Article.objects.exists()


def test_import_refuses_a_file_over_the_limit(mfa_client, assembly_secretary, acts, settings):
    settings.ACTS_MAX_DOCX_MB = 1
    client = mfa_client(assembly_secretary)
    big = build_docx(DRAFT) + b"\0" * (1024 * 1024 + 10)
    response = _upload(client, acts["assembly"], big)
    _assert_file_error(response, "too_large")
    assert not ActVersion.objects.exists()


def test_import_into_another_issuers_act_is_refused(mfa_client, assembly_secretary, acts):
    client = mfa_client(assembly_secretary)
    response = _upload(client, acts["mayor"], build_docx(DRAFT))
    assert response.status_code == 200 and "preview_form" not in response.context
    response = client.post(
        reverse("acts_import"),
        {
            "step": "preview",
            "action": "save",
            "act": acts["mayor"].pk,
            "label": "X",
            "kind": "draft",
            "text": "Član 1\n\nA",
        },
    )
    assert not ActVersion.objects.exists()


def test_generated_200_article_docx_imports_correctly(mfa_client, assembly_secretary, acts):
    from infocentar.acts.bench import draft_paragraphs

    paragraphs = draft_paragraphs(200)
    client = mfa_client(assembly_secretary)
    preview = _upload(client, acts["assembly"], build_docx(paragraphs))
    text = preview.context["preview_form"].initial["text"]
    response = client.post(
        reverse("acts_import"),
        {
            "step": "preview",
            "action": "save",
            "act": acts["assembly"].pk,
            "label": "Veliki nacrt",
            "kind": "draft",
            "source_name": "veliki.docx",
            "text": text,
        },
    )
    assert response.status_code == 302
    version = ActVersion.objects.get()
    numbers = list(version.articles.values_list("number", flat=True))
    assert numbers == [str(n) for n in range(1, 201)]
    assert version.articles.exclude(chapter="").count() == 200
    assert all(version.articles.values_list("text", flat=True))


def test_attach_a_pdf(mfa_client, assembly_secretary, acts):
    from infocentar.documents.pdf import build_pdf

    client = mfa_client(assembly_secretary)
    pdf = build_pdf("Službeni list", ["Odluka o grbu"])
    response = client.post(
        reverse("acts_attach"),
        {"act": acts["assembly"].pk, "title": "Službeni list 7/2024", "file": SimpleUploadedFile("sl.pdf", pdf)},
    )
    assert response.status_code == 302
    attachment = ActAttachment.objects.get()
    assert attachment.document is not None
    page = client.get(acts["assembly"].get_absolute_url()).content.decode()
    assert "Službeni list 7/2024" in page


def test_attach_refuses_a_fake_pdf(mfa_client, assembly_secretary, acts):
    client = mfa_client(assembly_secretary)
    response = client.post(
        reverse("acts_attach"),
        {"act": acts["assembly"].pk, "title": "Lažni", "file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf")},
    )
    assert response.status_code == 200
    assert not ActAttachment.objects.exists()


@pytest.mark.parametrize("name", ["acts", "acts_versions", "acts_relations", "acts_attachments"])
def test_every_listing_and_add_form_renders(mfa_client, assembly_secretary, acts, name):
    client = mfa_client(assembly_secretary)
    assert client.get(reverse(f"{name}:index")).status_code == 200
    if name != "acts_attachments":
        assert client.get(reverse(f"{name}:add")).status_code == 200


def test_import_and_attach_forms_render(mfa_client, assembly_secretary, acts):
    client = mfa_client(assembly_secretary)
    content = client.get(reverse("acts_import"), {"act": acts["assembly"].pk}).content.decode()
    assert "Odluka Skupštine o grbu" in html.unescape(content)
    assert "Rješenje predsjednika" not in html.unescape(content)  # another issuer's act is not offered
    assert client.get(reverse("acts_attach")).status_code == 200


@pytest.mark.parametrize("name", ["acts", "acts_versions"])
def test_admin_listing_queries_do_not_grow(mfa_client, assembly_secretary, make_act, assembly, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from infocentar.acts import services

    def add(n):
        for _ in range(n):
            act = make_act(assembly)
            services.create_version(act, label="Nacrt", articles=[services.ArticleData("1", "", "A")])

    client = mfa_client(assembly_secretary)
    add(2)
    client.get(reverse(f"{name}:index"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(f"{name}:index"))
    add(6)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(f"{name}:index"))
    assert len(few.captured_queries) == len(many.captured_queries)


def test_edit_a_saved_versions_text(mfa_client, assembly_secretary, act_with_versions):
    _act, v1, _v2 = act_with_versions
    client = mfa_client(assembly_secretary)
    url = reverse("acts_version_text", args=[v1.pk])
    text = client.get(url).context["form"].initial["text"]
    assert "Član 3 – Nadzor" in text
    response = client.post(url, {"action": "save", "text": text.replace("komunalna policija", "komunalni inspektor")})
    assert response.status_code == 302
    assert "komunalni inspektor" in v1.articles.get(number="3").text
    assert ModelLogEntry.objects.filter(object_id=str(v1.pk), user=assembly_secretary, action="wagtail.edit").exists()
    response = client.post(url, {"action": "save", "text": "no articles here"})
    assert response.status_code == 200 and v1.articles.count() == 3


def test_edit_text_of_another_issuers_version_is_404(mfa_client, mayors_staff, act_with_versions):
    _act, v1, _v2 = act_with_versions
    assert mfa_client(mayors_staff).get(reverse("acts_version_text", args=[v1.pk])).status_code == 404
