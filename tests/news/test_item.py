"""A news item's page: what it shows, its metadata for search engines and social networks."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import png_image

pytestmark = pytest.mark.django_db


class _Head(HTMLParser):
    """The meta properties and JSON-LD scripts of a page."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.json_ld: list[str] = []
        self._in_json = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("property"):
            self.meta.setdefault(attrs["property"], []).append(attrs.get("content", ""))
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_ld[-1] += data


def head(content: str) -> _Head:
    parser = _Head()
    parser.feed(content)
    return parser


@pytest.fixture
def item(make_news, org_a, org_b):
    return make_news(
        "Održana sjednica Skupštine",
        lead="Odbornici su usvojili izmjene budžeta.",
        organisations=[org_a, org_b],
        tags=["sjednica", "budžet"],
        body=[("heading", {"text": "Odbornička pitanja", "level": "h2"}), ("paragraph", "<p>Pitanja i odgovori.</p>")],
        image=png_image("Sala Skupštine", size=(1600, 900)),
        image_alt="Odbornici u sali Skupštine",
        publish=True,
    )


def test_the_page_shows_date_lead_body_organisations_and_tags(client, item, org_a):
    response = client.get(item.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<time datetime="2026-03-01">' in content
    assert "Odbornici su usvojili izmjene budžeta." in content
    assert "Odbornička pitanja" in content
    assert f'href="/organi/{org_a.slug}/"' in content
    assert 'href="/vijesti/?oznaka=sjednica"' in content
    assert 'href="/vijesti/?oznaka=budzet"' in content or 'href="/vijesti/?oznaka=bud%C5%BEet"' in content


def test_the_image_is_responsive_with_webp_and_its_alternative_text(client, item):
    content = client.get(item.url).content.decode()
    picture = re.search(r"<picture>.*?</picture>", content, re.S).group(0)
    assert 'type="image/webp"' in picture
    assert 'alt="Odbornici u sali Skupštine"' in picture
    assert re.search(r'<img[^>]+width="\d+"', picture) and re.search(r'<img[^>]+height="\d+"', picture)
    assert "srcset=" in picture and "480w" in picture
    # The lead image is above the fold: it is not lazy.
    assert 'loading="lazy"' not in picture


def test_open_graph_metadata(client, item, settings):
    meta = head(client.get(item.url).content.decode()).meta
    assert meta["og:type"] == ["article"]
    assert meta["og:title"] == ["Održana sjednica Skupštine"]
    assert meta["og:description"] == ["Odbornici su usvojili izmjene budžeta."]
    assert meta["og:image"][0].startswith(settings.SITE_URL + "/")
    assert meta["og:url"] == [settings.SITE_URL + item.url]
    assert sorted(meta["article:tag"]) == ["budžet", "sjednica"]


def test_news_article_json_ld(client, item, org_a, settings):
    scripts = head(client.get(item.url).content.decode()).json_ld
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Održana sjednica Skupštine"
    assert data["description"] == "Odbornici su usvojili izmjene budžeta."
    assert data["url"] == settings.SITE_URL + item.url
    assert data["datePublished"].startswith("2026-03-01")
    assert data["image"][0].startswith(settings.SITE_URL)
    assert {"@type": "GovernmentOrganization", "name": org_a.name, "url": settings.SITE_URL + "/organi/vik/"} in data[
        "about"
    ]
    assert data["publisher"]["name"] == "Opština Primjer"


def test_json_ld_cannot_break_out_of_its_script(client, make_news):
    page = make_news("Naslov </script><script>alert(1)</script>", lead="A & B <b>")
    content = client.get(page.url).content.decode()
    script = head(content).json_ld[0]
    assert "</script>" not in script and "<" not in script
    assert json.loads(script)["headline"].startswith("Naslov </script>")


def test_the_page_in_cyrillic(client, item):
    response = client.get("/cir" + item.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Одржана сједница Скупштине" in content
    assert "Одборници су усвојили измјене буџета." in content
    # The JSON-LD is data, not text the middleware converts: the page writes it in Cyrillic itself.
    data = json.loads(head(content).json_ld[0])
    assert data["headline"] == "Одржана сједница Скупштине"
    assert data["inLanguage"] == "cnr-Cyrl"
    assert data["url"].endswith("/cir" + item.url)


def test_a_page_whose_image_was_deleted_still_renders(client, item):
    item.image.delete()
    response = client.get(item.url)
    assert response.status_code == 200
    assert "<picture>" not in response.content.decode()


def test_a_news_item_costs_a_fixed_number_of_queries(client, item):
    client.get(item.url)
    with CaptureQueriesContext(connection) as captured:
        client.get(item.url)
    assert len(captured) <= 25, [q["sql"][:120] for q in captured]
