"""Open data: the municipality's organisations.

No `from __future__ import annotations` here: django-ninja reads the annotations at import time.
"""

from django.conf import settings
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from infocentar.api.pagination import Pagination

from .models import Organisation, OrganisationKind
from .text import fold

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    slug: str
    kind: str
    parent_id: int | None
    mandate: str
    head_name: str
    head_title: str
    email: str
    phone: str
    address: str
    working_hours: str
    website: str
    url: str = Field(description="The organisation's public page (absolute URL, in the Latin script).")

    @staticmethod
    def resolve_url(obj: Organisation) -> str:
        # As the news API: the site's public address, then the page's path (the default language's,
        # whatever language the API request was made in).
        with translation.override(settings.LANGUAGE_CODE):
            return settings.SITE_URL + obj.get_absolute_url()


class OrganisationFilter(FilterSchema):
    kind: OrganisationKind | None = None
    parent_id: int | None = None
    q: str | None = None

    def filter_q(self, value: str | None) -> Q:
        if not value:
            return Q()
        needle = fold(value)
        rows = Organisation.objects.active().values_list("pk", "name", "short_name")
        return Q(pk__in=[pk for pk, name, short in rows if needle in fold(f"{name} {short}")])


@router.get("", response=list[OrganisationOut], summary="List organisations")
@paginate(Pagination)
def list_organisations(request, filters: Query[OrganisationFilter]):
    return filters.filter(Organisation.objects.active().order_by("sort_order", "name"))


@router.get("/{int:organisation_id}", response=OrganisationOut, summary="One organisation")
def get_organisation(request, organisation_id: int):
    return get_object_or_404(Organisation.objects.active(), pk=organisation_id)
