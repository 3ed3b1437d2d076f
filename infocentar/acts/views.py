"""Public pages of the acts registry: the registry, an act, its versions compared, Akoma Ntoso and the export."""

from __future__ import annotations

import csv
from itertools import islice

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import akn, compare, listing
from .models import Act, ActStatus, ActVersion, RelationKind
from .slots import render_act_panels
from .timeline import timeline

EXPORT_FIELDS = [
    "id",
    "type",
    "title",
    "issuer",
    "number",
    "area",
    "sub_area",
    "status",
    "date",
    "adopted_on",
    "published_on",
    "gazette_issue",
    "gazette_date",
    "gazette_registry_number",
    "entry_into_force",
    "url",
]


@require_safe
def registry(request):
    form, acts, raw_query, query = listing.acts_from_request(request, with_issuer=False)
    paginator = listing.RegistryPaginator(acts, listing.PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    page_obj.object_list = listing.attach_issuers(page_obj.object_list)
    filtering = any(form.value(n) for n in ("type", "issuer", "status", "year", "area")) or bool(query)
    feed_params = {k: v for k, v in (("type", form.value("type")), ("issuer", form.value("issuer"))) if v}
    from urllib.parse import urlencode

    feed_query = ("?" + urlencode(feed_params)) if feed_params else ""
    export_query = request.GET.copy()
    export_query.pop("page", None)
    export_qs = ("?" + export_query.urlencode()) if export_query else ""
    return render(
        request,
        "acts/registry.html",
        {
            "title": _("Registry of acts"),
            "breadcrumbs": [{"label": _("Registry of acts"), "url": ""}],
            "filter_form": form,
            "page_obj": page_obj,
            "acts": page_obj.object_list,
            "result_count": paginator.count,
            "search_capped": getattr(acts, "capped", False),
            "filtering": filtering,
            "query": query,
            "empty_query": bool(raw_query.strip()) and not query,
            "registry_url": reverse("acts-index"),
            "rss_url": reverse("acts-rss") + feed_query,
            "atom_url": reverse("acts-atom") + feed_query,
            "csv_url": reverse("acts-export-csv") + export_qs,
            "json_url": reverse("acts-export-json") + export_qs,
        },
    )


def _public_act(pk: int) -> Act:
    return get_object_or_404(Act.objects.public().select_related("issuer", "prepared_by"), pk=pk)


def _relations(act: Act) -> list[dict]:
    """Related acts, in both directions, said the right way round ("is amended by …")."""
    inverse = {
        RelationKind.AMENDS: _("is amended by"),
        RelationKind.REPEALS: _("is repealed by"),
        RelationKind.IMPLEMENTS: _("is implemented by"),
        RelationKind.BASED_ON: _("is the basis of"),
    }
    out = []
    for relation in act.relations_from.filter(target__is_public=True).select_related("target"):
        out.append({"label": relation.get_kind_display(), "act": relation.target})
    for relation in act.relations_to.filter(source__is_public=True).select_related("source"):
        out.append({"label": inverse[RelationKind(relation.kind)], "act": relation.source})
    return out


@require_safe
def act_detail(request, pk: int, version_pk: int | None = None):
    act = _public_act(pk)
    versions = list(act.versions.all())
    if version_pk is not None:
        version = next((v for v in versions if v.pk == version_pk), None)
        if version is None:
            raise Http404
    else:
        version = versions[-1] if versions else None
    articles = list(version.articles.all()) if version else []
    chapters: list[dict] = []
    for article in articles:
        if not chapters or chapters[-1]["title"] != article.chapter:
            chapters.append({"title": article.chapter, "articles": [], "level": 4 if article.chapter else 3})
        chapters[-1]["articles"].append(article)
    attachments = list(act.attachments.select_related("document"))
    context = {
        "title": act.title,
        "breadcrumbs": [
            {"label": _("Registry of acts"), "url": reverse("acts-index")},
            {"label": act.title, "url": ""},
        ],
        "act": act,
        "versions": versions,
        "version": version,
        "is_latest": version is not None and version == versions[-1],
        "chapters": chapters,
        "article_count": len(articles),
        "timeline": timeline(act),
        "relations": _relations(act),
        "attachments": attachments,
        "panels": render_act_panels(request, act),
        "compare_url": reverse("acts-compare", args=[act.pk]),
    }
    return render(request, "acts/act_detail.html", context)


def _version_param(request, name: str, versions: list[ActVersion]) -> ActVersion | None:
    raw = request.GET.get(name, "")
    if not raw.isdigit():
        return None
    return next((v for v in versions if v.pk == int(raw)), None)


@require_safe
def act_compare(request, pk: int):
    act = _public_act(pk)
    versions = list(act.versions.all())
    old = _version_param(request, "od", versions)
    new = _version_param(request, "do", versions)
    error = ""
    asked = "od" in request.GET or "do" in request.GET
    if not asked and len(versions) >= 2:
        old, new = versions[-2], versions[-1]
    elif old is None or new is None:
        error = _("Choose two versions of this act to compare.")
    elif old == new:
        error = _("Choose two different versions to compare.")
    changes = compare.compare_versions(old, new) if not error and old and new else []
    context = {
        "title": _("Compare versions: %(title)s") % {"title": act.title},
        "breadcrumbs": [
            {"label": _("Registry of acts"), "url": reverse("acts-index")},
            {"label": act.title, "url": act.get_absolute_url()},
            {"label": _("Compare versions"), "url": ""},
        ],
        "act": act,
        "versions": versions,
        "old": old,
        "new": new,
        "error": error,
        "changes": changes,
        "summary": compare.summary(changes),
        "only_changed": request.GET.get("sve") != "1",
    }
    return render(request, "acts/act_compare.html", context, status=400 if error and len(versions) >= 2 else 200)


@require_safe
def act_akn(request, pk: int):
    act = _public_act(pk)
    version_pk = request.GET.get("verzija", "")
    version = None
    if version_pk.isdigit():
        version = act.versions.filter(pk=int(version_pk)).first()
        if version is None:
            raise Http404
    xml = akn.act_to_akn(act, version=version, request=request)
    response = HttpResponse(xml, content_type="application/akn+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="akt-{act.pk}.xml"'
    return response


# --- bulk export -------------------------------------------------------------------------


def _export_rows(request):
    _form, acts, _raw, query = listing.acts_from_request(request)
    base = request.build_absolute_uri("/")[:-1]
    status_labels = dict(ActStatus.choices)
    # Search results are capped by the search (and fetched in chunks); a plain queryset streams in chunks.
    iterable = acts if query else acts.iterator(chunk_size=2000)
    for act in iterable:
        yield {
            "id": act.pk,
            "type": act.type,
            "title": act.title,
            "issuer": act.issuer.name,
            "number": act.number,
            "area": act.area,
            "sub_area": act.sub_area,
            "status": act.status,
            "status_label": str(status_labels.get(act.status, act.status)),
            "date": act.date,
            "adopted_on": act.adopted_on,
            "published_on": act.published_on,
            "gazette_issue": act.gazette_issue,
            "gazette_date": act.gazette_date,
            "gazette_registry_number": act.gazette_registry_number,
            "entry_into_force": act.entry_into_force,
            "url": base + act.get_absolute_url(),
        }


class _Echo:
    def write(self, value):
        return value


def _cell(value) -> object:
    """A CSV cell; text a spreadsheet would run as a formula ("=…", "+…", "-…", "@…") is quoted with "'"."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@require_safe
def export_csv(request):
    writer = csv.DictWriter(_Echo(), fieldnames=EXPORT_FIELDS, extrasaction="ignore")

    def lines():
        yield "\ufeff" + writer.writeheader()
        for row in _export_rows(request):
            yield writer.writerow({k: _cell(v) for k, v in row.items()})

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="akti.csv"'
    return response


@require_safe
def export_json(request):
    encoder = DjangoJSONEncoder(ensure_ascii=False)

    def chunks():
        yield "["
        rows = _export_rows(request)
        first = True
        while True:
            batch = list(islice(rows, 500))
            if not batch:
                break
            for row in batch:
                yield ("" if first else ",\n") + encoder.encode(row)
                first = False
        yield "]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="akti.json"'
    return response
