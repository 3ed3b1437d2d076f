"""The back office: scoped listings, detail views, exports, forms, optimistic locking, tools."""

from __future__ import annotations

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from infocentar.inventory.models import (
    ApiToken,
    AssetEventKind,
    Licence,
    MaintenanceSchedule,
    Plan,
    PlanStatus,
    SoftwareProduct,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(assets, org_a, org_b):
    product = SoftwareProduct.objects.create(name="ESET PROTECT")
    year = datetime.date.today().year + 1
    return {
        **assets,
        "licence_a": Licence.objects.create(product=product, organisation=org_a, name="ESET ViK", seats=5),
        "licence_b": Licence.objects.create(product=product, organisation=org_b, name="ESET Kultura", seats=5),
        "plan_a": Plan.objects.create(organisation=org_a, year=year),
        "plan_b": Plan.objects.create(organisation=org_b, year=year),
        "schedule_b": MaintenanceSchedule.objects.create(
            name="Servis Kultura", organisation=org_b, asset_type="printer", next_due=datetime.date.today()
        ),
        "token_b": ApiToken.create(organisation=org_b, name="Skripta Kultura")[0],
    }


def _text(response) -> str:
    return html.unescape(response.content.decode())


LISTINGS = [
    ("inventory_assets", "CZK-0001", "VIK-0001"),
    ("inventory_licences", "ESET Kultura", "ESET ViK"),
    ("inventory_plans", "Centar za kulturu", "Vodovod"),
    ("inventory_tokens", "Skripta Kultura", None),
]


@pytest.mark.parametrize(("viewset", "other", "own"), LISTINGS)
def test_it_contact_sees_only_their_organisation_in_listings_and_exports(
    mfa_client, it_contact_a, records, viewset, other, own
):
    for params, text in _listing_texts(mfa_client(it_contact_a), viewset):
        assert other not in text, params
        if own:
            assert own in text, params


def _xlsx_text(content: bytes) -> str:
    """Every cell of every sheet of a workbook, as one text."""
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for value in row
    )


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return html.unescape(content.decode("utf-8-sig"))


def _listing_texts(client, viewset: str):
    """(params, text) of a viewset's listing and of its CSV and XLSX exports, each answered with 200."""
    for params in ({}, {"export": "csv"}, {"export": "xlsx"}):
        response = client.get(reverse(f"{viewset}:index"), params)
        assert response.status_code == 200, params
        if params.get("export") == "xlsx":
            yield params, _xlsx_text(b"".join(response.streaming_content) if response.streaming else response.content)
        else:
            yield params, _body(response)


def test_information_systems_do_not_leak_between_organisations(mfa_client, it_contact_a, org_a, org_b):
    from infocentar.inventory.models import InformationSystem

    own = InformationSystem.objects.create(organisation=org_a, name="Naplata vode", owner="Služba naplate")
    other = InformationSystem.objects.create(organisation=org_b, name="Biletarnica Kultura", owner="Blagajna")
    client = mfa_client(it_contact_a)
    for params, text in _listing_texts(client, "inventory_systems"):
        assert own.name in text and other.name not in text and "Blagajna" not in text, params
    assert client.get(reverse("inventory_systems:inspect", args=[own.pk])).status_code == 200
    for view in ("inspect", "edit", "delete"):
        response = client.get(reverse(f"inventory_systems:{view}", args=[other.pk]))
        assert response.status_code in (302, 403, 404), view
        assert other.name not in _body(response)


def test_maintenance_schedules_do_not_leak_between_organisations(mfa_client, it_contact_a, records, org_a):
    own = MaintenanceSchedule.objects.create(
        name="Servis ViK", organisation=org_a, asset_type="desktop", next_due=datetime.date.today()
    )
    client = mfa_client(it_contact_a)
    for params, text in _listing_texts(client, "inventory_maintenance"):
        assert own.name in text and "Servis Kultura" not in text, params
    schedule_b = records["schedule_b"]
    for view in ("inspect", "edit", "delete"):
        assert client.get(reverse(f"inventory_maintenance:{view}", args=[schedule_b.pk])).status_code in (302, 403, 404)


def test_the_replacement_forecast_does_not_leak_between_organisations(
    mfa_client, it_contact_a, make_asset, org_a, org_b
):
    old = datetime.date(2015, 1, 1)
    make_asset(org_a, asset_tag="VIK-STARI", purchase_date=old, end_of_life=old, warranty_end=old)
    make_asset(org_b, asset_tag="CZK-STARI", purchase_date=old, end_of_life=old, warranty_end=old)
    client = mfa_client(it_contact_a)
    text = _body(client.get(reverse("inventory_forecast")))
    assert org_a.name in text and org_b.name not in text
    year = datetime.date.today().year + 1
    text = _body(client.get(reverse("inventory_forecast"), {"year": year}))
    assert org_b.name not in text


