"""Signing in by e-mail address, wrong passwords, and throttling of guessing."""

from __future__ import annotations

import pytest
from django.utils import translation

from .conftest import PASSWORD


@pytest.fixture
def citizen_ready(citizen, verified):
    return verified(citizen)


def login(client, email, password=PASSWORD, prefix="", **extra):
    return client.post(f"{prefix}/nalog/login/", {"login": email, "password": password, **extra})


def signed_in_user_id(client):
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


def test_a_citizen_signs_in_with_their_email_address(client, home_page, citizen_ready):
    response = login(client, citizen_ready.email)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert signed_in_user_id(client) == citizen_ready.pk


def test_the_email_address_is_not_case_sensitive(client, home_page, citizen_ready):
    login(client, citizen_ready.email.upper())
    assert signed_in_user_id(client) == citizen_ready.pk


def test_sign_in_goes_on_to_the_page_asked_for(client, home_page, citizen_ready):
    response = login(client, citizen_ready.email, next="/nalog/moji-podaci/")
    assert response["Location"] == "/nalog/moji-podaci/"


def test_sign_in_never_goes_on_to_another_site(client, home_page, citizen_ready):
    response = login(client, citizen_ready.email, next="https://evil.example/")
    assert response["Location"] == "/"


def test_a_wrong_password_gives_a_form_error_not_a_server_error(client, home_page, citizen_ready):
    response = login(client, citizen_ready.email, password="nije-to-lozinka", prefix="/en")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="error-summary"' in html
    assert "The email address and/or password you specified are not correct." in html
    assert signed_in_user_id(client) is None


def test_an_unknown_address_gets_the_same_answer_as_a_wrong_password(client, home_page, citizen_ready):
    unknown = login(client, "niko@example.me", password="nije-to-lozinka", prefix="/en")
    wrong = login(client, citizen_ready.email, password="nije-to-lozinka", prefix="/en")

    message = "The email address and/or password you specified are not correct."
    assert message in unknown.content.decode()
    assert message in wrong.content.decode()


def test_the_login_page_speaks_the_pages_language(client, home_page, citizen_ready):
    response = login(client, citizen_ready.email, password="nije-to-lozinka")

    with translation.override("cnr"):
        expected = translation.gettext("The email address and/or password you specified are not correct.")
    assert expected != "The email address and/or password you specified are not correct."
    assert expected in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"login": "", "password": ""},
        {"login": "not an address", "password": "x"},
        {"login": "a@b.c" * 200, "password": "x" * 10000},
        {"login": "gradjanin@example.me\x00", "password": PASSWORD},
        {"login": ["a@example.me", "b@example.me"], "password": PASSWORD},
    ],
)
def test_bad_input_gives_form_errors(client, home_page, citizen_ready, data):
    response = client.post("/nalog/login/", data)
    assert response.status_code == 200
    assert b'class="error-summary"' in response.content
    assert signed_in_user_id(client) is None


def test_an_inactive_account_cannot_sign_in(client, home_page, citizen_ready):
    citizen_ready.is_active = False
    citizen_ready.save(update_fields=["is_active"])

    response = login(client, citizen_ready.email)

    assert signed_in_user_id(client) is None
    assert response.status_code in (200, 302)


def test_repeated_failed_logins_are_throttled_even_with_the_right_password(client, home_page, citizen_ready):
    """ACCOUNT_RATE_LIMITS["login_failed"]: 5 failures per address in 5 minutes."""
    for _attempt in range(5):
        response = login(client, citizen_ready.email, password="pogresna-lozinka", prefix="/en")
        assert "not correct" in response.content.decode()

    throttled = login(client, citizen_ready.email, prefix="/en")

    assert throttled.status_code == 200
    assert "Too many failed login attempts. Try again later." in throttled.content.decode()
    assert signed_in_user_id(client) is None


def test_throttling_of_one_address_does_not_lock_out_another(client, home_page, citizen_ready, outsider, verified):
    verified(outsider)
    for _attempt in range(6):
        login(client, citizen_ready.email, password="pogresna-lozinka")

    login(client, outsider.email)
    assert signed_in_user_id(client) == outsider.pk


def test_too_many_sign_in_requests_from_one_address_get_429(client, home_page, citizen_ready):
    """ACCOUNT_RATE_LIMITS["login"]: 30 sign-in requests a minute per IP, then 429 in the site's layout."""
    statuses = [login(client, f"niko{i}@example.me", password="pogresna-lozinka").status_code for i in range(31)]

    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
    page = client.post("/en/nalog/login/", {"login": "x@example.me", "password": "y"})
    assert page.status_code == 429
    assert b'id="main"' in page.content
    assert b"Too many attempts" in page.content


def test_signing_out_needs_a_post(client, home_page, citizen_ready):
    client.force_login(citizen_ready)

    assert client.get("/nalog/logout/").status_code == 200
    assert signed_in_user_id(client) == citizen_ready.pk
    response = client.post("/nalog/logout/")
    assert response.status_code == 302
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize(("prefix", "home"), [("", "/"), ("/cir", "/cir/"), ("/en", "/en/")])
def test_signing_in_and_out_keeps_the_readers_language_and_script(client, home_page, citizen_ready, prefix, home):
    assert login(client, citizen_ready.email, prefix=prefix)["Location"] == home
    assert client.post(f"{prefix}/nalog/logout/")["Location"] == home
