"""factory_boy factories shared by the tests."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from infocentar.core.models import Organisation, OrganisationKind


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.me")
    first_name = "Marko"
    last_name = "Petrović"
    password = factory.django.Password("Lozinka-za-test-2026")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Sekretarijat broj {n}")
    short_name = factory.Sequence(lambda n: f"S{n}")
    slug = factory.Sequence(lambda n: f"sekretarijat-{n}")
    kind = OrganisationKind.ADMINISTRATION


def member_of(username, organisation, role, **extra):
    """A user with one role in one organisation (memberships go through the service)."""
    from infocentar.core import services

    user = UserFactory(username=username, **extra)
    services.add_membership(user, organisation, role)
    return user