def test_an_assets_history_does_not_leak_to_another_organisation(mfa_client, it_staff, it_contact_a, records):
    from django.contrib.auth.models import Permission

    staff = mfa_client(it_staff)
    response = staff.post(
        reverse("inventory_assets:edit", args=[records["b"].pk]),
        {**_asset_form_data(staff, records["b"]), "model": "ProDesk TAJNA-IZMJENA"},
    )
    assert response.status_code == 302
    assert "TAJNA-IZMJENA" in _body(staff.get(reverse("inventory_assets:history", args=[records["b"].pk])))
    client = mfa_client(it_contact_a)
    urls = [reverse(f"inventory_assets:{view}", args=[records["b"].pk]) for view in ("history", "history_results")]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403, 404) and "TAJNA-IZMJENA" not in _body(response), url
    # IT contacts may not open the history at all; even with the permission (granted by mistake), the
    # history is of their own organisation's assets only
    it_contact_a.user_permissions.add(Permission.objects.get(codename="change_asset"))
    client = mfa_client(it_contact_a)
    assert client.get(reverse("inventory_assets:history", args=[records["a"].pk])).status_code == 200
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404 and "TAJNA-IZMJENA" not in _body(response), url


def _asset_form_data(client, asset) -> dict:
    """The edit form's own values, as the browser would post them back."""
    response = client.get(reverse("inventory_assets:edit", args=[asset.pk]))
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = value if not isinstance(value, datetime.date) else value.isoformat()
    return data


def test_shared_maintenance_schedules_show_read_only_in_an_it_contacts_calendar(
    mfa_client, it_contact_a, records, org_a
):
    """A schedule with no organisation (kept by the Information Center) applies to every organisation's
    assets of its type: the IT contact sees it in the calendar if they have such assets, cannot edit it."""
    shared = MaintenanceSchedule.objects.create(
        name="Čišćenje računara", asset_type="desktop", next_due=datetime.date.today() + datetime.timedelta(days=3)
    )
    not_theirs = MaintenanceSchedule.objects.create(
        name="Baterije UPS", asset_type="ups", next_due=datetime.date.today() + datetime.timedelta(days=3)
    )
    of_other_asset = MaintenanceSchedule.objects.create(
        name="Servis HP Kultura",
        asset=records["b"],
        asset_type="desktop",
        next_due=datetime.date.today() + datetime.timedelta(days=3),
    )
    client = mfa_client(it_contact_a)
    text = _body(client.get(reverse("inventory_calendar")))
    assert shared.name in text and not_theirs.name not in text and of_other_asset.name not in text
    assert "Servis Kultura" not in text
    for view in ("edit", "delete"):
        assert client.get(reverse(f"inventory_maintenance:{view}", args=[shared.pk])).status_code in (302, 403, 404)
    response = client.post(
        reverse("inventory_maintenance:edit", args=[shared.pk]),
        {"name": "Preoteto", "asset_type": "desktop", "interval_months": 1, "next_due": "2030-01-01"},
    )
    assert response.status_code in (302, 403, 404)
    shared.refresh_from_db()
    assert shared.name == "Čišćenje računara"


@pytest.mark.parametrize(
    ("viewset", "key", "views"),
    [
        ("inventory_assets", "b", ("inspect",)),
        ("inventory_licences", "licence_b", ("inspect",)),
        ("inventory_plans", "plan_b", ("inspect", "edit")),
        ("inventory_tokens", "token_b", ("inspect", "edit")),
        ("inventory_maintenance", "schedule_b", ("inspect",)),
    ],
)
def test_other_organisations_records_answer_404(mfa_client, it_contact_a, records, viewset, key, views):
    client = mfa_client(it_contact_a)
    for view in views:
        assert client.get(reverse(f"{viewset}:{view}", args=[records[key].pk])).status_code == 404, view


