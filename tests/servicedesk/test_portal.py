"""The staff portal /podrska/: who sees what, filing, replies, internal notes never shown."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from infocentar.servicedesk import services
from infocentar.servicedesk.models import Status, Ticket

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_sign_in_is_required(client, ticket_a):
    for url in (
        reverse("servicedesk-index"),
        reverse("servicedesk-new"),
        reverse("servicedesk-detail", args=[ticket_a.pk]),
    ):
        response = client.get(url)
        assert (response.status_code == 302 and "/nalog/" in response["Location"]) or "login" in response["Location"]


def test_an_employee_files_a_request_about_a_printer(client, employee_a, org_a, printer_a):
    client.force_login(employee_a)
    response = client.get(reverse("servicedesk-new"))
    assert response.status_code == 200 and 'name="asset"' in response.content.decode()
    response = client.post(
        reverse("servicedesk-new"),
        {
            "organisation": org_a.pk,
            "category": "hardware",
            "title": "Štampač ne štampa",
            "description": "Od jutros ne radi.",
            "asset": " vik-pr-001 ",
            "impact": "medium",
            "urgency": "high",
            "attachments": [SimpleUploadedFile("greska.pdf", PDF, content_type="application/pdf")],
        },
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("servicedesk-detail", args=[ticket.pk])
    assert ticket.requester == employee_a and ticket.asset == printer_a and ticket.priority == "high"
    assert ticket.attachments.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert ticket.reference in page and "greska.pdf" in page


def test_bad_input_is_explained_and_nothing_is_filed(client, employee_a, org_a, org_b, printer_b):
    client.force_login(employee_a)
    response = client.post(
        reverse("servicedesk-new"),
        {"organisation": org_b.pk, "category": "x", "title": "", "description": "", "impact": "huge", "urgency": ""},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert {"organisation", "category", "title", "description", "impact", "urgency"} <= set(form.errors)
    valid = {
        "organisation": org_a.pk,
        "category": "hardware",
        "title": "T",
        "description": "D",
        "impact": "low",
        "urgency": "low",
    }
    response = client.post(reverse("servicedesk-new"), {**valid, "asset": printer_b.asset_tag})
    assert response.status_code == 400 and "asset" in response.context["form"].errors
    assert response.context["form"].errors.as_data()["asset"][0].code == "invalid_choice"
    response = client.post(reverse("servicedesk-new"), {**valid, "asset": "NEMA-TAKVOG-" + "9" * 200})
    assert response.status_code == 400 and "asset" in response.context["form"].errors
    response = client.post(
        reverse("servicedesk-new"),
        {**valid, "attachments": [SimpleUploadedFile("slika.png", b"<svg onload=alert(1)></svg>")]},
    )
    assert response.status_code == 400 and "slika.png" in response.content.decode()
    assert not Ticket.objects.exists()


def test_people_without_an_organisation_cannot_file(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("servicedesk-new")).status_code == 403


def test_employees_see_their_own_tickets_and_it_contacts_their_organisations(
    client, ticket_a, ticket_b, make_ticket, org_a, it_contact_a, it_contact_b, employee_a
):
    colleague = make_ticket(org_a, it_contact_a, title="Kolegin zahtjev")
    client.force_login(employee_a)
    page = client.get(reverse("servicedesk-index")).content.decode()
    assert ticket_a.reference in page and colleague.reference not in page and ticket_b.reference not in page
    assert client.get(reverse("servicedesk-detail", args=[colleague.pk])).status_code == 404

    client.force_login(it_contact_a)
    page = client.get(reverse("servicedesk-index")).content.decode()
    assert ticket_a.reference in page and colleague.reference in page and ticket_b.reference not in page
    assert client.get(reverse("servicedesk-detail", args=[ticket_a.pk])).status_code == 200
    assert client.get(reverse("servicedesk-detail", args=[ticket_b.pk])).status_code == 404

    client.force_login(it_contact_b)
    assert client.get(reverse("servicedesk-detail", args=[ticket_a.pk])).status_code == 404
    response = client.post(reverse("servicedesk-reply", args=[ticket_a.pk]), {"body": "upad"})
    assert response.status_code == 404
    assert not ticket_a.messages.filter(body="upad").exists()


def test_internal_notes_are_never_shown_to_requesters(client, ticket_a, it_staff, employee_a, it_contact_a):
    services.add_note(
        ticket_a,
        by=it_staff,
        body="TAJNA-BILJESKA: korisnik je sam prosuo kafu",
        attachments=[SimpleUploadedFile("interno.pdf", PDF)],
    )
    services.reply(ticket_a, by=it_staff, body="JAVNI-ODGOVOR: dolazimo")
    internal = ticket_a.attachments.get(name="interno.pdf")
    for user in (employee_a, it_contact_a):
        client.force_login(user)
        page = client.get(reverse("servicedesk-detail", args=[ticket_a.pk])).content.decode()
        assert "JAVNI-ODGOVOR" in page and "TAJNA-BILJESKA" not in page and "interno.pdf" not in page
        assert client.get(reverse("servicedesk-attachment", args=[internal.pk])).status_code == 404


def test_attachments_only_for_those_who_see_the_ticket(client, make_ticket, org_a, employee_a, it_contact_b, it_staff):
    ticket = make_ticket(org_a, employee_a, attachments=[SimpleUploadedFile("a.pdf", PDF)])
    item = ticket.attachments.get()
    client.force_login(employee_a)
    response = client.get(reverse("servicedesk-attachment", args=[item.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    client.force_login(it_contact_b)
    assert client.get(reverse("servicedesk-attachment", args=[item.pk])).status_code == 404
    client.force_login(it_staff)
    assert client.get(reverse("servicedesk-attachment", args=[item.pk])).status_code == 200


def test_requester_answers_a_waiting_ticket(client, ticket_a, it_staff, employee_a):
    services.change_status(ticket_a, Status.WAITING_REQUESTER, by=it_staff, message="Koji model?")
    client.force_login(employee_a)
    assert "čeka Vaš odgovor" in client.get(reverse("servicedesk-detail", args=[ticket_a.pk])).content.decode()
    response = client.post(reverse("servicedesk-reply", args=[ticket_a.pk]), {"body": "HP M404"})
    assert response.status_code == 302
    ticket_a.refresh_from_db()
    assert ticket_a.status == Status.IN_PROGRESS and ticket_a.paused_since is None
    assert client.post(reverse("servicedesk-reply", args=[ticket_a.pk]), {"body": "  "}).status_code == 400


def test_confirm_reopen_and_rate_from_the_portal(client, ticket_a, it_staff, employee_a):
    services.resolve(ticket_a, by=it_staff, resolution_category="fixed", note="Riješeno.")
    client.force_login(employee_a)
    assert client.post(reverse("servicedesk-reopen", args=[ticket_a.pk]), {"reason": ""}).status_code == 400
    client.post(reverse("servicedesk-reopen", args=[ticket_a.pk]), {"reason": "Ne radi."})
    ticket_a.refresh_from_db()
    assert ticket_a.status == Status.IN_PROGRESS
    services.resolve(ticket_a, by=it_staff, resolution_category="fixed", note="Sad radi.")
    client.post(reverse("servicedesk-confirm", args=[ticket_a.pk]))
    ticket_a.refresh_from_db()
    assert ticket_a.status == Status.CLOSED
    assert client.post(reverse("servicedesk-rate", args=[ticket_a.pk]), {"score": "9"}).status_code == 400
    client.post(reverse("servicedesk-rate", args=[ticket_a.pk]), {"score": "4", "comment": "Dobro"})
    ticket_a.refresh_from_db()
    assert ticket_a.satisfaction == 4


def test_huge_ids_are_not_found(client, employee_a):
    client.force_login(employee_a)
    assert client.get(f"/podrska/{2**70}/").status_code == 404
    assert client.get(f"/podrska/prilog/{2**70}/").status_code == 404


@pytest.mark.parametrize("prefix", ["", "/en", "/cir"])
def test_listing_query_count_does_not_grow(client, make_ticket, org_a, it_contact_a, prefix):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{prefix}/podrska/?status=all").status_code == 200
        return len(queries)

    client.force_login(it_contact_a)
    for _i in range(3):
        make_ticket(org_a, it_contact_a)
    count_queries()  # warm caches (calendar, site settings)
    few = count_queries()
    for _i in range(9):
        make_ticket(org_a, it_contact_a)
    assert count_queries() == few


def test_the_site_header_links_to_it_support_for_those_who_may_file(
    client, home_page, employee_a, it_staff, citizen, org_a
):
    link = f'href="{reverse("servicedesk-index")}"'
    assert link not in client.get("/").content.decode()  # anonymous
    client.force_login(citizen)
    assert link not in client.get("/").content.decode()  # no organisation: nothing to file for
    for user in (employee_a, it_staff):
        client.force_login(user)
        page = client.get("/").content.decode()
        header = page.split('class="site-header__account"', 1)[1].split("</p>", 1)[0]
        assert link in header and "IT podrška" in header, user
    org_a.is_active = False
    org_a.save()
    client.force_login(employee_a)
    assert link not in client.get("/").content.decode()  # the organisation no longer exists as such
