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
from infocentar.core.models import Organisation, OrganisationKind

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
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/"]
    lines += [f"Disallow: {prefix}/{path}/" for prefix in ("", "/cir", "/en") for path in ("nalog", "pretraga")]
    lines.append("Allow: /")
    lines.append(f"Sitemap: {settings.SITE_URL}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def organisation_index(request: HttpRequest) -> HttpResponse:
    """The directory of the municipality's bodies, grouped by kind."""
    organisations = list(Organisation.objects.active().only("name", "slug", "kind", "short_name", "head_name"))
    groups = []
    for kind, label in OrganisationKind.choices:
        members = [o for o in organisations if o.kind == kind]
        if members:
            groups.append({"kind": kind, "label": label, "organisations": members})
    return render(
        request,
        "portal/organisation_index.html",
        {
            "title": _("Bodies and institutions"),
            "groups": groups,
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
