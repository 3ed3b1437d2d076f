"""OpenGraph and the canonical link on every page; schema.org GovernmentOrganization for the bodies."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from wagtail.models import Site

from infocentar.portal.models import MunicipalitySettings

from .conftest import png_image

pytestmark = pytest.mark.django_db


def meta(html: str) -> dict[str, str]:
    found = dict(re.findall(r'<meta property="(og:[a-z:_]+)" content="([^"]*)">', html))
    found.update(re.findall(r'<meta name="(description|twitter:card)" content="([^"]*)">', html))
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)
    if canonical:
        found["canonical"] = canonical.group(1)
    return {key: unescape(value) for key, value in found.items()}


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://opstina.example.me"
    settings.WAGTAILADMIN_BASE_URL = "https://opstina.example.me"


def test_a_page_has_opengraph_and_a_canonical_link(client, landing):
    tags = meta(client.get("/usluge/?utm_source=x").content.decode())
    assert tags["og:title"] == "Usluge građanima"
    assert tags["og:description"] == "Zahtjevi, rokovi i takse."
    assert tags["description"] == "Zahtjevi, rokovi i takse."
    assert tags["og:url"] == tags["canonical"] == "https://opstina.example.me/usluge/"
    assert tags["og:site_name"] == "Opština Primjer"
    assert tags["og:locale"] == "sr_ME"
    assert tags["og:locale:alternate"] == "en_GB"
    assert tags["og:type"] == "website"
    assert tags["twitter:card"] == "summary"


def test_each_variant_is_its_own_canonical_address(client, landing):
    cyrillic = meta(client.get("/cir/usluge/").content.decode())
    assert cyrillic["canonical"] == "https://opstina.example.me/cir/usluge/"
    assert cyrillic["og:title"] == "Услуге грађанима"
    english = meta(client.get("/en/usluge/").content.decode())
    assert english["canonical"] == "https://opstina.example.me/en/usluge/"
    assert english["og:locale"] == "en_GB"


def test_a_search_description_wins_over_the_lead(client, landing):
    landing.search_description = "Sve usluge Opštine."
    landing.save_revision().publish()
    assert meta(client.get("/usluge/").content.decode())["og:description"] == "Sve usluge Opštine."


def test_a_view_that_is_not_a_page_has_the_same_tags(client, home_page, org_a):
    tags = meta(client.get(f"/organi/{org_a.slug}/").content.decode())
    assert tags["og:title"] == org_a.name
    assert tags["og:url"] == f"https://opstina.example.me/organi/{org_a.slug}/"


def test_the_coat_of_arms_is_the_sharing_image(client, home_page):
    municipality = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    municipality.coat_of_arms = png_image("Grb", size=(400, 480))
    municipality.save()
    tags = meta(client.get("/").content.decode())
    assert tags["og:image"].startswith("https://opstina.example.me/")
    assert tags["og:image:width"] == "400" and tags["og:image:height"] == "480"
    assert "Opština Primjer" in tags["og:image:alt"]


def test_without_a_coat_of_arms_there_is_no_sharing_image(client, home_page):
    assert "og:image" not in meta(client.get("/").content.decode())


# --- schema.org for the bodies ----------------------------------------------------------------------
def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]


def test_a_body_is_a_government_organization(client, home_page, org_a, org_a_child):
    org_a.mandate = "Snabdijevanje vodom."
    org_a.email = "vik@primjer.me"
    org_a.phone = "+382 20 111 222"
    org_a.address = "Jadranska 22"
    org_a.head_name = "Vuk Mićunović"
    org_a.head_title = "Izvršni direktor"
    org_a.save()
    [data] = json_ld(client.get(f"/organi/{org_a.slug}/").content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOrganization"
    assert data["name"] == org_a.name
    assert data["url"] == f"https://opstina.example.me/organi/{org_a.slug}/"
    assert data["alternateName"] == "ViK"
    assert data["description"] == "Snabdijevanje vodom."
    assert data["email"] == "vik@primjer.me" and data["telephone"] == "+382 20 111 222"
    assert data["address"] == {"@type": "PostalAddress", "streetAddress": "Jadranska 22", "addressCountry": "ME"}
    assert data["employee"] == {"@type": "Person", "name": "Vuk Mićunović", "jobTitle": "Izvršni direktor"}
    assert data["subOrganization"][0]["name"] == org_a_child.name


def test_a_unit_names_its_parent(client, home_page, org_a, org_a_child):
    [data] = json_ld(client.get(f"/organi/{org_a_child.slug}/").content.decode())
    assert data["parentOrganization"]["name"] == org_a.name


def test_json_ld_cannot_close_its_script_element(client, home_page, org_a):
    org_a.mandate = "</script><script>alert(1)</script> & <!--"
    org_a.save()
    html = client.get(f"/organi/{org_a.slug}/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json_ld(html)[0]["description"] == org_a.mandate


def test_json_ld_is_left_as_it_is_in_cyrillic(client, home_page, org_a):
    [data] = json_ld(client.get(f"/cir/organi/{org_a.slug}/").content.decode())
    assert data["name"] == org_a.name
    assert data["url"].endswith(f"/cir/organi/{org_a.slug}/")


def test_a_listings_page_number_stays_in_the_canonical_address(client, landing):
    assert meta(client.get("/usluge/?page=3&sort=x").content.decode())["canonical"].endswith("/usluge/?page=3")
    assert meta(client.get("/usluge/?page=1").content.decode())["canonical"].endswith("/usluge/")
    assert meta(client.get("/usluge/?page=abc").content.decode())["canonical"].endswith("/usluge/")
