"""Keeps the cached address of the library right when its page changes (see links.py)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .links import forget_library_path
from .models import DocumentLibraryPage


def _forget(sender=None, **kwargs) -> None:
    forget_library_path()


def connect() -> None:
    # Any page: publishing a new slug or moving an ancestor changes the library's address too.
    # Rebuilding the cached path costs one query, so the cache is simply dropped.
    page_published.connect(_forget, dispatch_uid="documents-library-published")
    page_unpublished.connect(_forget, dispatch_uid="documents-library-unpublished")
    post_page_move.connect(_forget, dispatch_uid="documents-library-moved")
    post_delete.connect(_forget, sender=DocumentLibraryPage, dispatch_uid="documents-library-deleted")
    post_save.connect(_forget, sender=Site, dispatch_uid="documents-library-site")
    post_delete.connect(_forget, sender=Site, dispatch_uid="documents-library-site-deleted")
