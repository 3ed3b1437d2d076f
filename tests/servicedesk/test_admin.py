"""The back office: listing scoped and with a flat query count, export, work page, dashboard."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from infocentar.core.models import Role
from infocentar.servicedesk import services
from infocentar.servicedesk.models import Status, Ticket, TicketMessage

INDEX = "/admin/servicedesk/tickets/"


def test_it_staff_see_every_organisations_tickets(mfa_client, it_staff, ticket_a, ticket_b):
    client = mfa_client(it_staff)
    page = client.get(INDEX).content.decode()
    assert ticket_a.title in page and ticket_b.title in page
    assert client.get(reverse("servicedesk_admin:work", args=[ticket_b.pk])).status_code == 200


def test_others_cannot_reach_the_back_office_tickets(mfa_client, it_contact_b, editor, ticket_a):
    for user in (it_contact_b, editor):
        client = mfa_client(user)
        assert client.get(INDEX).status_code in (302, 403)
        assert client.get(reverse("servicedesk_admin:work", args=[ticket_a.pk])).status_code in (302, 403)
        assert client.get(INDEX + "?export=csv").status_code in (302, 403)
        assert client.get(reverse("servicedesk_admin:dashboard")).status_code in (302, 403)
        response = client.post(
            reverse("servicedesk_admin:work", args=[ticket_a.pk]), {"action": "message", "body": "upad"}
        )
        assert response.status_code in (302, 403)
    assert not TicketMessage.objects.filter(body="upad").exists()


def test_listing_filters_sorts_and_keeps_the_query_count(mfa_client, it_staff, make_ticket, org_a, employee_a):
    client = mfa_client(it_staff)

    def count(url) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    url = INDEX + "?status=new&ordering=-priority_rank"
    for _i in range(3):
        make_ticket(org_a, employee_a)
    few = count(url), count(url)  # the rows counted, then the count kept (inventory.listing)
    for _i in range(12):
        make_ticket(org_a, employee_a, title="Još jedan")
    assert (count(url), count(url)) == few


def test_listing_search_and_sort_by_time_left(mfa_client, it_staff, ticket_a, ticket_b):
    client = mfa_client(it_staff)
    page = client.get(INDEX + "?q=Mreža").content.decode()
    assert ticket_b.reference in page and ticket_a.reference not in page
    assert client.get(INDEX + "?ordering=resolution_due_at").status_code == 200
    assert client.get(INDEX + "?ordering=-priority_rank&status=nonsense").status_code == 200


def test_export_csv_and_xlsx(mfa_client, it_staff, ticket_a, ticket_b):
    client = mfa_client(it_staff)
    response = client.get(INDEX + "?export=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig") if response.streaming else response.content.decode()
    assert ticket_a.reference in body and ticket_b.reference in body
    response = client.get(INDEX + "?export=xlsx")
    assert response.status_code == 200 and "spreadsheet" in response["Content-Type"]


def test_work_page_reply_note_assign_status_resolve(mfa_client, it_staff, ticket_a):
    client = mfa_client(it_staff)
    url = reverse("servicedesk_admin:work", args=[ticket_a.pk])
    v = ticket_a.version
    assert client.post(url, {"action": "assign", "assignee": it_staff.pk, "version": v}).status_code == 302
    assert (
        client.post(url, {"action": "message", "body": "Bilješka", "internal": "on", "version": v + 1}).status_code
        == 302
    )
    assert client.post(url, {"action": "message", "body": "Odgovor", "version": v + 2}).status_code == 302
    assert client.post(url, {"action": "status", "status": "waiting_supplier", "version": v + 3}).status_code == 302
    ticket_a.refresh_from_db()
    assert ticket_a.status == Status.WAITING_SUPPLIER and ticket_a.assignee == it_staff
    assert ticket_a.messages.filter(kind="note", body="Bilješka").exists()
    response = client.post(
        url, {"action": "resolve", "resolution_category": "", "note": "", "version": ticket_a.version}
    )
    assert response.status_code == 400
    response = client.post(
        url, {"action": "resolve", "resolution_category": "fixed", "note": "Gotovo", "version": ticket_a.version}
    )
    assert response.status_code == 302
    ticket_a.refresh_from_db()
    assert ticket_a.status == Status.RESOLVED
    page = client.get(url).content.decode()
    assert "Bilješka" in page  # staff see internal notes


def test_two_staff_do_not_overwrite_each_other(mfa_client, it_staff, it_staff_2, ticket_a):
    url = reverse("servicedesk_admin:work", args=[ticket_a.pk])
    seen = ticket_a.version
    services.assign(ticket_a, by=it_staff_2, assignee=it_staff_2, expected_version=seen)
    client = mfa_client(it_staff)
    response = client.post(url, {"action": "assign", "assignee": it_staff.pk, "version": seen})
    assert response.status_code == 409
    assert ticket_a.reference in response.content.decode()
    ticket_a.refresh_from_db()
    assert ticket_a.assignee == it_staff_2


def test_filing_on_behalf_after_a_phone_call(mfa_client, it_staff, org_a, employee_a):
    client = mfa_client(it_staff)
    url = reverse("servicedesk_admin:add")
    assert client.get(url).status_code == 200
    response = client.post(url, {"organisation": org_a.pk, "category": "network", "title": "", "description": ""})
    assert response.status_code == 400 and not Ticket.objects.exists()
    response = client.post(
        url,
        {
            "organisation": org_a.pk,
            "requester": employee_a.email.upper(),
            "source": "phone",
            "category": "network",
            "title": "Nema mreže",
            "description": "Pozvala telefonom",
            "impact": "high",
            "urgency": "high",
        },
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and ticket.source == "phone" and ticket.created_by == it_staff
    assert ticket.requester == employee_a
    assert ModelLogEntry.objects.filter(action="servicedesk.file", user=it_staff).exists()


def test_bad_work_input(mfa_client, it_staff, ticket_a):
    client = mfa_client(it_staff)
    url = reverse("servicedesk_admin:work", args=[ticket_a.pk])
    assert client.post(url, {"action": "nonsense"}).status_code == 302
    assert client.post(url, {"action": "merge", "into": "SD-999999"}).status_code == 400
    assert client.post(url, {"action": "merge", "into": "abc"}).status_code == 400
    assert client.post(url, {"action": "status", "status": "closed"}).status_code == 400
    assert client.get(reverse("servicedesk_admin:work", args=[2**70])).status_code == 404


def test_dashboard_shows_sla_and_exports(mfa_client, it_staff, ticket_a, ticket_b):
    services.resolve(ticket_a, by=it_staff, resolution_category="fixed", note="Gotovo")
    client = mfa_client(it_staff)
    url = reverse("servicedesk_admin:dashboard")
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200 and "<svg" in page and 'data-sd-kpi="compliance">100' in page
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "," not in svg.split("<title>")[0]  # SVG coordinates are never localised
    assert "style=" not in page.split("<main", 1)[-1].split("sd-chart", 1)[-1][:2000]
    csv = client.get(url + "?export=csv")
    assert csv.status_code == 200 and "Centar za kulturu" in csv.content.decode("utf-8-sig")
    assert client.get(url + "?export=xlsx").status_code == 200
    assert client.get(url + "?organisation=abc&team=99999999999999999999").status_code == 200


def test_dashboard_query_count_does_not_grow(mfa_client, it_staff, make_ticket, org_a, employee_a):
    client = mfa_client(it_staff)
    url = reverse("servicedesk_admin:dashboard")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    make_ticket(org_a, employee_a)
    count()
    few = count()
    for _i in range(10):
        make_ticket(org_a, employee_a)
    assert count() == few


def test_history_shows_the_audit_entries(mfa_client, it_staff, ticket_a):
    services.assign(ticket_a, by=it_staff, assignee=it_staff)
    client = mfa_client(it_staff)
    response = client.get(reverse("servicedesk_admin:history", args=[ticket_a.pk]))
    assert response.status_code == 200


def test_filing_on_behalf_explains_an_unknown_requester_or_asset(mfa_client, it_staff, org_a, org_b, employee_b):
    from infocentar.inventory.models import Asset

    Asset.objects.create(organisation=org_b, asset_tag="CZK-LT-001", asset_type="laptop")
    client = mfa_client(it_staff)
    base = {
        "organisation": org_a.pk,
        "source": "phone",
        "category": "hardware",
        "title": "Laptop",
        "description": "Ne pali se",
        "impact": "low",
        "urgency": "low",
    }
    for field, value in (
        ("requester", "niko@nigdje.me"),
        ("requester", employee_b.email),
        ("asset", "NEMA-0001"),
        ("asset", "CZK-LT-001"),
    ):
        data = {**base, "requester_name": "Pozivalac", field: value}
        response = client.post(reverse("servicedesk_admin:add"), data)
        assert response.status_code == 400 and field in response.context["form"].errors, (field, value)
    assert not Ticket.objects.exists()


def _bulk_assets(organisation, count, start=0):
    from infocentar.inventory.models import Asset

    Asset.objects.bulk_create(
        Asset(organisation=organisation, asset_tag=f"SC-{start + n:06d}", asset_type="laptop") for n in range(count)
    )


def _measure(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(response.content), len(queries)


def test_filing_forms_do_not_grow_with_the_number_of_assets_or_people(mfa_client, it_staff, it_contact_a, org_a):
    """The on-behalf form (every organisation) and the portal form (an IT contact's) list no assets or people."""
    from ..factories import member_of

    staff = mfa_client(it_staff)
    on_behalf = reverse("servicedesk_admin:add")
    _bulk_assets(org_a, 5)
    staff.get(on_behalf)
    small = _measure(staff, on_behalf)
    _bulk_assets(org_a, 400, start=5)
    for n in range(30):
        member_of(f"clan-{n}", org_a, Role.MEMBER)
    large = _measure(staff, on_behalf)
    assert large[1] == small[1] and abs(large[0] - small[0]) < 200, (small, large)
    assert "SC-000300" not in staff.get(on_behalf).content.decode()

    portal = Client()
    portal.force_login(it_contact_a)
    portal.get(reverse("servicedesk-new"))  # the first page of a session also reads and caches what it needs
    small = _measure(portal, reverse("servicedesk-new"))
    _bulk_assets(org_a, 400, start=1000)
    large = _measure(portal, reverse("servicedesk-new"))
    assert large[1] == small[1] and abs(large[0] - small[0]) < 200, (small, large)


def test_the_monthly_chart_shows_resolved_tickets_beside_filed_ones(
    mfa_client, it_staff, make_ticket, org_a, employee_a, time_machine
):
    from infocentar.servicedesk import reports

    from .conftest import local

    time_machine.move_to(local(2026, 3, 10, 9))
    march = [make_ticket(org_a, employee_a) for _i in range(3)]
    services.resolve(march[0], by=it_staff, resolution_category="fixed", note="Gotovo")
    time_machine.move_to(local(2026, 4, 7, 10))
    make_ticket(org_a, employee_a)
    for ticket in march[1:]:
        services.resolve(ticket, by=it_staff, resolution_category="fixed", note="Gotovo")

    data = reports.overview(Ticket.objects.all())
    chart = next(item for item in reports.charts(data) if item["id"] == "filed")["chart"]
    filed = [bar["value"] for bar in chart["bars"] if bar["css_class"] == "bar"]
    resolved = [bar["value"] for bar in chart["bars"] if "bar--alt" in bar["css_class"]]
    assert filed[-2:] == [3, 1] and resolved[-2:] == [1, 2] and sum(resolved) == 3
    assert len(chart["legend"]) == 2  # the series are named in text, not told apart by colour alone

    page = mfa_client(it_staff).get(reverse("servicedesk_admin:dashboard")).content.decode()
    assert 'class="bar bar--alt"' in page and 'class="sd-legend"' in page and "03/26: 1</title>" in page


def test_classifying_takes_the_equipment_as_a_typed_asset_tag(mfa_client, it_staff, ticket_a, printer_a, printer_b):
    client = mfa_client(it_staff)
    url = reverse("servicedesk_admin:work", args=[ticket_a.pk])
    base = {"action": "classify", "title": ticket_a.title, "category": "hardware", "impact": "low", "urgency": "low"}
    response = client.post(url, {**base, "asset": printer_b.asset_tag, "version": ticket_a.version})
    assert response.status_code == 400  # another organisation's printer
    response = client.post(url, {**base, "asset": "vik-pr-001", "version": ticket_a.version})
    assert response.status_code == 302
    ticket_a.refresh_from_db()
    assert ticket_a.asset == printer_a
    assert 'value="VIK-PR-001"' in client.get(url).content.decode()  # the form shows the tag, not the id
