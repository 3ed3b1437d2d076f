"""A citizen signs up and signs in; staff set up TOTP and sign in with it; axe on every account page."""

from __future__ import annotations

import re
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import translation
from playwright.sync_api import expect

from infocentar.accounts import services
from tests.accounts.conftest import PASSWORD, link_in, totp_code

# serialized_rollback: the flush after each transactional test would remove the Wagtail root
# page that migrations create (and home_page needs) for the next test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CITIZEN_PASSWORD = "Crna-Gora-Lovcen-1878"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters and used TOTP codes live in the (process-wide) cache.
    cache.clear()
    yield
    cache.clear()


def cnr(text: str) -> str:
    """`text` as the Montenegrin (Latin) pages show it."""
    with translation.override("cnr"):
        return translation.gettext(text)


def submit(page, form_selector: str):
    page.locator(f"{form_selector} button[type=submit]").first.click()


def sign_in(page, base: str, email: str, password: str, next_url: str = ""):
    page.goto(f"{base}/nalog/login/" + (f"?next={next_url}" if next_url else ""))
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    submit(page, "form.account-form--login")


def fresh_totp_code(secret: str) -> str:
    # A code near the end of its 30-second window may expire on the way; wait for the next.
    if time.time() % 30 > 27:
        time.sleep(30 - time.time() % 30 + 0.2)
    return totp_code(secret)


def test_a_citizen_signs_up_verifies_the_address_and_signs_in(page, live_site, axe):
    base = live_site.url
    page.goto(f"{base}/nalog/signup/")
    page.locator("#id_email").fill("milica@example.me")
    page.locator("#id_password1").fill(CITIZEN_PASSWORD)
    page.locator("#id_password2").fill(CITIZEN_PASSWORD)
    submit(page, "form.account-form--signup")

    expect(page).to_have_url(re.compile(r"/nalog/confirm-email/$"))
    axe(page)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["milica@example.me"]
    link = link_in(mail.outbox[0].body, "/confirm-email/")
    assert link.startswith(base)

    page.goto(link)
    axe(page)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/nalog/login/"))

    sign_in(page, base, "milica@example.me", CITIZEN_PASSWORD)
    expect(page).to_have_url(f"{base}/")
    account_link = page.locator(".site-footer").get_by_role("link", name=cnr("My account"))
    expect(account_link).to_be_visible()
    account_link.click()
    expect(page.locator("h1")).to_have_text(cnr("My account"))
    expect(page.locator("main")).to_contain_text("milica@example.me")


def test_a_signup_with_errors_shows_them_in_a_summary_and_at_the_fields(page, live_site, axe):
    page.goto(f"{live_site.url}/nalog/signup/")
    page.locator("#id_email").fill("nije-adresa")
    page.locator("#id_password1").fill("kratka")
    page.locator("#id_password2").fill("druga")
    submit(page, "form.account-form--signup")

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page.locator("#id_email")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_email_error")).to_be_visible()
    expect(page.locator("#id_password1")).to_have_attribute("aria-describedby", re.compile("id_password1_error"))
    summary.locator('a[href="#id_email"]').click()
    expect(page.locator("#id_email")).to_be_focused()
    axe(page)


