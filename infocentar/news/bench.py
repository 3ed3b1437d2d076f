"""Bench data and scenarios of the news (imported by the bench harness after django.setup()).

`news_pages` adds live news items under the news index in bulk
(`bench.pages.bulk_add_children`: materialised paths numbered in Python, a
few INSERTs per 500 pages), with their organisations and tags, dated over
the last years, so the listings, filters and feeds work on realistic data.
"""

from __future__ import annotations

import datetime
import random
import uuid

from bench import text
from bench.data import ensure_home_page, generator
from bench.scenarios import scenario, static

BATCH = 5_000
TAGS = (
    "sjednica", "skupština", "budžet", "javni poziv", "javna rasprava", "vodovod", "radovi", "putevi",
    "kultura", "manifestacije", "turistička sezona", "obrazovanje", "mladi", "stipendije", "IT obuke",
    "e-uprava", "komunalni red", "zelene površine", "saobraćaj", "parking", "socijalna zaštita",
    "poljoprivreda", "subvencije", "životna sredina", "zaštita i spašavanje", "porezi", "obavještenja",
    "mjesne zajednice", "sport", "zdravstvo", "javne nabavke", "izložbe", "biblioteka", "digitalizacija",
    "odluke", "prostorno planiranje", "investicije", "djeca", "donacije", "zimska služba",
)  # fmt: skip
VERBS = (
    "Održana", "Završena", "Počinje", "Predstavljen", "Usvojen", "Raspisan", "Otvorena", "Najavljena",
    "Potpisan", "Obilježen",
)  # fmt: skip
SUBJECTS = (
    "sjednica o {subject}", "javna rasprava o {subject}", "akcija u naselju {place}", "obuka o {subject}",
    "izložba u naselju {place}", "tribina o {subject}", "program o {subject}", "sporazum o {subject}",
    "izvještaj o {subject}", "radovi u naselju {place}",
)  # fmt: skip


def _news_index():
    """The site's news index (seed_demo makes it); created under the home page when missing."""
    from infocentar.news.models import NewsIndexPage

    index = NewsIndexPage.objects.order_by("path").first()
    if index is None:
        home = ensure_home_page()
        index = home.add_child(instance=NewsIndexPage(title="Vijesti", slug="vijesti", show_in_menus=True))
    return index


def _title(rng: random.Random) -> str:
    subject = rng.choice(SUBJECTS).format(subject=rng.choice(text.SUBJECTS), place=rng.choice(text.PLACES))
    return f"{rng.choice(VERBS)} {subject}"


def _body(rng: random.Random) -> list[dict]:
    blocks = [{"type": "paragraph", "value": f"<p>{text.paragraph(rng)}</p>", "id": str(uuid.uuid4())}]
    if rng.random() < 0.5:
        blocks.append({"type": "heading", "value": {"text": text.heading(rng), "level": "h2"}, "id": str(uuid.uuid4())})
        blocks.append({"type": "paragraph", "value": f"<p>{text.paragraph(rng)}</p>", "id": str(uuid.uuid4())})
    return blocks


@generator(
    "news_pages",
    "News items under the news index, with organisations and tags, over the last years",
    small=500,
    large=50_000,
)
def news_pages(count: int, rng: random.Random) -> int:
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify
    from taggit.models import Tag

    from bench.pages import bulk_add_children
    from infocentar.core.models import Organisation
    from infocentar.core.text import fold
    from infocentar.news.models import NewsPage, NewsPageTag

    index = _news_index()
    organisation_ids = list(Organisation.objects.active().order_by("pk").values_list("pk", flat=True))
    # A few bodies publish most of the news, as in a real municipality.
    weights = [1.0 / (rank + 1) for rank in range(len(organisation_ids))]
    rng.shuffle(organisation_ids)
    tags = []
    for name in TAGS:
        tag = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name, slug=slugify(fold(name)))
        tags.append(tag)

    today = timezone.localdate()
    # A year of news at small scale; ten years at large (about 14 items a day).
    span_days = 365 if count <= 1000 else 3650
    offset = NewsPage.objects.count()
    created = 0
    for start in range(0, count, BATCH):
        pages = []
        for number in range(start, min(count, start + BATCH)):
            date = today - datetime.timedelta(days=rng.randrange(span_days))
            published = timezone.make_aware(
                datetime.datetime.combine(date, datetime.time(rng.randint(7, 19), rng.randrange(60)))
            )
            title = _title(rng)
            pages.append(
                NewsPage(
                    title=title,
                    slug=f"{slugify(fold(title))[:60].strip('-')}-{offset + number + 1}",
                    date=date,
                    lead=text.sentence(rng)[:300],
                    body=_body(rng),
                    first_published_at=published,
                    last_published_at=published,
                )
            )
        with transaction.atomic():
            saved = bulk_add_children([(index, page) for page in pages])
            links, tagged = [], []
            for page in saved:
                if organisation_ids:
                    chosen = set(rng.choices(organisation_ids, weights=weights, k=rng.choice((1, 1, 1, 2, 3))))
                    links += [
                        NewsPage.organisations.through(newspage_id=page.pk, organisation_id=org_id) for org_id in chosen
                    ]
                tagged += [
                    NewsPageTag(content_object_id=page.pk, tag_id=tag.pk)
                    for tag in rng.sample(tags, k=rng.choice((0, 1, 2, 2, 3)))
                ]
            NewsPage.organisations.through.objects.bulk_create(links, batch_size=1000)
            NewsPageTag.objects.bulk_create(tagged, batch_size=1000)
        created += len(saved)
    _analyze(NewsPage, NewsPage.organisations.through, NewsPageTag)
    return created


def _analyze(*models) -> None:
    """Fresh planner statistics after a bulk load (autovacuum would get there, but not before the run)."""
    from django.db import connection
    from wagtail.models import Page

    if connection.vendor != "postgresql":
        return
    tables = [model._meta.db_table for model in (Page, *models)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in tables))


# --- scenarios ----------------------------------------------------------------------------

static("news_index", "News index, first page, uncached (a cache-busting query string)", ["/vijesti/?v={n}"])


@scenario("news_index_filtered", "News index filtered by organisation (the ten bodies with most news), uncached")
def news_index_filtered() -> list[str]:
    from django.db.models import Count

    from infocentar.core.models import Organisation

    busiest = (
        Organisation.objects.active()
        .annotate(news=Count("news_pages"))
        .filter(news__gt=0)
        .order_by("-news")
        .values_list("slug", flat=True)[:10]
    )
    return [f"/vijesti/?organ={slug}&v={{n}}" for slug in busiest]


@scenario("news_item", "News items, 50 spread over the whole list in turn, each a page-cache miss")
def news_item() -> list[str]:
    from urllib.parse import quote

    from infocentar.news.models import NewsPage

    news = NewsPage.objects.live().public().order_by("-date", "-pk")
    step = max(1, news.count() // 50)
    ids = list(news.values_list("pk", flat=True))[::step][:50]
    pages = NewsPage.objects.filter(pk__in=ids).only("url_path", "path", "depth")
    return [quote(url, safe="/") + "?v={n}" for url in (page.get_url() for page in pages) if url]


static("news_rss", "RSS feed of all news (the 50 newest; feeds are not in the page cache)", ["/vijesti/rss/"])
static("api_news", "API: the news list, first page of 50 (not in the page cache)", ["/api/v1/news"])
