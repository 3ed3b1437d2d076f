"""Menus from Wagtail settings (with the home page's children as a fallback), social links and analytics."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from infocentar.portal.models import FooterMenuItem, MainMenuItem, MunicipalitySettings, NavigationSettings

from .conftest import publish

pytestmark = pytest.mark.django_db


def menu(html: str) -> list[tuple[str, str]]:
    nav = html[html.index('<nav class="main-menu"') : html.index("</nav>", html.index('<nav class="main-menu"'))]
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)


def footer_menu(html: str) -> list[tuple[str, str]]:
    if 'id="footer-menu"' not in html:
        return []
    start = html.index('aria-labelledby="footer-menu"')
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', html[start : html.index("</nav>", start)])


@pytest.fixture
def navigation(home_page):
    return NavigationSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def municipality(home_page):
    return MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))


def test_without_a_menu_the_home_pages_children_in_menus_are_shown(client, home_page, landing, contact_page):
    from infocentar.portal.models import StandardPage

    publish(home_page.add_child(instance=StandardPage(title="Skriveno", slug="skriveno", show_in_menus=False)))
    contact_page.show_in_menus = True
    publish(contact_page)
    assert menu(client.get("/en/").content.decode()) == [
        ("/en/", "Home"),
        ("/en/usluge/", "Usluge građanima"),
        ("/en/kontakt/", "Kontakt"),
    ]


def test_the_main_menu_comes_from_the_settings(client, navigation, landing, landing_children, contact_page):
    MainMenuItem.objects.create(setting=navigation, sort_order=0, page=contact_page, label="Pišite nam")
    MainMenuItem.objects.create(setting=navigation, sort_order=1, page=landing)
    MainMenuItem.objects.create(setting=navigation, sort_order=2, url="/organi/", label="Organi")
    MainMenuItem.objects.create(setting=navigation, sort_order=3, url="https://e-uprava.gov.me/", label="eUprava")
    links = menu(client.get("/en/").content.decode())
    assert links == [
        ("/en/", "Home"),
        ("/en/kontakt/", "Pišite nam"),
        ("/en/usluge/", "Usluge građanima"),
        ("/en/organi/", "Organi"),
        ("https://e-uprava.gov.me/", "eUprava"),
    ]
    assert ("/cir/organi/", "Органи") in menu(client.get("/cir/").content.decode())


def test_the_menu_marks_the_current_page_and_section(client, navigation, landing, landing_children):
    MainMenuItem.objects.create(setting=navigation, sort_order=0, page=landing)
    MainMenuItem.objects.create(setting=navigation, sort_order=1, url="/organi/", label="Organi")
    html = client.get("/usluge/komunalni/").content.decode()
    assert '<a href="/usluge/" class="is-section">' in html
    assert '<a href="/usluge/" aria-current="page">' in client.get("/usluge/").content.decode()
    assert '<a href="/organi/" aria-current="page">' in client.get("/organi/").content.decode()


def test_unpublished_pages_drop_out_of_the_menu(client, navigation, landing):
    MainMenuItem.objects.create(setting=navigation, sort_order=0, page=landing)
    MainMenuItem.objects.create(setting=navigation, sort_order=1, url="/organi/", label="Organi")
    landing.unpublish()
    assert ("/usluge/", "Usluge građanima") not in menu(client.get("/").content.decode())


def test_the_footer_menu(client, navigation, landing):
    assert footer_menu(client.get("/").content.decode()) == []
    FooterMenuItem.objects.create(setting=navigation, sort_order=0, page=landing, label="Usluge")
    FooterMenuItem.objects.create(setting=navigation, sort_order=1, url="/vijesti/rss/", label="RSS")
    assert footer_menu(client.get("/en/").content.decode()) == [("/en/usluge/", "Usluge"), ("/en/vijesti/rss/", "RSS")]


def test_the_menus_cost_a_fixed_number_of_queries(client, navigation, home_page, django_assert_max_num_queries):
    from infocentar.portal.models import StandardPage

    client.get("/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pages = [publish(home_page.add_child(instance=StandardPage(title=f"S{n}", slug=f"s{n}"))) for n in range(2)]
    for n, page in enumerate(pages):
        MainMenuItem.objects.create(setting=navigation, sort_order=n, page=page)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    pages += [publish(home_page.add_child(instance=StandardPage(title=f"S{n}", slug=f"s{n}"))) for n in range(2, 8)]
    for n, page in enumerate(pages[2:], start=2):
        MainMenuItem.objects.create(setting=navigation, sort_order=n, page=page)
        FooterMenuItem.objects.create(setting=navigation, sort_order=n, page=page)
    client.get("/")
    with CaptureQueriesContext(connection) as many:
        html = client.get("/").content.decode()
    assert len(menu(html)) == 9
    # The footer menu's one query is the only addition.
    assert len(many.captured_queries) <= len(few.captured_queries) + 1


def test_a_menu_item_is_a_page_or_an_address(navigation, landing):
    with pytest.raises(ValidationError):
        MainMenuItem(setting=navigation, page=landing, url="/organi/").full_clean()
    with pytest.raises(ValidationError):
        MainMenuItem(setting=navigation).full_clean()
    with pytest.raises(ValidationError):
        MainMenuItem(setting=navigation, url="/organi/").full_clean()  # needs a label
    with pytest.raises(ValidationError):
        MainMenuItem(setting=navigation, url="javascript:alert(1)", label="x").full_clean()
    MainMenuItem(setting=navigation, url="/organi/", label="Organi").full_clean()


def test_the_information_center_administrators_edit_the_menus(admin_client_for, ic_admin, navigation):
    response = admin_client_for(ic_admin).get(f"/admin/settings/portal/navigationsettings/{navigation.site_id}/")
    assert response.status_code == 200
    assert "main_menu_items-TOTAL_FORMS" in response.content.decode()


# --- social links ------------------------------------------------------------------------------------
def test_social_links_are_shown_in_the_footer(client, municipality):
    municipality.facebook_url = "https://www.facebook.com/opstina.primjer"
    municipality.youtube_url = "https://www.youtube.com/@opstinaprimjer"
    municipality.save()
    html = client.get("/cir/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert '<a href="https://www.facebook.com/opstina.primjer" rel="me noopener" translate="no">Facebook</a>' in footer
    assert ">YouTube</a>" in footer
    assert "Instagram" not in footer


def test_without_social_links_there_is_no_section(client, municipality):
    assert 'id="footer-social"' not in client.get("/").content.decode()


def test_a_social_link_must_be_on_its_network(municipality):
    municipality.facebook_url = "https://facebook.example.com/opstina"
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert "facebook_url" in error.value.message_dict


# --- analytics ---------------------------------------------------------------------------------------
def scripts(html: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', html)


def test_analytics_is_off_by_default(client, municipality):
    assert municipality.analytics_enabled is False
    municipality.analytics_script_url = "/analytics/tracker.js"
    municipality.save()
    assert "/analytics/tracker.js" not in scripts(client.get("/").content.decode())


def test_analytics_script_is_included_when_enabled(client, municipality):
    municipality.analytics_enabled = True
    municipality.analytics_script_url = "/analytics/tracker.js"
    municipality.full_clean()
    municipality.save()
    for url in ("/", "/cir/", "/en/"):
        assert "/analytics/tracker.js" in scripts(client.get(url).content.decode()), url


def test_a_full_address_on_the_sites_own_origin_is_accepted(municipality, settings):
    settings.SITE_URL = "https://opstina.example.me"
    municipality.analytics_enabled = True
    municipality.analytics_script_url = "https://opstina.example.me/analytics/a.js?v=2"
    municipality.full_clean()
    assert municipality.analytics_script_src == "/analytics/a.js?v=2"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.googletagmanager.com/gtag/js?id=G-1",
        "//cdn.example.com/a.js",
        "http://127.0.0.1:9999/a.js",
        "javascript:alert(1)",
        "data:text/javascript,alert(1)",
        "analytics.js",
        '/a.js" onload="alert(1)',
    ],
)
def test_third_party_analytics_is_refused(client, municipality, url):
    municipality.analytics_enabled = True
    municipality.analytics_script_url = url
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert "analytics_script_url" in error.value.message_dict
    # Even if such an address got into the database, it is not loaded.
    municipality.save()
    html = client.get("/").content.decode()
    assert all(src.startswith("/static/") for src in scripts(html)), scripts(html)


def test_analytics_on_needs_a_script(municipality):
    municipality.analytics_enabled = True
    with pytest.raises(ValidationError):
        municipality.full_clean()
