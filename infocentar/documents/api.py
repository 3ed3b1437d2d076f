"""Open data: the municipality's published documents.

No `from __future__ import annotations` here: django-ninja reads the annotations at import time.
"""

import datetime

from django.db.models import QuerySet
from django.http import Http404
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from infocentar.api.pagination import Pagination
from infocentar.core import search as site_search

from .links import library_path
from .listing import filtered_documents
from .models import FIRST_YEAR, DocumentType, LibraryDocument

router = Router(tags=["documents"])


class OrganisationRef(Schema):
    id: int
    name: str
    slug: str


class DocumentOut(Schema):
    id: int
    title: str
    type: DocumentType = Field(..., alias="document_type")
    type_label: str
    year: int
    organisation: OrganisationRef
    description: str
    published: datetime.date = Field(..., alias="published_on")
    url: str | None = Field(None, description="The document's page on the website (absolute).")
    file_url: str | None = Field(None, description="The file (absolute), or null when it has been removed.")
    file_size: int | None = Field(None, description="Size of the file in bytes.")
    file_format: str | None = Field(None, description="PDF, DOCX, XLSX, ODT, ODS, JPG, PNG …")

    @staticmethod
    def resolve_type_label(obj: LibraryDocument) -> str:
        return str(obj.get_document_type_display())

    @staticmethod
    def resolve_url(obj: LibraryDocument, context) -> str | None:
        path = library_path()
        if path is None:
            return None
        from django.urls import reverse

        # The public page is in the default script and language (no /cir/ or /en/ prefix).
        return context["request"].build_absolute_uri(reverse("wagtail_serve", args=[f"{path}{obj.pk}/"]))

    @staticmethod
    def resolve_file_url(obj: LibraryDocument, context) -> str | None:
        if not obj.has_file:
            return None
        return context["request"].build_absolute_uri(obj.file.url)

    @staticmethod
    def resolve_file_size(obj: LibraryDocument) -> int | None:
        return obj.file_size

    @staticmethod
    def resolve_file_format(obj: LibraryDocument) -> str | None:
        return obj.file_format or None


class DocumentFilter(FilterSchema):
    type: DocumentType | None = Field(None, description="Document type.")
    year: int | None = Field(None, ge=FIRST_YEAR, le=2100, description="The year the document is about.")
    organisation: str | None = Field(
        None, max_length=100, description="The organisation's id or slug (see /api/v1/organisations)."
    )
    q: str | None = Field(
        None,
        max_length=site_search.MAX_QUERY_LENGTH * 2,
        description="Words to search for, in either script, with or without diacritics.",
    )


class _Searched:
    """Search results as the paginator wants them (`.all().count()` and slicing)."""

    def __init__(self, results) -> None:
        self.results = results

    def all(self) -> "_Searched":
        return self

    def count(self) -> int:
        return self.results.count()

    def __getitem__(self, key):
        return self.results[key]


@router.get("", response=list[DocumentOut], summary="List published documents")
@paginate(Pagination)
def list_documents(request, filters: Query[DocumentFilter]):
    documents = filtered_documents(
        document_type=filters.type,
        year=filters.year,
        organisation=filters.organisation or None,
        query=filters.q or "",
        sort="relevance" if site_search.normalise_query(filters.q) else "newest",
    )
    if isinstance(documents, QuerySet):
        return documents
    return _Searched(documents)


@router.get("/{int:document_id}", response=DocumentOut, summary="One published document")
def get_document(request, document_id: int):
    if document_id > 2**63 - 1:
        raise HttpError(404, "Not Found")
    document = LibraryDocument.objects.public().for_listing().filter(pk=document_id).first()
    if document is None:
        raise Http404
    return document
