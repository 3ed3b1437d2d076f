"""Fixtures of the acts registry's tests: an Assembly and a mayor with their staff, acts with versions."""

from __future__ import annotations

import datetime
import itertools

import pytest

from infocentar.acts import services
from infocentar.acts.models import Act, ActStatus, ActType, VersionKind
from infocentar.acts.services import ArticleData
from infocentar.core.models import OrganisationKind, Role

from ..conftest import _member
from ..factories import OrganisationFactory

_numbers = itertools.count(1)


@pytest.fixture
def assembly(db):
    return OrganisationFactory(name="Skupština opštine", short_name="SO", slug="skupstina", kind=OrganisationKind.ORGAN)


@pytest.fixture
def mayor(db):
    return OrganisationFactory(
        name="Predsjednik opštine", short_name="PO", slug="predsjednik", kind=OrganisationKind.ORGAN
    )


@pytest.fixture
def assembly_secretary(assembly):
    return _member("sekretar-skupstine", assembly, Role.ASSEMBLY_SERVICE)


@pytest.fixture
def mayors_staff(mayor):
    return _member("kabinet", mayor, Role.MAYORS_OFFICE)


@pytest.fixture
def make_act(db):
    """make_act(issuer, **fields): a saved, public act."""

    def make(issuer, **fields):
        n = next(_numbers)
        values = {
            "type": ActType.DECISION,
            "title": f"Odluka o komunalnom redu broj {n}",
            "number": f"02-016/24-{n}",
            "area": "Komunalne djelatnosti",
            "status": ActStatus.ADOPTED,
            "adopted_on": datetime.date(2024, 3, 1),
        }
        values.update(fields)
        return services.save_act(Act(issuer=issuer, **values))

    return make


ARTICLES_V1 = [
    ArticleData("1", "Predmet", "Ovom odlukom uređuje se komunalni red.", "I OSNOVNE ODREDBE"),
    ArticleData("2", "Pojmovi", "Pojmovi imaju sljedeće značenje.\n\nJavna površina je ulica.", "I OSNOVNE ODREDBE"),
    ArticleData("3", "Nadzor", "Nadzor vrši komunalna policija.", "II NADZOR"),
]
ARTICLES_V2 = [
    ArticleData("1", "Predmet", "Ovom odlukom uređuje se komunalni red i mir.", "I OSNOVNE ODREDBE"),
    ArticleData("2", "Pojmovi", "Pojmovi imaju sljedeće značenje.\n\nJavna površina je ulica.", "I OSNOVNE ODREDBE"),
    ArticleData("3a", "Kazne", "Novčanom kaznom kazniće se pravno lice.", "II NADZOR"),
]


@pytest.fixture
def act_with_versions(make_act, assembly):
    act = make_act(assembly, title="Odluka o komunalnom redu", status=ActStatus.DRAFT, adopted_on=None)
    v1 = services.create_version(act, label="Nacrt", kind=VersionKind.DRAFT, articles=ARTICLES_V1)
    v2 = services.create_version(act, label="Prijedlog", kind=VersionKind.PROPOSAL, articles=ARTICLES_V2)
    return act, v1, v2
