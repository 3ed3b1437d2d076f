"""Fixtures of the inventory's tests: assets of two organisations, licences, plans."""

from __future__ import annotations

import datetime
import itertools

import pytest

from infocentar.inventory.models import Asset, AssetStatus, AssetType

_numbers = itertools.count(1)


@pytest.fixture
def make_asset(db):
    def make(organisation, **fields):
        n = next(_numbers)
        values = {
            "asset_tag": f"T-{n:05d}",
            "asset_type": AssetType.DESKTOP,
            "manufacturer": "Dell",
            "model": f"OptiPlex {n}",
            "serial": f"SN{n:06d}",
            "status": AssetStatus.IN_USE,
            "purchase_date": datetime.date(2022, 3, 1),
        }
        values.update(fields)
        return Asset.objects.create(organisation=organisation, **values)

    return make


@pytest.fixture
def assets(make_asset, org_a, org_b):
    return {
        "a": make_asset(org_a, asset_tag="VIK-0001", model="OptiPlex Vodovod"),
        "b": make_asset(org_b, asset_tag="CZK-0001", model="ProDesk Kultura", manufacturer="HP"),
    }