def test_tools_do_not_leak_other_organisations(mfa_client, it_contact_a, records):
    client = mfa_client(it_contact_a)
    assert client.get(reverse("inventory_licence_seats", args=[records["licence_b"].pk])).status_code == 404
    assert client.get(reverse("inventory_plan_realisation", args=[records["plan_b"].pk])).status_code == 404
    assert client.post(reverse("inventory_propose_lines", args=[records["plan_b"].pk])).status_code == 404
    assert client.post(reverse("inventory_revoke_token", args=[records["token_b"].pk])).status_code == 404
    assert "Servis Kultura" not in _text(client.get(reverse("inventory_calendar")))
    assert "ESET Kultura" not in _text(client.get(reverse("inventory_compliance")))
    assert "Centar za kulturu" not in _text(client.get(reverse("inventory_consolidated")))
    response = client.get(reverse("inventory_labels"), {"tags": "CZK-0001"})
    assert response["Content-Type"] != "application/pdf"
    # Only IT staff check equipment out and import.
    assert client.get(reverse("inventory_checkout", args=[records["a"].pk])).status_code in (302, 403)
    assert client.get(reverse("inventory_import")).status_code in (302, 403)


def test_it_contact_cannot_edit_equipment(mfa_client, it_contact_a, records):
    client = mfa_client(it_contact_a)
    response = client.get(reverse("inventory_assets:edit", args=[records["a"].pk]))
    assert response.status_code in (302, 403)


def test_outsider_and_other_staff_have_no_inventory(mfa_client, editor, records):
    client = mfa_client(editor)
    response = client.get(reverse("inventory_assets:index"))
    assert response.status_code in (302, 403)


def test_it_staff_sees_everything(mfa_client, it_staff, records):
    text = _text(mfa_client(it_staff).get(reverse("inventory_assets:index")))
    assert "VIK-0001" in text and "CZK-0001" in text


def test_asset_listing_filters_sorts_and_searches(mfa_client, it_staff, records, org_b):
    client = mfa_client(it_staff)
    text = _text(
        client.get(reverse("inventory_assets:index"), {"organisation": org_b.pk, "ordering": "-purchase_date"})
    )
    assert "CZK-0001" in text and "VIK-0001" not in text
    text = _text(client.get(reverse("inventory_assets:index"), {"q": "vik-00"}))
    assert "VIK-0001" in text and "CZK-0001" not in text
    response = client.get(reverse("inventory_assets:index"), {"status": "nonsense", "organisation": "x", "p": "abc"})
    assert response.status_code in (200, 404)


def test_asset_listing_query_count_does_not_grow(mfa_client, it_staff, make_asset, org_a, org_b):
    client = mfa_client(it_staff)
    for n in range(3):
        make_asset(org_a if n % 2 else org_b, assigned_to=it_staff)
    url = reverse("inventory_assets:index")

    def count() -> tuple[int, int]:
        """Queries of the page when the rows are counted, then with the count kept (inventory.listing)."""
        counts = []
        for _i in range(2):
            with CaptureQueriesContext(connection) as queries:
                client.get(url, {"ordering": "organisation__name"})
            counts.append(len(queries.captured_queries))
        return counts[0], counts[1]

    few = count()
    for n in range(9):
        make_asset(org_a if n % 2 else org_b, assigned_to=it_staff)
    assert count() == few


def _asset_form(asset, **changes):
    data = {
        "asset_tag": asset.asset_tag,
        "asset_type": asset.asset_type,
        "status": asset.status,
        "manufacturer": asset.manufacturer,
        "model": asset.model,
        "serial": asset.serial,
        "organisation": asset.organisation_id,
        "building": "",
        "floor": "",
        "room": "",
        "assigned_to": "",
        "purchase_date": asset.purchase_date.isoformat() if asset.purchase_date else "",
        "cost": "",
        "supplier": "",
        "invoice": "",
        "warranty_end": "",
        "end_of_life": "",
        "plan_line": "",
        "operating_system": "",
        "os_version": "",
        "hostname": "",
        "notes": "",
        "expected_version": asset.version,
    }
    data.update(changes)
    return data


def test_edit_through_admin_is_audited_and_in_history(mfa_client, it_staff, records):
    asset = records["a"]
    client = mfa_client(it_staff)
    response = client.post(reverse("inventory_assets:edit", args=[asset.pk]), _asset_form(asset, room="7"))
    assert response.status_code == 302, _text(response)[:3000]
    asset.refresh_from_db()
    assert asset.room == "7" and asset.version == 2
    assert asset.events.filter(kind=AssetEventKind.MOVED).exists()
    assert ModelLogEntry.objects.filter(object_id=str(asset.pk), action="wagtail.edit").exists()


