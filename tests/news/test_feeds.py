"""RSS and Atom feeds of the news: valid XML, the right items, per organisation, in Cyrillic."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel").findall("item")


def atom_entries(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


@pytest.fixture
def news(make_news, org_a, org_b):
    return [
        make_news("Radovi na vodovodu", organisations=[org_a], date=datetime.date(2026, 3, 3), tags=["vodovod"]),
        make_news("Koncert na trgu", organisations=[org_b], date=datetime.date(2026, 3, 2)),
        make_news("Održana sjednica", lead="Usvojen budžet.", date=datetime.date(2026, 3, 1)),
    ]


def test_rss_lists_all_news_newest_first_with_absolute_links(client, news, settings):
    items = rss_items(client.get("/vijesti/rss/"))
    assert [item.findtext("title") for item in items] == ["Radovi na vodovodu", "Koncert na trgu", "Održana sjednica"]
    assert items[2].findtext("description") == "Usvojen budžet."
    assert items[0].findtext("link") == settings.SITE_URL + news[0].url
    assert items[0].findtext("category") == "vodovod"
    assert items[0].findtext("pubDate")


def test_atom_lists_all_news(client, news, settings):
    entries = atom_entries(client.get("/vijesti/atom/"))
    assert entries[0].findtext(f"{ATOM}title") == "Radovi na vodovodu"
    assert entries[0].find(f"{ATOM}link").get("href") == settings.SITE_URL + news[0].url
    assert len(entries) == 3


def test_feeds_per_organisation(client, news, org_a):
    items = rss_items(client.get(f"/vijesti/rss/{org_a.slug}/"))
    assert [item.findtext("title") for item in items] == ["Radovi na vodovodu"]
    entries = atom_entries(client.get(f"/vijesti/atom/{org_a.slug}/"))
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Radovi na vodovodu"]
    channel_title = ET.fromstring(client.get(f"/vijesti/rss/{org_a.slug}/").content).find("channel").findtext("title")
    assert org_a.name in channel_title


def test_an_unknown_organisation_has_no_feed(client, news):
    assert client.get("/vijesti/rss/nepostojeci/").status_code == 404
    assert client.get("/vijesti/atom/nepostojeci/").status_code == 404


def test_feeds_hold_the_fifty_newest(client, make_news):
    for number in range(52):
        make_news(f"Vijest {number}", date=datetime.date(2025, 1, 1) + datetime.timedelta(days=number))
    items = rss_items(client.get("/vijesti/rss/"))
    assert len(items) == 50
    assert items[0].findtext("title") == "Vijest 51"


def test_cyrillic_feeds_are_in_cyrillic(client, news, settings):
    path = news[2].url
    items = rss_items(client.get("/cir/vijesti/rss/"))
    assert items[2].findtext("title") == "Одржана сједница"
    assert items[2].findtext("description") == "Усвојен буџет."
    assert items[2].findtext("link") == settings.SITE_URL + "/cir" + path
    root = ET.fromstring(client.get("/cir/vijesti/atom/").content)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "cnr-Cyrl"
    assert root.find(f"{ATOM}entry").findtext(f"{ATOM}title") == "Радови на водоводу"


def test_english_feeds_link_to_english_pages(client, news, settings):
    path = news[0].url
    items = rss_items(client.get("/en/vijesti/rss/"))
    assert items[0].findtext("link") == settings.SITE_URL + "/en" + path


def test_an_empty_feed_is_still_valid(client, news_index):
    assert rss_items(client.get("/vijesti/rss/")) == []


def test_feed_query_count_does_not_grow(client, make_news, org_a, django_assert_max_num_queries):
    for number in range(3):
        make_news(f"Vijest {number}", organisations=[org_a], tags=["a", "b"])
    with django_assert_max_num_queries(12):
        client.get("/vijesti/rss/")
    for number in range(3, 30):
        make_news(f"Vijest {number}", organisations=[org_a], tags=["a", "b"])
    with django_assert_max_num_queries(12):
        client.get("/vijesti/rss/")
