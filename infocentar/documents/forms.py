"""Wagtail's document and image forms with the upload checks (settings: WAGTAIL*_FORM_BASE).

Wagtail builds every document and image form from these bases: the add and
edit views, the multiple uploader and the choosers' upload tabs. The file
field is swapped for one that runs the checks of `uploads.py` before
Wagtail's own (which would otherwise open a damaged image and fail with a
server error). A refused file is an error on the file field, so Wagtail
shows the message and stores nothing; the multiple uploader answers with the
message too.
"""

from __future__ import annotations

from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from . import uploads


class CheckedDocumentField(WagtailDocumentField):
    """PDF, DOCX, XLSX, ODT, ODS and images, checked by content; images re-encoded."""

    def to_python(self, data):
        if uploads.is_new_upload(data):
            data = uploads.check_document(data)
        return super().to_python(data)


class CheckedImageField(WagtailImageField):
    """JPEG, PNG, WebP (and GIF), verified with Pillow, bounded in pixels, re-encoded without metadata."""

    def to_python(self, data):
        if uploads.is_new_upload(data):
            data = uploads.check_image(data)
        return super().to_python(data)


def _swap_file_field(form, field_class) -> None:
    field = form.fields.get("file")
    if field is None or isinstance(field, field_class):
        return
    form.fields["file"] = field_class(label=field.label, required=field.required, widget=field.widget)


class _OneFileMessage:
    def _post_clean(self):
        refused = len(self._errors.get("file") or ()) if self._errors else 0
        super()._post_clean()
        if refused:
            # The model's own check adds "File extension “” is not allowed" for a refused file: drop it.
            del self._errors["file"][refused:]


class DocumentUploadForm(_OneFileMessage, BaseDocumentForm):
    """Wagtail's document form, with the checked file field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _swap_file_field(self, CheckedDocumentField)


class ImageUploadForm(_OneFileMessage, BaseImageForm):
    """Wagtail's image form, with the checked file field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _swap_file_field(self, CheckedImageField)
