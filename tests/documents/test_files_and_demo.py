"""The content checks on their own, the PDF writer, the demo seeder and the bench data."""

from __future__ import annotations

import io
import random
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from infocentar.documents import uploads
from infocentar.documents.pdf import build_pdf, encode_text

from . import files


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (files.pdf(), "pdf"),
        (files.docx(), "docx"),
        (files.xlsx(), "xlsx"),
        (files.odf(), "odt"),
        (files.odf("application/vnd.oasis.opendocument.spreadsheet"), "ods"),
        (files.odf("application/vnd.oasis.opendocument.presentation"), None),
        (files.docx(macros=True), "ooxml-macro"),
        (files.image("PNG"), "png"),
        (files.image("JPEG"), "jpeg"),
        (files.image("WEBP"), "webp"),
        (files.image("GIF"), "gif"),
        (files.plain_zip(), None),
        (files.exe(), None),
        (files.html(), None),
        (files.svg(), None),
        (b"%PDF-1.7\nno end marker", None),
        (b"PK\x03\x04 not really a zip", None),
        (b"", None),
    ],
)
def test_detect_format_reads_the_content(content, expected):
    assert uploads.detect_format(SimpleUploadedFile("x", content)) == expected


def test_markup_is_recognised_after_a_byte_order_mark_and_white_space():
    assert uploads.looks_like_markup(b"\xef\xbb\xbf  \n<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert uploads.looks_like_markup(b"<!DOCTYPE html>")
    assert not uploads.looks_like_markup(b"%PDF-1.4")


def test_a_zip_bomb_is_not_taken_for_an_office_file(settings):
    settings.INFOCENTAR_MAX_UPLOAD_MB = 1
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", files.CONTENT_TYPES_DOCX)
        archive.writestr("word/document.xml", b"0" * (25 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        uploads.check_document(SimpleUploadedFile("bomba.docx", buffer.getvalue()))
    assert error.value.code == "content_mismatch"


def test_an_image_document_is_reencoded_without_exif():
    checked = uploads.check_document(SimpleUploadedFile("foto.jpg", files.image("JPEG", exif=True)))
    from PIL import Image

    with Image.open(checked) as picture:
        assert not picture.getexif()


def test_png_transparency_survives_reencoding():
    from PIL import Image

    picture = Image.new("RGBA", (8, 8), (0, 0, 0, 0))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    checked = uploads.check_image(SimpleUploadedFile("prozirna.png", buffer.getvalue()))
    with Image.open(checked) as result:
        assert result.mode == "RGBA"
        assert result.getpixel((0, 0))[3] == 0


def test_animated_gif_keeps_its_frames():
    from PIL import Image

    frames = [Image.new("RGB", (6, 6), colour) for colour in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    checked = uploads.check_image(SimpleUploadedFile("animacija.gif", buffer.getvalue()))
    with Image.open(checked) as result:
        assert result.n_frames == 3


# --- the PDF writer -------------------------------------------------------------------------


def test_pdf_has_a_header_an_xref_and_an_end():
    data = build_pdf("Odluka", ["Tekst."])
    assert data.startswith(b"%PDF-1.4")
    assert data.rstrip().endswith(b"%%EOF")
    start = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    assert data[start:].startswith(b"xref")


def test_montenegrin_letters_use_their_own_glyphs():
    encoded = encode_text("ČčĆćĐđŠšŽž")
    assert b"?" not in encoded
    assert len(encoded) == 10
    data = build_pdf("Đurđevdan", ["č ć š ž đ"])
    for glyph in (b"/Ccaron", b"/ccaron", b"/Cacute", b"/cacute", b"/Dcroat", b"/dcroat"):
        assert glyph in data


def test_letters_the_font_lacks_become_question_marks():
    assert encode_text("Ω") == b"?"
    assert encode_text("€") == b"EUR"


def test_long_text_flows_onto_more_pages():
    data = build_pdf("Dugačak dokument", ["Rečenica sa slovima č ć š ž đ. " * 40] * 20)
    assert b"/Count 1 " not in data
    streams = [
        zlib.decompress(part.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0])
        for part in data.split(b"endobj")
        if b"/FlateDecode" in part
    ]
    assert len(streams) > 1
    assert all(b"Tj" in stream for stream in streams)


# --- demo and bench --------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_seeds_the_library_once(home_page):
    from django.core.management.color import no_style
    from wagtail.documents import get_document_model

    from infocentar.core import demo as core_demo
    from infocentar.documents import demo
    from infocentar.documents.models import DocumentLibraryPage, LibraryDocument

    out = io.StringIO()
    core_demo.seed(out, no_style())
    demo.seed(out, no_style())
    page = DocumentLibraryPage.objects.get()
    assert page.slug == "dokumenti" and page.live and page.show_in_menus
    assert LibraryDocument.objects.count() >= 40
    assert len(set(LibraryDocument.objects.values_list("document_type", flat=True))) == 8
    assert LibraryDocument.objects.values("organisation").distinct().count() >= 10
    assert LibraryDocument.objects.values("year").distinct().count() >= 5
    document = LibraryDocument.objects.select_related("file").first()
    with document.file.file.open() as handle:
        assert handle.read(5) == b"%PDF-"
    files_before = get_document_model().objects.count()
    second = io.StringIO()
    demo.seed(second, no_style())
    assert "(0 new)" in second.getvalue()
    assert get_document_model().objects.count() == files_before


@pytest.mark.django_db
def test_bench_generator_and_scenarios(home_page, org_a, org_b):
    from bench import scenarios
    from infocentar.documents import bench
    from infocentar.documents.models import LibraryDocument

    assert bench.library_documents(120, random.Random(1)) == 120
    assert LibraryDocument.objects.count() == 120
    assert LibraryDocument.objects.values("file").distinct().count() <= 2
    for name in ("document_library", "document_library_filtered", "api_documents"):
        paths = scenarios.get(name).paths()
        assert paths and all(path.startswith("/") for path in paths)
