"""Fixtures of the public debates' tests: a draft act with articles, debates of two bodies, verified citizens."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import timezone

from infocentar.acts import services as act_services
from infocentar.acts.models import Act, ActStatus, ActType, VersionKind
from infocentar.consultations import services
from infocentar.consultations.models import Consultation, ConsultationStatus, ModerationMode
from infocentar.core.models import Role

from ..conftest import _member
from ..factories import UserFactory

_numbers = itertools.count(1)

_A = act_services.ArticleData
ARTICLES = [
    _A(number="1", heading="Predmet", text="Ovom odlukom uređuje se komunalni red.", chapter="I OPŠTE ODREDBE"),
    _A(number="2", heading="Pojmovi", text="Pojedini izrazi imaju sljedeće značenje."),
    _A(number="3", heading="Javne površine", text="Javne površine održavaju se redovno.", chapter="II KOMUNALNI RED"),
    _A(number="3a", heading="Zelenilo", text="Zelene površine su javne površine."),
]


def make_act(issuer, *, title: str | None = None, articles=ARTICLES, status=ActStatus.DRAFT):
    act = Act(
        type=ActType.DECISION,
        title=title or f"Odluka o komunalnom redu {next(_numbers)}",
        issuer=issuer,
        area="Komunalne djelatnosti",
        status=status,
        drafted_on=timezone.localdate(),
    )
    act_services.save_act(act)
    version = act_services.create_version(
        act, label="Nacrt za javnu raspravu", kind=VersionKind.DRAFT, articles=articles
    )
    return act, version


def make_debate(organisation, *, status=ConsultationStatus.OPEN, moderation=ModerationMode.PRE, days_left=10, **extra):
    act, version = make_act(organisation)
    now = timezone.now()
    starts = (
        now - datetime.timedelta(days=5) if status != ConsultationStatus.PLANNED else now + datetime.timedelta(days=2)
    )
    consultation = Consultation(
        act_version=version,
        organisation=organisation,
        title=extra.pop("title", f"Javna rasprava: {act.title}"),
        starts_at=starts,
        ends_at=now + datetime.timedelta(days=days_left)
        if status != ConsultationStatus.PLANNED
        else starts + datetime.timedelta(days=15),
        moderation=moderation,
        status=status,
        opened_at=starts if status != ConsultationStatus.PLANNED else None,
        **extra,
    )
    services.save_consultation(consultation)
    return consultation


def verified_citizen(username: str = "citizen-verified", *, days_old: int = 30):
    from allauth.account.models import EmailAddress

    user = UserFactory(username=username, first_name="Ana", last_name="Jovanović")
    user.date_joined = timezone.now() - datetime.timedelta(days=days_old)
    user.save(update_fields=["date_joined"])
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


@pytest.fixture
def debate(org_a):
    return make_debate(org_a)


@pytest.fixture
def post_moderated(org_a):
    return make_debate(org_a, moderation=ModerationMode.POST)


@pytest.fixture
def debate_b(org_b):
    return make_debate(org_b, title="Javna rasprava Centra za kulturu")


@pytest.fixture
def voter(db):
    return verified_citizen()


@pytest.fixture
def moderator_b(org_b):
    return _member("moderator-b", org_b, Role.MODERATOR)


def article(consultation, number: str):
    return consultation.act_version.articles.get(number=number)
