"""A body's page in the directory lists its latest public documents (core.home slot "organisation")."""

from __future__ import annotations

from urllib.parse import urlencode

from infocentar.core.home import register_section

from .links import library_url
from .models import LibraryDocument

LATEST = 5


@register_section(slot="organisation", key="documents", order=30, template="documents/organisation_section.html")
def organisation_documents(request, obj=None) -> dict | None:
    if obj is None:
        return None
    base_url = library_url()
    if base_url is None:
        return None
    documents = list(
        LibraryDocument.objects.public()
        .filter(organisation=obj)
        .for_listing()
        .order_by("-published_on", "-id")[: LATEST + 1]
    )
    if not documents:
        return None
    has_more = len(documents) > LATEST
    return {
        "documents": documents[:LATEST],
        "has_more": has_more,
        "total": LibraryDocument.objects.public().filter(organisation=obj).count() if has_more else len(documents),
        "document_base_url": base_url,
        "all_url": library_url(urlencode({"organisation": obj.slug})),
    }
