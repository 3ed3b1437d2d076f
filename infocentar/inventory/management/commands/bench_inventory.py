"""manage.py bench_inventory: the inventory's own benchmark (listing p95 and query count, 10,000-row import).

Runs in-process against the configured database (use PostgreSQL for the figures that count). It makes
its data if asked (`--assets 100000 --organisations 300`), signs in an IT staff member with MFA, requests the
filtered and sorted asset listing of the admin `--requests` times and reports p50/p95 and the query count,
then imports `--import-rows` assets from a generated CSV and reports the time. Everything it creates
carries the tag prefix BENCH- / BIMP- and is removed with `--clean`.
"""

from __future__ import annotations

import csv
import io
import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


class Command(BaseCommand):
    help = "Measure the inventory's asset listing and import."

    def add_arguments(self, parser):
        parser.add_argument("--assets", type=int, default=0, help="Make this many assets first (prefix BENCH-).")
        parser.add_argument("--organisations", type=int, default=0, help="Make organisations up to this number.")
        parser.add_argument("--requests", type=int, default=60)
        parser.add_argument("--import-rows", type=int, default=10_000)
        parser.add_argument("--clean", action="store_true", help="Remove the benchmark's assets and stop.")

    def handle(self, *args, **options):
        from infocentar.core.models import Organisation, OrganisationKind, Role
        from infocentar.inventory.models import Asset, AssetEvent

        if options["clean"]:
            AssetEvent.objects.filter(asset__asset_tag__startswith="B").delete()
            deleted, _ = Asset.objects.filter(asset_tag__regex=r"^(BENCH|BIMP)-").delete()
            self.stdout.write(f"removed {deleted} rows")
            return
        rng = random.Random(2026)
        have = Organisation.objects.count()
        for n in range(have, options["organisations"]):
            Organisation.objects.create(
                name=f"Bench organizacija {n}", slug=f"bench-org-{n}", kind=OrganisationKind.OTHER
            )
        organisation_ids = list(Organisation.objects.values_list("pk", flat=True))
        if options["assets"]:
            from infocentar.inventory.bench import make_assets

            existing = Asset.objects.filter(asset_tag__startswith="BENCH-").count()
            for start in range(existing, options["assets"], 5000):
                batch = make_assets(min(5000, options["assets"] - start), rng, organisation_ids, prefix="BENCH")
                for i, asset in enumerate(batch):
                    asset.asset_tag = f"BENCH-{start + i + 1:07d}"
                    asset.serial = f"BS{start + i + 1:09d}"
                Asset.objects.bulk_create(batch, batch_size=1000)
            self.stdout.write(f"assets: {Asset.objects.count()}, organisations: {len(organisation_ids)}")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE inventory_asset")
        self.bench_listing(options["requests"], Role)
        self.bench_import(options["import_rows"], organisation_ids)

    def staff_client(self, Role):
        from allauth.mfa.models import Authenticator
        from django.contrib.auth import get_user_model

        from infocentar.core import services
        from infocentar.core.models import Organisation

        user, _ = get_user_model().objects.get_or_create(
            username="bench-it-staff", defaults={"email": "bench@example.me"}
        )
        organisation = Organisation.objects.filter(is_information_center=True).first() or Organisation.objects.first()
        services.add_membership(user, organisation, Role.IT_STAFF)
        Authenticator.objects.get_or_create(
            user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
        )
        from django.conf import settings

        host = next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))), "localhost")
        client = Client(HTTP_HOST=host)
        client.force_login(user)
        return client

    def bench_listing(self, requests: int, Role) -> None:
        from infocentar.core.models import Organisation
        from infocentar.inventory.bench import listing_paths

        client = self.staff_client(Role)
        org = Organisation.objects.order_by("pk")[1:2].first() or Organisation.objects.first()
        paths = [
            # The floor: an admin listing of a handful of rows, the same layout, menus and sign-in checks.
            "/admin/inventory/software/",
            # The paths of the bench's scenario (inventory/bench.py), and a search of this command's tags.
            *listing_paths(org.pk),
            "/admin/inventory/assets/?q=BENCH-00012",
        ]
        for path in paths:
            client.get(path)  # warm up (the first request fills the kept count)
        for path in paths:
            timings, queries = [], set()
            for _ in range(max(1, requests // len(paths))):
                with CaptureQueriesContext(connection) as ctx:
                    started = time.perf_counter()
                    response = client.get(path)
                    timings.append((time.perf_counter() - started) * 1000)
                queries.add(len(ctx.captured_queries))
                assert response.status_code == 200, (path, response.status_code)
            timings.sort()
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
            self.stdout.write(
                f"{path}: p50 {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, queries {sorted(queries)}"
            )

    def bench_import(self, rows: int, organisation_ids: list[int]) -> None:
        from infocentar.core.models import Organisation
        from infocentar.inventory import importing
        from infocentar.inventory.models import Asset

        if not rows:
            return
        Asset.objects.filter(asset_tag__startswith="BIMP-").delete()
        slugs = list(Organisation.objects.filter(pk__in=organisation_ids[:50]).values_list("slug", flat=True))
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            ["asset_tag", "organisation", "asset_type", "manufacturer", "model", "serial", "purchase_date", "cost"]
        )
        for n in range(rows):
            writer.writerow(
                [
                    f"BIMP-{n:06d}",
                    slugs[n % len(slugs)],
                    "desktop",
                    "Dell",
                    "OptiPlex 7010",
                    f"BI{n:08d}",
                    "2024-03-01",
                    "820,00",
                ]
            )
        started = time.perf_counter()
        headers, data = importing.read_table("bench.csv", out.getvalue().encode())
        report = importing.validate("assets", headers, data)
        importing.apply(report, file_name="bench.csv")
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"import of {rows} assets (read, validate, write): {seconds:.1f} s; errors {len(report.row_errors)}"
        )
        Asset.objects.filter(asset_tag__startswith="BIMP-").delete()
