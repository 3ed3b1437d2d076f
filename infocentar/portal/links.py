"""Links editors type (menus, quick links, alerts): a path on this site or a full address.

A path ("/organi/", "/vijesti/rss/") stays in the reader's variant: under
/cir/ it becomes "/cir/organi/", under /en/ "/en/organi/". Full addresses
(https://…) are left as they are.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.urls import get_script_prefix
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Site paths that exist once, outside the language and script variants.
UNPREFIXED = ("/static/", "/media/", "/documents/", "/images/", "/admin/", "/api/", "/health/", "/sitemap.xml",
              "/sitemap-", "/robots.txt")  # fmt: skip
_UNSAFE = set("\\\"'<> \t\r\n")


def is_site_path(value: str) -> bool:
    """'/something' on this site: not '//host', no spaces, quotes or control characters."""
    return (
        bool(value)
        and value.startswith("/")
        and not value.startswith("//")
        and not any(ch in _UNSAFE or ord(ch) < 32 for ch in value)
    )


def validate_link(value: str) -> None:
    if is_site_path(value):
        return
    if value.startswith(("https://", "http://")):
        URLValidator(schemes=["http", "https"])(value)
        return
    raise ValidationError(_("Give a path on this site (/…) or a full address (https://…)."), code="link")


def same_origin_path(value: str) -> str | None:
    """The address as a path on this site, or None when it would load from anywhere else.

    Accepted: a path ("/static/analytics/a.js") or a full address on the site's
    own origin (SITE_URL). Refused: other hosts, protocol-relative addresses
    ("//host/x.js"), other schemes, quotes, spaces, backslashes and control characters.
    """
    value = (value or "").strip()
    if not value or any(ch in _UNSAFE or ord(ch) < 32 for ch in value):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        site = urlsplit(settings.SITE_URL)
        if parts.scheme not in ("http", "https") or (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
            return None
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return value if is_site_path(value) else None


def variant_prefix() -> str:
    """'' for the default variant, '/cir' in Cyrillic, '/en' in English (and '/cir/en' never happens)."""
    prefix = get_script_prefix().rstrip("/")
    language = get_language()
    if language and language != settings.LANGUAGE_CODE and language in dict(settings.LANGUAGES):
        prefix += f"/{language}"
    return prefix


def site_href(value: str) -> str:
    """The link to put in href: site paths in the reader's variant, other addresses unchanged."""
    if is_site_path(value) and not value.startswith(UNPREFIXED):
        return variant_prefix() + value
    return value


def plain_path(path: str) -> str:
    """A request's path without the /cir/ and language prefixes."""
    if path.startswith("/cir/"):
        path = path[len("/cir") :]
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE and path.startswith(f"/{code}/"):
            path = path[len(code) + 1 :]
    return path
