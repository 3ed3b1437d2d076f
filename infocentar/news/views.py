"""What the news pages show: the index with its filters, and a news item with its metadata."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from taggit.models import Tag
from wagtail.models import Page

from infocentar.core.models import Organisation

from . import caching
from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    NEWS_PER_PAGE,
    ORGANISATION_PARAM,
    TAG_PARAM,
    YEAR_PARAM,
    NewsPage,
    organisations_with_news,
)

if TYPE_CHECKING:
    from .models import NewsIndexPage

# The escapes of Django's json_script: the JSON cannot close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
OG_IMAGE_FILTER = "fill-1200x630|format-jpeg"


def absolute_url(url: str | None) -> str:
    """`url` with the site's public address in front (unchanged when it already has one)."""
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL + url


def is_cyrillic(request: HttpRequest | None) -> bool:
    return getattr(request, "script", "latn") == "cyrl"


def in_script(request: HttpRequest | None, text: str) -> str:
    """Text for a response the Cyrillic middleware does not transliterate (feeds, JSON-LD)."""
    if text and is_cyrillic(request):
        from infocentar.core.script import to_cyrillic

        return to_cyrillic(text)
    return text


# --- the news index -----------------------------------------------------------------


def _year(value: str | None) -> int | None:
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR:
        return int(value)
    return None


def _year_range(news) -> list[int]:
    """The years from the newest news item's down to the oldest's (two index lookups, not a scan)."""
    newest = news.order_by("-date").values_list("date", flat=True).first()
    if newest is None:
        return []
    oldest = news.order_by("date").values_list("date", flat=True).first()
    return list(range(newest.year, oldest.year - 1, -1))


def _filter_choices(index_page: NewsIndexPage, news) -> tuple[list[tuple[str, str]], list[int]]:
    """(slug, name) of the bodies with news, and the years with news: from the cache while news is unchanged."""

    def compute():
        organisations = [(org.slug, org.name) for org in organisations_with_news()]
        return organisations, _year_range(news)

    return caching.cached("choices", str(index_page.pk), compute)


class NewsPaginator(Paginator):
    """Django's paginator, with the count from the cache while news is unchanged.

    Once `current` is set, `page_range` holds only the numbers components/pagination.html
    shows around it (the first, the last, two either side and the ellipses' neighbours): the
    component walks the whole range, and 50,000 news items make 2,500 pages.
    """

    current: int | None = None

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return caching.cached_count(self.object_list)
        return len(self.object_list)

    @property
    def page_range(self):
        if self.current is None:
            return super().page_range
        last = self.num_pages
        return [n for n in sorted({1, last, *range(self.current - 3, self.current + 4)}) if 1 <= n <= last]


def find_tag(value: str | None) -> Tag | None:
    value = (value or "").strip()[:100]
    if not value:
        return None
    return Tag.objects.filter(Q(slug=value) | Q(name__iexact=value)).order_by("pk").first()


