"""The public look: layout, error pages, CSP-safe markup, variants and the UI components."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django import forms
from django.conf.urls.i18n import i18n_patterns
from django.core.paginator import Paginator
from django.db import OperationalError
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import path

import infocentar.urls

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches the sites' root paths; each test builds its own site."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# --- a test-only URLconf: the site's own addresses plus two that fail -----------------
def _database_down(request: HttpRequest):
    raise OperationalError("could not connect to server: Connection refused")


def _crash(request: HttpRequest):
    raise RuntimeError("a bug")


urlpatterns = [
    *i18n_patterns(
        path("test-only/database-down/", _database_down),
        path("test-only/crash/", _crash),
        prefix_default_language=False,
    ),
    *infocentar.urls.urlpatterns,
]
handler400 = infocentar.urls.handler400
handler403 = infocentar.urls.handler403
handler404 = infocentar.urls.handler404
handler500 = infocentar.urls.handler500


# --- a small HTML reader ----------------------------------------------------------------
class Page(HTMLParser):
    """The parts of a rendered page these tests look at."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.inline_scripts = 0
        self.style_elements = 0
        self.text_by_tag: dict[str, list[str]] = {}
        self._open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "script" and not attributes.get("src"):
            self.inline_scripts += 1
        if tag == "style":
            self.style_elements += 1
        if tag not in {"br", "img", "input", "link", "meta", "hr"}:
            self._open.append(tag)
            self.text_by_tag.setdefault(tag, []).append("")

    def handle_endtag(self, tag):
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data):
        for tag in set(self._open):
            self.text_by_tag[tag][-1] += data

    def find_all(self, tag: str, **attrs) -> list[dict[str, str | None]]:
        found = []
        for name, attributes in self.elements:
            if name == tag and all(attributes.get(k.replace("_", "-")) == v for k, v in attrs.items()):
                found.append(attributes)
        return found

    def has_class(self, class_name: str) -> bool:
        return any(class_name in (a.get("class") or "").split() for _t, a in self.elements)

    def text(self, tag: str) -> str:
        return " ".join(" ".join(t.split()) for t in self.text_by_tag.get(tag, []))

    @property
    def attribute_names(self) -> set[str]:
        return {name for _t, attrs in self.elements for name in attrs}


def parse(response) -> Page:
    return Page(response.content.decode())


def assert_in_layout(page: Page) -> None:
    assert page.has_class("skip-link")
    assert page.has_class("site-header")
    assert page.find_all("nav", aria_label="Main menu") or page.has_class("main-menu")
    assert page.find_all("main", id="main")
    assert page.has_class("site-footer")


def assert_csp_safe(page: Page) -> None:
    assert page.inline_scripts == 0, "inline <script> without src"
    assert page.style_elements == 0, "<style> element"
    assert "style" not in page.attribute_names, "style= attribute"
    handlers = {name for name in page.attribute_names if name.startswith("on")}
    assert not handlers, f"inline event handlers: {handlers}"


# --- error pages ------------------------------------------------------------------------
def test_404_is_in_the_layout_and_in_montenegrin(client, home_page):
    response = client.get("/nepostojece/")
    assert response.status_code == 404
    page = parse(response)
    assert_in_layout(page)
    assert page.find_all("html", lang="cnr-Latn")
    assert "Stranica" in page.text("h1")
    assert "Page not found" not in response.content.decode()


def test_404_in_english_shows_the_english_text(client, home_page):
    response = client.get("/en/nepostojece/")
    assert response.status_code == 404
    page = parse(response)
    assert_in_layout(page)
    assert page.find_all("html", lang="en")
    assert page.text("h1") == "Page not found"
    assert "We could not find the page you asked for." in response.content.decode()


def test_404_in_cyrillic_is_transliterated(client, home_page):
    response = client.get("/cir/nepostojece/")
    assert response.status_code == 404
    page = parse(response)
    assert_in_layout(page)
    assert page.find_all("html", lang="cnr-Cyrl")
    assert "Страница" in page.text("h1")


