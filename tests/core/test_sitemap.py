"""The sitemap: an index at /sitemap.xml, sections at /sitemap-<section>.xml, every URL in three variants."""

from __future__ import annotations

import datetime
import itertools
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from infocentar.core import sitemaps
from infocentar.portal.models import StandardPage
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _default_language():
    """Requests to /en/ leave English active in the thread; page URLs built afterwards would carry /en/."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _index(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    locations = [sitemap.find("s:loc", NS).text for sitemap in root.findall("s:sitemap", NS)]
    assert len(locations) == len(set(locations))
    return locations


def _urlset(client, location: str) -> dict[str, dict[str, str]]:
    """One sitemap file, checked against the protocol: {loc: {hreflang: href}}."""
    response = client.get(_path(location))
    assert response.status_code == 200, location
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['s']}}}urlset"
    urls = root.findall("s:url", NS)
    assert len(urls) <= sitemaps.MAX_URLS_PER_FILE
    entries = {}
    for url in urls:
        locs = url.findall("s:loc", NS)
        assert len(locs) == 1
        loc = locs[0].text
        assert loc.startswith("http://localhost/"), loc
        assert loc not in entries, f"{loc} twice in {location}"
        lastmod = url.find("s:lastmod", NS)
        if lastmod is not None:
            datetime.date.fromisoformat(lastmod.text[:10])
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
    return entries


def _crawl(client) -> dict[str, dict[str, str]]:
    """Every URL reachable from /sitemap.xml; no URL is in two files."""
    entries: dict[str, dict[str, str]] = {}
    for location in _index(client):
        found = _urlset(client, location)
        assert not set(found) & set(entries), f"{location} repeats URLs of another file"
        entries.update(found)
    return entries


def _variants(path: str) -> set[str]:
    return {f"http://localhost{prefix}{path}" for prefix in ("", "/cir", "/en")}


def test_every_page_in_three_variants_with_alternates(client, home_page):
    home_page.add_child(instance=StandardPage(title="O opštini", slug="o-opstini", live=True))
    hidden = home_page.add_child(instance=StandardPage(title="Nacrt", slug="nacrt", live=False))
    entries = _crawl(client)
    for loc in ("http://localhost/o-opstini/", "http://localhost/cir/o-opstini/", "http://localhost/en/o-opstini/"):
        assert loc in entries, sorted(entries)
        assert entries[loc] == {
            "cnr-Latn": "http://localhost/o-opstini/",
            "cnr-Cyrl": "http://localhost/cir/o-opstini/",
            "en": "http://localhost/en/o-opstini/",
            "x-default": "http://localhost/o-opstini/",
        }
    assert not any(hidden.slug in loc for loc in entries)


def test_bodies_are_listed(client, home_page, org_a):
    entries = _crawl(client)
    assert f"http://localhost/organi/{org_a.slug}/" in entries
    assert f"http://localhost/cir/organi/{org_a.slug}/" in entries
    assert "http://localhost/en/organi/" in entries


def test_the_index_names_one_file_per_section(client, home_page):
    paths = [_path(location) for location in _index(client)]
    assert paths == [f"/sitemap-{section}.xml" for section in sitemaps.SITEMAPS]


def test_robots_txt_names_the_index(client, settings):
    robots = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in robots


@pytest.mark.parametrize(
    "path", ["/sitemap-nepostojeci.xml", "/sitemap-pages.xml?p=abc", "/sitemap-pages.xml?p=0", "/sitemap-pages.xml?p=9"]
)
def test_bad_section_or_page_is_404(client, home_page, path):
    assert client.get(path).status_code == 404


# --- at scale: a small limit stands in for 15,000 items per file ---------------------------


def _news(news_index, count: int):
    from infocentar.news.models import NewsPage

    for _ in range(count):
        number = next(_numbers)
        news_index.add_child(
            instance=NewsPage(
                title=f"Vijest {number}",
                slug=f"vijest-{number}",
                date=datetime.date(2026, 3, 1),
                lead="Kratak opis vijesti.",
                body=[("paragraph", "<p>Tekst vijesti.</p>")],
            )
        )


def _documents(organisation, count: int):
    from infocentar.documents.models import LibraryDocument

    return [
        LibraryDocument.objects.create(
            title=f"Dokument {number}",
            document_type="report",
            year=2025,
            organisation=organisation,
            published_on=datetime.date(2025, 1, 1),
            is_public=True,
        )
        for number in (next(_numbers) for _ in range(count))
    ]


@pytest.fixture
def site_content(home_page, org_a, org_b):
    """A site with a page of each kind: pages, news, the library with documents, bodies, acts and a debate."""
    from infocentar.documents.links import forget_library_path
    from infocentar.documents.models import DocumentLibraryPage
    from infocentar.news.models import NewsIndexPage
    from tests.consultations.conftest import make_debate

    about = home_page.add_child(instance=StandardPage(title="O opštini", slug="o-opstini"))
    about.add_child(instance=StandardPage(title="Istorija", slug="istorija"))
    news_index = home_page.add_child(instance=NewsIndexPage(title="Vijesti", slug="vijesti"))
    _news(news_index, 5)
    library = home_page.add_child(instance=DocumentLibraryPage(title="Dokumenti", slug="dokumenti"))
    forget_library_path()
    documents = _documents(org_a, 4)
    private = _documents(org_a, 1)[0]
    private.is_public = False
    private.save()
    debate = make_debate(org_a)
    return {"news_index": news_index, "library": library, "documents": documents, "private": private, "debate": debate}


def _expected_paths(home_page, site_content) -> set[str]:
    from wagtail.models import Page

    from infocentar.acts.models import Act
    from infocentar.consultations.models import Consultation
    from infocentar.core.models import Organisation

    paths = {page.url for page in Page.objects.live().public().descendant_of(home_page, inclusive=True)}
    paths |= {f"/dokumenti/{document.pk}/" for document in site_content["documents"]}
    paths |= {"/organi/"} | {organisation.get_absolute_url() for organisation in Organisation.objects.active()}
    paths |= {"/akti/"} | {act.get_absolute_url() for act in Act.objects.public()}
    paths |= {"/javne-rasprave/"} | {debate.get_absolute_url() for debate in Consultation.objects.public()}
    return paths


def test_with_a_small_limit_the_index_lists_several_files_each_under_it(client, monkeypatch, home_page, site_content):
    limit = 2
    monkeypatch.setattr(sitemaps.VariantSitemap, "limit", limit)
    locations = _index(client)
    paths = [_path(location) for location in locations]
    # 8 pages (home, 2 standard, news index, 5 news, library) -> 5 files; 4 public documents -> 2.
    assert paths.count("/sitemap-pages.xml") == 1
    assert "/sitemap-pages.xml?p=5" in paths and "/sitemap-pages.xml?p=6" not in paths
    assert "/sitemap-documents.xml?p=2" in paths and "/sitemap-documents.xml?p=3" not in paths
    entries = {}
    for location in locations:
        found = _urlset(client, location)
        # Three variants per item, and a section's own index page on its first file.
        assert 0 < len(found) <= 3 * limit + 3, location
        assert not set(found) & set(entries)
        entries.update(found)
    expected = set().union(*(_variants(path) for path in _expected_paths(home_page, site_content)))
    assert expected <= set(entries), sorted(expected - set(entries))
    assert set(entries) == expected, sorted(set(entries) - expected)
    private = site_content["private"]
    assert not any(loc.endswith(f"/dokumenti/{private.pk}/") for loc in entries)


def test_every_url_in_the_index_answers(client, monkeypatch, home_page, site_content):
    monkeypatch.setattr(sitemaps.VariantSitemap, "limit", 3)
    entries = _crawl(client)
    assert len(entries) == 3 * len(_expected_paths(home_page, site_content))
    for loc in sorted(entries):
        assert client.get(_path(loc)).status_code == 200, loc


def test_the_library_page_entry_does_not_carry_its_documents(client, home_page, site_content):
    pages = _urlset(client, "http://localhost/sitemap-pages.xml")
    assert "http://localhost/dokumenti/" in pages
    assert not any("/dokumenti/" in loc and loc.rstrip("/").split("/")[-1].isdigit() for loc in pages)
    documents = _urlset(client, "http://localhost/sitemap-documents.xml")
    document = site_content["documents"][0]
    assert documents[f"http://localhost/cir/dokumenti/{document.pk}/"] == {
        "cnr-Latn": f"http://localhost/dokumenti/{document.pk}/",
        "cnr-Cyrl": f"http://localhost/cir/dokumenti/{document.pk}/",
        "en": f"http://localhost/en/dokumenti/{document.pk}/",
        "x-default": f"http://localhost/dokumenti/{document.pk}/",
    }


def test_without_a_library_the_documents_file_is_empty(client, home_page, org_a):
    _documents(org_a, 2)
    assert _urlset(client, "http://localhost/sitemap-documents.xml") == {}


def test_the_default_limit_keeps_every_file_under_the_protocols_50000(home_page):
    for section, sitemap in sitemaps.SITEMAPS.items():
        assert 3 * sitemap.limit + 3 <= sitemaps.MAX_URLS_PER_FILE, section


def _queries(client, path: str) -> int:
    client.get(path)  # warm the caches (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_query_count_of_a_file_does_not_grow_with_items(client, home_page, site_content, org_a):
    paths = ["/sitemap.xml"] + [f"/sitemap-{section}.xml" for section in sitemaps.SITEMAPS]
    before = {path: _queries(client, path) for path in paths}
    _news(site_content["news_index"], 20)
    _documents(org_a, 20)
    OrganisationFactory.create_batch(20)
    after = {path: _queries(client, path) for path in paths}
    assert after == before
