"""The body's blocks: contents list, images, documents, tables, accordions, contact and organisation cards."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError, StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError

from infocentar.portal.blocks import BodyBlock, DataTableBlock, LinkBlock, QuickLinksBlock
from infocentar.portal.models.pages import heading_anchor, page_body

from .conftest import every_block_body, pdf_document, png_image, publish

pytestmark = pytest.mark.django_db


class Elements(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def all(self, tag, **attrs):
        return [
            a for t, a in self.elements if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]


def main_of(html: str) -> str:
    return html[html.index('<main id="main"') : html.index("</main>")]


@pytest.fixture
def html(client, full_page):
    return main_of(client.get("/uvjerenja/").content.decode())


def test_contents_lists_the_level_2_headings_with_anchors(html):
    nav = html[html.index('<nav class="contents"') : html.index("</nav>")]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav)
    assert links == [
        ("kako-podnijeti-zahtjev", "Kako podnijeti zahtjev"),
        ("rokovi-i-takse", "Rokovi i takse"),
        ("cesta-pitanja", "Česta pitanja"),
    ]
    for anchor, _text in links:
        assert f'<h2 id="{anchor}">' in html
    assert '<h3 id="kontakt">Kontakt</h3>' in html


def test_no_contents_with_fewer_than_three_headings(client, home_page):
    from infocentar.portal.models import StandardPage

    body = [("heading", {"text": "Jedan", "level": "h2"}), ("heading", {"text": "Dva", "level": "h2"})]
    publish(home_page.add_child(instance=StandardPage(title="Kratka", slug="kratka", body=body)))
    html = client.get("/kratka/").content.decode()
    assert 'class="contents"' not in html
    assert '<h2 id="jedan">' in html


def test_anchors_are_unique_and_never_the_layouts_ids():
    used: set[str] = set()
    assert heading_anchor("Uređenje prostora", used) == "uredjenje-prostora"
    assert heading_anchor("Uređenje prostora", used) == "uredjenje-prostora-2"
    assert heading_anchor("Main", used) == "main-2"
    assert heading_anchor("Организација", used) == "organizacija"
    assert heading_anchor("!!!", used) == "odjeljak"


def test_titles_inside_blocks_follow_the_headings_before_them():
    stream = StreamValue(
        BodyBlock(),
        [
            ("contact", {"name": "A"}),
            ("heading", {"text": "Odjeljak", "level": "h2"}),
            ("contact", {"name": "B"}),
            ("heading", {"text": "Pododjeljak", "level": "h3"}),
            ("accordion", {"title": "C", "items": []}),
        ],
    )
    levels = [item.level for item in page_body(stream).items]
    assert levels == [2, 2, 3, 3, 4]


def test_image_is_a_responsive_picture_with_webp_and_lazy_loading(html):
    picture = html[html.index("<picture>") : html.index("</picture>")]
    sources = Elements(picture).all("source")
    assert any(s.get("type") == "image/webp" for s in sources)
    assert all("," in s["srcset"] for s in sources), "several widths"
    img = Elements(picture).all("img")[0]
    assert img["alt"] == "Šalter pisarnice u prizemlju"
    assert img["loading"] == "lazy"
    assert img["width"] and img["height"]
    assert "srcset" in img or sources


def test_decorative_image_has_an_empty_alt(client, home_page):
    from infocentar.portal.models import StandardPage

    body = [("image", {"image": png_image(), "alt_text": "", "decorative": True})]
    publish(home_page.add_child(instance=StandardPage(title="Slika", slug="slika", body=body)))
    img = Elements(main_of(client.get("/slika/").content.decode())).all("img")[0]
    assert img["alt"] == ""


def test_an_image_needs_alt_text_or_the_decorative_mark():
    block = BodyBlock()
    value = block.to_python(
        [{"type": "image", "value": {"image": png_image().pk, "alt_text": "", "decorative": False}}]
    )
    with pytest.raises((StreamBlockValidationError, ValidationError)):
        block.clean(value)


def test_document_link_shows_format_and_size(html):
    assert re.search(
        r'class="document-link__link" href="/documents/\d+/budzet-2026[^"]*\.pdf">Budžet za 2026\. godinu</a>', html
    )
    assert '<span translate="no">PDF</span>, 2,0' in html or '<span translate="no">PDF</span>, 2.0' in html
    assert "Odluka o budžetu" in html


def test_document_link_in_cyrillic_keeps_the_files_address(client, full_page):
    html = main_of(client.get("/cir/uvjerenja/").content.decode())
    assert re.search(r'href="/documents/\d+/budzet-2026[^"]*\.pdf"', html)


def test_table_has_caption_scopes_and_numeric_cells(html):
    table = html[html.index('<div class="table-wrap"') : html.index("</table>")]
    elements = Elements(table)
    region = elements.all("div", role="region")[0]
    caption_id = region["aria-labelledby"]
    assert region["tabindex"] == "0"
    assert elements.all("caption", id=caption_id)
    assert "Takse za uvjerenja" in table
    assert len(elements.all("th", scope="col")) == 2
    assert len(elements.all("th", scope="row")) == 2
    assert elements.all("td", **{"class": "num"})


def test_a_table_needs_a_caption():
    block = DataTableBlock()
    value = block.to_python(
        {"table": {"caption": "", "columns": [{"type": "text", "heading": "A"}], "rows": [{"values": ["x"]}]}}
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_accordion_is_details_and_summary(html):
    assert html.count('<details class="accordion__item">') == 2
    assert '<summary class="accordion__summary">Koliko traje postupak?</summary>' in html


def test_contact_card(html):
    card = html[html.index('<div class="contact-card">') :]
    assert "Pisarnica" in card and 'href="tel:+38220123458"' in card and 'href="mailto:pisarnica@primjer.me"' in card


def test_organisation_card_comes_from_the_organisations_record(html, org_a):
    card = html[html.index('<div class="org-card">') :]
    assert f'href="/organi/{org_a.slug}/"' in card
    assert org_a.name in card


def test_an_inactive_organisation_is_left_out(client, full_page, org_a):
    org_a.is_active = False
    org_a.save()
    assert 'class="org-card"' not in client.get("/uvjerenja/").content.decode()


def test_a_page_whose_image_and_document_were_deleted_still_renders(client, home_page, org_a):
    from infocentar.portal.models import StandardPage

    image, document = png_image(), pdf_document()
    page = StandardPage(title="Brisanje", slug="brisanje", body=every_block_body(org_a, image, document))
    publish(home_page.add_child(instance=page))
    image.delete()
    document.delete()
    response = client.get("/brisanje/")
    assert response.status_code == 200
    html = main_of(response.content.decode())
    assert "<picture>" not in html and "document-link" not in html


def test_page_body_text_is_searchable(full_page):
    text = full_page.search_text
    for word in ("uvjerenja", "koliko traje postupak", "o prebivalistu", "pisarnica"):
        assert word in text


# --- quick links and menu links ---------------------------------------------------------------------
def test_a_link_is_a_page_or_an_address_not_both(home_page):
    block = LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"page": home_page.pk, "url": "https://e-uprava.gov.me/", "label": "x"}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"page": None, "url": "", "label": "x"}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"page": None, "url": "/organi/", "label": ""}))
    with pytest.raises((StructBlockValidationError, ValidationError)):
        block.clean(block.to_python({"page": None, "url": "javascript:alert(1)", "label": "x"}))
    assert block.clean(block.to_python({"page": None, "url": "/organi/", "label": "Organi"}))


def test_at_most_eight_quick_links():
    block = QuickLinksBlock()
    value = block.to_python([{"type": "link", "value": {"url": "/organi/", "label": f"L{n}"}} for n in range(9)])
    with pytest.raises(StreamBlockValidationError):
        block.clean(value)


def test_a_card_image_is_a_responsive_lazy_picture(rf):
    from django.template.loader import render_to_string

    html = render_to_string(
        "components/card.html", {"title": "Vijest", "url": "/vijesti/1/", "image": png_image()}, request=rf.get("/")
    )
    sources = Elements(html).all("source")
    assert any(s.get("type") == "image/webp" and s["srcset"].count(",") == 2 for s in sources)
    img = Elements(html).all("img")[0]
    assert img["alt"] == "" and img["loading"] == "lazy" and img["width"] and img["height"]
