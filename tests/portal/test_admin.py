"""The back office of the website: page editors of every type, settings, the chooser of bodies."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Site

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(admin_client_for):
    user = UserFactory(username="superuser", is_superuser=True, is_staff=True)
    return admin_client_for(user)


def test_every_page_type_has_a_working_editor(superuser_client, home_page, landing, contact_page, statement, full_page):
    for page in (home_page, landing, contact_page, statement, full_page):
        response = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
    editor_html = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[full_page.pk])).content.decode()
    assert "/admin/choose-organisation/" in editor_html  # the body's organisation cards
    assert "typed_table_block" in editor_html  # the table editor's script
    for model in ("standardpage", "landingpage"):
        response = superuser_client.get(reverse("wagtailadmin_pages:add", args=["portal", model, home_page.pk]))
        assert response.status_code == 200, model


def test_the_add_page_choice_offers_the_allowed_types(superuser_client, home_page, contact_page, statement):
    html = superuser_client.get(reverse("wagtailadmin_pages:add_subpage", args=[home_page.pk])).content.decode()
    assert "/portal/landingpage/" in html and "/portal/standardpage/" in html
    # One contact page and one statement per site.
    assert "/portal/contactpage/" not in html and "/portal/accessibilitystatementpage/" not in html


def test_the_settings_forms(superuser_client, home_page):
    site = Site.objects.get(is_default_site=True)
    for name in ("municipalitysettings", "navigationsettings"):
        response = superuser_client.get(f"/admin/settings/portal/{name}/{site.pk}/")
        assert response.status_code == 200, name
    html = superuser_client.get(f"/admin/settings/portal/municipalitysettings/{site.pk}/").content.decode()
    assert 'name="analytics_enabled"' in html and 'name="facebook_url"' in html


def test_the_chooser_of_bodies_offers_active_organisations(superuser_client, home_page, org_a, org_b):
    org_b.is_active = False
    org_b.save()
    response = superuser_client.get("/admin/choose-organisation/")
    assert response.status_code == 200
    html = response.content.decode()
    assert org_a.name in html and org_b.name not in html