def news_index_context(index_page: NewsIndexPage, request: HttpRequest) -> dict[str, Any]:
    """The filtered, paginated list of news under `index_page` (a fixed number of queries)."""
    params = request.GET
    news = index_page.news()
    filtered = news
    active_filters: list[dict[str, str]] = []

    organisation = None
    organ_slug = (params.get(ORGANISATION_PARAM) or "").strip()[:100]
    if organ_slug:
        organisation = Organisation.objects.active().filter(slug=organ_slug).only("pk", "name", "slug").first()
        filtered = filtered.filter(organisations=organisation.pk) if organisation else filtered.none()
        active_filters.append({"param": ORGANISATION_PARAM, "label": organisation.name if organisation else organ_slug})

    tag = None
    tag_value = params.get(TAG_PARAM)
    if tag_value:
        tag = find_tag(tag_value)
        filtered = filtered.filter(tagged_items__tag=tag) if tag else filtered.none()
        active_filters.append({"param": TAG_PARAM, "label": tag.name if tag else tag_value[:100]})

    year_value = params.get(YEAR_PARAM)
    if year_value:
        year = _year(year_value)
        filtered = filtered.filter(date__year=year) if year else filtered.none()
        active_filters.append({"param": YEAR_PARAM, "label": str(year or year_value[:10])})

    paginator = NewsPaginator(filtered.for_listing(), NEWS_PER_PAGE)
    page_obj = paginator.get_page(params.get("page"))
    paginator.current = page_obj.number

    # The filters are plain <select>s in the template: Django's widget templates would take
    # longer to render a few hundred bodies than the rest of the page.
    organisations, years = _filter_choices(index_page, news)
    return {
        "news_items": page_obj.object_list,
        "page_obj": page_obj,
        "filter_organisations": organisations,
        "filter_years": years,
        "selected_year": _year(year_value) if year_value else None,
        "active_filters": active_filters,
        "filter_organisation": organisation,
        "filter_tag": tag,
        "rss_url": reverse("news-rss-organisation", args=[organisation.slug]) if organisation else reverse("news-rss"),
        "atom_url": reverse("news-atom-organisation", args=[organisation.slug])
        if organisation
        else reverse("news-atom"),
    }


# --- a news item -------------------------------------------------------------------------


def json_for_script(data: Any) -> SafeString:
    """`data` as JSON that is safe inside a <script> element (json_script's escaping)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(text)


def news_article_data(
    page: NewsPage,
    request: HttpRequest | None,
    *,
    url: str,
    image_url: str = "",
    organisations: list[Organisation] | None = None,
    tags: list[Tag] | None = None,
) -> dict[str, Any]:
    """schema.org NewsArticle for the page (in the reader's script)."""
    from infocentar.portal.models import MunicipalitySettings

    municipality = MunicipalitySettings.for_request(request).name if request is not None else ""
    publisher = {"@type": "GovernmentOrganization", "name": in_script(request, municipality), "url": settings.SITE_URL}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": in_script(request, page.title)[:110],
        "description": in_script(request, page.lead),
        "datePublished": page.published_datetime.isoformat(),
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "cnr-Cyrl" if is_cyrillic(request) else "cnr-Latn",
        "publisher": publisher,
        "author": publisher,
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if image_url:
        data["image"] = [image_url]
    if organisations is None:
        organisations = list(page.organisations.all())
    if organisations:
        data["about"] = [
            {
                "@type": "GovernmentOrganization",
                "name": in_script(request, org.name),
                "url": absolute_url(org.get_absolute_url()),
            }
            for org in organisations
        ]
    if tags is None:
        tags = page.tag_list()
    if tags:
        data["keywords"] = [in_script(request, tag.name) for tag in tags]
    return data


def news_page_context(page: NewsPage, request: HttpRequest) -> dict[str, Any]:
    """The news item's organisations, tags, the index it is listed on, and its metadata."""
    from wagtail.images.shortcuts import get_rendition_or_not_found

    try:
        index = page.get_parent()
    except Page.DoesNotExist:  # a preview of a page not saved yet
        index = None
    index_url = (index.get_url(request) or "") if index is not None else ""
    url = absolute_url(page.get_url(request) or "")
    og_image = None
    if page.image_id and page.image is not None:
        og_image = get_rendition_or_not_found(page.image, OG_IMAGE_FILTER)
    og_image_url = absolute_url(og_image.url) if og_image is not None else ""
    organisations = list(page.organisations.all())
    tags = page.tag_list()
    data = news_article_data(page, request, url=url, image_url=og_image_url, organisations=organisations, tags=tags)
    return {
        "news_index_url": index_url,
        "organisations": organisations,
        "tags": tags,
        "canonical_url": url,
        "og_image": og_image,
        "og_image_url": og_image_url,
        "news_article_json": json_for_script(data),
    }
