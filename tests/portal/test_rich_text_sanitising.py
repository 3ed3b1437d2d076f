"""Rich text never carries scripts, event handlers or javascript: links to a public page.

Two roads in: the page editor (Draftail's form), and HTML stored in the
database by anything else (a migration, an import, a script). Either way the
public page shows the editor's text and links, and none of the active markup.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from infocentar.core import services
from infocentar.portal.models import MunicipalitySettings, StandardPage
from infocentar.portal.richtext import clean_rich_text

from .conftest import publish

pytestmark = pytest.mark.django_db

EVIL = (
    '<p>Radno vrijeme šaltera<script>alert("script")</script>'
    '<img src="/static/x.png" alt="" onerror="alert(\'onerror\')">'
    "<a href=\"javascript:alert('link')\" onclick=\"alert('onclick')\">klikni</a>"
    '<a href=" JaVaScRiPt:alert(1)">druga</a>'
    "<b onmouseover=\"alert('hover')\">važno</b>"
    '<iframe src="https://evil.example/"></iframe><style>body { display: none }</style>'
    '<svg onload="alert(\'svg\')"><circle r="1"></circle></svg>'
    '<a href="https://www.primjer.me/usluge/">usluge</a> i <a href="mailto:info@primjer.me">pišite nam</a>.</p>'
)
ACTIVE_ELEMENTS = {"script", "style", "iframe", "svg", "object", "embed", "form"}


class _Markup(HTMLParser):
    """The elements and attributes of a piece of HTML, as a browser would read them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _assert_clean(html: str) -> None:
    """No active element, no event handler, no link or source with a javascript: address."""
    parser = _Markup()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in ACTIVE_ELEMENTS, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                assert not re.sub(r"[\x00-\x20]", "", value or "").lower().startswith("javascript:"), (tag, value)
    assert "javascript:" not in html.lower()


def _assert_kept(html: str) -> None:
    """What the editor meant stays: the text, bold, and the safe links."""
    assert "Radno vrijeme šaltera" in html
    assert "<b>važno</b>" in html
    assert '<a href="https://www.primjer.me/usluge/">usluge</a>' in html
    assert '<a href="mailto:info@primjer.me">pišite nam</a>' in html
    assert "klikni" in html  # the text of a javascript: link stays, its href goes


def test_clean_rich_text_keeps_draftails_markup():
    html = (
        "<h2>Naslov</h2><h3>Podnaslov</h3><h4>Manji</h4><p><b>b</b> <i>i</i> <strong>s</strong> <em>e</em> "
        '<a href="/dokumenti/">put</a> <a href="tel:+38220123456">telefon</a> <code>x</code> <sup>2</sup> '
        "<sub>2</sub> <s>staro</s><br></p><ul><li>jedan</li></ul><ol><li>dva</li></ol><hr>"
        "<blockquote>citat</blockquote>"
        '<img alt="Opis" class="richtext-image left" height="90" src="/media/images/a.width-500.jpg" width="160">'
    )
    assert clean_rich_text(html) == html


def test_clean_rich_text_removes_the_active_markup():
    html = clean_rich_text(EVIL)
    _assert_clean(html)
    _assert_kept(html)
    assert "alert" not in html  # not even the script's text
    assert clean_rich_text(None) == "" and clean_rich_text("") == ""


def test_html_stored_in_a_pages_body_is_cleaned_on_the_public_page(client, home_page):
    body = [
        ("paragraph", RichText(EVIL)),
        ("callout", {"kind": "warning", "title": "Pažnja", "text": RichText(EVIL)}),
        ("accordion", {"title": "Pitanja", "items": [{"summary": "Kako?", "content": RichText(EVIL)}]}),
    ]
    publish(
        home_page.add_child(instance=StandardPage(title="Šalteri", slug="salteri", intro="Radno vrijeme.", body=body))
    )
    response = client.get("/salteri/")
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index('<main id="main"') : html.index("</main>")]
    _assert_clean(main)
    assert main.count("Radno vrijeme šaltera") == 3
    _assert_kept(main)
    # And so on the Cyrillic page.
    _assert_clean(client.get("/cir/salteri/").content.decode().split('<main id="main"')[1])


def test_html_stored_in_a_rich_text_field_is_cleaned(client, statement):
    statement.conformance_details = EVIL
    publish(statement)
    html = client.get("/pristupacnost/").content.decode()
    assert "Radno vrijeme šaltera" in html
    _assert_clean(html.split('<main id="main"')[1].split("</main>")[0])


def test_html_stored_in_the_footer_text_is_cleaned(client, home_page):
    from wagtail.models import Site

    settings = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    settings.footer_text = EVIL
    settings.save()
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer"') :]
    assert "Radno vrijeme šaltera" in footer
    _assert_clean(footer)


def _contentstate(text: str, url: str) -> str:
    """Draftail's value for one paragraph whose whole text is a link to `url`."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": len(text), "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
        }
    )


def test_html_posted_through_the_page_editor_does_not_reach_the_public_page(admin_client_for, ic_admin, home_page):
    services.ensure_editorial_setup()
    page = publish(home_page.add_child(instance=StandardPage(title="Usluge", slug="usluge", intro="Usluge.")))
    text = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "body": streamfield(
                [
                    ("paragraph", _contentstate(text, "javascript:alert(document.cookie)")),
                    ("paragraph", _contentstate("Obrasci", "https://www.primjer.me/obrasci/")),
                ]
            ),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = admin_client_for(ic_admin).post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(pk=page.pk).specific
    assert page.live and len(page.body) == 2
    html = _public_main("/usluge/")
    _assert_clean(html)
    assert "&lt;script&gt;" in html  # what was typed is shown as text
    assert '<a href="https://www.primjer.me/obrasci/">Obrasci</a>' in html


def _public_main(path: str) -> str:
    from django.test import Client

    html = Client().get(path).content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]
