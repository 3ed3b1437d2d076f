"""The home page in its three variants and the switcher between them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_in_latin_cyrillic_and_english(page, live_site):
    page.goto(live_site.url + "/")
    expect(page.locator("h1")).to_have_text("Opština Primjer")
    expect(page.locator("html")).to_have_attribute("lang", "cnr-Latn")

    page.get_by_role("link", name="Ћирилица").click()
    expect(page).to_have_url(re.compile(r"/cir/$"))
    expect(page.locator("h1")).to_have_text("Општина Примјер")
    expect(page.locator("html")).to_have_attribute("lang", "cnr-Cyrl")

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_attached()
