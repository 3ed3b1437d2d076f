"""Bench data and scenarios of the public debates (found by bench.scenarios.autodiscover).

Large scale: 2,000 debates and 200,000 comments; the first debate has exactly 1,000 comments (the issue's
"debate page with 1,000 comments").

Posting a comment (scenario `comment_post`) is done by a verified citizen (CITIZEN_EMAIL) on a debate of its
own (POST_DEBATE_TITLE, open for a year, moderated before publication), so that the posted comments never
change the pages the other scenarios measure. The generator makes both; a database generated before they
existed gets them when the scenario is resolved (`ensure_post_target`, idempotent). One account posts
hundreds of comments a minute there, far above the per-account hourly limit of the debates' settings: the
bench environment raises that limit with CONSULTATIONS_COMMENTS_PER_HOUR (docs/guides/consultations.md),
so every POST runs every check (verified address, duplicate, rate) and is stored. `manage.py
consultations_post_timing` times the same POST in-process, with fresh citizens instead.
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
POST_DEBATE_TITLE = "Bench: rasprava za komentare"
CITIZEN_EMAIL = "bench.gradjanin@primjer.me"
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
    ensure_post_target()
    return len(debates)


def ensure_post_target() -> tuple[int, int | None]:
    """(debate id, id of its first article) of the debate the bench posts comments to, and its verified citizen.

    Made once (idempotent); the debate's end is kept a year ahead, so a kept bench database still accepts
    comments. None (no debate) when there is no organisation yet.
    """
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from infocentar.acts.models import Act, ActStatus, ActType, ActVersion, Article, VersionKind
    from infocentar.core.models import Organisation

    from .models import Consultation, ConsultationStatus, ModerationMode

    now = timezone.now()
    with transaction.atomic():
        user, _created = get_user_model().objects.get_or_create(
            email=CITIZEN_EMAIL,
            defaults={
                "username": "bench-gradjanin",
                "first_name": "Bench",
                "last_name": "Građanin",
                "date_joined": now - datetime.timedelta(days=365),
            },
        )
        EmailAddress.objects.update_or_create(
            user=user, email=CITIZEN_EMAIL, defaults={"verified": True, "primary": True}
        )
        debate = Consultation.objects.filter(title=POST_DEBATE_TITLE).select_related("act_version").first()
        if debate is None:
            organisation = Organisation.objects.order_by("pk").first()
            if organisation is None:
                return 0, None
            act = Act.objects.create(
                type=ActType.DECISION,
                title="Bench nacrt odluke za komentare",
                issuer=organisation,
                area="Komunalne djelatnosti",
                status=ActStatus.PUBLIC_DEBATE,
                drafted_on=timezone.localdate(),
            )
            version = ActVersion.objects.create(act=act, kind=VersionKind.DRAFT, label="Nacrt", position=1)
            rng = random.Random(POST_DEBATE_TITLE)
            Article.objects.bulk_create(
                Article(version=version, position=n, number=str(n), heading=f"Član o temi {n}", text=_text(rng, 40))
                for n in range(1, ARTICLES_PER_DRAFT + 1)
            )
            debate = Consultation.objects.create(
                act_version=version,
                organisation=organisation,
                title=POST_DEBATE_TITLE,
                summary="Rasprava na koju bench šalje komentare.",
                starts_at=now - datetime.timedelta(days=1),
                ends_at=now + datetime.timedelta(days=365),
                status=ConsultationStatus.OPEN,
                opened_at=now - datetime.timedelta(days=1),
                moderation=ModerationMode.PRE,
            )
        elif debate.status != ConsultationStatus.OPEN or debate.ends_at < now + datetime.timedelta(days=30):
            debate.status = ConsultationStatus.OPEN
            debate.starts_at = min(debate.starts_at, now - datetime.timedelta(days=1))
            debate.ends_at = now + datetime.timedelta(days=365)
            debate.save(update_fields=["status", "starts_at", "ends_at", "updated_at"])
    first_article = debate.act_version.articles.order_by("position").values_list("pk", flat=True).first()
    return debate.pk, first_article


def comment_form(path: str) -> dict[str, str]:
    """The fields the debate page's comment form sends (the CSRF token aside), "{n}" unique per request."""
    _pk, article = ensure_post_target()
    return {
        "text": "Komentar {n}: predlažem da se rok iz ovog člana produži na 30 dana i da se mjesne zajednice pitaju.",
        "quote": "",
        "article": str(article or ""),
        "idempotency_key": "bench-{n}",
        "website": "",
    }


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

    @scenario(
        "comment_post",
        "A verified citizen posts a comment on an article (the form's fields; answered by a redirect)",
        user=lambda: CITIZEN_EMAIL,
        method="POST",
        form=lambda path: comment_form(path),
    )
    def comment_post() -> list[str]:
        pk, _article = ensure_post_target()
        return [f"/javne-rasprave/{pk}/komentar/"] if pk else []

    @scenario("consultations_api", "The debates API: the list and a page of the big debate's comments")
    def consultations_api() -> list[str]:
        pk = big_debate_id()
        paths = ["/api/v1/consultations?limit=50&v={n}"]
        if pk:
            paths.append(f"/api/v1/consultations/{pk}/comments?limit=200&offset=600&v={{n}}")
        return paths
