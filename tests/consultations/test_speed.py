"""A debate's page at scale: a fixed number of queries whatever its comments and answers, the debates' settings
from core.memo, and every new comment, answer or setting seen on the next page-cache miss."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from infocentar.consultations import services
from infocentar.consultations.models import AnswerOutcome, ConsultationSettings, ModerationMode
from infocentar.core import memo

from .conftest import article, make_debate, verified_citizen
from .test_public import add_comments

pytestmark = pytest.mark.django_db


@pytest.fixture
def memo_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    memo.clear()
    yield
    memo.clear()


def _page(client, debate, token: str):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/en/javne-rasprave/{debate.pk}/?v={token}")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    return response.content.decode(), len(queries)


def _answer_all(debate, moderator) -> None:
    for comment in debate.comments.exclude(status="hidden").filter(answer__isnull=True):
        services.answer(comment, moderator, outcome=AnswerOutcome.NOTED, reasoning=f"Odgovor na {comment.text}")


def test_queries_do_not_grow_with_comments_or_answers(memo_on, client, home_page, org_a, moderator):
    ConsultationSettings.current()  # the settings row exists (its first read creates it: a content change)
    debate = make_debate(org_a, moderation=ModerationMode.POST)
    add_comments(debate, 10)
    _answer_all(debate, moderator)
    _page(client, debate, "warm")
    _html, few = _page(client, debate, "few")
    add_comments(debate, 40, start=10)
    _answer_all(debate, moderator)
    _page(client, debate, "warm-again")  # the content changed: the memo is read afresh once
    html, many = _page(client, debate, "many")
    assert "Komentar broj 49" in html
    assert many == few


def test_a_new_comment_and_a_published_answer_show_on_the_next_miss(memo_on, client, home_page, org_a, moderator):
    debate = make_debate(org_a, moderation=ModerationMode.POST)
    voter = verified_citizen()
    services.submit_comment(debate, voter, text="Prvi komentar o članu 3.", article_id=article(debate, "3").pk)
    html, _queries = _page(client, debate, "1")
    assert "Prvi komentar o članu 3." in html and "1 published comment" in html
    second = services.submit_comment(debate, voter, text="Drugi komentar, o nacrtu u cjelini.").comment
    html, _queries = _page(client, debate, "2")
    assert "Drugi komentar, o nacrtu u cjelini." in html and "2 published comments" in html
    # An answer shows once it is published (with the report: each answer saved), never before.
    answer = services.answer(second, moderator, outcome=AnswerOutcome.ACCEPTED, reasoning="Prihvatamo prijedlog.")
    html, _queries = _page(client, debate, "3")
    assert "Prihvatamo prijedlog." not in html
    answer.published_at = timezone.now()
    answer.save(update_fields=["published_at"])
    html, _queries = _page(client, debate, "4")
    assert "Prihvatamo prijedlog." in html


def test_changed_settings_apply_at_once(memo_on, org_a):
    debate = make_debate(org_a)
    voter = verified_citizen()
    assert services.current_settings().comment_max_length == 5000
    services.submit_comment(debate, voter, text="x" * 300)
    config = ConsultationSettings.current()
    config.comment_max_length = 200
    config.save()
    assert services.current_settings().comment_max_length == 200
    with pytest.raises(services.ConsultationError) as refused:
        services.submit_comment(debate, voter, text="y" * 300)
    assert refused.value.code == "too_long"


def test_the_deployment_may_raise_the_hourly_limit_per_account(settings, org_a):
    debate = make_debate(org_a)
    voter = verified_citizen()
    config = ConsultationSettings.current()
    config.comments_per_hour = 3
    config.save()
    settings.CONSULTATIONS_COMMENTS_PER_HOUR = 0  # the admin's limit
    for number in range(3):
        services.submit_comment(debate, voter, text=f"Komentar {number}")
    with pytest.raises(services.ConsultationError) as refused:
        services.submit_comment(debate, voter, text="Komentar 3")
    assert refused.value.code == "rate"
    settings.CONSULTATIONS_COMMENTS_PER_HOUR = 5
    services.submit_comment(debate, voter, text="Komentar 3")
    services.submit_comment(debate, voter, text="Komentar 4")
    with pytest.raises(services.ConsultationError) as refused:
        services.submit_comment(debate, voter, text="Komentar 5")
    assert refused.value.code == "rate"
    assert debate.comments.count() == 5
