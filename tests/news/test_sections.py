"""The news on the home page and on a body's page, and in the site search."""

from __future__ import annotations

import datetime

import pytest

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_six_latest_news(client, make_news):
    for day in range(1, 9):
        make_news(f"Vijest dana {day}", date=datetime.date(2026, 3, day))
    content = client.get("/").content.decode()
    assert 'id="news-latest-title"' in content
    for day in range(3, 9):
        assert f"Vijest dana {day}<" in content
    assert "Vijest dana 2<" not in content
    assert 'href="/vijesti/"' in content
    assert 'href="/vijesti/rss/"' in content


def test_the_home_page_hides_the_section_without_news(client, news_index):
    assert 'id="news-latest-title"' not in client.get("/").content.decode()


def test_a_bodys_page_shows_its_latest_news(client, make_news, org_a, org_b):
    for day in range(1, 8):
        make_news(f"Vijest ViK-a {day}", organisations=[org_a], date=datetime.date(2026, 3, day))
    make_news("Vijest Centra za kulturu", organisations=[org_b])
    content = client.get(f"/organi/{org_a.slug}/").content.decode()
    assert 'id="organisation-news-title"' in content
    for day in range(3, 8):
        assert f"Vijest ViK-a {day}<" in content
    assert "Vijest ViK-a 2<" not in content
    assert "Vijest Centra za kulturu" not in content
    assert f'href="/vijesti/?organ={org_a.slug}"' in content
    assert f'href="/vijesti/rss/{org_a.slug}/"' in content


def test_a_body_without_news_has_no_news_section(client, make_news, org_a, org_b):
    make_news("Vijest Centra za kulturu", organisations=[org_b])
    assert 'id="organisation-news-title"' not in client.get(f"/organi/{org_a.slug}/").content.decode()


@pytest.mark.parametrize("query", ["sjednica", "odrzana sjednica", "Održana", "ОДРЖАНА", "сједница", "SJEDNICA"])
def test_site_search_finds_news_in_either_script_and_without_diacritics(client, make_news, query):
    session = make_news("Održana sjednica Skupštine", lead="Odbornici su usvojili budžet.", publish=True)
    concert = make_news("Koncert na trgu", publish=True)
    response = client.get("/pretraga/", {"q": query})
    assert response.status_code == 200
    content = response.content.decode()
    assert f'href="{session.url}"' in content
    assert f'href="{concert.url}"' not in content


def test_site_search_finds_news_by_its_lead_and_body(client, make_news):
    page = make_news(
        "Vijest", lead="Počinje rekonstrukcija vodovoda.", body=[("paragraph", "<p>Đurđevdanski sajam.</p>")]
    )
    assert f'href="{page.url}"' in client.get("/pretraga/", {"q": "rekonstrukcija"}).content.decode()
    assert f'href="{page.url}"' in client.get("/pretraga/", {"q": "durdevdanski"}).content.decode()


def test_site_search_leaves_out_unpublished_news(client, make_news):
    page = make_news("Održana sjednica")
    page.unpublish()
    assert client.get("/pretraga/", {"q": "sjednica"}).context["result_count"] == 0
