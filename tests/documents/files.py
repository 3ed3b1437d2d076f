"""Real files built in the tests: PDF, DOCX, XLSX, ODT, ODS, images, and things pretending to be them."""

from __future__ import annotations

import io
import zipfile

from infocentar.documents.pdf import build_pdf

CONTENT_TYPES_DOCX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
CONTENT_TYPES_XLSX = CONTENT_TYPES_DOCX.replace("/word/document.xml", "/xl/workbook.xml").replace(
    "wordprocessingml.document.main+xml", "spreadsheetml.sheet.main+xml"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Odluka o budžetu — član 1.</w:t></w:r></w:p></w:body></w:document>"
)


def pdf(title: str = "Odluka o budžetu") -> bytes:
    return build_pdf(title, ["Član 1. Ovom odlukom utvrđuju se prihodi i rashodi: č ć š ž đ."])


def _zip(entries: list[tuple[str, bytes | str]], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries):
            compress = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compress)
    return buffer.getvalue()


def docx(*, macros: bool = False) -> bytes:
    content_types = CONTENT_TYPES_DOCX
    entries: list[tuple[str, bytes | str]] = [("_rels/.rels", RELS), ("word/document.xml", DOCUMENT_XML)]
    if macros:
        content_types = content_types.replace(
            "wordprocessingml.document.main+xml", "vnd.ms-word.document.macroEnabled.main+xml"
        )
        entries.append(("word/vbaProject.bin", b"\x00" * 64))
    return _zip([("[Content_Types].xml", content_types), *entries])


def xlsx() -> bytes:
    return _zip([("[Content_Types].xml", CONTENT_TYPES_XLSX), ("xl/workbook.xml", "<workbook/>")])


def odf(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    return _zip(
        [
            ("mimetype", mimetype),
            ("content.xml", "<office:document-content/>"),
            ("META-INF/manifest.xml", "<manifest:manifest/>"),
        ],
        stored_first=True,
    )


def plain_zip() -> bytes:
    return _zip([("readme.txt", "samo arhiva")])


def exe() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program cannot be run"


def html() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def svg() -> bytes:
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
    )


def image(fmt: str = "PNG", size: tuple[int, int] = (24, 16), *, exif: bool = False, orientation: int = 1) -> bytes:
    from PIL import Image

    picture = Image.new("RGB", size, (140, 29, 24))
    picture.putpixel((0, 0), (255, 255, 255))
    buffer = io.BytesIO()
    options = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "Kamera d.o.o."  # Make
        data[0x0110] = "Model X"  # Model
        data[0x0131] = "Telefon urednika"  # Software
        data[0x0112] = orientation  # Orientation
        data[0x8825] = {1: "N", 2: (42.0, 25.0, 0.0), 3: "E", 4: (18.0, 46.0, 0.0)}  # GPS
        options["exif"] = data.tobytes()
    picture.save(buffer, fmt, **options)
    return buffer.getvalue()


def truncated_jpeg() -> bytes:
    data = image("JPEG", (400, 300))
    return data[: len(data) // 3]


def corrupt_png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x13" * 300