def test_staff_set_up_totp_reach_the_back_office_and_sign_in_with_a_code(page, live_site, it_contact_a):
    base = live_site.url
    services.ensure_verified_email(it_contact_a)

    page.goto(f"{base}/admin/")
    expect(page).to_have_url(re.compile(r"/nalog/login/\?next=/admin/$"))
    page.locator("#id_login").fill(it_contact_a.email)
    page.locator("#id_password").fill(PASSWORD)
    submit(page, "form.account-form--login")

    # Straight from the back office to setting up the authenticator app.
    expect(page).to_have_url(re.compile(r"/nalog/2fa/totp/activate/"))
    secret = page.locator("#authenticator_secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret)
    page.locator("#id_code").fill(fresh_totp_code(secret))
    submit(page, "form.account-form--totp")

    expect(page).to_have_url(re.compile(r"/nalog/2fa/recovery-codes/$"))
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name=cnr("Continue to the back office")).click()
    expect(page).to_have_url(f"{base}/admin/")
    expect(page.locator("body")).to_contain_text(it_contact_a.first_name)

    page.goto(f"{base}/nalog/logout/")
    page.locator("main form button[type=submit]").click()
    page.goto(f"{base}/admin/")
    expect(page).to_have_url(re.compile(r"/nalog/login/\?next=/admin/$"))

    page.locator("#id_login").fill(it_contact_a.email)
    page.locator("#id_password").fill(PASSWORD)
    submit(page, "form.account-form--login")
    expect(page).to_have_url(re.compile(r"/nalog/2fa/authenticate/$"))
    page.locator("#id_code").fill(fresh_totp_code(secret))
    submit(page, "form.account-form--mfa")

    expect(page).to_have_url(f"{base}/admin/")


def test_wagtails_login_page_sends_staff_to_allauth(page, live_site):
    page.goto(f"{live_site.url}/admin/login/?next=/admin/pages/")
    expect(page).to_have_url(re.compile(r"/nalog/login/\?next=%2Fadmin%2Fpages%2F$"))
    expect(page.locator("#id_login")).to_be_visible()


@pytest.mark.parametrize("prefix", ["", "/cir", "/en"])
def test_entrance_pages_pass_axe(page, live_site, axe, prefix):
    for path in ("/nalog/login/", "/nalog/signup/", "/nalog/password/reset/", "/nalog/password/reset/done/"):
        page.goto(f"{live_site.url}{prefix}{path}")
        expect(page.locator("h1")).to_have_count(1)
        axe(page)


def test_a_failed_sign_in_passes_axe(page, live_site, axe):
    sign_in(page, live_site.url, "niko@example.me", "pogresna-lozinka")
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)


def test_account_pages_pass_axe(page, live_site, axe, citizen):
    services.ensure_verified_email(citizen)
    base = live_site.url
    sign_in(page, base, citizen.email, PASSWORD)
    expect(page).to_have_url(f"{base}/")

    for path in (
        "/nalog/",
        "/nalog/email/",
        "/nalog/password/change/",
        "/nalog/moji-podaci/",
        "/nalog/brisanje/",
        "/nalog/2fa/",
        "/nalog/2fa/totp/activate/",
        "/nalog/2fa/webauthn/",
        "/nalog/2fa/webauthn/add/",
        "/nalog/reauthenticate/",
        "/nalog/logout/",
    ):
        page.goto(f"{base}{path}")
        expect(page.locator("h1")).to_have_count(1)
        axe(page)

    # The deletion form with errors.
    page.goto(f"{base}/nalog/brisanje/")
    page.locator("#id_password").fill("pogresna")
    submit(page, "form.account-form--delete")
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)


def test_mfa_pages_pass_axe(page, live_site, axe, it_contact_a):
    base = live_site.url
    services.ensure_verified_email(it_contact_a)
    sign_in(page, base, it_contact_a.email, PASSWORD, next_url="/nalog/2fa/")
    page.goto(f"{base}/nalog/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").inner_text().strip()
    axe(page)
    page.locator("#id_code").fill(fresh_totp_code(secret))
    submit(page, "form.account-form--totp")
    expect(page).to_have_url(re.compile(r"/nalog/2fa/recovery-codes/$"))
    axe(page)

    for path in ("/nalog/2fa/", "/nalog/2fa/totp/deactivate/", "/nalog/2fa/recovery-codes/generate/"):
        page.goto(f"{base}{path}")
        expect(page.locator("h1")).to_have_count(1)
        axe(page)

    # The second step of signing in, with a wrong code.
    page.goto(f"{base}/nalog/logout/")
    page.locator("main form button[type=submit]").click()
    sign_in(page, base, it_contact_a.email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/nalog/2fa/authenticate/$"))
    axe(page)
    good = totp_code(secret)
    page.locator("#id_code").fill("000000" if good != "000000" else "111111")
    submit(page, "form.account-form--mfa")
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)
