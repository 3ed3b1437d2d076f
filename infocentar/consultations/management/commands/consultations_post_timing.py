"""Time posting a comment (the issue's target: p95 ≤ 100 ms), through the whole Django stack in-process.

    manage.py consultations_post_timing [--runs 200] [--consultation ID]

Signs in verified bench citizens (ten comments each: the per-account hourly limit holds), posts comments
with the site's form fields to an open debate's comment address, prints the median, p95 and slowest,
and deletes the comments and citizens afterwards. `make bench` loads pages with GET only, hence this command.
"""

from __future__ import annotations

import datetime
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Time posting a comment to an open public debate (p95 target: 100 ms)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=200)
        parser.add_argument("--consultation", type=int, default=None)

    def handle(self, *args, runs: int, consultation: int | None, **options):
        from allauth.account.models import EmailAddress
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.utils import timezone

        from infocentar.consultations.models import Comment, Consultation, ConsultationSettings, ConsultationStatus

        debates = Consultation.objects.filter(status=ConsultationStatus.OPEN, ends_at__gt=timezone.now())
        debate = debates.filter(pk=consultation).first() if consultation else debates.order_by("pk").first()
        if debate is None:
            raise CommandError("No open debate (generate the bench data or run seed_demo first).")
        articles = list(debate.act_version.articles.values_list("pk", flat=True)[:50]) or [None]
        per_user = ConsultationSettings.current().comments_per_hour
        User = get_user_model()
        host = next((h for h in settings.ALLOWED_HOSTS if h not in ("*", "")), "localhost").lstrip(".")
        users, timings = [], []
        # One client (Django's request handler is built on its first request, as a worker's is once), signed
        # in as each new citizen in turn.
        client = Client(SERVER_NAME=host)
        try:
            for index in range(max(1, runs)):
                if index % per_user == 0:
                    user = User.objects.create(
                        username=f"bench-post-{index}-{time.time_ns()}",
                        email=f"bench-post-{index}-{time.time_ns()}@example.me",
                        date_joined=timezone.now() - datetime.timedelta(days=30),
                    )
                    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
                    users.append(user)
                    client.force_login(user)
                data = {
                    "text": f"Komentar broj {index}: predlažem da se rok produži i da se mjesne zajednice pitaju.",
                    "article": articles[index % len(articles)] or "",
                    "idempotency_key": f"bench-{index}-{time.time_ns()}",
                    "quote": "",
                }
                started = time.perf_counter()
                response = client.post(f"/javne-rasprave/{debate.pk}/komentar/", data)
                timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 302:
                    raise CommandError(f"Posting answered {response.status_code}, not a redirect.")
        finally:
            Comment.objects.filter(author__in=users).delete()
            User.objects.filter(pk__in=[u.pk for u in users]).delete()
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
        self.stdout.write(
            f"posting a comment: {len(timings)} runs, median {statistics.median(timings):.1f} ms, "
            f"p95 {p95:.1f} ms, slowest {timings[-1]:.1f} ms"
        )
