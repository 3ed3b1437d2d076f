"""Page view restrictions (Wagtail's private pages) read once per content generation.

Wagtail asks the database for every restriction each time a page is served
(`Page.get_view_restrictions`: the page's ancestors, then their restrictions)
and each time a listing filters to public pages (`PageQuerySet.public()`): two
to five queries per page whose answer changes only when an editor adds or
removes a restriction, which bumps the content generation. `install()` makes
both read the restrictions from core.memo instead: with no restriction on the
site (the usual case) serving a page asks nothing; with some, the answers are
Wagtail's own.
"""

from __future__ import annotations

from django.db.models import Q

from .memo import memo

_installed = False


def restricted_sections() -> tuple[tuple[str, int], ...]:
    """(path, depth) of every page that has a view restriction, in this content generation."""
    from wagtail.models import PageViewRestriction

    def compute():
        return tuple(PageViewRestriction.objects.order_by("pk").values_list("page__path", "page__depth"))

    return memo(("core.restrictions",), compute)


def install() -> None:
    global _installed
    if _installed:
        return
    from wagtail.models import Page, PageViewRestriction
    from wagtail.query import PageQuerySet

    wagtail_get_view_restrictions = Page.get_view_restrictions

    def get_view_restrictions(self):
        if not restricted_sections():
            return PageViewRestriction.objects.none()
        return wagtail_get_view_restrictions(self)

    def private_q(self):
        q = Q()
        for path, depth in restricted_sections():
            # PageQuerySet.descendant_of_q(page, inclusive=True), without loading the page.
            q |= Q(path__startswith=path, depth__gte=depth)
        return q if q else Q(pk__in=[])

    get_view_restrictions.__doc__ = wagtail_get_view_restrictions.__doc__
    Page.get_view_restrictions = get_view_restrictions
    PageQuerySet.private_q = private_q
    _installed = True