def test_two_staff_editing_the_same_asset_do_not_overwrite_each_other(mfa_client, it_staff, records):
    asset = records["a"]
    client = mfa_client(it_staff)
    first = _asset_form(asset, room="1")
    second = _asset_form(asset, room="2")  # opened at the same version
    assert client.post(reverse("inventory_assets:edit", args=[asset.pk]), first).status_code == 302
    response = client.post(reverse("inventory_assets:edit", args=[asset.pk]), second)
    assert response.status_code == 200
    assert "Someone else changed this record" in _text(response) or "Neko drugi" in _text(response)
    asset.refresh_from_db()
    assert asset.room == "1"


def test_duplicate_tag_in_admin_names_the_existing_asset(mfa_client, it_staff, records):
    client = mfa_client(it_staff)
    data = _asset_form(records["a"], asset_tag="CZK-0001")
    response = client.post(reverse("inventory_assets:edit", args=[records["a"].pk]), data)
    assert response.status_code == 200
    assert "CZK-0001 — HP ProDesk Kultura" in _text(response)


def test_it_contact_drafts_and_submits_plan_but_cannot_approve(mfa_client, it_contact_a, records):
    plan = records["plan_a"]
    client = mfa_client(it_contact_a)
    url = reverse("inventory_plans:edit", args=[plan.pk])
    base = {
        "organisation": plan.organisation_id,
        "year": plan.year,
        "notes": "",
        "review_notes": "",
        "expected_version": plan.version,
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-item": "Laptop",
        "lines-0-category": "computers",
        "lines-0-asset_type": "laptop",
        "lines-0-quantity": "2",
        "lines-0-estimated_cost": "1800",
        "lines-0-justification": "Teren",
        "lines-0-priority": "high",
        "lines-0-approved_quantity": "",
        "lines-0-approved_cost": "",
        "lines-0-ORDER": "1",
        "lines-0-id": "",
        "lines-0-DELETE": "",
    }
    response = client.post(url, {**base, "status": PlanStatus.APPROVED})
    assert response.status_code == 200  # not a choice for a contact
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    response = client.post(url, {**base, "status": PlanStatus.SUBMITTED})
    assert response.status_code == 302, _text(response)[:3000]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED and plan.lines.count() == 1 and plan.submitted_at
    # Submitted: the contact can no longer change it.
    line = plan.lines.get()
    again = {
        **base,
        "status": PlanStatus.SUBMITTED,
        "expected_version": plan.version,
        "lines-INITIAL_FORMS": "1",
        "lines-0-id": line.pk,
        "lines-0-quantity": "9",
    }
    assert client.post(url, again).status_code == 200
    assert plan.lines.get().quantity == 2


