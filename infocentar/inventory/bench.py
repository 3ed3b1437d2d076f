"""Bench data of the inventory (found by bench.scenarios.autodiscover).

The asset listing is a back-office page (staff with MFA) and the assets API needs a token: the load
generator sends anonymous GETs only, so those are measured by `manage.py bench_inventory` (in-process,
p95 and query counts of the filtered and sorted listing, and a 10,000-row import); see
docs/guides/inventory.md.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from bench.data import generator

MODELS = [
    ("desktop", "Dell", "OptiPlex 7010", 820),
    ("desktop", "HP", "ProDesk 400 G7", 690),
    ("laptop", "Lenovo", "ThinkPad E14", 910),
    ("monitor", "Dell", "P2422H", 190),
    ("printer", "HP", "LaserJet Pro M404dn", 290),
    ("phone", "Yealink", "SIP-T46U", 140),
    ("ups", "APC", "Smart-UPS 1500VA", 690),
    ("network", "Cisco", "Catalyst 2960-X", 1250),
    ("server", "Dell", "PowerEdge R740", 7400),
]
STATUSES = ["in_use"] * 8 + ["in_stock", "in_repair", "retired", "lent"]


def make_assets(count: int, rng: random.Random, organisation_ids: list[int], prefix: str = "B") -> list:
    from infocentar.inventory.models import Asset

    today = datetime.date.today()
    assets = []
    for index in range(count):
        asset_type, manufacturer, model, price = rng.choice(MODELS)
        purchased = today - datetime.timedelta(days=rng.randint(30, 4000))
        assets.append(
            Asset(
                organisation_id=rng.choice(organisation_ids),
                asset_tag=f"{prefix}-{index + 1:07d}",
                asset_type=asset_type,
                manufacturer=manufacturer,
                model=model,
                serial=f"{prefix}{index + 1:09d}",
                status=rng.choice(STATUSES),
                building="Zgrada Opštine",
                floor=str(rng.randint(0, 4)),
                room=str(rng.randint(1, 60)),
                purchase_date=purchased,
                warranty_end=purchased + datetime.timedelta(days=365 * 3),
                cost=Decimal(price),
                hostname=f"pc-{index + 1:06d}" if asset_type in ("desktop", "laptop") else "",
            )
        )
    return assets


@generator("inventory_assets", "Assets of the inventory across the organisations", small=2_000, large=100_000)
def inventory_assets(count: int, rng: random.Random) -> int:
    from infocentar.core.models import Organisation
    from infocentar.inventory.models import Asset

    organisation_ids = list(Organisation.objects.values_list("pk", flat=True))
    if not organisation_ids:
        return 0
    created = 0
    for start in range(0, count, 5000):
        batch = make_assets(min(5000, count - start), rng, organisation_ids, prefix=f"B{start // 5000:03d}")
        Asset.objects.bulk_create(batch, batch_size=1000)
        created += len(batch)
    return created
