"""Sign-ins, failed sign-ins, sign-outs and second-factor changes are in the audit log."""

from __future__ import annotations

import json
import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from wagtail.models import ModelLogEntry

from infocentar.accounts import signin_audit

from .conftest import PASSWORD, totp_code

SECRET = "JBSWY3DPEHPK3PXP"
WRONG_PASSWORD = "Pogresna-Lozinka-77"


@pytest.fixture
def citizen_ready(citizen, verified):
    return verified(citizen)


@pytest.fixture
def staff(it_contact_a, verified):
    return verified(it_contact_a)


def login(client, email, password=PASSWORD, prefix=""):
    return client.post(f"{prefix}/nalog/login/", {"login": email, "password": password})


def entries(action):
    return list(ModelLogEntry.objects.filter(action=action).order_by("pk"))


def everything_logged() -> str:
    """Every audit entry's label and data, as one string (to look for what must not be there)."""
    return json.dumps([[e.label, e.data] for e in ModelLogEntry.objects.all()], ensure_ascii=False)


def test_a_sign_in_is_recorded_with_the_account_address_and_browser(client, home_page, citizen_ready):
    response = client.post(
        "/nalog/login/", {"login": citizen_ready.email, "password": PASSWORD}, HTTP_USER_AGENT="Firefox/140.0"
    )
    assert response.status_code == 302
    [entry] = entries(signin_audit.SIGN_IN)
    assert entry.user_id == citizen_ready.pk
    assert entry.object_id == str(citizen_ready.pk)
    assert entry.data["ip"] == "127.0.0.1"
    assert entry.data["user_agent"] == "Firefox/140.0"


def test_a_failed_sign_in_keeps_the_address_typed_but_never_the_password(client, home_page, citizen_ready):
    response = login(client, citizen_ready.email.upper(), password=WRONG_PASSWORD)
    assert response.status_code == 200
    [entry] = entries(signin_audit.SIGN_IN_FAILED)
    assert entry.user_id is None, "nobody was signed in"
    assert entry.object_id == str(citizen_ready.pk), "recorded against the account the address belongs to"
    # allauth takes the address in lower case before it checks it.
    assert entry.label == citizen_ready.email
    assert entry.data["typed"] == citizen_ready.email
    assert entry.data["account_exists"] is True
    assert entry.data["ip"] == "127.0.0.1"
    assert WRONG_PASSWORD not in everything_logged()
    assert not entries(signin_audit.SIGN_IN)


def test_a_failed_sign_in_for_an_unknown_address_is_recorded_too(client, home_page, citizen_ready):
    login(client, "niko.nepoznat@example.me", password=WRONG_PASSWORD)
    [entry] = entries(signin_audit.SIGN_IN_FAILED)
    assert entry.data["typed"] == "niko.nepoznat@example.me"
    assert entry.data["account_exists"] is False
    assert entry.object_id == str(signin_audit.NO_ACCOUNT_ID)
    assert WRONG_PASSWORD not in everything_logged()


def test_a_huge_typed_address_is_cut_short_and_nothing_breaks(client, home_page):
    from infocentar.accounts.signin_audit import MAX_TYPED_LENGTH, audit_sign_in_failed

    audit_sign_in_failed(None, credentials={"email": "a" * 5000 + "@example.me", "password": "x"}, request=None)
    [entry] = entries(signin_audit.SIGN_IN_FAILED)
    assert len(entry.data["typed"]) == MAX_TYPED_LENGTH
    assert "password" not in entry.data


def test_a_sign_out_is_recorded(client, home_page, citizen_ready):
    login(client, citizen_ready.email)
    response = client.post("/nalog/logout/")
    assert response.status_code == 302
    [entry] = entries(signin_audit.SIGN_OUT)
    assert entry.user_id == citizen_ready.pk and entry.object_id == str(citizen_ready.pk)


def test_a_visitor_who_was_not_signed_in_leaves_no_sign_out(client, home_page):
    client.post("/nalog/logout/")
    assert not entries(signin_audit.SIGN_OUT)


