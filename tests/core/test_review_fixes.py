"""Roles, scoping of Wagtail's own reports, addresses and import semantics."""

from __future__ import annotations

import pytest
from django.urls import reverse

from infocentar.core import services
from infocentar.core.models import Membership, Organisation
from infocentar.core.services import import_organisations_csv

pytestmark = pytest.mark.django_db


def test_site_history_is_for_global_roles_only(mfa_client, it_contact_a, ic_admin):
    client = mfa_client(it_contact_a)
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 302
    assert response["Location"] == reverse("infocentar_audit_log")
    admin_client = mfa_client(ic_admin)
    assert admin_client.get("/admin/reports/site-history/").status_code == 200


def test_audit_log_labels_actions_in_a_fresh_process(mfa_client, ic_admin, org_a):
    from wagtail.log_actions import registry

    services.save_organisation(org_a, by=ic_admin)
    registry.has_scanned_for_actions = False
    registry.formatters = {}
    registry.choices = []
    response = mfa_client(ic_admin).get(reverse("infocentar_audit_log"))
    assert response.status_code == 200


def test_api_docs_use_bundled_assets_not_a_cdn(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in html
    assert "/static/ninja/" in html


def test_api_root_points_to_docs(client):
    response = client.get("/api/v1/")
    assert response.status_code == 302
    assert response["Location"] == "/api/v1/docs"


def test_robots_and_sitemap(client, home_page):
    robots = client.get("/robots.txt").content.decode()
    for line in ("Disallow: /admin/", "Disallow: /nalog/", "Disallow: /cir/nalog/", "Disallow: /en/nalog/"):
        assert line in robots
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert b"<sitemapindex" in sitemap.content  # the index of the per-section sitemaps


def test_editor_can_edit_pages_in_their_section(mfa_client, editor, home_page, information_center):
    from infocentar.portal.models import EditorialSection

    EditorialSection.objects.create(organisation=information_center, page=home_page)
    services._sync_groups(editor)
    editor = type(editor).objects.get(pk=editor.pk)
    client = mfa_client(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk])).status_code == 200


def test_it_contact_cannot_edit_pages(mfa_client, it_contact_a, home_page):
    client = mfa_client(it_contact_a)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk]))
    assert response.status_code in (302, 403)


def test_role_groups_hold_exactly_their_permissions(db):
    from django.contrib.auth.models import Permission

    groups = services.ensure_role_groups()
    stray = Permission.objects.get(codename="delete_organisation")
    groups["editor"].permissions.add(stray)
    services.ensure_role_groups()
    assert not groups["editor"].permissions.filter(pk=stray.pk).exists()


def test_deactivating_an_organisation_takes_away_its_members_access(it_contact_a, org_a, ic_admin):
    assert it_contact_a.has_perm("wagtailadmin.access_admin")
    org_a.is_active = False
    services.save_organisation(org_a, by=ic_admin)
    it_contact_a = type(it_contact_a).objects.get(pk=it_contact_a.pk)
    assert not it_contact_a.has_perm("wagtailadmin.access_admin")


def test_moving_a_membership_to_another_person_resyncs_both(mfa_client, ic_admin, it_contact_a, outsider, org_a):
    membership = Membership.objects.get(user=it_contact_a, organisation=org_a)
    client = mfa_client(ic_admin)
    response = client.post(
        reverse("memberships:edit", args=[membership.pk]),
        {"user": outsider.pk, "organisation": org_a.pk, "role": "it_contact", "job_title": "", "is_active": "on"},
    )
    assert response.status_code == 302
    assert not type(it_contact_a).objects.get(pk=it_contact_a.pk).groups.exists()
    assert outsider.groups.filter(name="Organisation IT contacts").exists()


def test_import_keeps_existing_values_for_empty_cells(ic_admin, org_a, org_a_child):
    org_a.email = "info@vik.me"
    org_a.save()
    result = import_organisations_csv(
        f"name,kind,email,parent\n{org_a_child.name},administration,,\n".encode(), by=ic_admin, dry_run=False
    )
    assert result.ok, result.errors
    org_a_child.refresh_from_db()
    assert org_a_child.parent == org_a
    result = import_organisations_csv(f"name,kind,phone\n{org_a.name},enterprise,020 1\n".encode(), dry_run=False)
    org_a.refresh_from_db()
    assert org_a.email == "info@vik.me" and org_a.phone == "020 1"


def test_export_can_be_imported_back(mfa_client, ic_admin, org_a, org_a_child):
    client = mfa_client(ic_admin)
    response = client.get(reverse("organisations:index") + "?export=csv")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data.decode("utf-8-sig").splitlines()[0].split(",")[:4] == ["name", "short_name", "kind", "parent"]
    result = import_organisations_csv(data, by=ic_admin, dry_run=True)
    assert result.ok, result.errors
    assert result.created == 0
    assert Organisation.objects.count() == result.unchanged + result.updated
