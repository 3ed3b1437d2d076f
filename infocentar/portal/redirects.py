"""Wagtail's redirects at every variant of an address: /…, /cir/… and /en/…."""

from __future__ import annotations

from django import http
from wagtail.contrib.redirects.middleware import RedirectMiddleware, get_redirect
from wagtail.contrib.redirects.models import Redirect

from .links import plain_path, site_href


class VariantRedirectMiddleware(RedirectMiddleware):
    """An old address redirects under /cir/ and /en/ too, to the new address in the same variant.

    Wagtail stores a redirect's old path once, without the variant prefix, and its own
    middleware looks up only the path as requested. A page's new address (Redirect.link)
    is built while the reader's script prefix and language are active, so it is already in
    the reader's variant; a path an editor typed is put in it with site_href.
    """

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.status_code != 404:
            return response
        path, _sep, query = request.get_full_path().partition("?")
        plain = plain_path(path)
        if plain == path:
            return response
        redirect = None
        if query:
            redirect = get_redirect(request, Redirect.normalise_path(f"{plain}?{query}", decode_unicode=False))
        if redirect is None:
            redirect = get_redirect(request, Redirect.normalise_path(plain, decode_unicode=False))
        if redirect is None or redirect.link is None:
            return response
        link = redirect.link if redirect.redirect_page_id else site_href(redirect.link)
        if redirect.is_permanent:
            return http.HttpResponsePermanentRedirect(link)
        return http.HttpResponseRedirect(link)