def test_token_is_shown_once_and_stored_hashed(mfa_client, it_contact_a, org_a):
    client = mfa_client(it_contact_a)
    response = client.post(
        reverse("inventory_tokens:add"),
        {"name": "Skripta", "organisation": org_a.pk, "scopes": ["inventory:read", "inventory:write"]},
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(name="Skripta")
    text = _text(response)
    secret = text.split('id="token-secret" type="text" readonly value="')[1].split('"')[0]
    assert secret.startswith("ict_") and secret not in token.key_hash
    assert token.created_by == it_contact_a
    response = client.post(reverse("inventory_revoke_token", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_check_out_and_check_in_from_the_admin(mfa_client, it_staff, it_contact_a, records):
    client = mfa_client(it_staff)
    asset = records["a"]
    response = client.post(reverse("inventory_checkout", args=[asset.pk]), {"recipient": it_contact_a.pk})
    assert response.status_code == 302
    assert client.get(asset.get_admin_url()).status_code == 200
    response = client.post(reverse("inventory_checkin", args=[asset.pk]))
    asset.refresh_from_db()
    assert asset.assigned_to is None
    response = client.post(reverse("inventory_checkout", args=[asset.pk]), {})
    assert response.status_code == 200  # a person or a location is needed


def test_labels_pdf_has_a_page_of_labels(mfa_client, it_staff, records):
    response = mfa_client(it_staff).get(reverse("inventory_labels"), {"tags": "VIK-0001 CZK-0001"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-1.4") and b"/Count 1" in response.content


def test_labels_with_bad_input_say_why(mfa_client, it_staff, records):
    response = mfa_client(it_staff).get(reverse("inventory_labels"), {"tags": "NIJEDAN", "asset_type": "boat"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_licence_seats_screen(mfa_client, it_staff, records):
    client = mfa_client(it_staff)
    licence = records["licence_a"]
    response = client.post(reverse("inventory_licence_seats", args=[licence.pk]), {"asset": "VIK-0001"})
    assert response.status_code == 302
    assert licence.assignments.count() == 1
    response = client.post(reverse("inventory_licence_seats", args=[licence.pk]), {"asset": "CZK-0001"})
    assert response.status_code == 200 and licence.assignments.count() == 1


def test_licence_listing_compliance_filter(mfa_client, it_staff, records):
    Licence.objects.filter(pk=records["licence_b"].pk).update(expires_on=datetime.date(2020, 1, 1))
    text = _text(mfa_client(it_staff).get(reverse("inventory_licences:index"), {"compliance": "expired"}))
    assert "ESET Kultura" in text and "ESET ViK" not in text


def test_other_pages_render(mfa_client, it_staff, records):
    client = mfa_client(it_staff)
    for name in (
        "inventory_calendar",
        "inventory_compliance",
        "inventory_consolidated",
        "inventory_forecast",
        "inventory_import",
    ):
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("inventory_consolidated"), {"year": "abc"}).status_code == 200
    assert client.get(reverse("inventory_plan_realisation", args=[records["plan_a"].pk])).status_code == 200
    assert client.get(reverse("inventory_maintenance:index")).status_code == 200
    assert client.get(reverse("inventory_systems:index")).status_code == 200
    assert client.get(reverse("inventory_software:index")).status_code == 200


def test_mayors_office_sees_the_consolidated_plan_of_every_organisation(mfa_client, records, org_a, org_b):
    from infocentar.core.models import OrganisationKind, Role
    from infocentar.inventory.models import PlanLine

    from ..factories import OrganisationFactory, member_of

    office = OrganisationFactory(name="Kabinet predsjednika", slug="kabinet", kind=OrganisationKind.ORGAN)
    mayor = member_of("kabinet", office, Role.MAYORS_OFFICE)
    PlanLine.objects.create(plan=records["plan_b"], item="Projektor", category="displays", estimated_cost=700)
    client = mfa_client(mayor)
    text = _text(client.get(reverse("inventory_consolidated"), {"year": records["plan_b"].year}))
    assert "Centar za kulturu" in text and "700" in text
    # …but none of the equipment or the plans themselves.
    assert client.get(reverse("inventory_assets:index")).status_code in (302, 403)


def test_import_page_lists_the_users_recent_imports(mfa_client, it_staff, org_a):
    from infocentar.inventory.models import ImportRun

    ImportRun.objects.create(kind="assets", file_name="popis-2026.csv", user=it_staff, imported_rows=12)
    assert "popis-2026.csv" in _text(mfa_client(it_staff).get(reverse("inventory_import")))


def test_dashboard_panel_counts_only_the_users_organisations(mfa_client, it_contact_a, records):
    Licence.objects.filter(pk=records["licence_b"].pk).update(expires_on=datetime.date(2020, 1, 1))
    text = _text(mfa_client(it_contact_a).get(reverse("wagtailadmin_home")))
    assert 'data-kind="expired" data-count="0"' in text
    Licence.objects.filter(pk=records["licence_a"].pk).update(expires_on=datetime.date(2020, 1, 1))
    text = _text(mfa_client(it_contact_a).get(reverse("wagtailadmin_home")))
    assert 'data-kind="expired" data-count="1"' in text


def test_the_asset_page_links_its_tickets(mfa_client, it_staff, it_contact_a, records, org_a):
    from infocentar.servicedesk import services as desk
    from infocentar.servicedesk.models import Ticket

    ticket = desk.file_ticket(
        organisation=org_a,
        requester=it_contact_a,
        by=it_contact_a,
        title="Računar se gasi",
        description="Sam od sebe.",
        category="hardware",
        impact="low",
        urgency="low",
        asset=records["a"],
    )
    assert ticket.get_admin_url() == reverse("servicedesk_admin:work", args=[ticket.pk])
    url = reverse("inventory_assets:inspect", args=[records["a"].pk])
    staff = mfa_client(it_staff)
    page = staff.get(url).content.decode()
    assert f'<a href="{ticket.get_admin_url()}">{ticket.reference}' in page
    assert staff.get(ticket.get_admin_url()).status_code == 200
    # the organisation's IT contact cannot open the back-office work page: the link goes to the portal
    contact = mfa_client(it_contact_a)
    page = contact.get(url).content.decode()
    assert f'<a href="{ticket.get_portal_url()}">{ticket.reference}' in page and ticket.get_admin_url() not in page
    assert contact.get(ticket.get_portal_url()).status_code == 200
    assert Ticket.objects.count() == 1
