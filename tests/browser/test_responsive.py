"""Narrow screens, no JavaScript and print: the site stays usable."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

NARROW = {"width": 320, "height": 640}


@pytest.fixture
def site(live_site, home_page):
    """The live site with a menu of long-titled sections and a page of content."""
    from django.core.cache import cache

    from infocentar.portal.models import StandardPage

    cache.clear()
    sections = [
        ("Organi opštine", "organi"),
        ("Usluge građanima", "usluge"),
        ("Javne rasprave i konsultacije", "rasprave"),
        ("Dokumenti i službeni list", "dokumenti"),
        ("Vijesti", "vijesti"),
    ]
    for title, slug in sections:
        page = home_page.add_child(
            instance=StandardPage(title=title, slug=slug, intro=f"{title}: sve na jednom mjestu.", show_in_menus=True)
        )
        page.save_revision().publish()
    body = [
        (
            "paragraph",
            "<p>Adresa: https://opstina.example.me/usluge/obrasci/zahtjev-za-izdavanje-uvjerenja</p>",
        )
    ]
    child = StandardPage.objects.get(slug="usluge").add_child(
        instance=StandardPage(title="Zahtjev za izdavanje uvjerenja o prebivalištu", slug="zahtjev", body=body)
    )
    child.save_revision().publish()
    yield live_site
    cache.clear()


def no_horizontal_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"{page.url} is {width}px wide at {NARROW['width']}px"


@pytest.mark.parametrize(
    "path",
    ["/", "/cir/", "/en/", "/pretraga/?q=usluge", "/pretraga/?q=zxqvw", "/usluge/zahtjev/", "/nepostojece/"],
)
def test_no_horizontal_scroll_at_320px(page, site, path):
    page.set_viewport_size(NARROW)
    page.goto(site.url + path)
    no_horizontal_scroll(page)


def test_menu_opens_and_closes_with_the_button_at_320px(page, site):
    page.set_viewport_size(NARROW)
    page.goto(site.url + "/")
    menu = page.get_by_role("navigation", name=re.compile("Main menu|Glavni meni", re.I))
    toggle = page.locator(".main-menu__toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    link = menu.get_by_role("link", name="Javne rasprave i konsultacije")
    expect(link).to_be_hidden()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box and box["height"] >= 24 and box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"]
    no_horizontal_scroll(page)

    page.keyboard.press("Escape")
    expect(link).to_be_hidden()
    expect(toggle).to_be_focused()

    toggle.click()
    link.click()
    expect(page).to_have_url(re.compile(r"/rasprave/$"))


def test_menu_works_without_javascript_at_320px(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport=NARROW, locale="cnr-ME")
    try:
        page = context.new_page()
        page.goto(site.url + "/")
        expect(page.locator(".main-menu__toggle")).to_be_hidden()
        link = page.locator(".main-menu__list").get_by_role("link", name="Dokumenti i službeni list")
        expect(link).to_be_visible()
        no_horizontal_scroll(page)
        link.click()
        expect(page).to_have_url(re.compile(r"/dokumenti/$"))
    finally:
        context.close()


def test_search_is_usable_at_320px(page, site):
    page.set_viewport_size(NARROW)
    page.goto(site.url + "/")
    box = page.locator("#site-search-q")
    expect(box).to_be_visible()
    button = page.locator(".search-box__button")
    expect(button).to_be_visible()
    for locator in (box, button):
        rect = locator.bounding_box()
        assert rect and rect["height"] >= 24 and rect["x"] + rect["width"] <= NARROW["width"]
    box.fill("uvjerenja")
    button.click()
    expect(page).to_have_url(re.compile(r"/pretraga/\?q=uvjerenja$"))
    expect(page.get_by_role("link", name=re.compile("Zahtjev za izdavanje"))).to_be_visible()
    no_horizontal_scroll(page)


def test_wide_screens_show_the_menu_without_a_button(page, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.url + "/")
    expect(page.locator(".main-menu__toggle")).to_be_hidden()
    expect(page.locator(".main-menu__list").get_by_role("link", name="Vijesti")).to_be_visible()


def test_print_leaves_out_the_menu_and_search(page, site):
    page.goto(site.url + "/usluge/zahtjev/")
    page.emulate_media(media="print")
    expect(page.locator(".main-menu")).to_be_hidden()
    expect(page.locator(".search-box")).to_be_hidden()
    expect(page.locator(".variant-switcher")).to_be_hidden()
    expect(page.locator(".breadcrumbs")).to_be_hidden()
    expect(page.locator("h1")).to_have_text("Zahtjev za izdavanje uvjerenja o prebivalištu")
    expect(page.locator(".site-brand__name")).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.locator(".main-menu")).to_be_visible()


def test_forced_colours_keep_focus_and_the_current_page_visible(page, site):
    page.emulate_media(forced_colors="active")
    page.goto(site.url + "/usluge/")
    expect(page.locator(".main-menu__list")).to_be_visible()
    current = page.locator(".main-menu__list a[aria-current='page']")
    expect(current).to_have_css("text-decoration-line", "underline")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    expect(page.locator(".skip-link")).to_have_css("outline-style", "solid")


def test_more_contrast_darkens_secondary_text(page, site):
    page.goto(site.url + "/")
    normal = page.locator(".card__text").first.evaluate("el => getComputedStyle(el).color")
    page.emulate_media(contrast="more")
    page.reload()
    strong = page.locator(".card__text").first.evaluate("el => getComputedStyle(el).color")
    assert normal == "rgb(74, 74, 85)"
    assert strong == "rgb(27, 27, 31)"
