"""Every public page at /…, /cir/… and /en/…, with hreflang alternates."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_cyrillic_page_is_transliterated_and_links_stay_cyrillic(client, home_page):
    response = client.get("/cir/")
    assert response.status_code == 200
    content = response.content.decode()
    import re

    assert re.search(r"<h1[^>]*>\s*Општина Примјер\s*</h1>", content)
    assert 'href="/cir/pretraga/"' in content or 'action="/cir/pretraga/"' in content
    # Markup, URLs and e-mail addresses are never transliterated.
    assert "mailto:info@primjer.me" in content
    assert "/static/infocentar/css/site.css" in content
    assert int(response["Content-Length"]) == len(response.content)


def test_english_variant_uses_english_interface(client, home_page):
    response = client.get("/en/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'lang="en"' in content
    assert "Skip to main content" in content
    # Content stays as the editors wrote it.
    assert "Opština Primjer" in content


def test_latin_is_default_without_prefix(client, home_page):
    content = client.get("/").content.decode()
    assert 'lang="cnr-Latn"' in content


@pytest.mark.parametrize("path", ["/", "/cir/", "/en/", "/pretraga/?q=x", "/cir/pretraga/?q=x"])
def test_alternates_name_all_three_variants(client, home_page, path):
    content = client.get(path).content.decode()
    base = path.removeprefix("/cir").removeprefix("/en")
    assert f'hreflang="cnr-Latn" href="http://127.0.0.1:8000{base}"' in content.replace("&amp;", "&")
    assert f'hreflang="cnr-Cyrl" href="http://127.0.0.1:8000/cir{base}"' in content.replace("&amp;", "&")
    assert f'hreflang="en" href="http://127.0.0.1:8000/en{base}"' in content.replace("&amp;", "&")


def test_api_and_admin_are_not_served_under_cir(client, home_page):
    response = client.get("/cir/api/v1/organisations?limit=1")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/organisations?limit=1"
    assert client.get("/cir/documents/1/x.pdf")["Location"] == "/documents/1/x.pdf"
    assert client.get("/api/v1/organisations")["Content-Type"].startswith("application/json")


def test_json_is_never_transliterated(client, org_b):
    body = client.get("/api/v1/organisations").content.decode()
    assert "Centar za kulturu" in body


def test_cir_without_slash_redirects_or_serves(client, home_page):
    response = client.get("/cir")
    assert response.status_code in (200, 301, 302)
