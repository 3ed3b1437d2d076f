"""Every upload of a document or an image is checked by content, through Wagtail's own admin views.

An editor with MFA uploads real files; a refused file shows a clear message and stores nothing.
"""

from __future__ import annotations

import html
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from . import files

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()


@pytest.fixture
def admin_client(mfa_client, editor):
    """The editor, logged in with MFA, reading the admin in English (the messages' msgids)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    return mfa_client(editor)


def _add_document(client, name: str, content: bytes, title: str = "Dokument"):
    return client.post(reverse("wagtaildocs:add"), {"title": title, "file": SimpleUploadedFile(name, content)})


def _add_documents_multiple(client, name: str, content: bytes):
    return client.post(reverse("wagtaildocs:add_multiple"), {"files[]": SimpleUploadedFile(name, content)})


def _add_image(client, name: str, content: bytes, title: str = "Slika"):
    return client.post(reverse("wagtailimages:add"), {"title": title, "file": SimpleUploadedFile(name, content)})


def _add_images_multiple(client, name: str, content: bytes):
    return client.post(reverse("wagtailimages:add_multiple"), {"files[]": SimpleUploadedFile(name, content)})


def _text(response) -> str:
    return html.unescape(response.content.decode())


# --- documents accepted -------------------------------------------------------------------


def test_a_valid_pdf_is_stored(admin_client):
    response = _add_document(admin_client, "odluka.pdf", files.pdf())
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.file_extension == "pdf"
    assert document.file_size == len(files.pdf())


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("odluka.docx", files.docx()),
        ("budzet.xlsx", files.xlsx()),
        ("zapisnik.odt", files.odf()),
        ("tabela.ods", files.odf("application/vnd.oasis.opendocument.spreadsheet")),
        ("fotografija.png", files.image("PNG")),
        ("fotografija.jpg", files.image("JPEG")),
        ("fotografija.webp", files.image("WEBP")),
    ],
)
def test_allowed_formats_are_stored(admin_client, name, content):
    response = _add_document(admin_client, name, content)
    assert response.status_code == 302, _text(response)
    assert Document.objects.count() == 1


def test_the_multiple_uploader_stores_a_valid_docx(admin_client):
    response = _add_documents_multiple(admin_client, "odluka.docx", files.docx())
    assert response.json()["success"] is True
    assert Document.objects.count() == 1


# --- documents refused ----------------------------------------------------------------------


REFUSED_DOCUMENTS = [
    ("program.exe.pdf", files.exe(), "is not a valid PDF file"),
    ("setup.pdf", files.exe(), "is not a valid PDF file"),
    ("slika.pdf", files.image("PNG"), "its content is in the PNG format"),
    ("stranica.html", files.html(), "Files of type .html cannot be uploaded"),
    ("stranica.pdf", files.html(), "Web pages, SVG and other markup files cannot be uploaded"),
    ("grb.svg", files.svg(), "Files of type .svg cannot be uploaded"),
    ("grb.png", files.svg(), "Web pages, SVG and other markup files cannot be uploaded"),
    ("odluka.docx", files.plain_zip(), "is not a valid DOCX file"),
    ("odluka.docx", files.xlsx(), "its content is in the XLSX format"),
    ("odluka.docx", files.docx(macros=True), "The file contains macros"),
    ("zapisnik.odt", files.odf("application/vnd.oasis.opendocument.spreadsheet"), "its content is in the ODS format"),
    ("odluka.pdf", files.pdf()[:200], "is not a valid PDF file"),
    ("tekst.txt", b"obican tekst", "Files of type .txt cannot be uploaded"),
    ("odluka.docx", files.pdf(), "its content is in the PDF format"),
    ("slika.png", files.corrupt_png(), "The image cannot be read"),
]


@pytest.mark.parametrize(("name", "content", "message"), REFUSED_DOCUMENTS)
def test_refused_documents_store_nothing_and_say_why(admin_client, name, content, message):
    response = _add_document(admin_client, name, content)
    assert response.status_code == 200
    assert message in _text(response)
    assert Document.objects.count() == 0


@pytest.mark.parametrize(("name", "content", "message"), REFUSED_DOCUMENTS[:6])
def test_the_multiple_uploader_refuses_them_too(admin_client, name, content, message):
    response = _add_documents_multiple(admin_client, name, content)
    data = json.loads(response.content)
    assert data["success"] is False
    assert message in data["error_message"]
    assert Document.objects.count() == 0


def test_a_too_large_document_is_refused(admin_client, settings):
    settings.INFOCENTAR_MAX_UPLOAD_MB = 1
    big = files.pdf() + b"%" + b"0" * (1024 * 1024) + b"\n%%EOF\n"
    response = _add_document(admin_client, "velika.pdf", big)
    assert response.status_code == 200
    assert "The file is too large" in _text(response)
    assert "Files may be at most 1 MB." in _text(response)
    assert "is not allowed" not in _text(response)
    assert Document.objects.count() == 0


def test_replacing_a_documents_file_is_checked_too(admin_client):
    _add_document(admin_client, "odluka.pdf", files.pdf())
    document = Document.objects.get()
    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": "Odluka", "file": SimpleUploadedFile("odluka.pdf", files.exe())},
    )
    assert response.status_code == 200
    assert "is not a valid PDF file" in _text(response)
    document.refresh_from_db()
    assert document.file.read().startswith(b"%PDF-")


def test_an_image_uploaded_as_a_document_loses_its_exif(admin_client):
    _add_document(admin_client, "foto.jpg", files.image("JPEG", exif=True))
    stored = Document.objects.get()
    with stored.file.open() as handle, PILImage.open(handle) as picture:
        assert not picture.getexif()


# --- images -------------------------------------------------------------------------------


def test_a_valid_image_is_stored(admin_client):
    response = _add_image(admin_client, "trg.png", files.image("PNG"))
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (24, 16)


def test_exif_is_stripped_and_the_orientation_applied(admin_client):
    original = files.image("JPEG", (40, 20), exif=True, orientation=6)
    with PILImage.open(io.BytesIO(original)) as picture:
        assert picture.getexif()[0x010F] == "Kamera d.o.o."
    response = _add_image(admin_client, "foto.jpg", original)
    assert response.status_code == 302
    image = Image.objects.get()
    with image.file.open() as handle, PILImage.open(handle) as picture:
        assert not picture.getexif()
        assert picture.format == "JPEG"
        assert picture.size == (20, 40)  # turned as the orientation tag said
    assert (image.width, image.height) == (20, 40)
    assert image.file_size == image.file.size


def test_the_multiple_image_uploader_strips_exif(admin_client):
    response = _add_images_multiple(admin_client, "foto.webp", files.image("WEBP", exif=True))
    assert response.json()["success"] is True
    with Image.objects.get().file.open() as handle, PILImage.open(handle) as picture:
        assert not picture.getexif()


REFUSED_IMAGES = [
    ("grb.svg", files.svg()),
    ("stranica.html", files.html()),
    ("slika.png", files.corrupt_png()),
    ("slika.jpg", files.truncated_jpeg()),
    ("slika.png", files.exe()),
    ("slika.png", files.image("JPEG")),
    ("slika.jpg", files.pdf()),
]


@pytest.mark.parametrize(("name", "content"), REFUSED_IMAGES)
def test_refused_images_store_nothing(admin_client, name, content):
    response = _add_image(admin_client, name, content)
    assert response.status_code == 200
    assert Image.objects.count() == 0
    assert 'class="error-message"' in response.content.decode() or "error" in response.content.decode()


def test_a_truncated_jpeg_gets_our_message(admin_client):
    response = _add_image(admin_client, "slika.jpg", files.truncated_jpeg())
    assert "The image cannot be read: it is damaged or not an image." in _text(response)
    assert Image.objects.count() == 0


def test_an_image_with_too_many_pixels_is_refused(admin_client, settings):
    settings.INFOCENTAR_MAX_IMAGE_PIXELS = 1000
    response = _add_images_multiple(admin_client, "velika.png", files.image("PNG", (100, 100)))
    data = response.json()
    assert data["success"] is False
    assert "too large in pixels" in data["error_message"]
    assert Image.objects.count() == 0


def test_a_too_large_image_file_is_refused(admin_client, settings):
    settings.INFOCENTAR_MAX_UPLOAD_MB = 0
    response = _add_image(admin_client, "trg.png", files.image("PNG"))
    assert "The file is too large" in _text(response)
    assert Image.objects.count() == 0


# --- the choosers' upload tabs ----------------------------------------------------------------


def test_the_document_choosers_upload_is_checked(admin_client):
    url = reverse("wagtaildocs_chooser:create")
    refused = admin_client.post(
        url,
        {
            "document-chooser-upload-title": "Setup",
            "document-chooser-upload-file": SimpleUploadedFile("a.pdf", files.exe()),
        },
    )
    assert refused.json()["step"] == "reshow_creation_form"
    assert "is not a valid PDF file" in html.unescape(refused.json()["htmlFragment"])
    assert Document.objects.count() == 0
    accepted = admin_client.post(
        url,
        {
            "document-chooser-upload-title": "Odluka",
            "document-chooser-upload-file": SimpleUploadedFile("a.pdf", files.pdf()),
        },
    )
    assert accepted.json()["step"] == "chosen"
    assert Document.objects.count() == 1


def test_the_image_choosers_upload_is_checked(admin_client):
    url = reverse("wagtailimages_chooser:create")
    refused = admin_client.post(
        url,
        {"image-chooser-upload-title": "Grb", "image-chooser-upload-file": SimpleUploadedFile("grb.png", files.svg())},
    )
    assert refused.json()["step"] == "reshow_creation_form"
    assert Image.objects.count() == 0
    accepted = admin_client.post(
        url,
        {
            "image-chooser-upload-title": "Trg",
            "image-chooser-upload-file": SimpleUploadedFile("trg.jpg", files.image("JPEG", exif=True)),
        },
    )
    assert accepted.json()["step"] in ("chosen", "select_format")
    with Image.objects.get().file.open() as handle, PILImage.open(handle) as picture:
        assert not picture.getexif()


def test_a_truncated_jpeg_is_refused_even_after_weasyprint_loosened_pillow(admin_client):
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the process when imported; uploads stay strict."""
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    ImageFile.LOAD_TRUNCATED_IMAGES = True
    response = _add_image(admin_client, "slika.jpg", files.truncated_jpeg())
    assert "The image cannot be read: it is damaged or not an image." in _text(response)
    assert Image.objects.count() == 0
