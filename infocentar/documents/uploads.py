"""Checks of every uploaded document and image: by content, not by name.

A document is accepted only when its content is one of the allowed formats
and matches its extension: PDF (the %PDF- header and an end-of-file marker),
DOCX and XLSX (a ZIP with [Content_Types].xml and word/ or xl/, not
macro-enabled), ODT and ODS (a ZIP whose first entry `mimetype` names the
right OpenDocument type) and JPEG, PNG and WebP images. Web pages, SVG and
scripts are refused whatever they are called. Images are opened and verified
with Pillow, refused above a pixel limit (decompression bombs), and
re-encoded, which drops EXIF and other metadata (GPS positions, camera serial
numbers) while keeping the orientation.

The forms in `forms.py` call these for Wagtail's document and image uploads
(`WAGTAILDOCS_DOCUMENT_FORM_BASE`, `WAGTAILIMAGES_IMAGE_FORM_BASE`), so every
upload path — the add views, the multiple uploader and the choosers — gets
them, and a refused file is never stored.
"""

from __future__ import annotations

import io
import os
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

HEAD_BYTES = 8192
TAIL_BYTES = 2048
# A ZIP that unpacks to more than this many times the upload limit is refused (zip bomb).
ZIP_EXPANSION_LIMIT = 20
ZIP_MAX_ENTRIES = 20_000
DEFAULT_MAX_IMAGE_PIXELS = 50_000_000
DEFAULT_MAX_IMAGE_SIDE = 20_000
# Image metadata that re-encoding leaves out (EXIF with GPS and camera serials, XMP, IPTC, comments).
_METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc", "Raw profile type exif")


@dataclass(frozen=True)
class FileFormat:
    key: str
    label: str
    extensions: tuple[str, ...]
    mime_type: str
    is_image: bool = False


