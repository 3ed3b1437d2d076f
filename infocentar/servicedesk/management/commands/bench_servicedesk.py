"""manage.py bench_servicedesk: the ticket listing and the SLA dashboard, p50/p95 and query counts.

Runs in-process against the configured database (use PostgreSQL for the figures that count). It makes
tickets first if asked (`--tickets 200000 --organisations 300`), signs in an IT staff member with MFA,
requests filtered and sorted listings and the dashboard `--requests` times each, and reports the times
and the query counts (which must not depend on the number of tickets).
"""

from __future__ import annotations

import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


class Command(BaseCommand):
    help = "Measure the service desk's ticket listing and SLA dashboard."

    def add_arguments(self, parser):
        parser.add_argument("--tickets", type=int, default=0, help="Make tickets up to this number first.")
        parser.add_argument("--organisations", type=int, default=0, help="Make organisations up to this number.")
        parser.add_argument("--requests", type=int, default=40, help="Requests per path.")

    def handle(self, *args, **options):
        from infocentar.core.models import Organisation, OrganisationKind
        from infocentar.inventory.bench import refresh_statistics
        from infocentar.servicedesk.bench import DASHBOARD, listing_paths, make_tickets
        from infocentar.servicedesk.models import Ticket

        rng = random.Random(2026)
        for n in range(Organisation.objects.count(), options["organisations"]):
            Organisation.objects.create(
                name=f"Bench organizacija {n}", slug=f"bench-org-{n}", kind=OrganisationKind.OTHER
            )
        organisation_ids = list(Organisation.objects.values_list("pk", flat=True))
        have = Ticket.objects.count()
        for start in range(have, options["tickets"], 5000):
            batch = make_tickets(min(5000, options["tickets"] - start), rng, organisation_ids)
            Ticket.objects.bulk_create(batch, batch_size=1000)
            self.stdout.write(f"\rtickets: {start + len(batch)}", ending="")
        self.stdout.write(f"\ntickets: {Ticket.objects.count()}, organisations: {len(organisation_ids)}")
        if options["tickets"] > have:
            refresh_statistics(Ticket)
        client = self.staff_client()
        org = Organisation.objects.order_by("pk")[1:2].first() or Organisation.objects.first()
        # The paths of the bench's scenarios (servicedesk/bench.py), so both measure the same pages.
        paths = [*listing_paths(org.pk), DASHBOARD, f"{DASHBOARD}?organisation={org.pk}"]
        for path in paths:
            self.measure(client, path, options["requests"])

    def staff_client(self):
        from allauth.mfa.models import Authenticator
        from django.contrib.auth import get_user_model

        from infocentar.core import services
        from infocentar.core.models import Organisation, Role

        user, _ = get_user_model().objects.get_or_create(
            username="bench-it-staff", defaults={"email": "bench@example.me"}
        )
        organisation = Organisation.objects.filter(is_information_center=True).first() or Organisation.objects.first()
        services.add_membership(user, organisation, Role.IT_STAFF)
        Authenticator.objects.get_or_create(
            user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
        )
        client = Client(SERVER_NAME="localhost")
        client.force_login(user)
        return client

    def measure(self, client, path: str, requests: int) -> None:
        started = time.perf_counter()
        client.get(path)  # warm up (the first request fills the kept counts and the dashboard's history)
        first = (time.perf_counter() - started) * 1000
        timings, queries = [], set()
        for _ in range(max(1, requests)):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - started) * 1000)
            queries.add(len(ctx.captured_queries))
            if response.status_code != 200:
                raise SystemExit(f"{path}: HTTP {response.status_code}")
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        self.stdout.write(
            f"{path}: first {first:.0f} ms, p50 {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, "
            f"queries {sorted(queries)}"
        )
