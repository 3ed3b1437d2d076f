"""Open data of the acts registry under /api/v1/acts: the registry (filters, pagination) and one act with its text.

No `from __future__ import annotations` here: django-ninja reads the annotations at import time.
"""

import datetime

from django.http import Http404
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from infocentar.api.pagination import Pagination
from infocentar.core import search as site_search

from .listing import SORTS, filtered_acts
from .models import Act, ActStatus, ActType, VersionKind

router = Router(tags=["acts"])


class OrganisationRef(Schema):
    id: int
    name: str
    slug: str


class GazetteOut(Schema):
    issue: str = Field(..., description="Issue of Službeni list Crne Gore – opštinski propisi, e.g. 12/2024.")
    date: datetime.date | None = None
    registry_number: str = ""


class ActOut(Schema):
    id: int
    type: ActType
    type_label: str
    title: str
    issuer: OrganisationRef
    number: str
    area: str
    sub_area: str
    status: ActStatus
    status_label: str
    date: datetime.date | None = Field(None, description="The date of the act's latest step (adoption if adopted).")
    adopted_on: datetime.date | None = None
    published_on: datetime.date | None = None
    entry_into_force: datetime.date | None = None
    gazette: GazetteOut | None = None
    url: str = Field(..., description="The act's page on the website (absolute).")
    akoma_ntoso_url: str = Field(..., description="The act as Akoma Ntoso 3.0 XML (absolute).")
    updated_at: datetime.datetime

    @staticmethod
    def resolve_type_label(obj: Act) -> str:
        return str(obj.get_type_display())

    @staticmethod
    def resolve_status_label(obj: Act) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_gazette(obj: Act) -> dict | None:
        if not obj.gazette_issue:
            return None
        return {"issue": obj.gazette_issue, "date": obj.gazette_date, "registry_number": obj.gazette_registry_number}

    @staticmethod
    def resolve_url(obj: Act, context) -> str:
        return context["request"].build_absolute_uri(obj.get_absolute_url())

    @staticmethod
    def resolve_akoma_ntoso_url(obj: Act, context) -> str:
        return context["request"].build_absolute_uri(obj.get_akn_url())


class ArticleOut(Schema):
    number: str
    anchor: str
    chapter: str
    heading: str
    text: str


class VersionOut(Schema):
    id: int
    kind: VersionKind
    label: str
    created_at: datetime.datetime
    preamble: str
    articles: list[ArticleOut]


class RelationOut(Schema):
    relation: str = Field(..., description="amends, repeals, implements, based_on (this act → the other act)")
    act_id: int
    title: str


class ActDetailOut(ActOut):
    prepared_by: OrganisationRef | None = None
    summary: str
    drafted_on: datetime.date | None = None
    debate_started_on: datetime.date | None = None
    proposed_on: datetime.date | None = None
    amended_on: datetime.date | None = None
    repealed_on: datetime.date | None = None
    relations: list[RelationOut]
    versions: list[VersionOut] = Field(..., description="Every version with its articles, oldest first.")

    @staticmethod
    def resolve_relations(obj: Act) -> list[dict]:
        return [{"relation": r.kind, "act_id": r.target_id, "title": r.target.title} for r in obj.loaded_relations]

    @staticmethod
    def resolve_versions(obj: Act) -> list[dict]:
        return [
            {
                "id": v.id,
                "kind": v.kind,
                "label": v.label,
                "created_at": v.created_at,
                "preamble": v.preamble,
                "articles": [
                    {"number": a.number, "anchor": a.anchor, "chapter": a.chapter, "heading": a.heading, "text": a.text}
                    for a in v.articles.all()
                ],
            }
            for v in obj.loaded_versions
        ]


class ActFilter(FilterSchema):
    type: ActType | None = Field(None, description="Type of act.")
    status: ActStatus | None = Field(None, description="Status of the act.")
    issuer: str | None = Field(None, max_length=100, description="The issuer's id or slug (see /api/v1/organisations).")
    year: int | None = Field(None, ge=1900, le=2100, description="The year of the act's date.")
    area: str | None = Field(None, max_length=120, description="Area, exactly as in the registry.")
    q: str | None = Field(
        None,
        max_length=site_search.MAX_QUERY_LENGTH * 2,
        description="Words to search for, in either script, with or without diacritics.",
    )
    sort: str | None = Field(None, pattern="^(newest|oldest|title|updated)$", description="Order (default newest).")


@router.get("", response=list[ActOut], summary="List public acts")
@paginate(Pagination)
def list_acts(request, filters: Query[ActFilter]):
    query = filters.q or ""
    sort = filters.sort if filters.sort in SORTS else None
    if site_search.normalise_query(query) and sort is None:
        sort = "relevance"
    acts = filtered_acts(
        act_type=filters.type,
        status=filters.status,
        issuer=filters.issuer or None,
        year=filters.year,
        area=filters.area or None,
        query=query,
        sort=sort,
    )
    return acts  # a QuerySet, or SearchedActs (sliced and counted the same way)


@router.get("/{int:act_id}", response=ActDetailOut, summary="One public act with its versions and text")
def get_act(request, act_id: int):
    if act_id > 2**63 - 1:
        raise HttpError(404, "Not Found")
    act = Act.objects.public().select_related("issuer", "prepared_by").filter(pk=act_id).first()
    if act is None:
        raise Http404
    act.loaded_relations = list(act.relations_from.filter(target__is_public=True).select_related("target"))
    act.loaded_versions = list(act.versions.prefetch_related("articles"))
    return act
