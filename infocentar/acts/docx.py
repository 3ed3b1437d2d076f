"""Reading the paragraphs of a Word (DOCX) file, safely; and writing a plain one (demo, bench, tests).

A DOCX is a ZIP of XML parts. We read only `word/document.xml` with the
standard library, after checking what the file really is: a DOCX that is not
a ZIP, an encrypted one (Word stores those as an OLE compound file), one with
macros, one larger than the limit or one that expands too much is refused
with a message that says why. Nothing is executed and no external entity is
resolved (defusedxml, DTDs refused).
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
DEFAULT_MAX_MB = 10
EXPANSION_LIMIT = 30  # the unpacked document.xml may be at most this many times the limit
MACRO_PARTS = ("word/vbaproject.bin", "word/vbadata.xml")
MACRO_CONTENT_TYPE = "macroenabled"


def max_bytes() -> int:
    return int(getattr(settings, "ACTS_MAX_DOCX_MB", DEFAULT_MAX_MB)) * 1024 * 1024


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def check_size(size: int) -> None:
    """ValidationError when a file of `size` bytes is over the import's limit."""
    limit = max_bytes()
    if size > limit:
        raise _refuse(
            _("The file is too large (%(size)s). The largest Word file that can be imported is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            "too_large",
        )


def _encrypted():
    return _refuse(
        _(
            "This file is password-protected (encrypted) or in the old Word format (.doc). "
            "Remove the password or save it as a Word document (.docx) and try again."
        ),
        "encrypted",
    )


def read_paragraphs(data: bytes) -> list[str]:
    """The document's paragraphs as text, in order (tables' cells included). ValidationError if refused."""
    limit = max_bytes()
    check_size(len(data))
    if data.startswith(OLE_MAGIC):
        raise _encrypted()
    if not data.startswith(ZIP_MAGIC):
        raise _refuse(_("This is not a Word document (.docx). Save the file as .docx and try again."), "not_docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = {info.filename.lower(): info for info in archive.infolist()}
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refuse(_("The Word file is damaged and cannot be read."), "damaged") from None
    if any(info.flag_bits & 0x1 for info in names.values()):  # a ZIP-level password on some part
        raise _encrypted()
    content_types = b""
    if "[content_types].xml" in names:
        content_types = archive.read(names["[content_types].xml"]).lower()
    if any(part in names for part in MACRO_PARTS) or MACRO_CONTENT_TYPE.encode() in content_types:
        raise _refuse(
            _("This Word file contains macros, which are not accepted. Save it as a plain Word document (.docx)."),
            "macros",
        )
    info = names.get("word/document.xml")
    if info is None:
        raise _refuse(_("This is not a Word document (.docx). Save the file as .docx and try again."), "not_docx")
    if info.file_size > EXPANSION_LIMIT * limit:
        raise _refuse(_("The Word file is damaged and cannot be read."), "damaged")
    try:
        xml = archive.read(info)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        raise _refuse(_("The Word file is damaged and cannot be read."), "damaged") from None
    try:
        root = safe_fromstring(xml, forbid_dtd=True)
    except (ET.ParseError, DefusedXmlException):
        raise _refuse(_("The Word file is damaged and cannot be read."), "damaged") from None
    return [_paragraph_text(p) for p in root.iter(f"{{{W}}}p")]


def _paragraph_text(paragraph: ET.Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "t" and node.text:
            parts.append(node.text)
        elif tag == "tab":
            parts.append("\t")
        elif tag in ("br", "cr"):
            parts.append("\n")
    return "".join(parts)


# --- writing ------------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def build_docx(paragraphs: list[str], *, macros: bool = False) -> bytes:
    """A minimal, valid DOCX with one paragraph per item (bold-free, style-free)."""
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>' for text in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
        if macros:
            archive.writestr("word/vbaProject.bin", b"\x00" * 64)
    return buffer.getvalue()
