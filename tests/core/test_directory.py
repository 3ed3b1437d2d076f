"""The public directory of bodies generated from the organisations."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_index_groups_by_kind(client, home_page, org_a, org_b):
    response = client.get("/organi/")
    assert response.status_code == 200
    content = response.content.decode()
    assert org_a.name in content and org_b.name in content
    assert content.index('id="enterprise"') < content.index('id="institution"')


def test_detail_shows_what_the_record_holds(client, home_page, org_a, org_a_child):
    org_a.mandate = "Snabdijevanje vodom i odvođenje otpadnih voda."
    org_a.phone = "+382 33 402 100"
    org_a.save()
    response = client.get(f"/organi/{org_a.slug}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Snabdijevanje vodom" in content
    assert 'href="tel:+38233402100"' in content
    assert org_a_child.name in content


def test_inactive_or_unknown_body_is_404(client, home_page, org_a):
    org_a.is_active = False
    org_a.save()
    assert client.get(f"/organi/{org_a.slug}/").status_code == 404
    assert client.get("/organi/nema-ga/").status_code == 404


def test_directory_in_cyrillic_keeps_links_in_cyrillic(client, home_page, org_b):
    response = client.get("/cir/organi/")
    content = response.content.decode()
    assert "Центар за културу" in content
    assert f'href="/cir/organi/{org_b.slug}/"' in content
