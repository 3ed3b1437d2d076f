"""Open data: the news of the municipality's bodies (live, public news items only).

No `from __future__ import annotations` here: django-ninja reads the annotations at import time.
"""

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.search.backends import get_search_backend

from infocentar.api.pagination import Pagination
from infocentar.core.search import MAX_QUERY_LENGTH, normalise_query

from .caching import cached_count
from .models import FIRST_YEAR, LAST_YEAR, NewsPage
from .views import absolute_url

router = Router(tags=["news"])

# The largest of the JPEG renditions a news item's page shows, so the API adds no new one.
API_IMAGE_FILTER = "format-jpeg|width-1200"
# Search backends that cannot give a subquery give at most this many matches.
MAX_SEARCH_MATCHES = 10_000


class NewsPagination(Pagination):
    """The API's pagination, with the count from the cache while news is unchanged."""

    def _items_count(self, queryset) -> int:
        return cached_count(queryset)


class OrganisationRef(Schema):
    """An organisation a news item is about."""

    id: int = Field(description="The organisation's id (as in /api/v1/organisations).")
    name: str = Field(description="The organisation's official name.")
    slug: str = Field(description="The organisation's slug: its page is /organi/<slug>/.")


class NewsOut(Schema):
    """A news item about the activities of the municipality's bodies."""

    id: int = Field(description="The news item's id: stable for as long as the item exists.")
    title: str
    date: datetime.date = Field(description="The date the news item is dated.")
    lead: str = Field(description="One or two sentences saying what happened (plain text).")
    url: str = Field(description="The news item's public page (absolute URL).")
    organisations: list[OrganisationRef] = Field(description="The organisations the news item is about.")
    tags: list[str] = Field(description="The news item's tags.")
    image_url: str | None = Field(description="A JPEG rendition of the news item's image (absolute URL), or null.")
    image_alt: str = Field(description="The image's alternative text ('' without an image).")
    last_published_at: datetime.datetime | None = Field(description="When the news item was last published.")

    @staticmethod
    def resolve_url(obj: NewsPage, context) -> str:
        return absolute_url(obj.get_url(context["request"]) or "")

    @staticmethod
    def resolve_organisations(obj: NewsPage) -> list:
        return list(obj.organisations.all())

    @staticmethod
    def resolve_tags(obj: NewsPage) -> list[str]:
        return [tag.name for tag in obj.tag_list()]

    @staticmethod
    def resolve_image_url(obj: NewsPage) -> str | None:
        if obj.image is None:
            return None
        rendition = get_rendition_or_not_found(obj.image, API_IMAGE_FILTER)
        return absolute_url(rendition.url)

    @staticmethod
    def resolve_image_alt(obj: NewsPage) -> str:
        return obj.image_alt if obj.image is not None else ""


class NewsFilters(Schema):
    organisation: str | None = Field(
        None, max_length=100, description="Only news about this organisation: its id or its slug."
    )
    tag: str | None = Field(None, max_length=100, description="Only news with this tag (its slug or its name).")
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Only news dated in this year.")
    date_from: datetime.date | None = Field(None, description="Only news dated on or after this day (YYYY-MM-DD).")
    date_to: datetime.date | None = Field(None, description="Only news dated on or before this day (YYYY-MM-DD).")
    q: str | None = Field(
        None,
        max_length=MAX_QUERY_LENGTH * 2,
        description=(
            "Words to search for in the title, lead and text; either script, with or without diacritics "
            "('sjednica', 'Сједница' and 'sjednica' find the same)."
        ),
    )


def public_news() -> QuerySet:
    return NewsPage.objects.live().public()


def _matching(query: str) -> QuerySet | list[int]:
    """Ids of the public news the site search finds for the folded `query` (a subquery where possible)."""
    results = get_search_backend().search(query, public_news(), operator="and", order_by_relevance=False)
    as_queryset = getattr(results, "get_queryset", None)
    if as_queryset is not None:
        return as_queryset().values("pk")
    return [item.pk for item in results[:MAX_SEARCH_MATCHES]]


def filter_news(filters: NewsFilters) -> QuerySet:
    news = public_news()
    if filters.organisation:
        value = filters.organisation.strip()
        if value.isascii() and value.isdigit():
            news = news.filter(organisations=int(value))
        else:
            news = news.filter(organisations__slug=value)
    if filters.tag:
        tag = filters.tag.strip()
        news = news.filter(Q(tagged_items__tag__slug=tag) | Q(tagged_items__tag__name__iexact=tag))
    if filters.year:
        news = news.filter(date__year=filters.year)
    if filters.date_from:
        news = news.filter(date__gte=filters.date_from)
    if filters.date_to:
        news = news.filter(date__lte=filters.date_to)
    if filters.q and filters.q.strip():
        query = normalise_query(filters.q)
        # Words with nothing searchable in them ("!!!") find nothing; an empty q is no filter.
        news = news.filter(pk__in=_matching(query)) if query else news.none()
    return news.distinct() if filters.tag else news


@router.get(
    "",
    response=list[NewsOut],
    summary="List news",
    description=(
        "The municipality's published news about the activities of its bodies, newest first, "
        "filterable by organisation, tag, year, a range of dates and words of the text."
    ),
)
@paginate(NewsPagination)
def list_news(request: HttpRequest, filters: Query[NewsFilters]):
    return filter_news(filters).for_listing()


@router.get(
    "/{int:news_id}",
    response=NewsOut,
    summary="One news item",
    description="A published news item by its id; 404 when there is none (or it is not public).",
)
def get_news(request: HttpRequest, news_id: int):
    item = public_news().for_listing().filter(pk=news_id).first()
    if item is None:
        raise Http404
    return item
