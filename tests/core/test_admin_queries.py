"""Back-office listings do not grow their query count with the data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from infocentar.core import services
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["organisations:index", "memberships:index", "infocentar_audit_log"])
def test_listing_query_count_is_flat(mfa_client, ic_admin, url_name):
    client = mfa_client(ic_admin)
    url = reverse(url_name)
    parents = OrganisationFactory.create_batch(2)
    for parent in parents:
        services.add_membership(UserFactory(), parent, "editor", by=ic_admin)
    _count(client, url)  # warm caches (content types, permissions)
    small = _count(client, url)
    for i in range(25):
        org = OrganisationFactory(parent=parents[i % 2])
        services.save_organisation(org, by=ic_admin)
        services.add_membership(UserFactory(), org, "it_contact", by=ic_admin)
    large = _count(client, url)
    assert large <= small + 2, (small, large)


def test_wagtail_user_admin_works_with_our_user_model(mfa_client, ic_admin):
    ic_admin.is_superuser = True
    ic_admin.save()
    client = mfa_client(ic_admin)
    assert client.get("/admin/users/").status_code == 200
    assert client.get(reverse("wagtailusers_users:add")).status_code == 200
