"""Bench data and scenarios of the inventory (found by bench.scenarios.autodiscover).

The asset listing is a back-office page: its scenario is signed in as the demo's Information Center IT
staff member (every organisation's equipment). `manage.py bench_inventory` measures the same listing
in-process (p95 and query counts) and a 10,000-row import; see docs/guides/inventory.md.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from urllib.parse import urlencode

from bench.data import generator
from bench.scenarios import scenario

LISTING = "/admin/inventory/assets/"
# The demo's IT staff member (seed_demo, accounts/demo.py): global scope over every organisation.
IT_STAFF_USERNAME = "it-podrska"


def it_staff_email() -> str:
    from infocentar.core.demo import demo_email

    return demo_email(IT_STAFF_USERNAME)


def refresh_statistics(model) -> None:
    """After a bulk load: the planner's statistics and the visibility map, as autovacuum would leave them.

    Without statistics PostgreSQL takes 100,000 assets or 200,000 tickets for a few hundred rows and
    picks nested loops that read the whole table once per organisation (seconds per listing); without
    the visibility map no count is answered from an index alone. Production runs autovacuum; a freshly
    loaded bench database may not have (the bench's server runs with autovacuum off).
    """
    from django.db import connection

    from . import listing

    listing.bump(model)  # bulk_create sends no signals
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}" if connection.in_atomic_block else f"VACUUM (ANALYZE) {table}")


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
    refresh_statistics(Asset)
    return created


def listing_paths(organisation_id: int) -> list[str]:
    """Filtered, sorted and searched asset listings, as IT staff use them."""
    variants = [
        {},  # by asset tag
        {"ordering": "-purchase_date"},
        {"organisation": organisation_id, "ordering": "asset_tag"},
        {"status": "in_use", "asset_type": "desktop", "ordering": "-purchase_date"},
        {"status": "in_repair", "ordering": "organisation__name", "p": 3},
        {"end_of_life": "warranty", "ordering": "-purchase_date"},
        {"manufacturer": "dell", "ordering": "model"},
        {"q": "B003-00001"},
    ]
    return [LISTING + ("?" + urlencode(params) if params else "") for params in variants]


@scenario(
    "assets_listing",
    "The back office's equipment listing, filtered, sorted and searched 8 ways (IT staff: every organisation)",
    user=it_staff_email,
)
def assets_listing() -> list[str]:
    from infocentar.inventory.models import Asset

    organisation_id = Asset.objects.order_by("-id").values_list("organisation_id", flat=True).first()
    return listing_paths(organisation_id) if organisation_id else []
