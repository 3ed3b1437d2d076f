"""The site search in a real browser: typed without diacritics, facets by keyboard, pages, axe."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def search_site(live_site, home_page):
    """Pages about the Assembly's sessions in two years, and a body; fresh caches."""
    from django.core.cache import cache
    from django.utils import timezone

    from infocentar.portal.models import StandardPage

    cache.clear()
    OrganisationFactory(name="Skupština opštine", slug="skupstina", mandate="Održava sjednice i donosi odluke opštine.")
    for n in range(27):
        year = 2024 if n < 23 else 2023
        page = home_page.add_child(
            instance=StandardPage(
                title=f"Opštinska sjednica broj {n + 1}",
                slug=f"sjednica-{n + 1}",
                intro=f"Dnevni red {n + 1}. sjednice Skupštine opštine i materijali za odbornike.",
            )
        )
        page.save_revision().publish()
        moment = timezone.make_aware(datetime.datetime(year, 3, 1 + n % 27, 12, 0))
        StandardPage.objects.filter(pk=page.pk).update(first_published_at=moment)
    yield live_site
    cache.clear()


def _tab_to(page, selector: str, limit: int = 150):
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector!r}")


def test_search_from_the_header_facets_by_keyboard_and_pages(page, search_site, axe):
    page.goto(search_site.url + "/")
    box = page.locator("#site-search-q")
    box.fill("opstinska sjednica")  # no diacritics
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/pretraga/\?q=opstinska\+sjednica$"))
    expect(page.locator("h1")).to_have_text("Pretraga")
    expect(page.locator(".search-count")).to_contain_text("27")

    first = page.locator(".search-result").first
    expect(first.locator(".search-result__title mark").first).to_have_text("Opštinska")
    expect(first.locator(".search-result__summary mark").first).to_have_text("sjednice")
    axe(page)  # results and facets

    # Choose the year 2024 with the keyboard.
    _tab_to(page, '.search-facets a[href*="godina=2024"]')
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"godina=2024"))
    expect(page.locator(".search-count")).to_contain_text("23")
    chosen = page.locator('.search-facets a[aria-current="true"]')
    expect(chosen).to_have_count(1)
    expect(chosen).to_contain_text("2024")
    axe(page)

    # The next page keeps the words and the filter.
    _tab_to(page, '.pagination a[rel="next"]')
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=opstinska\+sjednica&godina=2024&page=2$"))
    expect(page.locator(".search-result")).to_have_count(3)
    expect(page.locator(".search-results")).to_have_attribute("start", "21")

    # Removing the filter, by keyboard too.
    page.locator('.search-facets a[aria-current="true"]').focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/pretraga/\?q=opstinska\+sjednica$"))
    expect(page.locator(".search-count")).to_contain_text("27")


def test_cyrillic_search_and_results(page, search_site, axe):
    page.goto(search_site.url + "/cir/")
    box = page.locator("#site-search-q")
    box.fill("општинска")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/cir/pretraga/"))
    expect(page.locator(".search-result__title mark").first).to_have_text("Општинска")
    axe(page)


def test_nothing_found_page(page, search_site, axe):
    page.goto(search_site.url + "/pretraga/?q=nepostojecarijec")
    expect(page.locator(".no-results h2")).to_be_visible()
    expect(page.locator(".no-results a[href='/organi/']")).to_be_visible()
    axe(page)
    page.goto(search_site.url + "/pretraga/?q=sjednica&godina=2023&organ=skupstina")
    expect(page.locator(".no-results")).to_be_visible()
    axe(page)
    page.locator(".no-results a.button").click()
    expect(page).to_have_url(re.compile(r"/pretraga/\?q=sjednica$"))