def test_csrf_failure_is_a_403_in_the_layout(home_page):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/nalog/login/", {"login": "a@example.me", "password": "x"})
    assert response.status_code == 403
    page = parse(response)
    assert_in_layout(page)
    assert page.text("h1") == "The form has expired"
    assert "reload the page and send the form again" in response.content.decode()


def test_csrf_failure_is_in_the_readers_language(home_page):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/nalog/login/", {"login": "a@example.me", "password": "x"})
    assert response.status_code == 403
    assert_in_layout(parse(response))
    assert parse(response).find_all("html", lang="cnr-Latn")


def test_500_is_in_the_layout(settings, home_page):
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/en/test-only/crash/")
    assert response.status_code == 500
    page = parse(response)
    assert_in_layout(page)
    assert page.text("h1") == "Something went wrong"


def test_database_down_gives_the_minimal_503_page(settings, home_page):
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/test-only/database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = parse(response)
    assert page.has_class("error-page--minimal")
    assert not page.has_class("main-menu"), "the minimal page must not need the database"
    assert page.find_all("main", id="main")
    assert page.text("h1")
    assert_csp_safe(page)


def test_403_and_400_pages_are_in_the_layout(rf, home_page):
    from infocentar.core import views

    request = rf.get("/en/x/")
    request.script = "latn"
    for view, status in ((views.permission_denied, 403), (views.bad_request, 400)):
        response = view(request, Exception())
        assert response.status_code == status
        assert_in_layout(parse(response))


