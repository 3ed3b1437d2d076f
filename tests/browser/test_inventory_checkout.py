"""IT staff check a laptop out to an IT contact, who confirms it on the site; the QR address; axe."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in_as(context, base: str, user) -> None:
    client = Client()
    client.force_login(user)
    context.clear_cookies()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )


@pytest.fixture
def laptop(org_a):
    from infocentar.inventory.models import Asset

    return Asset.objects.create(
        organisation=org_a, asset_tag="VIK-LAP-001", asset_type="laptop", manufacturer="Lenovo", model="ThinkPad E14"
    )


@pytest.fixture
def staff_with_mfa(it_staff):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=it_staff, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return it_staff


def test_check_out_and_acceptance_by_the_recipient(page, context, live_site, axe, laptop, staff_with_mfa, it_contact_a):
    base = live_site.url
    it_contact_a.email = "kontakt@vik.me"
    it_contact_a.save()
    # The label's QR address takes staff to the record.
    sign_in_as(context, base, staff_with_mfa)
    page.goto(f"{base}/oprema/VIK-LAP-001/")
    expect(page).to_have_url(re.compile(rf"/admin/inventory/assets/inspect/{laptop.pk}/$"))
    page.get_by_role("link", name=re.compile("Zaduži|Check out")).click()
    page.locator("#id_recipient").select_option(str(it_contact_a.pk))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/admin/inventory/assets/inspect/{laptop.pk}/$"))
    assert len(mail.outbox) == 1
    link = next(word for word in mail.outbox[0].body.split() if "/oprema/prihvatanje/" in word)
    # The recipient opens the link, signed in, and confirms.
    sign_in_as(context, base, it_contact_a)
    page.goto(link)
    expect(page.locator("h1")).to_be_visible()
    axe(page)
    page.locator("button[name=answer][value=accept]").click()
    expect(page.locator("button[name=answer]")).to_have_count(0)
    axe(page)
    from infocentar.inventory.models import Checkout

    assert Checkout.objects.get(asset=laptop).state == "accepted"


def test_qr_address_asks_strangers_to_sign_in(page, live_site, laptop):
    page.goto(f"{live_site.url}/oprema/VIK-LAP-001/")
    expect(page).to_have_url(re.compile(r"/nalog/login/\?next="))
