"""The portal's demo: a page tree of every type, menus, quick links, alerts and the editorial set-up."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site, WorkflowPage

from infocentar.portal.models import (
    AccessibilityStatementPage,
    ContactPage,
    EditorialSection,
    HomePage,
    LandingPage,
    MunicipalitySettings,
    NavigationSettings,
    SiteAlert,
    StandardPage,
)
from infocentar.portal.models.alerts import current_alerts

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", "core", "accounts", "portal", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db):
    return seed()


def test_at_least_fifteen_pages_of_every_type(seeded):
    home = HomePage.objects.get()
    pages = home.get_descendants(inclusive=True).live()
    assert pages.count() >= 15
    assert LandingPage.objects.live().count() == 3
    assert StandardPage.objects.live().count() >= 10
    assert ContactPage.objects.live().count() == 1
    assert AccessibilityStatementPage.objects.live().count() == 1
    titles = set(LandingPage.objects.values_list("title", flat=True))
    assert titles == {"Organi opštine", "Usluge građanima", "Transparentnost"}
    wanted = {"Budžet i finansije", "Javne nabavke", "Zaštita podataka o ličnosti", "Komunalni poslovi",
              "Prostorno planiranje", "Turizam", "Kultura i sport"}  # fmt: skip
    assert wanted <= set(StandardPage.objects.values_list("title", flat=True))


def test_every_demo_page_renders(seeded, client):
    for page in HomePage.objects.get().get_descendants(inclusive=True).live().specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_the_statement_is_the_accessibility_statement_of_the_settings(seeded):
    settings_obj = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    assert isinstance(settings_obj.accessibility_statement.specific, AccessibilityStatementPage)
    assert settings_obj.facebook_url and not settings_obj.analytics_enabled


def test_two_alerts_one_of_them_active(seeded):
    assert SiteAlert.objects.count() == 2
    assert len(current_alerts()) == 1


def test_menus_and_quick_links(seeded, client):
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    assert navigation.main_menu_items.count() >= 5
    assert navigation.footer_menu_items.count() >= 4
    home = HomePage.objects.get()
    assert 4 <= len(home.shown_quick_links) <= 8
    html = client.get("/").content.decode()
    assert 'id="quick-links-title"' in html and 'href="/organi-opstine/"' in html


def test_the_moderation_workflow_and_sections_of_organisations(seeded):
    home = HomePage.objects.get()
    assert WorkflowPage.objects.get(page=home).workflow.name == "Odobravanje objave"
    assert EditorialSection.objects.values("organisation").distinct().count() >= 2


def test_the_demo_editor_edits_the_site(seeded):
    from django.contrib.auth import get_user_model
    from wagtail.permission_policies.pages import PagePermissionPolicy

    editor = get_user_model().objects.get(username="urednik")
    home = HomePage.objects.get()
    assert PagePermissionPolicy().user_has_permission_for_instance(editor, "change", home)


def test_a_second_run_changes_nothing(seeded):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission, ModelLogEntry, PageLogEntry, Revision

    models = [Page, Revision, PageLogEntry, ModelLogEntry, Group, GroupPagePermission, SiteAlert, EditorialSection,
              WorkflowPage]  # fmt: skip
    before = {m.__name__: m.objects.count() for m in models}
    output = seed()
    assert {m.__name__: m.objects.count() for m in models} == before
    assert " new)" not in output.replace("(0 new)", "")
    assert "filled in" not in output


def test_a_first_demo_standard_page_becomes_the_contact_page(db):
    """Databases seeded by the first demo had "Kontakt" as a standard page: it is replaced once."""
    call_command("seed_demo", "core", "accounts", stdout=io.StringIO())
    from infocentar.portal import demo

    home, _created = demo._ensure_home()
    demo._ensure_site(home)
    old = home.add_child(instance=StandardPage(title="Kontakt", slug="kontakt"))
    old.save_revision().publish()
    seed()
    assert not StandardPage.objects.filter(pk=old.pk).exists()
    assert ContactPage.objects.get().slug == "kontakt"
