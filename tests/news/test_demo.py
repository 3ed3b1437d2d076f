"""`seed_demo` fills the news: an index and a year of news about many bodies, idempotently."""

from __future__ import annotations

import datetime
import io
import re
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from infocentar.news import demo
from infocentar.news.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db):
    return seed()


def test_seed_makes_a_year_of_news_about_many_bodies(seeded):
    assert "news items:" in seeded
    index = NewsIndexPage.objects.get()
    assert index.slug == "vijesti" and index.live and index.show_in_menus
    assert index.get_parent().specific.__class__.__name__ == "HomePage"
    news = list(NewsPage.objects.live().child_of(index).prefetch_related("organisations", "tagged_items"))
    assert len(news) == len(demo.NEWS) >= 30
    # Spread over the last twelve months and over the bodies, each with its bodies and tags.
    today = timezone.localdate()
    assert all(today - datetime.timedelta(days=366) <= page.date <= today for page in news)
    assert len({(page.date.year, page.date.month) for page in news}) >= 10
    assert len({org.slug for page in news for org in page.organisations.all()}) >= 20
    assert all(page.organisations.all() and page.tagged_items.all() for page in news)
    # A few have an image, always with its alternative text.
    with_images = [page for page in news if page.image_id]
    assert len(with_images) >= 4
    for page in with_images:
        assert page.image_alt and page.image.description == page.image_alt


def test_a_second_run_is_fast_changes_nothing_and_keeps_an_editors_changes(seeded):
    page = NewsPage.objects.get(slug=demo.NEWS[0].slug)
    page.title = "Izmijenjen naslov"
    page.save_revision().publish()
    pages = dict(NewsPage.objects.values_list("slug", "last_published_at"))
    started = time.monotonic()
    out = io.StringIO()
    demo.seed(out, _Style())
    assert time.monotonic() - started < 2
    assert f"news items: {len(demo.NEWS)} (0 new)" in out.getvalue()
    assert dict(NewsPage.objects.values_list("slug", "last_published_at")) == pages
    assert NewsPage.objects.get(slug=demo.NEWS[0].slug).title == "Izmijenjen naslov"
    assert NewsIndexPage.objects.count() == 1


def test_the_demo_texts_are_montenegrin_and_ijekavian():
    text = " ".join(f"{n.title} {n.lead} {' '.join(n.paragraphs)}" for n in demo.NEWS).lower()
    for ekavian in (
        r"\bsednic",
        r"\bmesto\b",
        r"\bvreme\b",
        r"\breka\b",
        r"\bdeca\b",
        r"\bpredsednik",
        r"\bobaveštenj",
    ):
        assert not re.search(ekavian, text), ekavian
    assert "sjednic" in text and "predsjednik" in text


class _Style:
    def __getattr__(self, name):
        return lambda text: text
