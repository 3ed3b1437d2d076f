"""The public pages in a real browser: axe finds nothing, the keyboard works, the switcher keeps the path."""

from __future__ import annotations

import re

import pytest
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path
from playwright.sync_api import expect

import infocentar.urls

pytestmark = pytest.mark.django_db(transaction=True)


# --- content the pages show ------------------------------------------------------------------
@pytest.fixture
def site(live_site, home_page):
    """The live site with a section of pages, a page with every kind of block, and fresh caches."""
    from django.core.cache import cache

    from infocentar.portal.models import StandardPage

    cache.clear()
    sections = [
        ("Organi opštine", "organi", "Predsjednik opštine, Skupština, sekretarijati i službe."),
        ("Usluge građanima", "usluge", "Zahtjevi, obrasci, takse i rokovi na jednom mjestu."),
        ("Javne rasprave", "rasprave", "Nacrti odluka o kojima možete dati mišljenje."),
    ]
    for title, slug, intro in sections:
        page = home_page.add_child(instance=StandardPage(title=title, slug=slug, intro=intro, show_in_menus=True))
        page.save_revision().publish()
    services = StandardPage.objects.get(slug="usluge")
    body = [
        ("heading", {"text": "Kako podnijeti zahtjev", "level": "h2"}),
        (
            "paragraph",
            "<p>Zahtjev predajete na šalteru ili <a href='https://example.me/e-uprava'>elektronski</a>.</p>",
        ),
        ("callout", {"kind": "warning", "title": "Rokovi", "text": "<p>Rok za odgovor je 15 dana.</p>"}),
    ]
    child = services.add_child(
        instance=StandardPage(title="Obrasci i takse", slug="obrasci", intro="Obrasci za preuzimanje.", body=body)
    )
    child.save_revision().publish()
    yield live_site
    cache.clear()


def axe_all(page, axe):
    """axe's default rules (the `axe` fixture), then the WCAG 2.2 target-size rule, which axe leaves off."""
    from axe_playwright_python.sync_playwright import Axe

    axe(page)
    results = Axe().run(page, options={"runOnly": ["target-size"], "resultTypes": ["violations"]})
    violations = results.response.get("violations", [])
    assert not violations, [
        (v["id"], [n.get("target") for n in v["nodes"][:5]], v["nodes"][0].get("failureSummary")) for v in violations
    ]


def open_page(page, url: str, status: int = 200):
    """Go to a page, collecting CSP violations the browser reports."""
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}"
    page.wait_for_load_state("load")
    assert not violations, violations
    return response


# --- axe on every public template ---------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/cir/", "/en/"])
def test_home_page_has_no_accessibility_violations(page, site, axe, path):
    open_page(page, site.url + path)
    expect(page.locator("h1")).to_be_visible()
    axe_all(page, axe)


@pytest.mark.parametrize("path", ["/usluge/", "/usluge/obrasci/", "/cir/usluge/obrasci/", "/en/usluge/"])
def test_standard_page_has_no_accessibility_violations(page, site, axe, path):
    open_page(page, site.url + path)
    expect(page.locator("nav.breadcrumbs")).to_be_visible()
    axe_all(page, axe)


def test_search_with_results_has_no_accessibility_violations(page, site, axe):
    open_page(page, site.url + "/pretraga/?q=usluge")
    expect(page.locator(".search-result").first).to_be_visible()
    axe_all(page, axe)


def test_search_without_results_has_no_accessibility_violations(page, site, axe):
    open_page(page, site.url + "/pretraga/?q=zxqvw")
    expect(page.locator(".no-results")).to_be_visible()
    axe_all(page, axe)


@pytest.mark.parametrize("query", ["", "?q=", "?q=%21%21%21"])
def test_search_with_an_empty_query_has_no_accessibility_violations(page, site, axe, query):
    open_page(page, site.url + "/pretraga/" + query)
    expect(page.locator("#search-q")).to_be_visible()
    axe_all(page, axe)


@pytest.mark.parametrize("path", ["/nepostojece/", "/cir/nepostojece/", "/en/nepostojece/"])
def test_404_page_has_no_accessibility_violations(page, site, axe, path):
    open_page(page, site.url + path, status=404)
    expect(page.locator("h1")).to_be_visible()
    axe_all(page, axe)


@pytest.mark.parametrize("path", ["/organi/", "/organi/vik/", "/cir/organi/vik/"])
def test_directory_of_bodies_has_no_accessibility_violations(page, site, axe, org_a_child, org_b, path):
    open_page(page, site.url + path)
    expect(page.locator("h1")).to_be_visible()
    axe_all(page, axe)


