"""What every page of the site shows: the alerts in force and the page's address for sharing."""

from __future__ import annotations

from django.conf import settings
from django.utils.encoding import escape_uri_path
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from .models.alerts import current_alerts

OG_LOCALES = {"latn": "sr_ME", "cyrl": "sr_ME", "en": "en_GB"}


def site_alerts(request) -> dict:
    """`site_alerts`: the alerts shown now, emergencies first (from the cache; read only when a template asks)."""
    return {"site_alerts": SimpleLazyObject(current_alerts)}


def page_meta(request) -> dict:
    """`CANONICAL_URL` (this page in this variant; of the query only a listing's page number) and `OG_LOCALE`."""
    script = getattr(request, "script", "latn")
    variant = "en" if (get_language() or "") == "en" else ("cyrl" if script == "cyrl" else "latn")
    path = escape_uri_path(getattr(request, "path", "") or "/")
    number = getattr(request, "GET", {}).get("page", "")
    if number.isdigit() and int(number) > 1:
        path += f"?page={int(number)}"
    return {
        "CANONICAL_URL": f"{settings.SITE_URL}{path}",
        "OG_LOCALE": OG_LOCALES[variant],
        "OG_LOCALE_ALTERNATES": ["en_GB"] if variant != "en" else ["sr_ME"],
    }
