"""Time the Word import of a generated draft (the issue's target: 200 articles in ≤ 3 s).

    manage.py acts_import_timing [--articles 200] [--runs 5]

Reads, recognises and stores (in a transaction that is rolled back) a DOCX
made by `acts.bench.draft_paragraphs`, and prints the median and the slowest run.
"""

from __future__ import annotations

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the DOCX import of a generated act (read, recognise, store; rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=200)
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, articles: int, runs: int, **options):
        from infocentar.acts import docx, parse, services
        from infocentar.acts.bench import draft_paragraphs
        from infocentar.acts.models import Act, ActType
        from infocentar.core.models import Organisation

        issuer = Organisation.objects.order_by("pk").first()
        if issuer is None:
            raise CommandError("No organisation in the database (run seed_demo first).")
        content = docx.build_docx(draft_paragraphs(articles))
        timings = []
        for _run in range(max(1, runs)):
            started = time.perf_counter()
            try:
                with transaction.atomic():
                    parsed = parse.parse_paragraphs(docx.read_paragraphs(content))
                    # The preview round trip: the text staff see is read back before saving.
                    parsed = parse.parse_text(parse.to_text(parsed.preamble, parsed.articles))
                    act = services.save_act(Act(type=ActType.DECISION, title="Mjerenje uvoza", issuer=issuer))
                    services.create_version(act, label="Nacrt", articles=parsed.articles, preamble=parsed.preamble)
                    if len(parsed.articles) != articles:
                        raise CommandError(f"recognised {len(parsed.articles)} articles, expected {articles}")
                    raise _Rollback
            except _Rollback:
                pass
            timings.append(time.perf_counter() - started)
        self.stdout.write(
            f"DOCX import of {articles} articles ({len(content) // 1024} KB): "
            f"median {statistics.median(timings):.3f} s, slowest {max(timings):.3f} s over {len(timings)} runs "
            f"(target ≤ 3 s)"
        )
