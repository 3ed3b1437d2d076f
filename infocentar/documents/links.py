"""Addresses of the library and of a document's page, without a page query per document.

A document's page is a route of the site's `DocumentLibraryPage`
(/dokumenti/<id>/). Listings elsewhere (the site search, a body's page, the
API) need that address for many documents at once, so the library page's path
below the site root is kept in the cache and cleared whenever a library page
is published, unpublished, moved or deleted (see `signals.py`). URLs are built
with `reverse()`, so they keep the reader's script (/cir/) and language (/en/).
"""

from __future__ import annotations

from django.core.cache import cache
from django.urls import reverse

CACHE_KEY = "documents:library-path"
CACHE_SECONDS = 600
_NONE = "-"


def _find_library_path() -> str:
    from wagtail.models import Site

    from .models import DocumentLibraryPage

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    pages = DocumentLibraryPage.objects.live().public().order_by("path").only("url_path", "path")
    if site is not None:
        pages = pages.descendant_of(site.root_page)
    page = pages.first()
    if page is None or site is None:
        return _NONE
    return page.url_path[len(site.root_page.url_path) :]


def library_path() -> str | None:
    """The library page's path below the site root ('dokumenti/'), or None when there is none."""
    value = cache.get(CACHE_KEY)
    if value is None:
        value = _find_library_path()
        cache.set(CACHE_KEY, value, CACHE_SECONDS)
    return None if value == _NONE else value


def forget_library_path() -> None:
    cache.delete(CACHE_KEY)


def library_url(query: str = "") -> str | None:
    """The library's address in the current script and language, with an optional query string."""
    path = library_path()
    if path is None:
        return None
    url = reverse("wagtail_serve", args=[path])
    return f"{url}?{query}" if query else url


def document_url(pk: int) -> str | None:
    """A document's page (/dokumenti/<id>/) in the current script and language."""
    path = library_path()
    if path is None:
        return None
    return reverse("wagtail_serve", args=[f"{path}{pk}/"])
