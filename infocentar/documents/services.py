"""Writes of the document library from code (the demo, imports), audited like the admin's.

The back office writes through its viewset (core.viewsets: Wagtail's actions
plus the same audit entry).
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Collection

from infocentar.core import audit

from . import uploads
from .models import LibraryDocument


@transaction.atomic
def save_document(document: LibraryDocument, *, by=None, source: str = "") -> LibraryDocument:
    """Validate and save a library document, and write the audit entry."""
    document.full_clean()
    created = document.pk is None
    before = None if created else audit.snapshot(LibraryDocument.objects.get(pk=document.pk))
    document.save()
    audit.record(
        document,
        "wagtail.create" if created else "wagtail.edit",
        by,
        before=before,
        after=audit.snapshot(document),
        extra={"source": source} if source else None,
        title=document.title,
    )
    return document


@transaction.atomic
def store_file(title: str, filename: str, content: bytes, *, by=None, collection: Collection | None = None):
    """A Wagtail document made from bytes, after the same checks as an upload (ValidationError if refused)."""
    Document = get_document_model()
    checked = uploads.check_document(SimpleUploadedFile(filename, content))
    document = Document(
        title=title,
        collection=collection or Collection.get_first_root_node(),
        uploaded_by_user=by,
    )
    document.file.save(filename, checked, save=False)
    document._set_document_file_metadata()
    document.save()
    return document
