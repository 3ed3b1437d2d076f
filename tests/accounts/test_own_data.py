"""A citizen downloads their data and deletes their account."""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from wagtail.models import ModelLogEntry

from infocentar.accounts import services

from .conftest import PASSWORD

User = get_user_model()


@pytest.fixture
def citizen_ready(citizen, verified):
    return verified(citizen)


# --- data download --------------------------------------------------------------


def test_the_data_page_explains_the_download(client, home_page, citizen_ready):
    client.force_login(citizen_ready)

    response = client.get("/en/nalog/moji-podaci/")

    assert response.status_code == 200
    assert b'href="/en/nalog/moji-podaci/preuzmi/"' in response.content
    assert b'id="main"' in response.content


def test_the_download_holds_the_citizens_data(client, home_page, citizen_ready):
    Authenticator.objects.create(user=citizen_ready, type=Authenticator.Type.TOTP, data={"secret": "TAJNA"})
    client.force_login(citizen_ready)

    response = client.get("/nalog/moji-podaci/preuzmi/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="infocentar-my-data-')
    data = json.loads(response.content)
    assert data["format"] == "infocentar-account-export/1"
    assert data["account"]["email"] == "gradjanin@example.me"
    assert data["account"]["first_name"] == "Ana"
    assert data["account"]["last_name"] == "Jovanović"
    assert data["email_addresses"] == [{"email": "gradjanin@example.me", "verified": True, "primary": True}]
    assert [a["type"] for a in data["authenticators"]] == ["totp"]
    # Never the secrets, never the password hash.
    text = response.content.decode()
    assert "TAJNA" not in text
    assert citizen_ready.password not in text


def test_the_download_holds_nothing_of_other_people(client, home_page, citizen_ready, outsider, it_contact_a, verified):
    verified(outsider)
    Authenticator.objects.create(user=outsider, type=Authenticator.Type.TOTP, data={"secret": "TUDJA"})
    client.force_login(citizen_ready)

    text = client.get("/nalog/moji-podaci/preuzmi/").content.decode()

    for other in (outsider, it_contact_a):
        assert other.email not in text
        assert other.username not in text
    assert "TUDJA" not in text
    assert json.loads(text)["memberships"] == []
    assert json.loads(text)["authenticators"] == []


def test_staff_see_their_memberships_in_the_download(client, home_page, it_contact_a):
    client.force_login(it_contact_a)
    data = json.loads(client.get("/nalog/moji-podaci/preuzmi/").content)
    assert data["memberships"] == [
        {
            "organisation": "Vodovod i kanalizacija d.o.o.",
            "role": "it_contact",
            "job_title": "",
            "active": True,
        }
    ]


def test_other_apps_add_their_records_to_the_download(citizen_ready, monkeypatch):
    monkeypatch.setattr(services, "_export_contributors", [])
    services.register_export(lambda user: {"comments": [f"comment by {user.pk}"]})

    data = services.export_user_data(citizen_ready)

    assert data["comments"] == [f"comment by {citizen_ready.pk}"]


@pytest.mark.parametrize("url", ["/nalog/", "/nalog/moji-podaci/", "/nalog/moji-podaci/preuzmi/", "/nalog/brisanje/"])
def test_own_data_pages_need_sign_in(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/nalog/login/?next=")


# --- deletion -------------------------------------------------------------------


def delete(client, password=PASSWORD, confirm=True, prefix=""):
    data = {"password": password}
    if confirm:
        data["confirm"] = "on"
    return client.post(f"{prefix}/nalog/brisanje/", data)


def test_deletion_with_the_right_password_erases_the_account(client, home_page, citizen_ready):
    Authenticator.objects.create(user=citizen_ready, type=Authenticator.Type.TOTP, data={"secret": "TAJNA"})
    Authenticator.objects.create(user=citizen_ready, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "x"})
    client.force_login(citizen_ready)
    pk = citizen_ready.pk

    response = delete(client)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not User.objects.filter(pk=pk).exists()
    assert not EmailAddress.objects.filter(user_id=pk).exists()
    assert not EmailAddress.objects.filter(email="gradjanin@example.me").exists()
    assert not Authenticator.objects.filter(user_id=pk).exists()
    # Signed out...
    assert "_auth_user_id" not in client.session
    assert client.get("/nalog/").status_code == 302
    # ...and told so, in the language of the page that deleted the account.
    home = client.get("/")
    assert "Vaš nalog i vaši podaci su obrisani." in home.content.decode()


def test_deletion_writes_an_audit_entry_without_personal_data(client, home_page, citizen_ready):
    client.force_login(citizen_ready)
    pk = citizen_ready.pk

    delete(client)

    entry = ModelLogEntry.objects.get(action="infocentar.account_deleted")
    assert entry.object_id == str(pk)
    assert entry.label == f"#{pk}"
    assert entry.user_id == pk
    assert entry.data["user_id"] == pk
    assert entry.data["email_addresses_removed"] == 1
    assert entry.data["by_holder"] is True
    assert "gradjanin" not in json.dumps(entry.data)
    from django.utils import translation

    with translation.override("en"):
        assert entry.message == "Account deleted"


def test_a_wrong_password_keeps_the_account(client, home_page, citizen_ready):
    client.force_login(citizen_ready)

    response = delete(client, password="nije-ta-lozinka", prefix="/en")

    assert response.status_code == 200
    html = response.content.decode()
    assert "The password is not correct." in html
    assert '<a href="#id_password">' in html
    assert 'id="id_password_error"' in html
    assert User.objects.filter(pk=citizen_ready.pk).exists()
    assert not ModelLogEntry.objects.filter(action="infocentar.account_deleted").exists()
    assert client.session["_auth_user_id"] == str(citizen_ready.pk)


def test_deletion_must_be_confirmed(client, home_page, citizen_ready):
    client.force_login(citizen_ready)

    response = delete(client, confirm=False, prefix="/en")

    assert response.status_code == 200
    assert "Tick the box to confirm that you want your account deleted." in response.content.decode()
    assert User.objects.filter(pk=citizen_ready.pk).exists()


def test_guessing_the_password_on_the_deletion_form_is_throttled(client, home_page, citizen_ready):
    client.force_login(citizen_ready)
    for _attempt in range(5):
        delete(client, password="pogadjam")

    response = delete(client, prefix="/en")

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert User.objects.filter(pk=citizen_ready.pk).exists()


@pytest.mark.parametrize(
    "data", [{}, {"password": ""}, {"password": ["a", "b"], "confirm": "on"}, {"confirm": "x" * 5000}]
)
def test_bad_input_on_the_deletion_form_is_a_form_error(client, home_page, citizen_ready, data):
    client.force_login(citizen_ready)
    response = client.post("/nalog/brisanje/", data)
    assert response.status_code == 200
    assert b'class="error-summary"' in response.content
    assert User.objects.filter(pk=citizen_ready.pk).exists()


def test_staff_cannot_delete_their_own_account(client, home_page, it_contact_a, mfa_client):
    client = mfa_client(it_contact_a)

    page = client.get("/en/nalog/brisanje/")
    response = delete(client)

    assert b"Staff accounts are closed by an administrator" in page.content
    assert b"<form" not in page.content.split(b'id="main"')[1].split(b"</main>")[0].replace(b'role="search"', b"")
    assert response.status_code == 200
    assert User.objects.filter(pk=it_contact_a.pk).exists()


def test_delete_account_service_refuses_staff(it_contact_a):
    with pytest.raises(services.AccountNotDeletable):
        services.delete_account(it_contact_a)
    assert User.objects.filter(pk=it_contact_a.pk).exists()
