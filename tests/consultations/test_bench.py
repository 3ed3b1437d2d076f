"""The bench data of the debates and the timing of posting a comment."""

from __future__ import annotations

import datetime
import io
import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from infocentar.consultations.bench import (
    BIG_DEBATE_COMMENTS,
    POST_DEBATE_TITLE,
    big_debate_id,
    generate_debates,
)
from infocentar.consultations.models import Comment, Consultation

pytestmark = pytest.mark.django_db


def test_generator_makes_debates_and_the_big_one(org_a, org_b):
    assert generate_debates(5, BIG_DEBATE_COMMENTS + 200, random.Random(1)) == 5
    big = big_debate_id()
    assert Comment.objects.filter(consultation_id=big).count() == BIG_DEBATE_COMMENTS
    assert Comment.objects.count() == BIG_DEBATE_COMMENTS + 200
    assert generate_debates(5, 10, random.Random(1)) == 0  # idempotent
    assert Consultation.objects.count() == 5 + 1  # and the debate the comment_post scenario posts to
    assert Consultation.objects.filter(title=POST_DEBATE_TITLE).exists()


def test_post_timing_command_posts_and_cleans_up(org_a, home_page):
    from .conftest import make_debate

    make_debate(org_a, moderation="post")
    out = io.StringIO()
    call_command("consultations_post_timing", runs=3, stdout=out)
    assert "p95" in out.getvalue()
    assert not Comment.objects.exists()


def test_post_target_is_an_open_debate_and_a_verified_citizen_made_once(org_a):
    from allauth.account.models import EmailAddress

    from infocentar.consultations.bench import CITIZEN_EMAIL, ensure_post_target

    pk, article_id = ensure_post_target()
    debate = Consultation.objects.get(pk=pk)
    assert debate.accepts_comments() and debate.moderation == "pre"
    assert debate.act_version.articles.count() == 20
    assert debate.act_version.articles.order_by("position").first().pk == article_id
    assert EmailAddress.objects.filter(email=CITIZEN_EMAIL, verified=True).count() == 1
    # A kept database: the debate ended (or was closed) since; it is opened again for a year.
    Consultation.objects.filter(pk=pk).update(status="closed", ends_at=timezone.now() - datetime.timedelta(days=1))
    assert ensure_post_target() == (pk, article_id)
    assert Consultation.objects.get(pk=pk).accepts_comments()
    assert Consultation.objects.count() == 1


def test_comment_post_scenario_posts_the_real_form_as_its_citizen(org_a, home_page, client, settings):
    """What the bench does, through the test client: sign in as the scenario's citizen, POST its form with a
    token for "{n}", many more times than the admin's hourly limit, each answered by a redirect and stored."""
    from django.contrib.auth import get_user_model

    from bench import scenarios

    scenario = scenarios.get("comment_post")
    assert scenario.method == "POST"
    [path] = scenario.paths()
    user = get_user_model().objects.get(email=scenario.user_email())
    client.force_login(user)
    settings.CONSULTATIONS_COMMENTS_PER_HOUR = 1_000_000  # as bench/environment.py sets it
    posts = 15  # the admin's default limit is 10 an hour
    for number in range(posts):
        form = {name: value.replace("{n}", f"t{number}") for name, value in scenario.form_for(path)}
        response = client.post(path, form)
        assert response.status_code == 302, response.content.decode()[:500]
    comments = Comment.objects.filter(author=user)
    assert comments.count() == posts
    assert comments.filter(status="pending", article__isnull=False).count() == posts
    # Without the deployment's limit, the admin's applies: the citizen would be refused (a 400, an error).
    settings.CONSULTATIONS_COMMENTS_PER_HOUR = 0
    form = {name: value.replace("{n}", "over") for name, value in scenario.form_for(path)}
    assert client.post(path, form).status_code == 400
