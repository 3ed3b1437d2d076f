"""Citizens sign up with their e-mail address and must verify it before they can sign in."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation

from .conftest import link_in

User = get_user_model()
STRONG = "Crna-Gora-Lovcen-1878"


def signup(client, email="nova@example.me", password=STRONG, password2=None, prefix=""):
    return client.post(
        f"{prefix}/nalog/signup/",
        {
            "email": email,
            "password1": password,
            "password2": password2 if password2 is not None else password,
        },
    )


def test_signup_creates_an_unverified_account_and_sends_the_verification_email(client, home_page):
    response = signup(client)

    assert response.status_code == 302
    assert response["Location"] == "/nalog/confirm-email/"
    user = User.objects.get(email="nova@example.me")
    assert user.check_password(STRONG)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == ("nova@example.me", False, True)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nova@example.me"]
    assert "/nalog/confirm-email/" in link_in(message.body, "/confirm-email/")
    # Not signed in until the address is verified.
    assert "_auth_user_id" not in client.session


def test_verification_email_reads_as_the_site_in_the_pages_language(client, home_page, settings):
    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Opština] "
    signup(client, prefix="/en")

    message = mail.outbox[0]
    assert message.subject == "[Opština] Confirm your e-mail address to finish signing up"
    assert message.body.startswith("Hello,")
    assert "Thank you for creating an account on the website of Opština Primjer." in message.body
    assert "Kind regards,\nOpština Primjer" in message.body
    assert "testserver" not in message.body.split("http://testserver/")[0]
    assert link_in(message.body, "/confirm-email/").startswith("http://testserver/en/nalog/confirm-email/")


def test_verification_email_of_a_cyrillic_sign_up_is_in_cyrillic_with_latin_links(client, home_page):
    signup(client, prefix="/cir")

    body = mail.outbox[0].body
    with translation.override("cnr"):
        from django.utils.translation import gettext

        greeting = gettext("Hello,")
    from infocentar.core.script import to_cyrillic

    assert body.startswith(to_cyrillic(greeting))
    assert "Општина Примјер" in body
    assert link_in(body, "/confirm-email/").startswith("http://testserver/cir/nalog/confirm-email/")


def test_the_link_verifies_the_address_and_then_the_citizen_can_sign_in(client, home_page):
    signup(client)
    url = link_in(mail.outbox[0].body, "/confirm-email/").replace("http://testserver", "")

    page = client.get(url)
    assert page.status_code == 200
    assert b'action="' + url.encode() + b'"' in page.content
    confirmed = client.post(url)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="nova@example.me").verified is True

    login = client.post("/nalog/login/", {"login": "nova@example.me", "password": STRONG})
    assert login.status_code == 302
    assert login["Location"] == "/"
    assert int(client.session["_auth_user_id"]) == User.objects.get(email="nova@example.me").pk


def test_an_unverified_citizen_cannot_sign_in_and_gets_the_link_again(client, home_page):
    signup(client)
    mail.outbox.clear()

    response = client.post("/nalog/login/", {"login": "nova@example.me", "password": STRONG})

    assert response.status_code == 302
    assert response["Location"] == "/nalog/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1


def test_a_bad_link_says_so_instead_of_failing(client, home_page):
    response = client.get("/nalog/confirm-email/not-a-key/")
    assert response.status_code == 200
    assert b"<h1>" in response.content
    # Confirming it is "not found", in the site's layout.
    posted = client.post("/nalog/confirm-email/not-a-key/")
    assert posted.status_code == 404
    assert b'id="main"' in posted.content


def test_each_citizen_gets_a_username_of_their_own(client, home_page):
    """Usernames are not asked for; the model's unique username must still be filled."""
    signup(client, email="ana@example.me")
    signup(client, email="ana@primjer.me")
    signup(client, email="marko@example.me")

    usernames = list(User.objects.order_by("pk").values_list("username", flat=True))
    assert len(usernames) == 3
    assert len(set(usernames)) == 3
    assert all(usernames)
    assert usernames[0] == "ana"
    assert usernames[1].startswith("ana-")


@pytest.mark.parametrize(
    ("password", "fragment"),
    [
        ("kratka", "at least 10 characters"),
        ("1234567890123", "entirely numeric"),
        ("password1234", "too common"),
    ],
)
def test_a_weak_password_is_refused_with_a_clear_message(client, home_page, password, fragment):
    response = signup(client, password=password, prefix="/en")

    assert response.status_code == 200
    assert not User.objects.filter(email="nova@example.me").exists()
    assert mail.outbox == []
    html = response.content.decode()
    assert fragment in html
    # In the summary, linked to the field, and next to the field.
    assert '<div class="error-summary"' in html
    assert '<a href="#id_password1">' in html
    assert 'id="id_password1_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_password1_helptext id_password1_error"' in html


def test_passwords_that_differ_are_refused(client, home_page):
    response = signup(client, password2=STRONG + "x", prefix="/en")

    assert response.status_code == 200
    assert "You must type the same password each time." in response.content.decode()
    assert not User.objects.exists()


def test_a_password_like_the_email_address_is_refused(client, home_page):
    response = signup(client, email="vladimir.petrovic@example.me", password="vladimir.petrovic", prefix="/en")

    assert response.status_code == 200
    assert "too similar" in response.content.decode()


def test_signing_up_with_a_taken_address_reveals_nothing_and_tells_the_owner(client, home_page, citizen):
    response = signup(client, email=citizen.email)

    # The same answer as for a new address (no enumeration), no second account...
    assert response.status_code == 302
    assert response["Location"] == "/nalog/confirm-email/"
    assert User.objects.filter(email=citizen.email).count() == 1
    # ...and the owner learns that someone tried, with a way back in.
    assert len(mail.outbox) == 1
    assert "/nalog/password/reset/" in mail.outbox[0].body


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": "not-an-address", "password1": STRONG, "password2": STRONG},
        {"email": "x" * 400 + "@example.me", "password1": STRONG, "password2": STRONG},
        # Valid by Django's validator (up to 320), but longer than the columns (254).
        {"email": "x" * 300 + "@example.me", "password1": STRONG, "password2": STRONG},
        {"email": "nova@example.me", "password1": "", "password2": ""},
        {"email": "nova@example.me\x00", "password1": STRONG, "password2": STRONG},
    ],
)
def test_bad_input_gives_form_errors_not_a_server_error(client, home_page, data):
    response = client.post("/nalog/signup/", data)

    assert response.status_code == 200
    assert b'class="error-summary"' in response.content
    assert not User.objects.exists()
