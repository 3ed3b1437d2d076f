"""Every account page is in the site's layout, CSP-clean; the password and account settings hold."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.hashers import identify_hasher, make_password
from django.core import mail

from infocentar.settings import base as base_settings

ANONYMOUS_PAGES = [
    "/nalog/login/",
    "/nalog/signup/",
    "/nalog/password/reset/",
    "/nalog/password/reset/done/",
    "/nalog/confirm-email/",
    "/nalog/inactive/",
]
CITIZEN_PAGES = [
    "/nalog/",
    "/nalog/email/",
    "/nalog/password/change/",
    "/nalog/logout/",
    "/nalog/2fa/",
    "/nalog/2fa/webauthn/",
    "/nalog/moji-podaci/",
    "/nalog/brisanje/",
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)


def assert_in_site_layout(response):
    assert response.status_code == 200, response
    html = response.content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert 'class="site-header' in html
    assert 'class="site-footer' in html
    assert "/static/infocentar/css/accounts.css" in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    # The CSP allows neither inline styles nor inline scripts.
    assert not re.search(r"\sstyle=", html)
    assert not INLINE_SCRIPT.search(html)
    return html


@pytest.mark.parametrize("prefix", ["", "/cir", "/en"])
@pytest.mark.parametrize("url", ANONYMOUS_PAGES)
def test_entrance_pages_are_in_the_sites_layout(client, home_page, url, prefix):
    html = assert_in_site_layout(client.get(prefix + url))
    assert 'class="account-layout account-layout--entrance"' in html


@pytest.mark.parametrize("url", CITIZEN_PAGES)
def test_account_pages_are_in_the_sites_layout_with_the_account_menu(client, home_page, citizen, url):
    client.force_login(citizen)
    html = assert_in_site_layout(client.get(url))
    assert '<nav class="account-nav"' in html
    assert 'aria-current="page"' in html


def test_the_password_prompt_for_sensitive_changes_is_in_the_sites_layout(client, home_page, citizen):
    client.force_login(citizen)
    html = assert_in_site_layout(client.get("/nalog/reauthenticate/"))
    assert 'name="password"' in html


def test_the_cyrillic_login_page_is_in_cyrillic_and_its_form_stays_there(client, home_page):
    html = client.get("/cir/nalog/login/").content.decode()
    assert 'lang="cnr-Cyrl"' in html
    assert 'action="/cir/nalog/login/"' in html
    assert "Лозинка" in html


def test_form_fields_have_labels_not_placeholders(client, home_page):
    html = client.get("/nalog/signup/").content.decode()
    for name in ("email", "password1", "password2"):
        assert f'<label class="field__label" for="id_{name}">' in html
    assert "placeholder=" not in html.split('id="main"')[1].split('role="search"')[0]
    # The password rules are help text the field points to, in one paragraph.
    assert 'aria-describedby="id_password1_helptext"' in html
    assert "<ul>" not in html.split('id="id_password1_helptext"')[1].split("</p>")[0]


def test_forms_leave_checking_to_the_server_so_errors_are_in_the_pages_language(client, home_page):
    html = client.get("/nalog/login/").content.decode()
    assert re.search(r'<form method="post" action="/nalog/login/"[^>]* novalidate>', html)


# --- settings ---------------------------------------------------------------------------


def test_argon2_is_the_first_password_hasher_in_the_base_settings():
    assert base_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_argon2_hashing_works(settings):
    settings.PASSWORD_HASHERS = base_settings.PASSWORD_HASHERS
    assert identify_hasher(make_password("Lozinka-za-test-2026")).algorithm == "argon2"


def test_passwords_are_checked_for_strength():
    names = [v["NAME"].rsplit(".", 1)[1] for v in base_settings.AUTH_PASSWORD_VALIDATORS]
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
    assert base_settings.AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"]["min_length"] >= 10


def test_accounts_are_by_verified_email_and_throttled():
    login_methods = base_settings.ACCOUNT_LOGIN_METHODS
    assert login_methods == {"email"}
    assert base_settings.ACCOUNT_EMAIL_VERIFICATION == "mandatory"
    assert base_settings.ACCOUNT_RATE_LIMITS["login_failed"]
    assert base_settings.WAGTAILADMIN_LOGIN_URL == "account_login"
    assert "webauthn" in base_settings.MFA_SUPPORTED_TYPES
    assert "totp" in base_settings.MFA_SUPPORTED_TYPES


# --- notices --------------------------------------------------------------------------------


def test_notices_name_the_site_and_the_change(client, home_page, citizen, verified):
    verified(citizen)
    client.force_login(citizen)

    client.post(
        "/en/nalog/password/change/",
        {
            "oldpassword": "Lozinka-za-test-2026",
            "password1": "Nova-Lozinka-2026!",
            "password2": "Nova-Lozinka-2026!",
        },
    )

    body = mail.outbox[0].body
    assert "This is a notice about a change to your account on the website of Opština Primjer:" in body
    assert "IP address: 127.0.0.1" in body
    assert body.rstrip().endswith("Kind regards,\nOpština Primjer\n127.0.0.1:8000")