FORMATS: dict[str, FileFormat] = {
    f.key: f
    for f in (
        FileFormat("pdf", "PDF", ("pdf",), "application/pdf"),
        FileFormat(
            "docx", "DOCX", ("docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        ),
        FileFormat("xlsx", "XLSX", ("xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        FileFormat("odt", "ODT", ("odt",), "application/vnd.oasis.opendocument.text"),
        FileFormat("ods", "ODS", ("ods",), "application/vnd.oasis.opendocument.spreadsheet"),
        FileFormat("jpeg", "JPEG", ("jpg", "jpeg"), "image/jpeg", is_image=True),
        FileFormat("png", "PNG", ("png",), "image/png", is_image=True),
        FileFormat("webp", "WebP", ("webp",), "image/webp", is_image=True),
        FileFormat("gif", "GIF", ("gif",), "image/gif", is_image=True),
    )
}
DOCUMENT_FORMATS = ("pdf", "docx", "xlsx", "odt", "ods", "jpeg", "png", "webp")
IMAGE_FORMATS = ("jpeg", "png", "webp", "gif")
# Never accepted, whatever the settings say: they run in the reader's browser.
BLOCKED_EXTENSIONS = frozenset(
    {"svg", "svgz", "html", "htm", "xhtml", "shtml", "xht", "xml", "xsl", "js", "mjs", "php", "swf", "hta", "exe"}
)
_MARKUP_STARTS = (b"<?xml", b"<!doctype", b"<html", b"<svg", b"<head", b"<body", b"<script", b"<iframe", b"<!--")


def max_upload_bytes() -> int:
    return int(getattr(settings, "INFOCENTAR_MAX_UPLOAD_MB", 20)) * 1024 * 1024


def max_image_pixels() -> int:
    return int(getattr(settings, "INFOCENTAR_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS))


def extension_of(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def format_for_extension(extension: str) -> FileFormat | None:
    for file_format in FORMATS.values():
        if extension in file_format.extensions:
            return file_format
    return None


def _read(uploaded, size: int, *, from_end: bool = False) -> bytes:
    uploaded.seek(0, os.SEEK_END)
    total = uploaded.tell()
    uploaded.seek(max(0, total - size) if from_end else 0)
    data = uploaded.read(size)
    uploaded.seek(0)
    return data


def looks_like_markup(head: bytes) -> bool:
    """HTML, SVG or XML, perhaps after a byte-order mark and white space."""
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").lower().replace(b"\x00", b"")
    return text.startswith(_MARKUP_STARTS) or b"<svg" in text[:1024] or b"<html" in text[:1024]


def _zip_format(uploaded) -> str | None:
    """'docx', 'xlsx', 'odt', 'ods', 'ooxml-macro' for a macro-enabled Office file, or None."""
    try:
        archive = zipfile.ZipFile(uploaded)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    with archive:
        entries = archive.infolist()
        if len(entries) > ZIP_MAX_ENTRIES:
            return None
        if sum(entry.file_size for entry in entries) > ZIP_EXPANSION_LIMIT * max_upload_bytes():
            return None
        names = {entry.filename for entry in entries}
        try:
            if entries and entries[0].filename == "mimetype":
                if entries[0].file_size > 200:
                    return None
                mimetype = archive.read("mimetype").strip()
                if "content.xml" not in names:
                    return None
                if mimetype == FORMATS["odt"].mime_type.encode():
                    return "odt"
                if mimetype == FORMATS["ods"].mime_type.encode():
                    return "ods"
                return None
            if "[Content_Types].xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size > 1024 * 1024:
                    return None
                content_types = archive.read(info).lower()
                if b"macroenabled" in content_types or any(n.lower().endswith("vbaproject.bin") for n in names):
                    return "ooxml-macro"
                if "word/document.xml" in names and b"wordprocessingml.document.main+xml" in content_types:
                    return "docx"
                if "xl/workbook.xml" in names and b"spreadsheetml.sheet.main+xml" in content_types:
                    return "xlsx"
        except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError, ValueError):
            return None
    return None


def detect_format(uploaded) -> str | None:
    """The format the content really has (a key of FORMATS), or None when it is none of them."""
    head = _read(uploaded, HEAD_BYTES)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"%PDF-"):
        # A PDF ends with %%EOF (perhaps followed by a little white space or junk).
        return "pdf" if b"%%EOF" in _read(uploaded, TAIL_BYTES, from_end=True) else None
    if head.startswith(b"PK\x03\x04"):
        try:
            return _zip_format(uploaded)
        finally:
            uploaded.seek(0)
    return None


def _reject(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def check_size(uploaded) -> None:
    limit = max_upload_bytes()
    if uploaded.size is not None and uploaded.size > limit:
        raise _reject(
            _("The file is too large (%(size)s). Files may be at most %(limit)s MB.")
            % {"size": filesizeformat(uploaded.size), "limit": limit // (1024 * 1024)},
            "file_too_large",
        )
    if not uploaded.size:
        raise _reject(_("The file is empty."), "file_empty")


def _check_content(uploaded, allowed: tuple[str, ...]) -> FileFormat:
    """The declared format, once the content has been found to be that format."""
    extension = extension_of(uploaded.name)
    allowed_labels = ", ".join(dict.fromkeys(FORMATS[key].label for key in allowed))
    if extension in BLOCKED_EXTENSIONS:
        raise _reject(
            _("Files of type .%(extension)s cannot be uploaded. Allowed formats: %(formats)s.")
            % {"extension": extension, "formats": allowed_labels},
            "blocked_type",
        )
    declared = format_for_extension(extension)
    if declared is None or declared.key not in allowed:
        raise _reject(
            _("Files of type .%(extension)s cannot be uploaded. Allowed formats: %(formats)s.")
            % {"extension": extension or "?", "formats": allowed_labels},
            "invalid_extension",
        )
    detected = detect_format(uploaded)
    if detected == declared.key:
        return declared
    if detected == "ooxml-macro":
        message = _("The file contains macros, which cannot be uploaded. Save it as a plain %(format)s file.")
        raise _reject(message % {"format": declared.label}, "macro_enabled")
    if detected is None and looks_like_markup(_read(uploaded, HEAD_BYTES)):
        raise _reject(_("Web pages, SVG and other markup files cannot be uploaded."), "blocked_type")
    if detected is not None:
        message = _(
            "The file's name ends in .%(extension)s, but its content is in the %(actual)s format. "
            "Rename it correctly or save it in the right format."
        )
        raise _reject(message % {"extension": extension, "actual": FORMATS[detected].label}, "content_mismatch")
    message = _(
        "The file's name ends in .%(extension)s, but its content is not a valid %(format)s file. "
        "It may be damaged or in another format."
    )
    raise _reject(message % {"extension": extension, "format": declared.label}, "content_mismatch")


# --- images -----------------------------------------------------------------------------


def _open_image(uploaded):
    """A Pillow image that has passed verify(), reopened for use."""
    from PIL import Image, ImageFile, UnidentifiedImageError

    # Damaged images are refused, whatever another library set for the process (WeasyPrint turns this on).
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    limit = max_image_pixels()
    invalid = _reject(_("The image cannot be read: it is damaged or not an image."), "invalid_image")
    too_big = _reject(
        _("The image is too large in pixels. Images may have at most %(pixels)s million pixels.")
        % {"pixels": f"{limit / 1_000_000:g}"},
        "too_many_pixels",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            uploaded.seek(0)
            with Image.open(uploaded) as probe:
                width, height = probe.size
                frames = getattr(probe, "n_frames", 1)
                if (
                    width * height * max(1, frames) > limit
                    or max(width, height) > DEFAULT_MAX_IMAGE_SIDE
                    or min(width, height) < 1
                ):
                    raise too_big
                probe.verify()
            uploaded.seek(0)
            image = Image.open(uploaded)
            image.load()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_big from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, TypeError) as exc:
            raise invalid from exc
        finally:
            uploaded.seek(0)
    return image


_PIL_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF"}


def reencode_image(uploaded, file_format: FileFormat) -> SimpleUploadedFile:
    """The image saved anew in its own format: pixels kept, EXIF and other metadata gone."""
    from PIL import ImageOps

    image = _open_image(uploaded)
    save_options: dict = {}
    icc_profile = image.info.get("icc_profile")
    if icc_profile:
        # The colour profile is not personal data and the colours depend on it.
        save_options["icc_profile"] = icc_profile
    frames = getattr(image, "n_frames", 1)
    if file_format.key == "gif" or frames > 1:
        save_options.update(save_all=frames > 1, loop=image.info.get("loop", 0))
        if "duration" in image.info:
            save_options["duration"] = image.info["duration"]
        output_image = image
    else:
        # Turn the pixels the way the EXIF orientation says, since the tag itself goes.
        output_image = ImageOps.exif_transpose(image)
    if file_format.key == "jpeg":
        if output_image.mode not in ("RGB", "L", "CMYK"):
            output_image = output_image.convert("RGB")
        save_options.update(quality=90, optimize=True, progressive=True)
        if image.info.get("dpi"):
            save_options["dpi"] = image.info["dpi"]
    elif file_format.key == "png":
        save_options.update(optimize=True)
    elif file_format.key == "webp":
        save_options.update(quality=90, lossless=bool(image.info.get("lossless", False)))
    for item in {id(image): image, id(output_image): output_image}.values():
        for key in _METADATA_KEYS:
            item.info.pop(key, None)
    buffer = io.BytesIO()
    try:
        output_image.save(buffer, format=_PIL_FORMATS[file_format.key], **save_options)
    except (OSError, ValueError) as exc:
        raise _reject(_("The image cannot be read: it is damaged or not an image."), "invalid_image") from exc
    finally:
        image.close()
    data = buffer.getvalue()
    check_size(SimpleUploadedFile(uploaded.name, data))
    return SimpleUploadedFile(uploaded.name, data, content_type=file_format.mime_type)


# --- what the forms call ------------------------------------------------------------------


def is_new_upload(value) -> bool:
    return isinstance(value, UploadedFile)


def check_document(uploaded) -> UploadedFile:
    """A document upload as it may be stored (images re-encoded), or ValidationError."""
    check_size(uploaded)
    file_format = _check_content(uploaded, DOCUMENT_FORMATS)
    if file_format.is_image:
        return reencode_image(uploaded, file_format)
    uploaded.seek(0)
    return uploaded


def check_image(uploaded) -> UploadedFile:
    """An image upload, verified and re-encoded, or ValidationError."""
    check_size(uploaded)
    file_format = _check_content(uploaded, IMAGE_FORMATS)
    return reencode_image(uploaded, file_format)