# --- the components, on a test-only page ----------------------------------------------------------
_COMPONENTS = """{% extends "base.html" %}
{% block content %}
<h1>Komponente</h1>
<form method="post" novalidate>
  {% include "components/form.html" with form=form %}
  <button type="submit">Pošalji</button>
</form>
<h2>Kartice</h2>
<ul class="cards">{% for n in numbers %}<li>
  {% include "components/card.html" with title="Kartica" url="/usluge/" text="Opis kartice." meta="Vijest" %}
</li>{% endfor %}</ul>
{% include "components/table.html" with caption="Sjednice" headers=headers rows=rows row_headers=True %}
{% include "components/pagination.html" %}
{% endblock %}"""


class _ExampleForm:
    """Built lazily: Django forms need the app registry."""

    @staticmethod
    def bound():
        from django import forms

        class ExampleForm(forms.Form):
            name = forms.CharField(label="Ime i prezime", help_text="Kao u ličnoj karti.")
            topic = forms.ChoiceField(label="Tema", choices=[("a", "Voda"), ("b", "Putevi")], widget=forms.RadioSelect)
            agree = forms.BooleanField(label="Saglasan sam")

        form = ExampleForm(data={"name": ""})
        form.is_valid()
        return form


def _components(request: HttpRequest) -> HttpResponse:
    template = engines["django"].from_string(_COMPONENTS)
    context = {
        "title": "Komponente",
        "site_alerts": [
            {
                "severity": "danger",
                "title": "Nestanak vode",
                "text": "U centru grada do 18 h.",
                "link": "/usluge/",
            },
            {"severity": "warning", "title": "Radovi na putu"},
            {"severity": "info", "title": "Novo radno vrijeme", "link": "/usluge/", "link_text": "Detalji"},
        ],
        "breadcrumbs": [{"label": "Usluge", "url": "/usluge/"}, {"label": "Komponente"}],
        "form": _ExampleForm.bound(),
        "numbers": range(3),
        "headers": ["Sjednica", "Datum", {"text": "Tačaka dnevnog reda", "numeric": True}],
        "rows": [[{"text": "Prva sjednica", "url": "/usluge/"}, "1. 2. 2026.", {"text": "12", "numeric": True}]] * 3,
        "page_obj": Paginator(list(range(200)), 10).get_page(request.GET.get("page", 6)),
    }
    return HttpResponse(template.render(context, request))


urlpatterns = [path("test-only/components/", _components), *infocentar.urls.urlpatterns]


def test_components_have_no_accessibility_violations(page, site, axe, settings):
    settings.ROOT_URLCONF = __name__
    open_page(page, site.url + "/test-only/components/?sort=date&page=6")
    expect(page.locator(".site-alerts .alert")).to_have_count(3)
    # A form sent with errors takes the reader to the error summary.
    expect(page.locator(".error-summary")).to_be_focused()
    axe_all(page, axe)
    # The error summary's links go to the fields.
    page.get_by_role("link", name=re.compile("Ime i prezime")).click()
    expect(page.locator("#id_name")).to_be_focused()
    # Pagination keeps the other query parameters.
    page.get_by_role("link", name=re.compile("^Page 7$|Stranica 7|^7$")).click()
    expect(page).to_have_url(re.compile(r"\?sort=date&page=7$"))


