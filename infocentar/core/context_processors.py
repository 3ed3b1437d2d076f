"""Values every template needs: the script, the language switcher links."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language

from .middleware import CYRILLIC_PREFIX


def _strip_prefixes(path: str) -> str:
    """The page's path without /cir/ or a language prefix."""
    if path.startswith(CYRILLIC_PREFIX):
        path = path[len(CYRILLIC_PREFIX) - 1 :]
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            path = path[len(prefix) - 1 :]
    return path


def variant_urls(request) -> dict[str, str]:
    """The same page in Latin, Cyrillic and English."""
    path = _strip_prefixes(request.path)
    query = request.META.get("QUERY_STRING", "")
    suffix = f"?{query}" if query else ""
    return {
        "latn": f"{path}{suffix}",
        "cyrl": f"/cir{path}{suffix}",
        "en": f"/en{path}{suffix}",
    }


def site_context(request) -> dict:
    script = getattr(request, "script", "latn")
    language = get_language() or settings.LANGUAGE_CODE
    current_variant = "en" if language == "en" else ("cyrl" if script == "cyrl" else "latn")
    return {
        "SCRIPT": script,
        "CURRENT_VARIANT": current_variant,
        "HTML_LANG": {"latn": "cnr-Latn", "cyrl": "cnr-Cyrl", "en": "en"}[current_variant],
        "VARIANT_URLS": variant_urls(request) if hasattr(request, "path") else {},
        "SITE_URL": settings.SITE_URL,
    }
