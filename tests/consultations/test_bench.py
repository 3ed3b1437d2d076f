"""The bench data of the debates and the timing of posting a comment."""

from __future__ import annotations

import io
import random

import pytest
from django.core.management import call_command

from infocentar.consultations.bench import BIG_DEBATE_COMMENTS, big_debate_id, generate_debates
from infocentar.consultations.models import Comment, Consultation

pytestmark = pytest.mark.django_db


def test_generator_makes_debates_and_the_big_one(org_a, org_b):
    assert generate_debates(5, BIG_DEBATE_COMMENTS + 200, random.Random(1)) == 5
    big = big_debate_id()
    assert Comment.objects.filter(consultation_id=big).count() == BIG_DEBATE_COMMENTS
    assert Comment.objects.count() == BIG_DEBATE_COMMENTS + 200
    assert generate_debates(5, 10, random.Random(1)) == 0  # idempotent
    assert Consultation.objects.count() == 5


def test_post_timing_command_posts_and_cleans_up(org_a, home_page):
    from .conftest import make_debate

    make_debate(org_a, moderation="post")
    out = io.StringIO()
    call_command("consultations_post_timing", runs=3, stdout=out)
    assert "p95" in out.getvalue()
    assert not Comment.objects.exists()
