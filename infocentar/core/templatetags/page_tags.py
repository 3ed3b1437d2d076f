"""{{ page|ancestors }}: a page's ancestors, read once per content generation (core.memo)."""

from __future__ import annotations

from django import template

from ..memo import memo

register = template.Library()


@register.filter
def ancestors(page) -> list:
    """The page's ancestors from the root down (what `page.get_ancestors` gives), for breadcrumbs."""
    if page is None or not getattr(page, "pk", None):
        return []
    return memo(("core.ancestors", page.pk, page.path), lambda: list(page.get_ancestors()))
