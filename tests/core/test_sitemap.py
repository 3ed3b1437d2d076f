"""sitemap.xml lists every public page and body in the three variants."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from infocentar.portal.models import StandardPage

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find("s:loc", NS).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        for url in root.findall("s:url", NS)
    }


def test_every_page_in_three_variants_with_alternates(client, home_page):
    home_page.add_child(instance=StandardPage(title="O opštini", slug="o-opstini", live=True))
    hidden = home_page.add_child(instance=StandardPage(title="Nacrt", slug="nacrt", live=False))
    entries = _entries(client)
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
    entries = _entries(client)
    assert f"http://localhost/organi/{org_a.slug}/" in entries
    assert f"http://localhost/cir/organi/{org_a.slug}/" in entries
    assert "http://localhost/en/organi/" in entries
