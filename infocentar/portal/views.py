"""Public views of the website that are not Wagtail pages."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from infocentar.core import search as site_search
from infocentar.core.models import Organisation

from .directory import directory_filter, directory_groups

RESULTS_PER_PAGE = 20


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """/pretraga/: the site search, with facets (kind, body, year) and highlighted snippets."""
    raw = request.GET.get(site_search.PARAM_QUERY, "")
    shown_q = "".join(ch for ch in raw[: site_search.MAX_QUERY_LENGTH] if ch.isprintable())
    filters = site_search.filters_from(request.GET)
    outcome = site_search.run(raw, **filters)
    paginator = Paginator(outcome.hits, RESULTS_PER_PAGE)
    page = paginator.get_page(request.GET.get(site_search.PARAM_PAGE))
    results = outcome.present(page.object_list, request)
    return render(
        request,
        "portal/search.html",
        {
            "title": _("Search"),
            "breadcrumbs": [{"label": _("Search")}],
            "q": shown_q,
            "query": outcome.query if outcome.terms else "",
            "too_long": outcome.too_long,
            "page_obj": page,
            "results": results,
            "result_count": paginator.count,
            "total_count": outcome.total,
            "facets": site_search.facet_groups(outcome, request.GET),
            "filtered": outcome.filtered,
            "clear_filters_url": site_search.clear_filters_url(request.GET),
            "capped": outcome.capped,
            "per_source": outcome.per_source,
            "any_word": outcome.any_word,
        },
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/"]
    lines += [f"Disallow: {prefix}/{path}/" for prefix in ("", "/cir", "/en") for path in ("nalog", "pretraga")]
    lines.append("Allow: /")
    lines.append(f"Sitemap: {settings.SITE_URL}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def organisation_index(request: HttpRequest) -> HttpResponse:
    """The directory of the municipality's bodies, grouped by kind, filtered by ?vrsta= and ?q= (one query)."""
    organisations = list(Organisation.objects.active().only("name", "slug", "kind", "short_name", "head_name"))
    chosen = directory_filter(request.GET)
    groups = directory_groups(organisations, chosen)
    return render(
        request,
        "portal/organisation_index.html",
        {
            "title": _("Bodies and institutions"),
            "groups": groups,
            "filter_form": chosen.form,
            "filtering": chosen.filtering,
            "unknown_kind": chosen.unknown_kind,
            "match_count": sum(len(group["organisations"]) for group in groups),
            "any_bodies": bool(organisations),
            "breadcrumbs": [{"label": _("Bodies and institutions")}],
        },
    )


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.active().select_related("parent"), slug=slug)
    children = organisation.children.filter(is_active=True).only("name", "slug")
    return render(
        request,
        "portal/organisation_detail.html",
        {
            "title": organisation.name,
            "organisation": organisation,
            "children": children,
            "breadcrumbs": [
                {"label": _("Bodies and institutions"), "url": reverse("organisation-index")},
                {"label": organisation.name},
            ],
        },
    )
