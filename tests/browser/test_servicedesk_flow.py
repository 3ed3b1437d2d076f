"""Issue 5, "done when": an IT contact files a request about a printer; IT staff pick it up, reply, set it
waiting (the clock pauses); the requester answers; it is resolved within SLA and shows in the dashboard;
an IT contact of another organisation cannot see it. axe on every portal page."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from infocentar.servicedesk.models import Status, Ticket

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in_as(context, base: str, user) -> None:
    """The browser carries a session of `user` (the sign-in itself is tested in test_accounts_browser)."""
    client = Client()
    client.force_login(user)
    context.clear_cookies()
    name = settings.SESSION_COOKIE_NAME
    context.add_cookies([{"name": name, "value": client.cookies[name].value, "url": base}])


@pytest.fixture
def printer(org_a):
    from infocentar.inventory.models import Asset

    return Asset.objects.create(
        organisation=org_a, asset_tag="VIK-PR-007", asset_type="printer", manufacturer="HP", model="LaserJet M404"
    )


@pytest.fixture
def staff_with_mfa(it_staff):
    from allauth.mfa.models import Authenticator

    it_staff.email = "it@ic.me"
    it_staff.save()
    Authenticator.objects.create(user=it_staff, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return it_staff


def test_a_printer_request_from_filing_to_the_dashboard(
    page, context, live_site, axe, org_a, it_contact_a, it_contact_b, staff_with_mfa, printer
):
    base = live_site.url

    # The IT contact of the public enterprise files a request about the printer.
    sign_in_as(context, base, it_contact_a)
    page.goto(f"{base}/podrska/")
    axe(page)
    page.get_by_role("link", name=re.compile("IT")).filter(has_text=re.compile("zahtjev|request", re.I)).first.click()
    expect(page).to_have_url(f"{base}/podrska/novi/")
    axe(page)
    page.locator("#id_organisation").select_option(str(org_a.pk))
    page.locator("#id_category").select_option("hardware")
    page.locator("#id_title").fill("Štampač ne štampa")
    page.locator("#id_description").fill("Štampač na prvom spratu izbacuje prazne stranice.")
    page.locator("#id_asset").fill(printer.asset_tag)  # typed from the label on the printer
    page.locator("form.sd-form button[type=submit]").click()
    ticket = Ticket.objects.get()
    expect(page).to_have_url(f"{base}/podrska/{ticket.pk}/")
    expect(page.locator("h1")).to_contain_text(ticket.reference)
    axe(page)

    # IT staff pick it up in the back office: assign, reply, ask the requester (the clock pauses).
    sign_in_as(context, base, staff_with_mfa)
    page.goto(f"{base}/admin/servicedesk/tickets/")
    page.get_by_role("link", name=re.compile(re.escape(ticket.reference))).first.click()
    expect(page).to_have_url(re.compile(rf"/admin/servicedesk/tickets/{ticket.pk}/$"))
    assign = page.locator("form[aria-labelledby=sd-f-assign]")
    assign.locator("select[name=assignee]").select_option(str(staff_with_mfa.pk))
    assign.locator("button[type=submit]").click()
    message = page.locator("form[aria-labelledby=sd-f-message]")
    message.locator("textarea[name=body]").fill("Preuzeli smo zahtjev, provjeravamo toner.")
    message.locator("button[type=submit]").click()
    status = page.locator("form[aria-labelledby=sd-f-status]")
    status.locator("select[name=status]").select_option("waiting_requester")
    status.locator("textarea[name=message]").fill("Da li štampač prikazuje neku poruku na ekranu?")
    status.locator("button[type=submit]").click()
    expect(page.locator("[data-sd-remaining]")).to_contain_text(re.compile(r"\(", re.I))  # "(paused)"
    ticket.refresh_from_db()
    assert ticket.status == Status.WAITING_REQUESTER and ticket.paused_since is not None
    assert ticket.first_response_at is not None

    # The requester answers on the portal: the clock runs again.
    sign_in_as(context, base, it_contact_a)
    page.goto(f"{base}/podrska/{ticket.pk}/")
    expect(page.locator(".callout--warning")).to_be_visible()
    axe(page)
    page.locator("#id_body").fill("Piše: provjerite toner.")
    page.locator("form[action$='/odgovor/'] button[type=submit]").click()
    expect(page.locator(".sd-thread")).to_contain_text("Piše: provjerite toner.")
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS and ticket.paused_since is None

    # IT staff resolve it within the SLA; it shows in the dashboard.
    sign_in_as(context, base, staff_with_mfa)
    page.goto(f"{base}/admin/servicedesk/tickets/{ticket.pk}/")
    resolve = page.locator("form[aria-labelledby=sd-f-resolve]")
    resolve.locator("select[name=resolution_category]").select_option("fixed")
    resolve.locator("textarea[name=note]").fill("Zamijenjen toner, štampač radi.")
    resolve.locator("button[type=submit]").click()
    expect(page.locator("[data-sd-status]")).to_have_text(re.compile(".+"))
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED and ticket.resolution_met is True
    page.goto(f"{base}/admin/servicedesk/tickets/dashboard/")
    expect(page.locator("[data-sd-kpi=compliance]")).to_contain_text("100")
    expect(page.locator("svg.sd-chart").first).to_be_visible()

    # An IT contact of another organisation cannot see it.
    sign_in_as(context, base, it_contact_b)
    response = page.goto(f"{base}/podrska/{ticket.pk}/")
    assert response.status == 404
    page.goto(f"{base}/podrska/?status=all")
    expect(page.locator("#sd-tickets")).not_to_contain_text(ticket.reference)
