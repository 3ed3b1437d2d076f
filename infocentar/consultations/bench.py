"""Bench data and scenarios of the public debates (found by bench.scenarios.autodiscover).

Large scale: 2,000 debates and 200,000 comments; the first debate has exactly 1,000 comments (the issue's
"debate page with 1,000 comments"). Posting a comment is timed by `manage.py consultations_post_timing`
(the load generator only sends GET requests).
"""

from __future__ import annotations

import datetime
import random

try:
    from bench.data import generator
    from bench.scenarios import scenario
except ImportError:  # the bench package is not on the path (a deployment without it)
    generator = scenario = None

BIG_DEBATE_COMMENTS = 1000
ARTICLES_PER_DRAFT = 20
BENCH_TITLE = "Bench: javna rasprava"
WORDS = (
    "predlažem", "da", "se", "član", "izmijeni", "jer", "rok", "nije", "dovoljan", "za", "građane", "opštine",
    "kazne", "su", "previsoke", "treba", "uvesti", "prelazni", "period", "nadzor", "komunalna", "policija",
    "mjesne", "zajednice", "javne", "površine", "održavanje", "parkiranje", "zelenilo", "buka",
)  # fmt: skip


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generate_debates(count: int, comments: int, rng: random.Random) -> int:
    """`count` debates (each on its own 20-article draft) with `comments` comments spread over them."""
    from django.db import transaction
    from django.utils import timezone

    from infocentar.acts.models import Act, ActStatus, ActType, ActVersion, Article, VersionKind
    from infocentar.core.models import Organisation

    from .models import Answer, AnswerOutcome, Comment, CommentSource, CommentStatus, Consultation

    if Consultation.objects.filter(title__startswith=BENCH_TITLE).exists():
        return 0
    organisations = list(Organisation.objects.values_list("pk", flat=True)[:50])
    if not organisations:
        return 0
    now = timezone.now()
    today = timezone.localdate()
    with transaction.atomic():
        acts = Act.objects.bulk_create(
            [
                Act(
                    type=ActType.DECISION,
                    title=f"Bench nacrt odluke {i}",
                    issuer_id=organisations[i % len(organisations)],
                    area="Komunalne djelatnosti",
                    status=ActStatus.PUBLIC_DEBATE,
                    drafted_on=today,
                    date=today,
                    year=today.year,
                )
                for i in range(count)
            ],
            batch_size=2000,
        )
        versions = ActVersion.objects.bulk_create(
            [ActVersion(act=act, kind=VersionKind.DRAFT, label="Nacrt", position=1) for act in acts], batch_size=2000
        )
        Article.objects.bulk_create(
            (
                Article(
                    version=version,
                    position=n,
                    number=str(n),
                    heading=f"Član o temi {n}",
                    text=_text(rng, 40) + "\n\n" + _text(rng, 30),
                )
                for version in versions
                for n in range(1, ARTICLES_PER_DRAFT + 1)
            ),
            batch_size=5000,
        )
        states = ["open", "open", "closed", "report_published", "planned"]
        debates = Consultation.objects.bulk_create(
            [
                Consultation(
                    act_version=version,
                    organisation_id=organisations[i % len(organisations)],
                    title=f"{BENCH_TITLE} {i}",
                    summary=_text(rng, 20),
                    starts_at=now - datetime.timedelta(days=5 + i % 300),
                    ends_at=now + datetime.timedelta(days=10)
                    if states[i % 5] == "open"
                    else now - datetime.timedelta(days=1),
                    status=states[i % 5] if i else "open",
                    opened_at=now - datetime.timedelta(days=5),
                    moderation="post",
                )
                for i, version in enumerate(versions)
            ],
            batch_size=2000,
        )
    article_ids: dict[int, list[int]] = {}
    for article_id, version_id in Article.objects.filter(version__in=versions).values_list("pk", "version_id"):
        article_ids.setdefault(version_id, []).append(article_id)
    plan = [(debates[0], BIG_DEBATE_COMMENTS)]
    rest = max(comments - BIG_DEBATE_COMMENTS, 0)
    others = [d for d in debates[1:] if d.status != "planned"] or debates[:1]
    for index, debate in enumerate(others):
        share = rest // len(others) + (1 if index < rest % len(others) else 0)
        if share:
            plan.append((debate, share))
    made = 0
    batch: list[Comment] = []

    def flush():
        nonlocal made
        with transaction.atomic():
            created = Comment.objects.bulk_create(batch, batch_size=5000)
            Answer.objects.bulk_create(
                [
                    Answer(
                        comment=c,
                        outcome=AnswerOutcome.NOTED,
                        reasoning="Primljeno k znanju.",
                        published_at=now,
                    )
                    for c in created
                    if c.pk % 3 == 0
                ],
                batch_size=5000,
            )
        made += len(batch)
        batch.clear()

    for debate, share in plan:
        ids = article_ids[debate.act_version_id]
        for n in range(share):
            text = _text(rng, rng.randint(15, 60))
            batch.append(
                Comment(
                    consultation=debate,
                    article_id=ids[n % len(ids)] if n % 4 else None,
                    text=text,
                    author_name=f"Građanin {n % 500}",
                    source=CommentSource.ONLINE if n % 3 else CommentSource.PAPER,
                    status=CommentStatus.PUBLISHED if n % 20 else CommentStatus.HIDDEN,
                    hidden_reason="" if n % 20 else "Uvredljiv sadržaj",
                    received_on=today,
                    search_text=text.lower(),
                )
            )
            if len(batch) >= 5000:
                flush()
    if batch:
        flush()
    return len(debates)


def big_debate_id() -> int | None:
    from .models import Consultation

    return Consultation.objects.filter(title=f"{BENCH_TITLE} 0").values_list("pk", flat=True).first()


if generator is not None:

    @generator("consultations", "Public debates with comments (one with 1,000 comments)", small=50, large=2_000)
    def consultations(count: int, rng: random.Random) -> int:
        comments = 5_000 if count < 1000 else 200_000
        return generate_debates(count, comments, rng)

    @scenario("consultations_index", "The list of public debates (open, planned, closed page 1 and 5), uncached")
    def consultations_index() -> list[str]:
        return ["/javne-rasprave/?v={n}", "/javne-rasprave/?page=5&v={n}"]

    @scenario("consultation_page", "A debate's page with 1,000 comments beside its 20 articles, uncached")
    def consultation_page() -> list[str]:
        pk = big_debate_id()
        return [f"/javne-rasprave/{pk}/?v={{n}}"] if pk else []

    @scenario("consultations_api", "The debates API: the list and a page of the big debate's comments")
    def consultations_api() -> list[str]:
        pk = big_debate_id()
        paths = ["/api/v1/consultations?limit=50&v={n}"]
        if pk:
            paths.append(f"/api/v1/consultations/{pk}/comments?limit=200&offset=600&v={{n}}")
        return paths
