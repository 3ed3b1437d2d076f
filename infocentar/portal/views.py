"""Public views of the website that are not Wagtail pages."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from infocentar.core import search as site_search

RESULTS_PER_PAGE = 20


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("q", "")
    query = site_search.normalise_query(raw)
    too_long = len(raw) > site_search.MAX_QUERY_LENGTH
    results: list = []
    labels = {source.key: source.label for source in site_search.sources()}
    if query:
        for key, items in site_search.search(raw).items():
            results.extend((labels[key], item) for item in items)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "portal/search.html",
        {
            "title": _("Search"),
            "q": raw[: site_search.MAX_QUERY_LENGTH],
            "query": query,
            "too_long": too_long,
            "page_obj": page,
            "result_count": paginator.count,
        },
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /nalog/", "Disallow: /api/", "Allow: /"]
    lines.append(f"Sitemap: {settings.SITE_URL}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
