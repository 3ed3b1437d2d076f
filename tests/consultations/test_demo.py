"""The demo debates: every state at least five times, one debate with 60+ comments answered and reported."""

from __future__ import annotations

import io

import pytest
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style

from infocentar.consultations.models import Comment, CommentSource, Consultation, ConsultationStatus, Report

pytestmark = pytest.mark.django_db


def test_demo_has_every_state_and_the_big_answered_debate(home_page):
    from infocentar.accounts import demo as accounts_demo
    from infocentar.acts import demo as acts_demo
    from infocentar.consultations import demo
    from infocentar.core import demo as core_demo

    out = OutputWrapper(io.StringIO())
    for module in (core_demo, accounts_demo, acts_demo, demo):
        module.seed(out, no_style())
    for status in ConsultationStatus.values:
        assert Consultation.objects.filter(status=status).count() >= 5, status
    big = Consultation.objects.get(title=demo.FLAGSHIP_TITLE)
    comments = Comment.objects.filter(consultation=big)
    assert comments.count() >= 60
    assert comments.filter(source=CommentSource.ONLINE).exists()
    assert comments.exclude(source=CommentSource.ONLINE).exists()
    assert comments.exclude(status="hidden").filter(answer__isnull=True).count() == 0
    assert big.status == ConsultationStatus.REPORT_PUBLISHED
    assert Report.objects.get(consultation=big).pdf
    before = Consultation.objects.count(), Comment.objects.count()
    demo.seed(out, no_style())
    assert (Consultation.objects.count(), Comment.objects.count()) == before