# --- keyboard and focus ------------------------------------------------------------------------------
def test_tab_reaches_the_skip_link_first_and_enter_moves_to_main(page, site):
    open_page(page, site.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    skip = page.locator(".skip-link")
    expect(skip).to_be_visible()
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["height"] >= 24
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues from the main content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")


def test_focus_is_visible_on_links_and_fields(page, site):
    open_page(page, site.url + "/")
    for _ in range(3):
        page.keyboard.press("Tab")
    link = page.evaluate_handle("document.activeElement")
    styles = page.evaluate(
        "el => { const s = getComputedStyle(el); return [s.backgroundColor, s.boxShadow, s.outlineStyle]; }",
        link,
    )
    assert styles[0] == "rgb(255, 191, 71)" or styles[1] != "none", styles
    page.locator("#site-search-q").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


# --- the switcher ------------------------------------------------------------------------------------
def test_switcher_keeps_the_path_and_query(page, site):
    open_page(page, site.url + "/pretraga/?q=x")
    page.get_by_role("link", name="Ћирилица").click()
    expect(page).to_have_url(re.compile(r"/cir/pretraga/\?q=x$"))
    expect(page.locator("html")).to_have_attribute("lang", "cnr-Cyrl")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/pretraga/\?q=x$"))
    page.get_by_role("link", name="Latinica").click()
    expect(page).to_have_url(re.compile(r"127\.0\.0\.1:\d+/pretraga/\?q=x$|localhost:\d+/pretraga/\?q=x$"))


def test_search_from_the_header_finds_a_page(page, site):
    open_page(page, site.url + "/")
    page.locator("#site-search-q").fill("obrasci")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/pretraga/\?q=obrasci$"))
    expect(page.get_by_role("link", name="Obrasci i takse")).to_be_visible()


# --- the final pass: every public page type of the demo site, in the three variants ---------------------
@pytest.fixture
def demo_site(live_site):
    """The demo municipality's website (seed_demo: organisations, pages, news, documents)."""
    import io

    from django.core.cache import cache
    from django.core.management import call_command

    call_command("seed_demo", "core", "portal", "news", "documents", stdout=io.StringIO())
    cache.clear()
    yield live_site
    cache.clear()


def _demo_paths() -> dict[str, str]:
    """One address of each public page type, taken from the seeded site."""
    from django.db.models import Count

    from infocentar.core.models import Organisation
    from infocentar.documents.models import DocumentLibraryPage, LibraryDocument
    from infocentar.news.models import NewsIndexPage, NewsPage
    from infocentar.portal.models import AccessibilityStatementPage, ContactPage, LandingPage, StandardPage

    def rel(page) -> str:
        return page.specific.relative_url(None)

    def block_kinds(page) -> int:
        return len({block.block_type for block in page.body})

    standard = max(StandardPage.objects.live(), key=block_kinds)
    news_item = NewsPage.objects.live().exclude(image=None).order_by("-date").first() or NewsPage.objects.live().first()
    library = DocumentLibraryPage.objects.live().first()
    # The body with the most news on its page (its news, documents and contacts all show).
    organisation = (
        Organisation.objects.filter(is_active=True).annotate(n=Count("news_pages")).order_by("-n", "pk").first()
    )
    document = LibraryDocument.objects.public().order_by("pk").first()
    paths = {
        "home": "/",
        "standard page": rel(standard),
        "landing page": rel(LandingPage.objects.live().first()),
        "contact": rel(ContactPage.objects.live().first()),
        "accessibility statement": rel(AccessibilityStatementPage.objects.live().first()),
        "news index": rel(NewsIndexPage.objects.live().first()),
        "news index, page 2": rel(NewsIndexPage.objects.live().first()) + "?page=2",
        "news item": rel(news_item),
        "document library": rel(library),
        "organisation index": "/organi/",
        "organisation": organisation.get_absolute_url(),
        "search with results": "/pretraga/?q=budzet",
        "search, nothing found": "/pretraga/?q=qxzvwkj",
        "sign-in": "/nalog/login/",
        "sign-up": "/nalog/signup/",
        "not found": "/ova-stranica-ne-postoji/",
    }
    if document is not None and library is not None:
        paths["document"] = rel(library).rstrip("/") + f"/{document.pk}/"
    return paths


def test_every_public_page_type_of_the_demo_site_passes_axe_in_every_variant(page, demo_site):
    """axe (and the WCAG 2.2 target-size rule) on each page type at /…, /cir/… and /en/…; all findings at once."""
    from axe_playwright_python.sync_playwright import Axe

    runner = Axe()
    findings: list[str] = []
    paths = _demo_paths()
    assert len(paths) == 17, paths
    for prefix in ("", "/cir", "/en"):
        for name, address in paths.items():
            url = demo_site.url + prefix + address
            status = 404 if name == "not found" else 200
            response = page.goto(url)
            if response.status != status:
                findings.append(f"{name} {prefix}{address}: HTTP {response.status}")
                continue
            page.wait_for_load_state("load")
            if name == "news item":
                expect(page.locator("main picture img").first).to_be_visible()
            for options in (None, {"runOnly": ["target-size"], "resultTypes": ["violations"]}):
                results = runner.run(page, options=options) if options else runner.run(page)
                for v in results.response.get("violations", []):
                    targets = ", ".join(str(n.get("target")) for n in v.get("nodes", [])[:3])
                    findings.append(f"{name} {prefix}{address}: {v['id']} ({v.get('impact')}) — {targets}")
    assert not findings, "\n".join(findings)
