"""Images on public pages: responsive WebP renditions, sizes, dimensions, lazy loading; flat query counts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import png_image, publish


@pytest.fixture
def news_index(home_page):
    from infocentar.news.models import NewsIndexPage

    return publish(home_page.add_child(instance=NewsIndexPage(title="Vijesti", slug="vijesti")))


@pytest.fixture
def make_news(news_index):
    """make_news(n, organisations=()): n live news items, each with an image of its own."""
    from infocentar.news.models import NewsPage

    made = []

    def make(count: int, organisations=()):
        for _ in range(count):
            number = len(made) + 1
            page = NewsPage(
                title=f"Vijest broj {number}",
                slug=f"vijest-{number}",
                date=datetime.date(2026, 3, 1) + datetime.timedelta(days=number),
                lead="Kratak opis vijesti.",
                image=png_image(f"Slika {number}", size=(1200, 800)),
                image_alt=f"Opis slike {number}",
                organisations=list(organisations),
            )
            news_index.add_child(instance=page)
            made.append(publish(page))
        return made

    return make


def pictures(html: str) -> list[str]:
    return re.findall(r"<picture>.*?</picture>", html, re.S)


def img_attrs(picture: str) -> dict[str, str]:
    tag = re.search(r"<img [^>]*>", picture).group(0)
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


def assert_responsive(picture: str) -> None:
    sources = re.findall(r"<source [^>]*>", picture)
    webp = [s for s in sources if 'type="image/webp"' in s]
    assert webp, "a WebP source"
    srcset = re.search(r'srcset="([^"]+)"', webp[0]).group(1)
    widths = re.findall(r" (\d+)w", srcset)
    assert len(widths) >= 3, "several widths to choose from"
    assert all(".webp" in candidate for candidate in srcset.split(","))
    assert all('sizes="' in s for s in sources)
    img = img_attrs(picture)
    assert int(img["width"]) > 0 and int(img["height"]) > 0, "no layout shift"
    assert img["src"].endswith((".jpg", ".jpeg")), "a JPEG fallback"


def test_news_cards_on_the_home_page_are_lazy_responsive_pictures(client, make_news):
    make_news(2)
    html = client.get("/").content.decode()
    found = pictures(html)
    assert len(found) == 2
    for picture in found:
        assert_responsive(picture)
        img = img_attrs(picture)
        assert img["loading"] == "lazy" and img["decoding"] == "async"
        assert img["alt"] == "", "the card's title says what the image is about"


def test_news_cards_on_the_news_index_are_lazy_responsive_pictures(client, make_news):
    make_news(2)
    found = pictures(client.get("/vijesti/").content.decode())
    assert len(found) == 2
    for picture in found:
        assert_responsive(picture)
        assert img_attrs(picture)["loading"] == "lazy"


def test_news_cards_on_a_bodys_page_are_lazy_responsive_pictures(client, make_news, org_a):
    make_news(2, organisations=[org_a])
    found = pictures(client.get(f"/organi/{org_a.slug}/").content.decode())
    assert len(found) == 2
    for picture in found:
        assert_responsive(picture)
        assert img_attrs(picture)["loading"] == "lazy"


def test_the_lead_image_of_a_news_item_is_fetched_early_not_lazily(client, make_news):
    item = make_news(1)[0]
    html = client.get(item.url).content.decode()
    lead = pictures(html)[0]
    assert_responsive(lead)
    img = img_attrs(lead)
    assert "loading" not in img and "decoding" not in img
    assert img["fetchpriority"] == "high"
    assert img["alt"] == "Opis slike 1"


def test_image_blocks_of_a_page_body_are_lazy_responsive_pictures(client, home_page):
    from infocentar.portal.models import StandardPage

    body = [("image", {"image": png_image(), "alt_text": "Šalter pisarnice", "decorative": False})]
    publish(home_page.add_child(instance=StandardPage(title="Pisarnica", slug="pisarnica", body=body)))
    picture = pictures(client.get("/pisarnica/").content.decode())[0]
    assert_responsive(picture)
    img = img_attrs(picture)
    assert img["loading"] == "lazy" and img["decoding"] == "async" and img["alt"] == "Šalter pisarnice"


def _queries(client, path: str) -> int:
    client.get(path)  # the first request makes the renditions
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["/", "/vijesti/", "/organi/{slug}/"])
def test_cards_with_images_cost_no_query_per_card(client, make_news, org_a, path):
    """Renditions come with the rows (prefetched): six cards with six images cost what two cost."""
    path = path.format(slug=org_a.slug)
    make_news(2, organisations=[org_a])
    few = _queries(client, path)
    make_news(4, organisations=[org_a])
    many = _queries(client, path)
    assert len(pictures(client.get(path).content.decode())) >= 5
    assert many == few