def test_staff_sign_in_is_recorded_once_after_the_second_factor(client, home_page, staff):
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": SECRET})
    login(client, staff.email)
    assert not entries(signin_audit.SIGN_IN), "the password alone does not sign in staff"
    good = totp_code(SECRET)
    client.post("/nalog/2fa/authenticate/", {"code": "000000" if good != "000000" else "111111"})
    [refused] = entries(signin_audit.MFA_FAILED)
    assert refused.object_id == str(staff.pk) and refused.data["authenticator"] == "totp"
    client.post("/nalog/2fa/authenticate/", {"code": good})
    [entry] = entries(signin_audit.SIGN_IN)
    assert entry.user_id == staff.pk
    assert good not in everything_logged().replace(str(staff.pk), "")


@pytest.mark.parametrize(
    ("signal_name", "action"),
    [
        ("authenticator_added", signin_audit.AUTHENTICATOR_ADDED),
        ("authenticator_removed", signin_audit.AUTHENTICATOR_REMOVED),
        ("authenticator_reset", signin_audit.AUTHENTICATOR_RESET),
    ],
)
def test_changes_to_second_factors_are_recorded(rf, staff, ic_admin, signal_name, action):
    """allauth announces them (after the commit); an administrator's reset names the administrator."""
    from allauth.mfa import signals

    authenticator = Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": SECRET})
    request = rf.post("/nalog/2fa/", HTTP_USER_AGENT="Firefox/140.0")
    request.user = ic_admin if signal_name == "authenticator_reset" else staff
    getattr(signals, signal_name).send(sender=Authenticator, request=request, user=staff, authenticator=authenticator)
    [entry] = entries(action)
    assert entry.object_id == str(staff.pk)
    assert entry.user_id == request.user.pk
    assert entry.data["authenticator"] == "totp" and entry.data["ip"] == "127.0.0.1"
    assert SECRET not in everything_logged()


def test_activating_an_authenticator_in_the_browser_reaches_the_log(client, home_page, staff, monkeypatch):
    """The real flow sends the signal: recorded once the activation is committed."""
    from allauth.account.adapter import DefaultAccountAdapter

    monkeypatch.setattr(DefaultAccountAdapter, "send_notification_mail", lambda *args, **kwargs: None)
    login(client, staff.email)
    page = client.get("/nalog/2fa/totp/activate/")
    secret = re.search(r'id="authenticator_secret">([A-Z2-7]+)<', page.content.decode()).group(1)
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post("/nalog/2fa/totp/activate/", {"code": totp_code(secret)})
    assert {e.data["authenticator"] for e in entries(signin_audit.AUTHENTICATOR_ADDED)} >= {"totp"}
    assert secret not in everything_logged()


def test_the_information_center_sees_sign_ins_in_the_audit_log(client, home_page, citizen_ready, ic_admin, mfa_client):
    login(client, citizen_ready.email, password=WRONG_PASSWORD)
    login(client, citizen_ready.email)
    admin = mfa_client(ic_admin)
    html = admin.get(reverse("infocentar_audit_log")).content.decode()
    assert "Failed sign-in" in html or "Neuspješna prijava" in html or "Sign-in failed" in html
    filtered = admin.get(reverse("infocentar_audit_log"), {"action": signin_audit.SIGN_IN_FAILED})
    assert filtered.status_code == 200
    assert citizen_ready.email in filtered.content.decode()


def test_an_organisations_staff_do_not_see_sign_ins(client, home_page, citizen_ready, ic_admin, it_contact_a):
    """Sign-in entries belong to no organisation: only the Information Center's global roles read them."""
    from infocentar.core.admin_views import scoped_log_entries

    login(client, citizen_ready.email, password=WRONG_PASSWORD)
    assert scoped_log_entries(ic_admin).filter(action=signin_audit.SIGN_IN_FAILED).exists()
    assert not scoped_log_entries(it_contact_a).filter(action=signin_audit.SIGN_IN_FAILED).exists()
