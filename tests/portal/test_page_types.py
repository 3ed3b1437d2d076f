"""Every page type renders in the three variants with its template and breadcrumbs, and lives where it may."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from infocentar.portal.models import (
    AccessibilityStatementPage,
    ContactPage,
    HomePage,
    LandingPage,
    StandardPage,
)

pytestmark = pytest.mark.django_db

VARIANTS = ["", "/cir", "/en"]


def templates_of(response) -> list[str]:
    return [t.name for t in response.templates if t.name]


@pytest.mark.parametrize("prefix", VARIANTS)
def test_home_page_renders_in_every_variant(client, home_page, prefix):
    response = client.get(f"{prefix}/")
    assert response.status_code == 200
    assert "portal/home_page.html" in templates_of(response)
    assert 'aria-label="Breadcrumbs"' not in response.content.decode()


@pytest.mark.parametrize("prefix", VARIANTS)
def test_landing_page_renders_with_its_pages_as_cards(client, landing_children, prefix):
    response = client.get(f"{prefix}/usluge/")
    assert response.status_code == 200
    assert "portal/landing_page.html" in templates_of(response)
    html = response.content.decode()
    assert f'href="{prefix}/usluge/komunalni/"' in html and f'href="{prefix}/usluge/porezi/"' in html
    assert html.count('class="card card--link"') == 2
    assert 'class="breadcrumbs' in html


@pytest.mark.parametrize("prefix", VARIANTS)
def test_contact_page_renders(client, contact_page, prefix):
    response = client.get(f"{prefix}/kontakt/")
    assert response.status_code == 200
    assert "portal/contact_page.html" in templates_of(response)
    html = response.content.decode()
    assert 'href="tel:+38220123456"' in html and 'href="tel:+38220123457"' in html
    assert 'href="mailto:pisarnica@primjer.me"' in html
    assert 'class="contact-card"' in html
    assert 'class="breadcrumbs' in html


@pytest.mark.parametrize("prefix", VARIANTS)
def test_accessibility_statement_renders_every_part(client, statement, prefix):
    response = client.get(f"{prefix}/pristupacnost/")
    assert response.status_code == 200
    assert "portal/accessibility_statement_page.html" in templates_of(response)
    html = response.content.decode()
    for anchor in ("statement-status", "statement-non-accessible", "statement-feedback", "statement-enforcement",
                   "statement-preparation"):  # fmt: skip
        assert f'id="{anchor}"' in html
    assert 'datetime="2026-01-15"' in html and 'datetime="2026-06-01"' in html
    assert 'class="breadcrumbs' in html


def test_accessibility_statement_in_english_says_the_status(client, statement):
    html = client.get("/en/pristupacnost/").content.decode()
    assert "partially compliant" in html
    assert "We answer within 15 days." in html


def test_cyrillic_variant_is_transliterated(client, contact_page):
    html = client.get("/cir/kontakt/").content.decode()
    assert "Контакт" in html and "Његошева" in html


@pytest.mark.parametrize("prefix", VARIANTS)
def test_standard_page_with_every_block_renders(client, full_page, prefix):
    response = client.get(f"{prefix}/uvjerenja/")
    assert response.status_code == 200
    assert "portal/standard_page.html" in templates_of(response)
    assert 'class="breadcrumbs' in response.content.decode()


# --- where pages may live ------------------------------------------------------------------------
def test_home_page_children(home_page):
    allowed = set(HomePage.clean_subpage_models())
    assert {StandardPage, LandingPage, ContactPage, AccessibilityStatementPage} <= allowed
    labels = {m._meta.label for m in allowed}
    # The news index and the document library come from their apps when those are installed.
    from django.apps import apps

    for label in ("news.NewsIndexPage", "documents.DocumentLibraryPage"):
        app_label, model_name = label.split(".")
        try:
            apps.get_model(app_label, model_name)
        except LookupError:
            continue
        assert label in labels


def test_page_types_declare_parents_and_children():
    for model in (HomePage, StandardPage, LandingPage, ContactPage, AccessibilityStatementPage):
        assert model.parent_page_types is not None, model
        assert model.subpage_types is not None, model
    assert set(LandingPage.clean_subpage_models()) == {StandardPage, LandingPage, ContactPage}
    assert set(LandingPage.clean_parent_page_models()) == {HomePage, LandingPage}
    assert ContactPage.clean_subpage_models() == []
    assert AccessibilityStatementPage.clean_parent_page_models() == [HomePage]


def test_where_pages_can_be_created(home_page, landing, landing_children):
    standard = landing_children[0]
    assert LandingPage.can_create_at(home_page) and LandingPage.can_create_at(landing)
    assert not LandingPage.can_create_at(standard)
    assert StandardPage.can_create_at(landing) and StandardPage.can_create_at(standard)
    assert not AccessibilityStatementPage.can_create_at(landing)
    assert not HomePage.can_create_at(home_page)


def test_one_contact_page_per_site(home_page, landing, contact_page):
    assert not ContactPage.can_create_at(home_page)
    assert not ContactPage.can_create_at(landing)


def test_a_contact_page_can_be_made_under_a_landing_page(home_page, landing):
    assert ContactPage.can_create_at(landing)


def test_only_one_accessibility_statement(home_page, statement):
    assert not AccessibilityStatementPage.can_create_at(home_page)


def test_statement_review_cannot_come_before_it_was_prepared(statement):
    import datetime

    statement.reviewed_on = datetime.date(2025, 12, 31)
    with pytest.raises(ValidationError):
        statement.full_clean()


def test_new_page_types_are_found_by_the_site_search(client, contact_page, landing):
    from infocentar.core.search import search

    found = [item for items in search("autobuske stanice").values() for item in items]
    assert [p.pk for p in found] == [contact_page.pk]
    found = [item for items in search("usluge opstine").values() for item in items]
    assert landing.pk in [p.pk for p in found]
