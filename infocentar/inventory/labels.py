"""Printable A4 sheets of asset labels with a QR code, as PDF, written without a PDF library.

Each label (3 × 8 on a page, 70 × 37 mm, the common self-adhesive sheet) carries a QR code of the
asset's address `/oprema/<tag>/` — which opens the asset's record for signed-in staff — and the tag,
the model and the organisation in text. The QR modules are drawn as vector squares (sharp at any
printer resolution); the text uses the same Helvetica encoding as the document library's PDFs.
"""

from __future__ import annotations

import datetime
import zlib

import qrcode
from qrcode.constants import ERROR_CORRECT_M

from infocentar.documents.pdf import _EXTRA_GLYPHS, _info_string, _literal, encode_text

PAGE_WIDTH, PAGE_HEIGHT = 595, 842
MM = 72 / 25.4
COLUMNS, ROWS = 3, 8
LABEL_W, LABEL_H = 70 * MM, 37 * MM
TOP = (PAGE_HEIGHT - ROWS * LABEL_H) / 2
QR_SIZE = 29 * MM
PAD = 3 * MM


def qr_matrix(data: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def _qr_ops(matrix: list[list[bool]], x: float, y_top: float, size: float) -> bytes:
    cell = size / len(matrix)
    ops = [b"0 g"]
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                ops.append(
                    b"%.2f %.2f %.2f %.2f re"
                    % (x + start * cell, y_top - (r + 1) * cell, (c - start) * cell + 0.01, cell + 0.01)
                )
            else:
                c += 1
    ops.append(b"f")
    return b"\n".join(ops)


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label_ops(label: dict, column: int, row: int) -> bytes:
    x = column * LABEL_W + (PAGE_WIDTH - COLUMNS * LABEL_W) / 2
    y_top = PAGE_HEIGHT - TOP - row * LABEL_H
    ops = [_qr_ops(qr_matrix(label["url"]), x + PAD, y_top - PAD - 1, QR_SIZE)]
    text_x = x + PAD + QR_SIZE + 2 * MM
    lines = [
        (b"/F2", 11, _fit(label["tag"], 16)),
        (b"/F1", 7, _fit(label.get("model", ""), 28)),
        (b"/F1", 7, _fit(label.get("organisation", ""), 28)),
        (b"/F1", 6, _fit(label.get("footer", ""), 32)),
    ]
    y = y_top - PAD - 10
    for font, size, text in lines:
        if text:
            ops.append(b"BT %s %d Tf %.2f %.2f Td %s Tj ET" % (font, size, text_x, y, _literal(encode_text(text))))
        y -= size + 4
    return b"\n".join(ops)


def build_labels_pdf(labels: list[dict], *, title: str = "Asset labels") -> bytes:
    """labels: dicts with tag, url, model, organisation, footer."""
    per_page = COLUMNS * ROWS
    streams = []
    for start in range(0, max(len(labels), 1), per_page):
        ops = []
        for i, label in enumerate(labels[start : start + per_page]):
            ops.append(_label_ops(label, i % COLUMNS, i // COLUMNS))
        streams.append(b"\n".join(ops))
    differences = b" ".join(b"%d /%s" % (code, name.encode()) for code, name in sorted(_EXTRA_GLYPHS.values()))
    encoding = b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [%s] >>" % differences
    first_page = 6
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(len(streams)))
    created = datetime.datetime.now(datetime.UTC)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (cnr-Latn) >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(streams)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding %s >>" % encoding,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding %s >>" % encoding,
        b"<< /Title %s /Producer (Infocentar) /CreationDate (D:%s) >>"
        % (_info_string(title), created.strftime("%Y%m%d%H%M%SZ").encode()),
    ]
    for index, stream in enumerate(streams):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> "
            b"/Contents %d 0 R >>" % (PAGE_WIDTH, PAGE_HEIGHT, first_page + 2 * index + 1)
        )
        compressed = zlib.compress(stream, 6)
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


def labels_for(assets, url_for) -> list[dict]:
    return [
        {
            "tag": asset.asset_tag,
            "url": url_for(asset),
            "model": " ".join(filter(None, [asset.manufacturer, asset.model])),
            "organisation": asset.organisation.display_name,
            "footer": (asset.serial and f"S/N {asset.serial}") or "",
        }
        for asset in assets
    ]
