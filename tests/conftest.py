"""Named roles every test can use (see shared/design/STYLE.md).

citizen, editor, moderator, assembly service, IT staff (Information Center),
IT contact of organisation A, IT contact of organisation B, outsider.
"""

from __future__ import annotations

import pytest

from infocentar.core.models import OrganisationKind, Role

from .factories import OrganisationFactory, UserFactory, member_of

PASSWORD = "Lozinka-za-test-2026"


@pytest.fixture
def information_center(db):
    return OrganisationFactory(
        name="Informacioni centar", short_name="IC", slug="informacioni-centar", is_information_center=True
    )


@pytest.fixture
def org_a(db):
    return OrganisationFactory(
        name="Vodovod i kanalizacija d.o.o.", short_name="ViK", slug="vik", kind=OrganisationKind.ENTERPRISE
    )


@pytest.fixture
def org_a_child(org_a):
    return OrganisationFactory(name="Služba održavanja ViK", slug="vik-odrzavanje", parent=org_a)


@pytest.fixture
def org_b(db):
    return OrganisationFactory(
        name="Centar za kulturu", short_name="CzK", slug="centar-za-kulturu", kind=OrganisationKind.INSTITUTION
    )


_member = member_of


@pytest.fixture
def citizen(db):
    return UserFactory(username="gradjanin", first_name="Ana", last_name="Jovanović")


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider")


@pytest.fixture
def ic_admin(information_center):
    return _member("ic-admin", information_center, Role.IC_ADMIN)


@pytest.fixture
def it_staff(information_center):
    return _member("it-staff", information_center, Role.IT_STAFF)


@pytest.fixture
def it_contact_a(org_a):
    return _member("it-kontakt-a", org_a, Role.IT_CONTACT)


@pytest.fixture
def it_contact_b(org_b):
    return _member("it-kontakt-b", org_b, Role.IT_CONTACT)


@pytest.fixture
def editor(information_center):
    return _member("urednik", information_center, Role.EDITOR)


@pytest.fixture
def moderator(org_a):
    return _member("moderator", org_a, Role.MODERATOR)


@pytest.fixture
def assembly_service(db):
    assembly = OrganisationFactory(name="Skupština opštine", slug="skupstina", kind=OrganisationKind.ORGAN)
    return _member("skupstinska-sluzba", assembly, Role.ASSEMBLY_SERVICE)


@pytest.fixture
def mfa_client(client):
    """A test client whose login counts as MFA-verified staff (TOTP set up)."""

    def login(user):
        from allauth.mfa.models import Authenticator

        Authenticator.objects.get_or_create(
            user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
        )
        client.force_login(user)
        return client

    return login


@pytest.fixture
def home_page(db):
    """A site whose root is the municipality's home page (as seed_demo makes it)."""
    from wagtail.models import Page, Site

    from infocentar.portal.models import HomePage, MunicipalitySettings

    root = Page.get_first_root_node()
    existing = HomePage.objects.first()
    if existing is None:
        for child in root.get_children():
            if not isinstance(child.specific, HomePage):
                Site.objects.filter(root_page=child).delete()
                child.delete()
        existing = root.add_child(
            instance=HomePage(title="Opština Primjer", slug="pocetna", intro="Dobro došli na portal opštine.")
        )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": existing, "site_name": "Opština Primjer"},
    )
    site = Site.objects.get(is_default_site=True)
    settings_obj = MunicipalitySettings.for_site(site)
    settings_obj.name = "Opština Primjer"
    settings_obj.address = "Njegoševa 1, 85000 Primjer"
    settings_obj.email = "info@primjer.me"
    settings_obj.save()
    return existing


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (allauth's rate limits live there)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _fresh_search_memory():
    """What the search keeps per worker (tables' sizes, windows' floors, where a query's matches were) is per test."""
    from infocentar.core import search

    search.forget_plans()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /en/ leaves English active in the thread: every test starts in Montenegrin."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
