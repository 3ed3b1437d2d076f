"""Request and response handling shared by every page: script, security, outages."""

from __future__ import annotations

import contextlib
import logging

from django.conf import settings
from django.urls import get_script_prefix, set_script_prefix

logger = logging.getLogger(__name__)

CYRILLIC_PREFIX = "/cir/"
# Paths never served in Cyrillic (the back office, the API, files, health).
_NOT_TRANSLITERATED = ("/admin/", "/api/", "/static/", "/media/", "/health/", "/documents/", "/images/")


class ScriptMiddleware:
    """Serves every public page in Cyrillic under /cir/ by transliterating the rendered page.

    The /cir/ prefix is taken off the path before URL resolution and put in the
    script prefix, so every URL the page builds with reverse() or Wagtail's
    page URLs keeps the reader in Cyrillic. The response's HTML is then
    transliterated (core.script.transliterate_html), which leaves markup,
    URLs, code and text marked as not to transliterate untouched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.script = "latn"
        path_info = request.path_info
        if path_info == "/cir":
            path_info = request.path_info = "/cir/"
        if path_info.startswith(tuple(CYRILLIC_PREFIX + p.lstrip("/") for p in _NOT_TRANSLITERATED)):
            # Files, the API and the back office have one address in every script:
            # a link built on a Cyrillic page is sent there.
            from django.http import HttpResponsePermanentRedirect

            target = request.get_full_path()[len(CYRILLIC_PREFIX) - 1 :]
            return HttpResponsePermanentRedirect(target)
        if path_info.startswith(CYRILLIC_PREFIX):
            request.script = "cyrl"
            request.path_info = path_info[len(CYRILLIC_PREFIX) - 1 :]
            original_prefix = get_script_prefix()
            set_script_prefix(original_prefix.rstrip("/") + CYRILLIC_PREFIX)
            try:
                response = self.get_response(request)
            finally:
                set_script_prefix(original_prefix)
            return self.transliterate(response)
        return self.get_response(request)

    @staticmethod
    def transliterate(response):
        content_type = response.get("Content-Type", "")
        if getattr(response, "streaming", False) or not content_type.startswith("text/html"):
            return response
        from .script import transliterate_html

        charset = response.charset or "utf-8"
        response.content = transliterate_html(response.content.decode(charset)).encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response


class SecurityHeadersMiddleware:
    """Adds the Permissions-Policy header Django does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions_policy
        return response


class SiteMiddleware:
    """The Wagtail site that answers a request, with its root page, from core.memo.

    Wagtail looks the site up for every request (`Site.find_for_request`, one
    query, then one or two for its root page); the answer changes only when
    sites or the root page change, which bumps the content generation. The site
    found is put where Wagtail keeps it for the request (`request._wagtail_site`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.core.exceptions import DisallowedHost
        from django.db import DatabaseError
        from wagtail.models import Site

        from .memo import enabled, memo

        if not enabled():
            return self.get_response(request)  # nothing kept: let Wagtail look the site up if it needs it
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # Django answers 400 further in

        def find():
            site = Site._find_for_request(request)
            if site is not None:
                site.root_page.specific  # noqa: B018 - loaded once, kept with the site
            return site

        # If the database is down, what answers next says so (health checks, the 503 page).
        with contextlib.suppress(DatabaseError):
            request._wagtail_site = memo(("core.site", host, request.get_port(), request.is_secure()), find)
        return self.get_response(request)
