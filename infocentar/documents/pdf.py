"""Small, valid PDF files with Montenegrin text, written without any library.

For the demo and the tests: a title and paragraphs on A4 pages in Helvetica,
one of the fonts every PDF reader has. Helvetica's glyphs include Č, Ć, Đ, Š
and Ž, but the standard WinAnsi encoding lacks Č, Ć and Đ, so the font gets
an encoding of its own (WinAnsi with /Differences putting those five
letters on codes Montenegrin never uses), and the text is encoded with it.
The glyph names are the standard ones, so text copied or extracted from the
PDF is right too.

(Neither of the PDF libraries on PyPI fits without another dependency:
fpdf2 ships no font beyond the Latin-1 core fonts, and ReportLab's bundled
Vera lacks Đ.)
"""

from __future__ import annotations

import datetime
import textwrap
import zlib

# Codes of WinAnsi characters Montenegrin text never needs, reused for its own letters.
_EXTRA_GLYPHS = {
    "Č": (0x80, "Ccaron"),  # WinAnsi: € (written as "EUR" instead)
    "č": (0x81, "ccaron"),  # undefined in WinAnsi
    "Ć": (0x8D, "Cacute"),  # undefined
    "ć": (0x8F, "cacute"),  # undefined
    "Đ": (0x90, "Dcroat"),  # undefined
    "đ": (0x9D, "dcroat"),  # undefined
}
_SUBSTITUTES = {"€": "EUR", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "−": "-"}
PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 64
BODY_SIZE, TITLE_SIZE, LEADING = 11, 17, 15
CHARS_PER_LINE = 86  # Helvetica 11 pt across the text width, allowing for wide letters
TITLE_CHARS_PER_LINE = 52


def encode_text(text: str) -> bytes:
    """The text in the font's encoding; characters the font lacks become '?'."""
    out = bytearray()
    for char in text:
        char = _SUBSTITUTES.get(char, char)
        for part in char:
            if part in _EXTRA_GLYPHS:
                out.append(_EXTRA_GLYPHS[part][0])
                continue
            try:
                encoded = part.encode("cp1252")
            except UnicodeEncodeError:
                encoded = b"?"
            if encoded and encoded[0] in {code for code, _name in _EXTRA_GLYPHS.values()}:
                encoded = b"?"
            out += encoded
    return bytes(out)


def _literal(data: bytes) -> bytes:
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _info_string(text: str) -> bytes:
    """A text string for the document information dictionary (UTF-16BE with a byte order mark)."""
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode() + b">"


def _lines(title: str, paragraphs: list[str]) -> list[tuple[str, int, int]]:
    """(text, font size, space before) for each line, wrapped to the page width."""
    lines: list[tuple[str, int, int]] = []
    for index, line in enumerate(textwrap.wrap(title, TITLE_CHARS_PER_LINE) or [""]):
        lines.append((line, TITLE_SIZE, 0 if index == 0 else 4))
    for paragraph in paragraphs:
        for index, line in enumerate(textwrap.wrap(paragraph, CHARS_PER_LINE) or [""]):
            lines.append((line, BODY_SIZE, 12 if index == 0 else 0))
    return lines


def _pages(lines: list[tuple[str, int, int]]) -> list[bytes]:
    """A content stream per page."""
    pages: list[bytes] = []
    ops: list[bytes] = []
    y = PAGE_HEIGHT - MARGIN
    for text, size, before in lines:
        y -= before + (size + 6 if size == TITLE_SIZE else LEADING)
        if y < MARGIN:
            pages.append(b"\n".join(ops))
            ops, y = [], PAGE_HEIGHT - MARGIN - LEADING
        font = b"/F2" if size == TITLE_SIZE else b"/F1"
        ops.append(b"BT %s %d Tf %d %d Td %s Tj ET" % (font, size, MARGIN, y, _literal(encode_text(text))))
    pages.append(b"\n".join(ops))
    return pages


def build_pdf(
    title: str,
    paragraphs: list[str],
    *,
    author: str = "",
    subject: str = "",
    created: datetime.datetime | None = None,
) -> bytes:
    """A PDF 1.4 file: the title in bold, then the paragraphs, as many A4 pages as they need."""
    created = created or datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    streams = _pages(_lines(title, paragraphs))
    differences = b" ".join(b"%d /%s" % (code, name.encode()) for code, name in sorted(_EXTRA_GLYPHS.values()))
    encoding = b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [%s] >>" % differences

    # Objects: 1 catalog, 2 pages, 3 regular font, 4 bold font, 5 info, then page + content per page.
    first_page = 6
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(len(streams)))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (cnr-Latn) /ViewerPreferences << /DisplayDocTitle true >> >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(streams)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding %s >>" % encoding,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding %s >>" % encoding,
        b"<< /Title %s /Author %s /Subject %s /Producer (Infocentar) /CreationDate (D:%s) >>"
        % (
            _info_string(title),
            _info_string(author),
            _info_string(subject),
            created.strftime("%Y%m%d%H%M%SZ").encode(),
        ),
    ]
    for index, stream in enumerate(streams):
        content_number = first_page + 2 * index + 1
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> "
            b"/Contents %d 0 R >>" % (PAGE_WIDTH, PAGE_HEIGHT, content_number)
        )
        compressed = zlib.compress(stream, 9)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(compressed), compressed))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(out)
