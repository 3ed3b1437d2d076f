"""`manage.py seed_demo`: the demo municipality, its people and its website."""

from __future__ import annotations

import io
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from infocentar.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS, demo_recovery_codes
from infocentar.core.demo import DEMO_DOMAIN, MUNICIPALITY_NAME
from infocentar.core.models import Membership, Organisation, OrganisationKind, Role

pytestmark = pytest.mark.django_db

STAFF = [u for u in DEMO_USERS if u.is_staff_member]


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def current_code(secret: str = DEMO_TOTP_SECRET) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def seeded(db, settings) -> str:
    # A code computed just before a 30-second boundary is still accepted just after it.
    settings.MFA_TOTP_TOLERANCE = 1
    # allauth remembers used TOTP codes (and rate limits) in the cache, keyed by user id;
    # ids repeat from test to test, so a code used in one test would be refused in the next.
    cache.clear()
    return seed()


def test_seed_prints_a_summary_per_app(seeded):
    for label in (
        "core:",
        "accounts:",
        "portal:",
        "organisations:",
        "demo users:",
        "pages:",
        "Demo data ready",
    ):
        assert label in seeded


def test_organisations_have_the_structure_of_a_municipality(seeded):
    orgs = Organisation.objects.all()
    assert orgs.count() >= 25
    counts = {kind: orgs.filter(kind=kind).count() for kind in OrganisationKind.values}
    assert counts[OrganisationKind.ORGAN] >= 3
    assert counts[OrganisationKind.ADMINISTRATION] >= 6
    assert counts[OrganisationKind.ENTERPRISE] >= 4
    assert counts[OrganisationKind.INSTITUTION] >= 4
    assert counts[OrganisationKind.LOCAL_COMMUNITY] >= 3
    assert orgs.get(is_information_center=True).slug == "informacioni-centar"


def test_working_bodies_sit_under_the_assembly_and_the_office_under_the_mayor(seeded):
    assembly = Organisation.objects.get(slug="skupstina-opstine")
    bodies = set(assembly.children.values_list("name", flat=True))
    assert {"Odbor za budžet i finansije", "Odbor za statut i propise"} <= bodies
    mayor = Organisation.objects.get(slug="predsjednik-opstine")
    assert {"potpredsjednik-opstine", "glavni-administrator", "kabinet-predsjednika"} <= set(
        mayor.children.values_list("slug", flat=True)
    )


def test_every_organisation_has_full_contacts(seeded):
    for org in Organisation.objects.all():
        assert org.email.endswith(f"@{DEMO_DOMAIN}"), org
        assert org.phone.startswith("+382 33 "), org
        assert org.address and org.working_hours and org.mandate and org.head_name, org


def test_organisations_were_created_through_the_audited_service(seeded):
    from wagtail.models import ModelLogEntry

    created = ModelLogEntry.objects.filter(action="wagtail.create", content_type__model="organisation")
    assert created.count() == Organisation.objects.count()


def test_there_is_a_demo_user_for_every_role(seeded):
    demo_members = Membership.objects.filter(user__username__in=[u.username for u in DEMO_USERS])
    assert set(demo_members.values_list("role", flat=True)) == set(Role.values)
    contact_kinds = set(demo_members.filter(role=Role.IT_CONTACT).values_list("organisation__kind", flat=True))
    assert contact_kinds == {OrganisationKind.ENTERPRISE, OrganisationKind.INSTITUTION}


def test_superuser_and_citizen(seeded):
    User = get_user_model()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    citizen = User.objects.get(username="gradjanin")
    assert not citizen.is_staff and not citizen.memberships.exists()


def test_every_demo_user_has_the_password_and_a_verified_primary_email(seeded):
    from allauth.account.models import EmailAddress

    for spec in DEMO_USERS:
        user = get_user_model().objects.get(username=spec.username)
        assert user.check_password(DEMO_PASSWORD)
        assert user.email == spec.email and user.email.endswith(f"@{DEMO_DOMAIN}")
        assert EmailAddress.objects.filter(user=user, email=spec.email, verified=True, primary=True).exists()


