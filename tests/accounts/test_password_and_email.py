"""Resetting and changing the password; changing the e-mail address."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from .conftest import PASSWORD, link_in

User = get_user_model()
NEW_PASSWORD = "Nova-Lozinka-Durmitor-2026"


@pytest.fixture
def citizen_ready(citizen, verified):
    return verified(citizen)


def reset_link(client, email, prefix=""):
    response = client.post(f"{prefix}/nalog/password/reset/", {"email": email})
    assert response.status_code == 302
    assert response["Location"] == f"{prefix}/nalog/password/reset/done/"
    return link_in(mail.outbox[-1].body, "/password/reset/key/").replace("http://testserver", "")


def test_password_reset_sends_an_email_with_a_link(client, home_page, citizen_ready):
    reset_link(client, citizen_ready.email, prefix="/en")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [citizen_ready.email]
    assert message.subject.endswith("Choose a new password")
    assert "asked to reset the password of your account on the website of Opština Primjer" in message.body
    assert "/en/nalog/password/reset/key/" in message.body


def test_the_reset_link_lets_the_citizen_choose_a_new_password(client, home_page, citizen_ready):
    url = reset_link(client, citizen_ready.email)

    form_page = client.get(url, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302

    citizen_ready.refresh_from_db()
    assert citizen_ready.check_password(NEW_PASSWORD)
    assert not citizen_ready.check_password(PASSWORD)
    # The link works once.
    again = client.get(url, follow=True)
    assert b"password/reset/key" not in again.content or again.context["token_fail"]


def test_the_new_password_must_be_strong(client, home_page, citizen_ready):
    url = reset_link(client, citizen_ready.email, prefix="/en")
    set_url = client.get(url, follow=True).redirect_chain[-1][0]

    response = client.post(set_url, {"password1": "12345", "password2": "12345"})

    assert response.status_code == 200
    assert "at least 10 characters" in response.content.decode()
    citizen_ready.refresh_from_db()
    assert citizen_ready.check_password(PASSWORD)


def test_a_reset_for_an_unknown_address_looks_the_same_and_tells_the_address_owner(client, home_page):
    response = client.post("/en/nalog/password/reset/", {"email": "niko@example.me"})

    assert response.status_code == 302
    assert response["Location"] == "/en/nalog/password/reset/done/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.endswith("No account with this e-mail address")
    assert "/en/nalog/signup/" in mail.outbox[0].body


def test_a_tampered_reset_link_says_so(client, home_page, citizen_ready):
    url = reset_link(client, citizen_ready.email)
    bad = url.rstrip("/")[:-3] + "xyz/"

    response = client.get(bad, follow=True)

    assert response.status_code == 200
    assert response.context["token_fail"] is True


def test_password_resets_are_throttled(client, home_page, citizen_ready):
    """ACCOUNT_RATE_LIMITS["reset_password"]: 5 an hour per address."""
    for _attempt in range(5):
        reset_link(client, citizen_ready.email)
    response = client.post("/en/nalog/password/reset/", {"email": citizen_ready.email})

    assert len(mail.outbox) == 5
    assert response.status_code in (200, 429)
    if response.status_code == 200:
        assert b'class="error-summary"' in response.content


def test_changing_the_password_needs_the_current_one_and_sends_a_notice(client, home_page, citizen_ready):
    client.force_login(citizen_ready)

    wrong = client.post(
        "/en/nalog/password/change/",
        {"oldpassword": "nije-ta", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200
    assert b'class="error-summary"' in wrong.content
    right = client.post(
        "/en/nalog/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert right.status_code == 302

    citizen_ready.refresh_from_db()
    assert citizen_ready.check_password(NEW_PASSWORD)
    assert [m.to for m in mail.outbox] == [[citizen_ready.email]]
    assert "This is a notice about a change to your account" in mail.outbox[0].body


def test_changing_the_email_address_sends_a_link_to_the_new_one(client, home_page, citizen_ready):
    client.force_login(citizen_ready)

    response = client.post("/nalog/email/", {"action_add": "", "email": "nova.adresa@example.me"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nova.adresa@example.me"]
    page = client.get("/nalog/email/").content.decode()
    assert "nova.adresa@example.me" in page
    # Until it is confirmed, the old address stays the one the account uses.
    citizen_ready.refresh_from_db()
    assert citizen_ready.email == "gradjanin@example.me"


def test_confirming_the_new_address_replaces_the_old_one(client, home_page, citizen_ready):
    client.force_login(citizen_ready)
    client.post("/nalog/email/", {"action_add": "", "email": "nova.adresa@example.me"})
    url = link_in(mail.outbox[0].body, "/confirm-email/").replace("http://testserver", "")

    client.post(url)

    citizen_ready.refresh_from_db()
    assert citizen_ready.email == "nova.adresa@example.me"
    addresses = list(EmailAddress.objects.filter(user=citizen_ready).values_list("email", "verified", "primary"))
    assert addresses == [("nova.adresa@example.me", True, True)]
    # The citizen now signs in with the new address.
    client.logout()
    client.post("/nalog/login/", {"login": "nova.adresa@example.me", "password": PASSWORD})
    assert int(client.session["_auth_user_id"]) == citizen_ready.pk


def test_an_address_of_another_account_cannot_be_taken(client, home_page, citizen_ready, outsider, verified):
    verified(outsider)
    client.force_login(citizen_ready)

    response = client.post("/nalog/email/", {"action_add": "", "email": outsider.email})

    # Without revealing it, the other account's address never becomes this one's.
    assert response.status_code in (200, 302)
    citizen_ready.refresh_from_db()
    assert citizen_ready.email == "gradjanin@example.me"
    assert not EmailAddress.objects.filter(user=citizen_ready, email=outsider.email, verified=True).exists()


@pytest.mark.parametrize("email", ["", "nije adresa", "a" * 300 + "@example.me"])
def test_a_bad_new_address_is_a_form_error(client, home_page, citizen_ready, email):
    client.force_login(citizen_ready)

    response = client.post("/nalog/email/", {"action_add": "", "email": email})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'aria-describedby="id_email_error"' in html
    assert 'id="id_email_error"' in html
