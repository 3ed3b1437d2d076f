"""Menus from the site's settings, and schema.org data for the directory of bodies.

{% load portal_tags %}
{% main_menu as links %}      the main menu (or, when it is empty, the home page's children "in menus")
{% footer_menu as links %}    the footer menu
{% organisation_schema organisation as data %}{{ data|json_ld }}
{{ document|document_url }}   a document's address, also on /cir/ pages
{{ alert.link|site_href }}    a link an editor typed: a site path stays in the reader's variant
{% pagination_window page_obj as numbers %}   the page numbers a pagination shows (None for a gap)
{{ html|clean_rich_text }}    rendered rich text reduced to the allow-list (portal/richtext.py)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from infocentar.core.memo import memo

from ..links import is_site_path, plain_path
from ..links import site_href as _site_href
from ..richtext import clean_rich_text as _clean_rich_text

register = template.Library()


@register.filter
def clean_rich_text(html) -> SafeString:
    return _clean_rich_text(html)


# As Django's json_script: nothing in the data can close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass
class MenuLink:
    text: str
    url: str
    #: The page's tree path, for a page of the site.
    path: str = ""
    page_id: int | None = None
    #: The path on this site (without variant prefixes), for a link typed as a path.
    local_path: str = ""
    #: This link is the page being shown / the page shown is in its section.
    current: bool = False
    section: bool = False


def _navigation(request):
    """The menus of the request's site, or None. Read only: a GET never creates the settings row."""
    from wagtail.models import Site

    from ..models import NavigationSettings

    if request is None:
        return None
    if not hasattr(request, "_portal_navigation"):
        site = Site.find_for_request(request)
        request._portal_navigation = (
            memo(("portal.navigation", site.pk), lambda: NavigationSettings.objects.filter(site=site).first())
            if site
            else None
        )
    return request._portal_navigation


def _links(request, relation: str) -> list[MenuLink]:
    """The menu's links (fresh copies: `_mark` changes them), read once per content generation and variant."""
    navigation = _navigation(request)
    if navigation is None or navigation.pk is None:
        return []
    key = ("portal.menu", relation, navigation.pk, get_language(), get_script_prefix())
    return [replace(link) for link in memo(key, lambda: _read_links(request, navigation, relation))]


def _read_links(request, navigation, relation: str) -> list[MenuLink]:
    links = []
    for item in getattr(navigation, relation).select_related("page"):
        if item.page_id:
            page = item.page
            url = page.get_url(request) if page is not None and page.live else None
            if url:
                links.append(MenuLink(text=item.text, url=url, path=page.path, page_id=page.pk))
        elif item.url:
            local = item.url.split("?", 1)[0].split("#", 1)[0] if is_site_path(item.url) else ""
            links.append(MenuLink(text=item.text, url=_site_href(item.url), local_path=local))
    return links


def _mark(links: list[MenuLink], context) -> list[MenuLink]:
    """Which link is the page being shown, and which section it is in."""
    from wagtail.models import Page

    page = context.get("page")
    page = page if isinstance(page, Page) else None
    request = context.get("request")
    here = plain_path(request.path) if request is not None else ""
    for link in links:
        if link.page_id and page is not None:
            link.current = page.pk == link.page_id
            link.section = not link.current and page.path.startswith(link.path)
        elif link.local_path and here:
            link.current = here == link.local_path
            link.section = not link.current and link.local_path != "/" and here.startswith(link.local_path)
    return links


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[MenuLink]:
    """The main menu's links after "Home": from the settings, else the home page's children shown in menus."""
    from wagtail.models import Site

    request = context.get("request")
    links = _links(request, "main_menu_items")
    if not links:
        site = Site.find_for_request(request) if request is not None else None
        if site is None:
            return []
        key = ("portal.menu", "children", site.pk, get_language(), get_script_prefix())
        links = [
            replace(link)
            for link in memo(
                key,
                lambda: [
                    MenuLink(text=page.title, url=page.get_url(request), path=page.path, page_id=page.pk)
                    for page in site.root_page.get_children().live().in_menu()
                ],
            )
        ]
    return _mark(links, context)


@register.simple_tag(takes_context=True)
def footer_menu(context) -> list[MenuLink]:
    return _mark(_links(context.get("request"), "footer_menu_items"), context)


#: How many page numbers the pagination shows either side of the current one.
PAGINATION_NEIGHBOURS = 2


def pagination_numbers(current: int, last: int, neighbours: int = PAGINATION_NEIGHBOURS) -> list[int | None]:
    """The first, the last and `neighbours` either side of the current page, with None for each gap.

    A gap of a single page shows that page instead (1 2 3 4 5, not 1 … 3 4 5).
    Built from the numbers alone: a listing of 5,000 pages costs the same as one of 5.
    """
    if last < 1:
        return []
    current = min(max(current, 1), last)
    shown = sorted({1, last, *range(max(1, current - neighbours), min(last, current + neighbours) + 1)})
    numbers: list[int | None] = []
    previous = 0
    for number in shown:
        if number - previous == 2:
            numbers.append(previous + 1)
        elif number - previous > 2:
            numbers.append(None)
        numbers.append(number)
        previous = number
    return numbers


@register.simple_tag
def pagination_window(page_obj) -> list[int | None]:
    """The page numbers components/pagination.html shows for a Django Page (None: an ellipsis)."""
    return pagination_numbers(page_obj.number, page_obj.paginator.num_pages)


@register.filter
def site_href(value: str) -> str:
    """A link typed by an editor, as an href: site paths stay in the reader's variant (/cir/, /en/)."""
    return _site_href(value or "")


@register.filter(is_safe=True)
def json_ld(value) -> SafeString:
    """A <script type="application/ld+json"> element with the value as JSON, escaped as json_script does."""
    data = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(f'<script type="application/ld+json">{data.translate(_JSON_SCRIPT_ESCAPES)}</script>')


@register.filter
def document_url(document) -> str:
    """A document's address without the /cir/ prefix: files are served only at /documents/."""
    url = document.url
    prefix = get_script_prefix()
    if prefix.endswith("/cir/") and url.startswith(prefix):
        return prefix[: -len("cir/")] + url[len(prefix) :]
    return url


def _absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else f"{settings.SITE_URL}{url}"


@register.simple_tag(takes_context=True)
def organisation_schema(context, organisation) -> dict:
    """schema.org GovernmentOrganization for a body of the municipality."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": organisation.name,
        "url": _absolute(organisation.get_absolute_url()),
    }
    if organisation.short_name and organisation.short_name != organisation.name:
        data["alternateName"] = organisation.short_name
    if organisation.mandate:
        data["description"] = organisation.mandate
    if organisation.email:
        data["email"] = organisation.email
    if organisation.phone:
        data["telephone"] = organisation.phone
    if organisation.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": organisation.address, "addressCountry": "ME"}
    if organisation.website:
        data["sameAs"] = [organisation.website]
    if organisation.head_name:
        data["employee"] = {
            "@type": "Person",
            "name": organisation.head_name,
            **({"jobTitle": organisation.head_title} if organisation.head_title else {}),
        }
    parent = organisation.parent if organisation.parent_id else None
    if parent is not None:
        data["parentOrganization"] = {
            "@type": "GovernmentOrganization",
            "name": parent.name,
            "url": _absolute(parent.get_absolute_url()),
        }
    children = context.get("children")
    if children:
        data["subOrganization"] = [
            {"@type": "GovernmentOrganization", "name": child.name, "url": _absolute(child.get_absolute_url())}
            for child in children
        ]
    return data