def test_staff_have_the_demo_totp_and_recovery_codes_and_the_citizen_has_none(seeded):
    from allauth.mfa.models import Authenticator

    from infocentar.accounts.mfa import has_mfa, needs_mfa

    for spec in STAFF:
        user = get_user_model().objects.get(username=spec.username)
        assert needs_mfa(user) and has_mfa(user), spec.username
        totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).wrap()
        assert totp.validate_code(current_code())
        codes = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES).wrap()
        assert codes.get_unused_codes() == demo_recovery_codes()
    citizen = get_user_model().objects.get(username="gradjanin")
    assert not needs_mfa(citizen)
    assert not Authenticator.objects.filter(user=citizen).exists()


def _counts() -> dict[str, int]:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.contrib.auth.models import Group
    from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision

    models = [Organisation, Membership, get_user_model(), EmailAddress, Authenticator, Group, Page, Revision,
              ModelLogEntry, PageLogEntry]  # fmt: skip
    return {m.__name__: m.objects.count() for m in models}


def test_second_run_creates_and_changes_nothing(seeded):
    before = _counts()
    updated_at = dict(Organisation.objects.values_list("slug", "updated_at"))
    output = seed()
    assert _counts() == before
    assert dict(Organisation.objects.values_list("slug", "updated_at")) == updated_at
    assert "(0 new)" in output and " new)" not in output.replace("(0 new)", "")


def test_second_run_keeps_edits_made_in_the_back_office(seeded):
    org = Organisation.objects.get(slug="komunalno")
    org.head_name = "Novi direktor"
    org.save()
    seed()
    org.refresh_from_db()
    assert org.head_name == "Novi direktor"


def test_home_page_replaces_the_welcome_page_and_is_served_at_root(seeded, client):
    from wagtail.models import Page, Site

    from infocentar.portal.models import HomePage

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page_id).exists()
    response = client.get("/")
    assert response.status_code == 200
    assert MUNICIPALITY_NAME in response.content.decode()


PAGE_PATHS = [
    "/o-opstini/",
    "/informacioni-centar/",
    "/slobodan-pristup-informacijama/",
    "/kontakt/",
    "/izjava-o-pristupacnosti/",
]


def test_standard_pages_are_published(seeded, client):
    for path in PAGE_PATHS:
        response = client.get(path)
        assert response.status_code == 200, path
        assert MUNICIPALITY_NAME in response.content.decode(), path


def test_home_page_is_served_in_cyrillic_and_english(seeded, client):
    assert "Општина Приморје" in client.get("/cir/").content.decode()
    assert client.get("/en/").status_code == 200


def test_main_menu_and_settings(seeded, client):
    from wagtail.models import Site

    from infocentar.portal.models import MunicipalitySettings

    html = client.get("/").content.decode()
    assert 'href="/o-opstini/"' in html and 'href="/kontakt/"' in html
    settings_obj = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    assert settings_obj.name == MUNICIPALITY_NAME
    assert settings_obj.email.endswith(f"@{DEMO_DOMAIN}")
    assert settings_obj.accessibility_statement.slug == "izjava-o-pristupacnosti"
    assert 'href="/izjava-o-pristupacnosti/"' in html


def test_every_demo_user_can_sign_in_and_staff_are_asked_for_the_code(seeded, client):
    for spec in DEMO_USERS:
        client.logout()
        response = client.post(reverse("account_login"), {"login": spec.email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, spec.username
        if spec.is_staff_member:
            assert response.url == reverse("mfa_authenticate"), spec.username
        else:
            assert response.url == "/"
            assert client.get(reverse("account_profile")).status_code == 200


@pytest.mark.parametrize("username", ["admin", "it-vik"])
def test_staff_reach_the_back_office_with_the_demo_code(seeded, client, username):
    spec = next(u for u in DEMO_USERS if u.username == username)
    client.post(reverse("account_login"), {"login": spec.email, "password": DEMO_PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": current_code()})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_also_works(seeded, client):
    client.post(reverse("account_login"), {"login": "kabinet@" + DEMO_DOMAIN, "password": DEMO_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": demo_recovery_codes()[0]})
    assert client.get("/admin/").status_code == 200


def test_print_demo_logins_shows_every_account_and_the_current_code(seeded):
    out = io.StringIO()
    code_before = current_code()
    call_command("print_demo_logins", stdout=out)
    codes = {code_before, current_code()}
    text = out.getvalue()
    for spec in DEMO_USERS:
        assert spec.email in text
    assert DEMO_PASSWORD in text and DEMO_TOTP_SECRET in text
    assert "otpauth://totp/" in text
    assert any(code in text for code in codes)
    for path in ("/cir/", "/en/", "/admin/"):
        assert path in text