# --- CSP ----------------------------------------------------------------------------------
@pytest.mark.parametrize("url", ["/", "/pretraga/?q=opstina", "/pretraga/", "/nepostojece/", "/cir/"])
def test_csp_header_forbids_inline_code(client, home_page, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy


@pytest.mark.parametrize(
    "url", ["/", "/cir/", "/en/", "/pretraga/", "/pretraga/?q=opstina", "/pretraga/?q=zzzz", "/nepostojece/"]
)
def test_pages_have_no_inline_scripts_or_styles(client, home_page, url):
    assert_csp_safe(parse(client.get(url)))


def test_error_pages_have_no_inline_scripts_or_styles(settings, home_page):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    assert_csp_safe(parse(client.get("/test-only/crash/")))
    assert_csp_safe(parse(Client(enforce_csrf_checks=True).post("/nalog/login/", {})))


def test_standard_page_has_no_inline_scripts_or_styles(client, home_page):
    _standard_page(home_page)
    response = client.get("/usluge/")
    assert response.status_code == 200
    assert_csp_safe(parse(response))


# --- assets -----------------------------------------------------------------------------------
@pytest.mark.parametrize("url", ["/", "/nepostojece/"])
def test_every_asset_is_served_by_the_project(client, home_page, url):
    from django.contrib.staticfiles import finders

    page = parse(client.get(url))
    assets = [a["href"] for a in page.find_all("link") if a.get("rel") in {"stylesheet", "icon"}]
    assets += [s["src"] for s in page.find_all("script")] + [i["src"] for i in page.find_all("img")]
    assert assets
    for asset in assets:
        assert asset.startswith("/static/"), f"{asset} is not one of the project's static files"
        assert finders.find(asset.removeprefix("/static/")), f"{asset}: no such static file"


# --- head, skip link, variants ----------------------------------------------------------------
def test_hreflang_alternates_for_every_variant(client, home_page, settings):
    settings.SITE_URL = "https://opstina.example.me"
    page = parse(client.get("/pretraga/?q=voda"))
    alternates = {a["hreflang"]: a["href"] for a in page.find_all("link", rel="alternate")}
    assert alternates == {
        "cnr-Latn": "https://opstina.example.me/pretraga/?q=voda",
        "cnr-Cyrl": "https://opstina.example.me/cir/pretraga/?q=voda",
        "en": "https://opstina.example.me/en/pretraga/?q=voda",
        "x-default": "https://opstina.example.me/pretraga/?q=voda",
    }


def test_skip_link_is_the_first_link_and_targets_main(client, home_page):
    page = parse(client.get("/"))
    links = page.find_all("a")
    assert links[0]["href"] == "#main"
    assert "skip-link" in links[0]["class"]
    assert page.find_all("main", id="main")


def test_the_switcher_keeps_the_address(client, home_page):
    page = parse(client.get("/en/pretraga/?q=x"))
    switcher = {a.get("hreflang"): a["href"] for a in page.find_all("a") if a.get("translate") == "no"}
    assert switcher == {
        "cnr-Latn": "/pretraga/?q=x",
        "cnr-Cyrl": "/cir/pretraga/?q=x",
        "en": "/en/pretraga/?q=x",
    }
    current = [a for a in page.find_all("a") if a.get("aria-current") == "true"]
    assert [a["hreflang"] for a in current] == ["en"]


def test_header_shows_the_municipality_and_the_search_box(client, home_page):
    page = parse(client.get("/"))
    assert "Opština Primjer" in page.text("header")
    assert page.find_all("form", role="search", action="/pretraga/")
    assert page.find_all("input", name="q", id="site-search-q")


def test_the_search_page_has_one_search_form(client, home_page):
    page = parse(client.get("/pretraga/?q=voda"))
    assert len(page.find_all("form", role="search")) == 1


def test_footer_has_contacts_and_the_accessibility_statement(client, home_page):
    from wagtail.models import Site

    from infocentar.portal.models import MunicipalitySettings

    statement = _standard_page(home_page, title="Izjava o pristupačnosti", slug="pristupacnost")
    municipality = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    municipality.accessibility_statement = statement
    municipality.phone = "+382 20 123 456"
    municipality.save()
    response = client.get("/en/")
    page = parse(response)
    assert "Njegoševa 1, 85000 Primjer" in page.text("footer")
    assert page.find_all("a", href="mailto:info@primjer.me")
    assert page.find_all("a", href="tel:+38220123456")
    assert "Accessibility statement" in page.text("footer")
    assert page.find_all("a", href="/en/pristupacnost/")


def test_menu_marks_the_current_page_and_its_section(client, home_page):
    section = _standard_page(home_page, title="Usluge", slug="usluge")
    _standard_page(section, title="Obrasci", slug="obrasci", show_in_menus=False)
    page = parse(client.get("/usluge/obrasci/"))
    menu_links = [a for a in page.find_all("a") if a.get("href") == "/usluge/"]
    assert any("is-section" in (a.get("class") or "") for a in menu_links)
    page = parse(client.get("/usluge/"))
    assert page.find_all("a", href="/usluge/", aria_current="page")


def test_breadcrumbs_on_a_page_below_home(client, home_page):
    section = _standard_page(home_page, title="Usluge", slug="usluge")
    _standard_page(section, title="Obrasci", slug="obrasci")
    page = parse(client.get("/en/usluge/obrasci/"))
    assert page.find_all("nav", aria_label="Breadcrumbs")
    assert page.find_all("a", href="/en/")
    assert page.find_all("a", href="/en/usluge/")
    assert page.find_all("span", aria_current="page")


# --- components -------------------------------------------------------------------------------
def _render(template: str, rf, request_path: str = "/", **context) -> Page:
    return Page(render_to_string(template, context, request=rf.get(request_path)))


def test_pagination_keeps_other_query_parameters(rf):
    page_obj = Paginator(list(range(100)), 10).get_page(5)
    page = _render("components/pagination.html", rf, "/pretraga/?q=voda&sort=date&page=5", page_obj=page_obj)
    hrefs = [a["href"] for a in page.find_all("a")]
    assert "?q=voda&sort=date&page=4" in hrefs
    assert "?q=voda&sort=date&page=6" in hrefs
    assert "?q=voda&sort=date&page=1" in hrefs
    assert "?q=voda&sort=date&page=10" in hrefs
    assert "?q=voda&sort=date&page=8" not in hrefs  # elided
    assert page.find_all("a", aria_current="page", href="?q=voda&sort=date&page=5")
    assert page.find_all("a", rel="prev") and page.find_all("a", rel="next")


def test_pagination_is_absent_on_a_single_page(rf):
    page_obj = Paginator(list(range(5)), 10).get_page(1)
    assert not _render("components/pagination.html", rf, page_obj=page_obj).elements


def test_table_has_caption_scopes_and_a_focusable_scrolling_region(rf):
    page = _render(
        "components/table.html",
        rf,
        caption="Sjednice",
        table_id="sessions",
        headers=["Sjednica", "Datum", {"text": "Tačaka", "numeric": True}],
        rows=[[{"text": "Prva", "url": "/s/1/"}, "1. 2. 2026.", {"text": "12", "numeric": True}]],
        row_headers=True,
    )
    wrapper = page.find_all("div", role="region")[0]
    assert wrapper["tabindex"] == "0"
    assert wrapper["aria-labelledby"] == "sessions-caption"
    assert page.find_all("caption", id="sessions-caption")
    assert len(page.find_all("th", scope="col")) == 3
    assert page.find_all("th", scope="row")
    assert page.find_all("a", href="/s/1/")
    assert page.find_all("td", **{"class": "num"})
    assert page.find_all("th", scope="col", **{"class": "num"})
    assert "Tačaka" in page.text("th")


def test_table_says_when_it_is_empty(rf):
    page = _render("components/table.html", rf, caption="Prazno", headers=["A", "B"], rows=[])
    assert page.find_all("td", colspan="2")


def test_card_links_its_title_at_the_given_level(rf):
    page = _render("components/card.html", rf, title="Usluge", url="/usluge/", text="Sve usluge", heading_level=2)
    assert page.find_all("h2", **{"class": "card__title"})
    assert page.find_all("a", href="/usluge/")
    assert "Sve usluge" in page.text("p")


def test_alerts_state_their_severity_in_words(rf):
    alerts = [
        {
            "severity": "danger",
            "title": "Nestanak vode",
            "text": "Centar grada do 18 h.",
            "link": "/vijesti/1/",
        },
        {"severity": "info", "title": "Novi radni sati"},
    ]
    from django.utils import translation

    with translation.override("en"):
        page = _render("components/alerts.html", rf, "/en/", site_alerts=alerts)
    assert page.find_all("section", aria_label="Important notices")
    assert page.has_class("alert--danger") and page.has_class("alert--info")
    # Site paths stay in the reader's variant (here English).
    assert page.find_all("a", href="/en/vijesti/1/") or page.find_all("a", href="/vijesti/1/")
    assert "Nestanak vode" in page.text("section")


class _ExampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As on your ID card.")
    topic = forms.ChoiceField(label="Topic", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    agree = forms.BooleanField(label="I agree")


def test_form_with_errors_has_a_summary_and_described_fields(rf):
    form = _ExampleForm(data={})
    assert not form.is_valid()
    page = _render("components/form.html", rf, form=form)
    summary = page.find_all("div", role="alert")[0]
    assert "error-summary" in summary["class"]
    hrefs = {a["href"] for a in page.find_all("a")}
    assert {"#id_name", "#id_topic_0", "#id_agree"} <= hrefs

    name = page.find_all("input", name="name")[0]
    assert name["aria-invalid"] == "true"
    assert name["aria-describedby"] == "id_name_helptext id_name_error"
    assert page.find_all("p", id="id_name_helptext")
    assert page.find_all("p", id="id_name_error")

    fieldset = page.find_all("fieldset")[0]
    assert fieldset["aria-describedby"] == "id_topic_error"
    assert page.find_all("legend")
    assert page.find_all("input", name="agree")[0]["aria-invalid"] == "true"


def test_form_without_errors_has_no_summary(rf):
    page = _render("components/form.html", rf, form=_ExampleForm())
    assert not page.find_all("div", role="alert")
    assert "aria-invalid" not in page.find_all("input", name="name")[0]
    assert page.find_all("label", **{"for": "id_name"})


# --- helpers --------------------------------------------------------------------------------
def _standard_page(parent, title="Usluge građanima", slug="usluge", show_in_menus=True):
    from infocentar.portal.models import StandardPage

    page = parent.add_child(
        instance=StandardPage(title=title, slug=slug, intro="Zahtjevi i obrasci.", show_in_menus=show_in_menus)
    )
    page.save_revision().publish()
    return page
