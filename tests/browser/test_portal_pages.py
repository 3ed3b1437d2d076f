"""The website's page types in a real browser: axe finds nothing, the accordion works with the keyboard."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from tests.portal.conftest import every_block_body, pdf_document, png_image, publish

from .test_public_pages import axe_all, open_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_site, home_page, org_a):
    """A landing page with pages, the contact page, the statement, a page with every block; menus and quick links."""
    from django.core.cache import cache
    from wagtail.models import Site

    from infocentar.portal.models import (
        AccessibilityStatementPage,
        ContactPage,
        FooterMenuItem,
        LandingPage,
        MainMenuItem,
        MunicipalitySettings,
        NavigationSettings,
        StandardPage,
    )

    cache.clear()
    landing = publish(
        home_page.add_child(
            instance=LandingPage(
                title="Usluge građanima",
                slug="usluge",
                intro="Zahtjevi, rokovi i takse na jednom mjestu.",
                show_in_menus=True,
                body=[("callout", {"kind": "info", "title": "Šalteri", "text": RichText("<p>Prizemlje.</p>")})],
            )
        )
    )
    for title, slug in (("Komunalni poslovi", "komunalni"), ("Porezi i takse", "porezi")):
        publish(landing.add_child(instance=StandardPage(title=title, slug=slug, intro=f"Sve o temi {title}.")))
    body = every_block_body(org_a, png_image(), pdf_document())
    publish(landing.add_child(instance=StandardPage(title="Uvjerenja", slug="uvjerenja", intro="Kako do uvjerenja.",
                                                    body=body)))  # fmt: skip
    contact = publish(
        home_page.add_child(
            instance=ContactPage(
                title="Kontakt",
                slug="kontakt",
                intro="Adrese, telefoni i radno vrijeme.",
                address="Njegoševa 1\n85000 Primjer",
                phones="Centrala: +382 20 123 456\nPisarnica: +382 20 123 457",
                emails="Opština: info@primjer.me",
                working_hours="ponedjeljak–petak 7–15 h",
                location="Zgrada Opštine je preko puta autobuske stanice; ulaz bez stepenica je iz Ulice slobode.",
                contact_cards=[
                    ("contact", {"name": "Pisarnica", "description": "Prijem podnesaka", "phone": "+382 20 123 457"}),
                    ("contact", {"name": "Kabinet", "email": "kabinet@primjer.me", "working_hours": "srijedom"}),
                ],
                show_in_menus=True,
            )
        )
    )
    statement = publish(
        home_page.add_child(
            instance=AccessibilityStatementPage(
                title="Izjava o pristupačnosti",
                slug="pristupacnost",
                intro="Portal je za sve.",
                conformance_details="<p>Stranice se mogu koristiti tastaturom.</p>",
                non_accessible_content="<ul><li>Stariji skenirani akti.</li></ul>",
                feedback_text="<p>Pišite nam.</p>",
                feedback_email="pristupacnost@primjer.me",
                feedback_phone="+382 20 123 459",
                enforcement_body="Nadležni organ",
                enforcement_procedure="<p>Pritužba nadležnom organu.</p>",
                prepared_on=datetime.date(2026, 1, 15),
                reviewed_on=datetime.date(2026, 6, 1),
            )
        )
    )
    site_obj = Site.objects.get(is_default_site=True)
    municipality = MunicipalitySettings.for_site(site_obj)
    municipality.accessibility_statement = statement
    municipality.facebook_url = "https://www.facebook.com/opstina.primjer"
    municipality.save()
    navigation = NavigationSettings.for_site(site_obj)
    MainMenuItem.objects.create(setting=navigation, sort_order=0, page=landing)
    MainMenuItem.objects.create(setting=navigation, sort_order=1, url="/organi/", label="Organi i službe")
    MainMenuItem.objects.create(setting=navigation, sort_order=2, page=contact)
    FooterMenuItem.objects.create(setting=navigation, sort_order=0, url="/organi/", label="Organi i službe")
    home_page.quick_links = [
        ("link", {"page": landing, "url": "", "label": ""}),
        ("link", {"page": None, "url": "/organi/", "label": "Organi i službe"}),
        ("link", {"page": contact, "url": "", "label": "Kontakt i radno vrijeme"}),
    ]
    publish(home_page)
    yield live_site
    cache.clear()


@pytest.fixture
def alerts(site):
    from infocentar.portal.models import SiteAlert

    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    SiteAlert.objects.create(
        title="Požar u zaleđu",
        severity="emergency",
        text="Izbjegavajte put za Gornje Selo.",
        starts_at=now - hour,
        ends_at=now + hour,
        link="/kontakt/",
        link_text="Hitni brojevi",
    )
    SiteAlert.objects.create(title="Prekid vode u Starom gradu", severity="warning", starts_at=now - hour)
    SiteAlert.objects.create(title="Novo radno vrijeme pisarnice", severity="info", starts_at=now - hour)
    return site


@pytest.mark.parametrize("path", ["/usluge/", "/cir/usluge/", "/en/usluge/"])
def test_landing_page_has_no_accessibility_violations(page, site, axe, path):
    open_page(page, site.url + path)
    expect(page.locator(".cards .card")).to_have_count(3)
    expect(page.locator("nav.breadcrumbs")).to_be_visible()
    axe_all(page, axe)


@pytest.mark.parametrize("path", ["/kontakt/", "/cir/kontakt/", "/en/kontakt/"])
def test_contact_page_has_no_accessibility_violations(page, site, axe, path):
    open_page(page, site.url + path)
    expect(page.locator(".contact-card")).to_have_count(2)
    axe_all(page, axe)


@pytest.mark.parametrize("path", ["/pristupacnost/", "/cir/pristupacnost/", "/en/pristupacnost/"])
def test_accessibility_statement_has_no_accessibility_violations(page, site, axe, path):
    open_page(page, site.url + path)
    expect(page.locator("#statement-enforcement")).to_be_visible()
    axe_all(page, axe)


@pytest.mark.parametrize("path", ["/usluge/uvjerenja/", "/cir/usluge/uvjerenja/", "/en/usluge/uvjerenja/"])
def test_a_page_with_every_block_has_no_accessibility_violations(page, site, axe, path):
    open_page(page, site.url + path)
    expect(page.locator("nav.contents li")).to_have_count(3)
    for selector in ("picture img", ".document-link", ".table-wrap table", "details.accordion__item",
                     ".callout", ".contact-card", ".org-card"):  # fmt: skip
        expect(page.locator(selector).first).to_be_attached()
    axe_all(page, axe)
    # The same with the accordions open.
    page.locator("details.accordion__item summary").first.click()
    axe_all(page, axe)


@pytest.mark.parametrize("path", ["/", "/cir/", "/en/"])
def test_home_page_with_quick_links_and_alerts_has_no_accessibility_violations(page, alerts, axe, path):
    open_page(page, alerts.url + path)
    expect(page.locator(".site-alerts .alert")).to_have_count(3)
    expect(page.locator(".site-alerts .alert").first).to_have_class("alert alert--danger")
    expect(page.locator(".quick-links__link")).to_have_count(3)
    axe_all(page, axe)


def test_alerts_on_an_inner_page_have_no_accessibility_violations(page, alerts, axe):
    open_page(page, alerts.url + "/usluge/uvjerenja/")
    expect(page.locator(".site-alerts .alert")).to_have_count(3)
    axe_all(page, axe)


def test_the_contents_list_moves_to_its_heading(page, site):
    open_page(page, site.url + "/usluge/uvjerenja/")
    page.locator("nav.contents a", has_text="Česta pitanja").click()
    expect(page).to_have_url(f"{site.url}/usluge/uvjerenja/#cesta-pitanja")
    expect(page.locator("#cesta-pitanja")).to_be_in_viewport()


def test_the_accordion_works_with_the_keyboard(page, site):
    open_page(page, site.url + "/usluge/uvjerenja/")
    first = page.locator("details.accordion__item").first
    summary = first.locator("summary")
    content = first.locator(".accordion__content")
    expect(content).to_be_hidden()
    summary.focus()
    expect(summary).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    page.keyboard.press("Enter")
    expect(content).to_be_visible()
    expect(first).to_have_attribute("open", "")
    page.keyboard.press("Space")
    expect(content).to_be_hidden()
    # Tab reaches the next question.
    page.keyboard.press("Tab")
    expect(page.locator("details.accordion__item").nth(1).locator("summary")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("details.accordion__item").nth(1).locator(".accordion__content")).to_be_visible()
    assert outline == "solid" or page.evaluate("getComputedStyle(document.activeElement).boxShadow") != "none"


def test_the_menu_from_the_settings_in_the_browser(page, site):
    open_page(page, site.url + "/usluge/komunalni/")
    menu = page.get_by_role("navigation", name="Glavni meni").or_(page.get_by_role("navigation", name="Main menu"))
    expect(menu.locator("a.is-section")).to_have_text("Usluge građanima")
    menu.get_by_role("link", name="Organi i službe").click()
    expect(page).to_have_url(f"{site.url}/organi/")


# --- the back office ---------------------------------------------------------------------------------
def test_the_portals_admin_forms_run_under_the_csp(page, site, client):
    """Settings, menus (inline panels with page choosers), alerts and editorial sections: no CSP violation."""
    from wagtail.models import Site

    from infocentar.portal.models import StandardPage
    from tests.factories import UserFactory

    from .test_admin_csp import _login

    problems: list[str] = []

    def console(msg):
        # Draftail (the rich text editor of the footer text) sets inline styles: a known limit of Wagtail's
        # admin under a strict CSP, left to core's admin CSP work. Everything else counts.
        if msg.type == "error" and not msg.text.startswith("Applying inline style"):
            problems.append(msg.text)

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    _login(page, site, client, UserFactory(username="glavni-urednik", is_superuser=True, is_staff=True))
    site_id = Site.objects.get(is_default_site=True).pk
    for path in (
        f"/admin/settings/portal/navigationsettings/{site_id}/",
        f"/admin/settings/portal/municipalitysettings/{site_id}/",
        "/admin/alerts/new/",
        "/admin/editorial-sections/new/",
    ):
        response = page.goto(site.url + path)
        assert response.status < 400, path
        expect(page.locator("form").first).to_be_visible()
        # Every chooser started: its button is wired up (core's csp-init marks the JSON done).
        for start in page.locator("script[data-csp-init='initCspChooser']").all():
            if "__prefix__" not in (start.get_attribute("data-csp-target") or ""):
                expect(start).to_have_attribute("data-csp-done", "1")
    assert not problems, problems
    # A section's page is chosen in the page chooser's modal.
    page.goto(site.url + "/admin/editorial-sections/new/")
    page.locator("#id_page-chooser [data-chooser-action-choose]").first.click()
    modal = page.locator(".modal .modal-body")
    expect(modal.locator("a.choose-page", has_text="Opština Primjer").first).to_be_visible()
    modal.locator("a.choose-page", has_text="Opština Primjer").first.click()
    expect(page.locator("#id_page-chooser [data-chooser-title]")).to_have_text("Opština Primjer")
    assert page.locator("#id_page").input_value() == str(
        StandardPage.objects.get(slug="komunalni").get_site().root_page_id
    )
    assert not problems, problems


def test_the_page_editor_with_every_block_opens(page, site, client):
    """The body's blocks load in the editor (Draftail's inline styles are a known limit of the CSP, not checked)."""
    from infocentar.portal.models import StandardPage
    from tests.factories import UserFactory

    from .test_admin_csp import _login

    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _login(page, site, client, UserFactory(username="glavni-urednik", is_superuser=True, is_staff=True))
    full = StandardPage.objects.get(slug="uvjerenja")
    page.goto(site.url + f"/admin/pages/{full.pk}/edit/")
    expect(page.get_by_text("Vodovod i kanalizacija d.o.o.").first).to_be_attached()
    expect(page.locator("[data-contentpath='body']").first).to_be_attached()
    assert not errors, errors
