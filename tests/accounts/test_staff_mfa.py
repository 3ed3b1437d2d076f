"""Staff reach the back office only through allauth's login and only with a second factor."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.urls import reverse

from infocentar.accounts.mfa import has_mfa, needs_mfa
from infocentar.accounts.middleware import MFA_NEXT_SESSION_KEY

from .conftest import PASSWORD, totp_code

User = get_user_model()
SECRET = "JBSWY3DPEHPK3PXP"


@pytest.fixture
def staff(it_contact_a, verified):
    return verified(it_contact_a)


def add_totp(user, secret=SECRET):
    return Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": secret})


def add_security_key(user, name="Ključ"):
    # Enough for the policy checks, which look only at the type; not a usable credential.
    return Authenticator.objects.create(user=user, type=Authenticator.Type.WEBAUTHN, data={"name": name})


def sign_in(client, user, next_url="/admin/"):
    return client.post("/nalog/login/", {"login": user.email, "password": PASSWORD, "next": next_url})


def signed_in_user_id(client):
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


# --- every sign-in goes through allauth --------------------------------------------


def test_the_back_office_sends_visitors_to_allauths_login(client, home_page):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/nalog/login/?next=/admin/"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/login/", "/nalog/login/"),
        ("/admin/login/?next=/admin/pages/", "/nalog/login/?next=%2Fadmin%2Fpages%2F"),
        ("/admin/login/?next=https://evil.example/", "/nalog/login/"),
        ("/_util/login/?next=/privatna/", "/nalog/login/?next=%2Fprivatna%2F"),
        ("/en/_util/login/", "/en/nalog/login/"),
        ("/admin/password_reset/", "/nalog/password/reset/"),
    ],
)
def test_wagtails_own_login_and_reset_forms_redirect_to_allauth(client, home_page, url, expected):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_posting_a_password_to_wagtails_login_does_not_sign_in(client, home_page, staff):
    add_totp(staff)

    response = client.post("/admin/login/", {"username": staff.username, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"].startswith("/nalog/login/")
    assert signed_in_user_id(client) is None


# --- staff must set up MFA ----------------------------------------------------------


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/account/"])
def test_staff_without_mfa_are_sent_from_the_back_office_to_set_up_totp(client, home_page, staff, path):
    client.force_login(staff)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp") + "?" + f"next={path.replace('/', '%2F')}"
    assert client.session[MFA_NEXT_SESSION_KEY] == path


@pytest.mark.parametrize("flags", [{"is_superuser": True}, {"is_staff": True}])
def test_superusers_and_django_staff_need_mfa_too(client, home_page, flags):
    from tests.factories import UserFactory

    user = UserFactory(username="admin", **flags)
    client.force_login(user)

    assert client.get("/admin/")["Location"].startswith(reverse("mfa_activate_totp"))


def test_staff_with_totp_reach_the_back_office(home_page, staff, mfa_client):
    client = mfa_client(staff)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"wagtail" in response.content.lower()


def test_citizens_are_not_sent_to_set_up_mfa(client, home_page, citizen):
    client.force_login(citizen)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "2fa" not in response["Location"]


def test_the_requirement_can_be_switched_off(client, home_page, staff, settings):
    settings.INFOCENTAR_STAFF_MFA_REQUIRED = False
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def test_recovery_codes_alone_are_not_a_second_factor(staff):
    Authenticator.objects.create(user=staff, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "abc"})
    assert needs_mfa(staff)
    assert not has_mfa(staff)
    add_security_key(staff)
    assert has_mfa(staff)


def test_staff_set_up_totp_and_go_on_to_the_back_office(client, home_page, staff):
    assert sign_in(client, staff)["Location"] == "/admin/"
    assert client.get("/admin/")["Location"].startswith("/nalog/2fa/totp/activate/")

    page = client.get("/nalog/2fa/totp/activate/")
    assert page.status_code == 200
    secret = re.search(r'id="authenticator_secret">([A-Z2-7]+)<', page.content.decode()).group(1)
    wrong = client.post("/nalog/2fa/totp/activate/", {"code": "000000" if totp_code(secret) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert b'class="error-summary"' in wrong.content
    assert not Authenticator.objects.filter(user=staff).exists()

    done = client.post("/nalog/2fa/totp/activate/", {"code": totp_code(secret)})

    assert done.status_code == 302
    assert done["Location"] == "/nalog/2fa/recovery-codes/"
    assert set(Authenticator.objects.filter(user=staff).values_list("type", flat=True)) == {
        "totp",
        "recovery_codes",
    }
    codes_page = client.get("/nalog/2fa/recovery-codes/").content.decode()
    assert 'href="/admin/"' in codes_page
    assert client.get("/admin/").status_code == 200
    assert MFA_NEXT_SESSION_KEY not in client.session


# --- signing in with TOTP ----------------------------------------------------------------


def test_staff_with_totp_are_asked_for_a_code_after_the_password(client, home_page, staff):
    add_totp(staff)

    response = sign_in(client, staff)

    assert response.status_code == 302
    assert response["Location"] == "/nalog/2fa/authenticate/"
    assert signed_in_user_id(client) is None
    page = client.get("/nalog/2fa/authenticate/")
    assert page.status_code == 200
    assert b'name="code"' in page.content
    # No security key, so no "use a security key" button.
    assert b"mfa_webauthn_authenticate" not in page.content


def test_a_wrong_code_is_a_form_error_and_the_right_one_signs_in(client, home_page, staff):
    add_totp(staff)
    sign_in(client, staff)
    good = totp_code(SECRET)

    wrong = client.post("/en/nalog/2fa/authenticate/", {"code": "000000" if good != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "Incorrect code." in wrong.content.decode()
    assert signed_in_user_id(client) is None

    right = client.post("/nalog/2fa/authenticate/", {"code": good})
    assert right.status_code == 302
    assert right["Location"] == "/admin/"
    assert signed_in_user_id(client) == staff.pk
    assert client.get("/admin/").status_code == 200


def test_a_code_works_only_once(client, home_page, staff):
    add_totp(staff)
    code = totp_code(SECRET)
    sign_in(client, staff)
    client.post("/nalog/2fa/authenticate/", {"code": code})
    client.post("/nalog/logout/")

    sign_in(client, staff)
    again = client.post("/nalog/2fa/authenticate/", {"code": code})

    assert again.status_code == 200
    assert signed_in_user_id(client) is None


def test_guessing_codes_is_throttled(client, home_page, staff):
    add_totp(staff)
    sign_in(client, staff)
    good = totp_code(SECRET)
    bad = "000000" if good != "000000" else "111111"
    for _attempt in range(5):
        client.post("/nalog/2fa/authenticate/", {"code": bad})

    response = client.post("/en/nalog/2fa/authenticate/", {"code": good})

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert signed_in_user_id(client) is None


# --- staff keep their second factor --------------------------------------------------------


def signed_in_with_totp(client, user):
    add_totp(user)
    sign_in(client, user)
    client.post("/nalog/2fa/authenticate/", {"code": totp_code(SECRET)})
    assert signed_in_user_id(client) == user.pk
    return client


def test_staff_cannot_deactivate_their_only_authenticator_app(client, home_page, staff):
    signed_in_with_totp(client, staff)

    page = client.get("/en/nalog/2fa/totp/deactivate/")
    response = client.post("/en/nalog/2fa/totp/deactivate/")

    assert page.status_code == 200
    assert "Staff must keep two-factor authentication." in page.content.decode()
    assert b"button--danger" not in page.content
    assert response.status_code == 200
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()


def test_staff_with_a_security_key_may_deactivate_the_app(staff):
    totp = add_totp(staff)
    adapter = get_mfa_adapter()
    assert adapter.can_delete_authenticator(totp) is False
    add_security_key(staff)
    assert adapter.can_delete_authenticator(totp) is True


def test_citizens_may_switch_two_factor_authentication_off(client, home_page, citizen, verified):
    verified(citizen)
    signed_in_with_totp(client, citizen)

    response = client.post("/nalog/2fa/totp/deactivate/")

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=citizen).exists()


def test_staff_cannot_remove_their_last_security_key(home_page, staff, mfa_client):
    client = mfa_client(staff)
    Authenticator.objects.filter(user=staff).delete()
    key = add_security_key(staff)

    response = client.post(f"/nalog/2fa/webauthn/keys/{key.pk}/remove/")

    assert response.status_code == 302
    assert response["Location"] == "/nalog/2fa/webauthn/"
    assert Authenticator.objects.filter(pk=key.pk).exists()


def test_staff_with_the_app_may_remove_a_security_key(home_page, staff, mfa_client):
    client = mfa_client(staff)
    key = add_security_key(staff)

    response = client.post(f"/nalog/2fa/webauthn/keys/{key.pk}/remove/")

    # Handed on to allauth, which asks for the password again before it removes a key.
    assert response["Location"].startswith("/nalog/reauthenticate/")


# --- the MFA pages render -------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/nalog/2fa/", "/nalog/2fa/webauthn/", "/nalog/reauthenticate/"])
def test_mfa_pages_render_in_the_sites_layout(home_page, staff, mfa_client, url):
    client = mfa_client(staff)
    add_security_key(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert b'id="main"' in response.content
    assert b'class="account-layout' in response.content


@pytest.mark.parametrize("url", ["/nalog/2fa/recovery-codes/", "/nalog/2fa/recovery-codes/generate/"])
def test_recovery_code_pages_render_right_after_sign_in(client, home_page, staff, url):
    signed_in_with_totp(client, staff)
    client.post("/nalog/2fa/recovery-codes/generate/")

    response = client.get(url)

    assert response.status_code == 200
    assert b'class="account-layout' in response.content


def test_managing_mfa_later_asks_for_the_password_again(client, home_page, staff, settings):
    signed_in_with_totp(client, staff)
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0

    response = client.get("/nalog/2fa/recovery-codes/generate/")

    assert response.status_code == 302
    assert response["Location"].startswith("/nalog/reauthenticate/")


def test_the_back_office_account_page_leads_to_the_sites_account_pages(home_page, staff, mfa_client):
    client = mfa_client(staff)

    page = client.get("/admin/account/").content.decode()

    assert 'href="/nalog/"' in page
    # Wagtail's own password form is off: passwords change through allauth.
    assert 'name="password-old_password"' not in page
    assert 'name="name_email-email"' not in page
    assert 'name="name_email-first_name"' in page


def test_staff_without_mfa_can_still_sign_out_of_the_back_office(client, home_page, staff):
    client.force_login(staff)

    response = client.post("/admin/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/nalog/login/"
    assert signed_in_user_id(client) is None


def test_a_security_key_instead_of_the_app_also_opens_the_back_office(client, home_page, staff):
    add_security_key(staff)
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def test_the_totp_set_up_page_offers_a_security_key_instead(client, home_page, staff):
    sign_in(client, staff, next_url="/nalog/")
    page = client.get("/nalog/2fa/totp/activate/").content.decode()
    assert 'href="/nalog/2fa/webauthn/add/"' in page


def test_an_address_an_administrator_enters_counts_as_verified(home_page, ic_admin, mfa_client):
    from allauth.account.models import EmailAddress
    from django.test import Client

    admin_client = mfa_client(ic_admin)
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "nova-kolegica",
            "email": "kolegica@primjer.me",
            "first_name": "Jelena",
            "last_name": "Vuković",
            "password1": "Plavo-More-Budva-2026",
            "password2": "Plavo-More-Budva-2026",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="nova-kolegica")
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")) == [
        ("kolegica@primjer.me", True, True)
    ]

    admin_client.post(
        reverse("wagtailusers_users:edit", args=[user.pk]),
        {
            "username": "nova-kolegica",
            "email": "jelena@primjer.me",
            "first_name": "Jelena",
            "last_name": "Vuković",
            "is_active": "on",
        },
    )
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")) == [
        ("jelena@primjer.me", True, True)
    ]
    # The colleague signs in straight away (then sets up MFA if they get back-office rights).
    client = Client()
    client.post("/nalog/login/", {"login": "jelena@primjer.me", "password": "Plavo-More-Budva-2026"})
    assert signed_in_user_id(client) == user.pk
