"""The equipment listing at scale: flat query counts, kept counts per scope that follow every change."""

from __future__ import annotations

import datetime

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from infocentar.inventory import importing, listing
from infocentar.inventory.bench import LISTING, listing_paths
from infocentar.inventory.models import Asset, AssetStatus, AssetType

pytestmark = pytest.mark.django_db

TYPES = [AssetType.DESKTOP, AssetType.LAPTOP, AssetType.PRINTER]
STATUSES = [AssetStatus.IN_USE, AssetStatus.IN_REPAIR, AssetStatus.IN_USE, AssetStatus.IN_STOCK]


def _signed_in(user) -> Client:
    """A client of its own per user (two people at once), signed in with MFA set up."""
    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
    )
    client = Client()
    client.force_login(user)
    return client


def _get(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return response, len(queries)


@pytest.fixture
def add_assets(make_asset, org_a, org_a_child, org_b, it_staff):
    made = []

    def add(count: int) -> None:
        for _i in range(count):
            n = len(made)
            made.append(
                make_asset(
                    (org_a, org_a_child, org_b)[n % 3],
                    asset_type=TYPES[n % 3],
                    status=STATUSES[n % 4],
                    manufacturer=("Dell", "HP")[n % 2],
                    purchase_date=datetime.date(2019, 1, 1) + datetime.timedelta(days=97 * n),
                    warranty_end=datetime.date(2020, 1, 1) + datetime.timedelta(days=97 * n),
                    assigned_to=it_staff if n % 2 else None,
                )
            )

    return add


@pytest.mark.parametrize("who", ["it_staff", "it_contact_a"])
def test_listing_queries_do_not_grow_with_the_equipment(request, who, org_a, add_assets):
    """Every filtered, sorted and searched listing of the bench: the same queries for 6 assets and for 18."""
    client = _signed_in(request.getfixturevalue(who))
    urls = [*listing_paths(org_a.pk), LISTING + "?q=T-"]
    add_assets(6)
    before = {}
    for url in urls:
        listing.bump(Asset)
        response, cold = _get(client, url)  # counts the rows
        _response, warm = _get(client, url)  # the count is kept
        assert warm == cold - 1, url
        before[url] = (cold, warm, response.context["paginator"].count)
    add_assets(12)
    for url in urls:
        listing.bump(Asset)
        response, cold = _get(client, url)
        _response, warm = _get(client, url)
        assert (cold, warm) == before[url][:2], url
    response, _queries = _get(client, LISTING)
    assert response.context["paginator"].count == 3 * before[LISTING][2]
    assert len(response.context["object_list"]) == min(20, 3 * before[LISTING][2])


def test_each_scope_keeps_its_own_count(it_staff, it_contact_a, add_assets, org_a, org_b):
    add_assets(6)  # two of org A, two of its child, two of org B
    staff, contact = _signed_in(it_staff), _signed_in(it_contact_a)
    assert staff.get(LISTING).context["paginator"].count == 6
    response = contact.get(LISTING)
    assert response.context["paginator"].count == 4  # org A and its child, not the staff's kept count
    assert {a.organisation_id for a in response.context["object_list"]} <= {org_a.pk, org_a.children.get().pk}
    # Asking for another organisation's equipment shows none of it.
    response = contact.get(LISTING, {"organisation": org_b.pk})
    assert org_b.pk not in {a.organisation_id for a in response.context["object_list"]}


def test_organisation_filter_offers_only_the_users_organisations(it_staff, it_contact_a, org_a, org_a_child, org_b):
    def options(client) -> str:
        page = client.get(LISTING).content.decode()
        return page.split('name="organisation"', 1)[1].split("</select>", 1)[0]

    mine = options(_signed_in(it_contact_a))
    assert f'value="{org_a.pk}"' in mine and f'value="{org_a_child.pk}"' in mine
    assert f'value="{org_b.pk}"' not in mine and org_b.name not in mine
    assert f'value="{org_b.pk}"' in options(_signed_in(it_staff))


def test_kept_count_follows_assets_added_changed_deleted_and_imported(it_staff, make_asset, org_a):
    client = _signed_in(it_staff)

    def shown(**params) -> int:
        return client.get(LISTING, params).context["paginator"].count

    first = make_asset(org_a)
    make_asset(org_a)
    assert shown() == 2 and shown(status="in_repair") == 0
    make_asset(org_a)
    assert shown() == 3  # added
    first.status = AssetStatus.IN_REPAIR
    first.save()
    assert shown(status="in_repair") == 1  # changed
    first.delete()
    assert shown() == 2 and shown(status="in_repair") == 0  # deleted
    text = "asset_tag,organisation,asset_type,manufacturer,model,serial\nUV-1,vik,desktop,Dell,OptiPlex,UV-S1\n"
    headers, rows = importing.read_table("f.csv", text.encode())
    importing.apply(importing.validate("assets", headers, rows), file_name="f.csv")
    assert shown() == 3  # imported (bulk_create, no signals)
    # Behind the signals' back (a bulk update) the kept count stays until the model's counts are bumped.
    assert shown(status="retired") == 0
    Asset.objects.update(status=AssetStatus.RETIRED)
    assert shown(status="retired") == 0
    listing.bump(Asset)
    assert shown(status="retired") == 3
