"""The news index: newest first, filters, pagination, an empty state, and a flat query count."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from infocentar.news.models import NewsPage

from .conftest import png_image

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [item.title for item in response.context["news_items"]]


def test_news_are_listed_newest_first(client, make_news):
    make_news("Starija vijest", date=datetime.date(2026, 1, 5))
    make_news("Najnovija vijest", date=datetime.date(2026, 3, 5))
    make_news("Srednja vijest", date=datetime.date(2026, 2, 5))
    response = client.get("/vijesti/")
    assert response.status_code == 200
    assert titles(response) == ["Najnovija vijest", "Srednja vijest", "Starija vijest"]


def test_drafts_are_not_listed(client, make_news):
    draft = make_news("Nacrt vijesti")
    draft.unpublish()
    make_news("Objavljena vijest")
    assert titles(client.get("/vijesti/")) == ["Objavljena vijest"]


def test_filter_by_organisation(client, make_news, org_a, org_b):
    make_news("Vijest ViK-a", organisations=[org_a])
    make_news("Vijest Centra za kulturu", organisations=[org_b])
    make_news("Zajednička vijest", organisations=[org_a, org_b])
    response = client.get("/vijesti/", {"organ": org_a.slug})
    assert sorted(titles(response)) == ["Vijest ViK-a", "Zajednička vijest"]
    content = response.content.decode()
    assert org_a.name in content
    # The feed of that body is offered to feed readers.
    assert 'type="application/rss+xml" title="' in content
    assert f'href="/vijesti/rss/{org_a.slug}/"' in content


def test_filter_by_tag(client, make_news):
    make_news("Sjednica Skupštine", tags=["sjednica"])
    make_news("Radovi na putu", tags=["radovi"])
    assert titles(client.get("/vijesti/", {"oznaka": "sjednica"})) == ["Sjednica Skupštine"]


def test_filter_by_tag_with_diacritics(client, make_news):
    page = make_news("Ljeto u gradu", tags=["turistička sezona"])
    tag = page.tag_list()[0]
    assert titles(client.get("/vijesti/", {"oznaka": tag.slug})) == ["Ljeto u gradu"]
    assert titles(client.get("/vijesti/", {"oznaka": "Turistička sezona"})) == ["Ljeto u gradu"]


def test_filter_by_year(client, make_news):
    make_news("Vijest iz 2025.", date=datetime.date(2025, 6, 1))
    make_news("Vijest iz 2026.", date=datetime.date(2026, 6, 1))
    response = client.get("/vijesti/", {"godina": "2025"})
    assert titles(response) == ["Vijest iz 2025."]
    # The year choices run from the newest news item's year down to the oldest's.
    assert response.context["filter_years"] == [2026, 2025]
    assert '<option value="2025" selected>' in response.content.decode()


def test_filters_combine(client, make_news, org_a):
    make_news("Prava", organisations=[org_a], tags=["vodovod"], date=datetime.date(2026, 4, 1))
    make_news("Druga godina", organisations=[org_a], tags=["vodovod"], date=datetime.date(2025, 4, 1))
    make_news("Druga oznaka", organisations=[org_a], tags=["putevi"], date=datetime.date(2026, 4, 1))
    response = client.get("/vijesti/", {"organ": org_a.slug, "oznaka": "vodovod", "godina": "2026"})
    assert titles(response) == ["Prava"]


def test_pagination_is_twenty_per_page(client, make_news):
    for day in range(1, 23):
        make_news(f"Vijest broj {day}", date=datetime.date(2026, 1, day))
    first = client.get("/vijesti/")
    assert len(first.context["news_items"]) == 20
    assert 'class="pagination"' in first.content.decode()
    second = client.get("/vijesti/", {"page": 2})
    assert titles(second) == ["Vijest broj 2", "Vijest broj 1"]
    # Out of range and nonsense page numbers answer politely.
    assert client.get("/vijesti/", {"page": 99}).status_code == 200
    assert client.get("/vijesti/", {"page": "abc"}).status_code == 200


def test_pagination_shows_the_same_links_as_with_every_page_number(rf):
    """The paginator gives the component only the numbers it shows; the links are the same."""
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    from infocentar.news.views import NewsPaginator

    request = rf.get("/vijesti/")
    for current in (1, 2, 4, 5, 50, 96, 99, 100):
        full = Paginator(range(2000), 20).get_page(current)
        short_paginator = NewsPaginator(range(2000), 20)
        short = short_paginator.get_page(current)
        short_paginator.current = short.number
        assert len(short_paginator.page_range) <= 9
        shown = render_to_string("components/pagination.html", {"page_obj": short}, request)
        expected = render_to_string("components/pagination.html", {"page_obj": full}, request)
        assert shown.split() == expected.split()


def test_pagination_keeps_the_filters(client, make_news, org_a):
    for day in range(1, 23):
        make_news(f"Vijest {day}", organisations=[org_a], date=datetime.date(2026, 1, day))
    content = client.get("/vijesti/", {"organ": org_a.slug}).content.decode()
    assert f"?organ={org_a.slug}&amp;page=2" in content


def test_the_count_and_the_choices_follow_new_news(client, make_news, org_a):
    make_news("Prva vijest", date=datetime.date(2025, 5, 1))
    first = client.get("/vijesti/")
    assert first.context["page_obj"].paginator.count == 1
    make_news("Druga vijest", organisations=[org_a], date=datetime.date(2026, 5, 1))
    second = client.get("/vijesti/")
    assert second.context["page_obj"].paginator.count == 2
    assert (org_a.slug, org_a.name) in second.context["filter_organisations"]
    assert second.context["filter_years"] == [2026, 2025]
    second_page = NewsPage.objects.get(title="Druga vijest")
    second_page.unpublish()
    assert client.get("/vijesti/").context["page_obj"].paginator.count == 1


def test_an_empty_index_says_so(client, news_index):
    response = client.get("/vijesti/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="no-results"' in content
    assert "pagination" not in content


@pytest.mark.parametrize(
    "params",
    [
        {"organ": "nepostojeci-organ"},
        {"oznaka": "nepostojeca-oznaka"},
        {"godina": "1999"},
        {"godina": "dvije hiljade"},
        {"godina": "9" * 40},
        {"organ": "x" * 5000, "oznaka": "<script>", "godina": "\x00"},
    ],
)
def test_filters_that_match_nothing_show_the_empty_state(client, make_news, params):
    make_news("Jedina vijest", date=datetime.date(2026, 1, 1))
    response = client.get("/vijesti/", params)
    assert response.status_code == 200
    assert titles(response) == []
    content = response.content.decode()
    assert 'class="no-results"' in content
    assert 'href="/vijesti/"' in content  # the way back to all news


def test_the_index_links_its_feeds(client, news_index):
    content = client.get("/vijesti/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in content
    assert 'href="/vijesti/rss/"' in content
    assert '<link rel="alternate" type="application/atom+xml"' in content


def test_the_index_is_served_in_cyrillic(client, make_news):
    make_news("Održana sjednica Skupštine")
    response = client.get("/cir/vijesti/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Одржана сједница Скупштине" in content
    assert 'href="/cir/vijesti/rss/"' in content


def _fill(make_news, count, organisations, start=0):
    image = png_image(f"Slika {start}")
    for number in range(start, start + count):
        make_news(
            f"Vijest {number}",
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
            organisations=organisations,
            tags=[f"oznaka-{number % 5}", "zajednicka"],
            image=image if number % 2 else None,
            image_alt="Opis slike" if number % 2 else "",
        )


def _queries(client, path) -> int:
    client.get(path)  # the first request makes the image renditions once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["/vijesti/", "/vijesti/?organ=vik", "/vijesti/?oznaka=zajednicka&godina=2026"])
def test_query_count_does_not_grow_with_the_news(client, make_news, org_a, org_b, path, django_assert_max_num_queries):
    _fill(make_news, 3, [org_a, org_b])
    few = _queries(client, path)
    _fill(make_news, 22, [org_a, org_b], start=3)
    many = _queries(client, path)
    assert many == few
    with django_assert_max_num_queries(few):
        client.get(path)
