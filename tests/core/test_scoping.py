"""The one scoping mechanism: who sees which organisations' records."""

from __future__ import annotations

import pytest

from infocentar.core import services
from infocentar.core.models import Membership, Organisation
from infocentar.core.scoping import can_access_organisation, visible_organisation_ids

pytestmark = pytest.mark.django_db


def test_member_sees_own_organisation_and_its_children_only(it_contact_a, org_a, org_a_child, org_b):
    ids = visible_organisation_ids(it_contact_a)
    assert ids == {org_a.pk, org_a_child.pk}
    assert set(Organisation.objects.visible_to(it_contact_a)) == {org_a, org_a_child}
    assert not can_access_organisation(it_contact_a, org_b)


def test_administrator_sees_everything(ic_admin, org_a, org_b):
    assert visible_organisation_ids(ic_admin) is None
    assert set(Organisation.objects.visible_to(ic_admin)) >= {org_a, org_b}


def test_outsider_and_anonymous_see_nothing(outsider, org_a):
    from django.contrib.auth.models import AnonymousUser

    assert visible_organisation_ids(outsider) == frozenset()
    assert visible_organisation_ids(AnonymousUser()) == frozenset()
    assert not Organisation.objects.visible_to(outsider).exists()


def test_roles_filter_limits_memberships_that_count(it_contact_a, org_a, org_b):
    services.add_membership(it_contact_a, org_b, "editor")
    from infocentar.core.scoping import clear_cache

    clear_cache(it_contact_a)
    assert visible_organisation_ids(it_contact_a, roles=["it_contact"]) == {org_a.pk}
    assert org_b.pk in visible_organisation_ids(it_contact_a)


def test_ended_membership_stops_access(it_contact_a, org_a):
    membership = Membership.objects.get(user=it_contact_a, organisation=org_a)
    services.end_membership(membership)
    assert visible_organisation_ids(it_contact_a) == frozenset()


def test_membership_gives_role_group_and_admin_access(it_contact_a):
    assert it_contact_a.groups.filter(name="Organisation IT contacts").exists()
    assert it_contact_a.has_perm("wagtailadmin.access_admin")


def test_organisation_cannot_be_its_own_ancestor(org_a, org_a_child):
    from django.core.exceptions import ValidationError

    org_a.parent = org_a_child
    with pytest.raises(ValidationError):
        org_a.clean()
