"""Assets, history, check-out, licences, plans and maintenance through the services."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from infocentar.inventory import services
from infocentar.inventory.models import (
    Asset,
    AssetEventKind,
    AssetStatus,
    AssetType,
    CheckoutState,
    Licence,
    LicenceAssignment,
    MaintenanceRun,
    MaintenanceSchedule,
    Plan,
    PlanLine,
    PlanStatus,
    SoftwareProduct,
)

pytestmark = pytest.mark.django_db


def test_str_and_admin_url(assets):
    assert str(assets["a"]) == "VIK-0001 — Dell OptiPlex Vodovod"
    assert assets["a"].get_admin_url() == f"/admin/inventory/assets/inspect/{assets['a'].pk}/"


def test_expected_end_of_life_from_type_unless_set(make_asset, org_a):
    laptop = make_asset(org_a, asset_type=AssetType.LAPTOP, purchase_date=datetime.date(2020, 2, 29))
    assert laptop.expected_end_of_life == datetime.date(2025, 2, 28)
    laptop.end_of_life = datetime.date(2030, 1, 1)
    assert laptop.expected_end_of_life == datetime.date(2030, 1, 1)


def test_duplicate_tag_and_serial_are_refused_naming_the_existing_record(assets, org_b):
    duplicate = Asset(organisation=org_b, asset_tag="vik-0001", asset_type=AssetType.PRINTER)
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "VIK-0001 — Dell OptiPlex Vodovod" in str(excinfo.value.message_dict["asset_tag"])
    clash = Asset(
        organisation=org_b,
        asset_tag="NEW-1",
        asset_type=AssetType.DESKTOP,
        manufacturer="dell",
        serial=assets["a"].serial,
    )
    with pytest.raises(ValidationError) as excinfo:
        clash.full_clean()
    assert "VIK-0001" in str(excinfo.value.message_dict["serial"])
    # The same serial of another manufacturer is another machine.
    Asset(
        organisation=org_b, asset_tag="NEW-2", asset_type=AssetType.DESKTOP, manufacturer="HP", serial="SN-X"
    ).full_clean()


def test_save_asset_writes_history_and_audit_and_refuses_a_stale_version(assets, it_staff, it_contact_a):
    asset = assets["a"]
    asset.room = "12"
    asset.assigned_to = it_contact_a
    services.save_asset(asset, by=it_staff, expected_version=1)
    kinds = set(asset.events.values_list("kind", flat=True))
    assert {AssetEventKind.MOVED, AssetEventKind.ASSIGNED} <= kinds
    entry = ModelLogEntry.objects.filter(object_id=str(asset.pk), action="wagtail.edit").latest("timestamp")
    assert entry.data["changes"]["room"] == ["", "12"]
    asset.refresh_from_db()
    assert asset.version == 2
    stale = Asset.objects.get(pk=asset.pk)
    stale.notes = "old copy"
    with pytest.raises(services.StaleRecord):
        services.save_asset(stale, by=it_staff, expected_version=1)
    assert Asset.objects.get(pk=asset.pk).notes == ""


def test_check_out_to_a_person_with_acceptance_by_e_mail_then_check_in(
    assets, it_staff, it_contact_a, django_capture_on_commit_callbacks
):
    asset = assets["a"]
    with django_capture_on_commit_callbacks(execute=True):
        checkout = services.check_out(asset, by=it_staff, recipient=it_contact_a, note="Za teren")
    asset.refresh_from_db()
    assert asset.assigned_to == it_contact_a
    assert checkout.state == CheckoutState.PENDING
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = next(word for word in body.split() if "/oprema/prihvatanje/" in word)
    assert link.startswith("http")
    token = link.rstrip("/").rsplit("/", 1)[-1]
    with pytest.raises(ValidationError):
        services.check_out(asset, by=it_staff, location="Magacin")  # already out
    found = services.checkout_for_token(token)
    assert found == checkout
    services.answer_checkout(found, user=it_contact_a, accept=True)
    checkout.refresh_from_db()
    assert checkout.state == CheckoutState.ACCEPTED
    services.check_in(asset, by=it_staff)
    asset.refresh_from_db()
    assert asset.assigned_to is None and asset.status == AssetStatus.IN_STOCK
    kinds = list(asset.events.values_list("kind", flat=True))
    assert {AssetEventKind.CHECKED_OUT, AssetEventKind.ACCEPTED, AssetEventKind.CHECKED_IN} <= set(kinds)


def test_check_out_needs_a_person_or_a_location(assets, it_staff):
    with pytest.raises(ValidationError):
        services.check_out(assets["a"], by=it_staff, location="  ")


def test_licence_compliance_and_seats(assets, org_a, it_staff, make_asset):
    product = SoftwareProduct.objects.create(name="Microsoft 365")
    today = datetime.date.today()
    licence = Licence.objects.create(
        product=product, organisation=org_a, seats=1, expires_on=today + datetime.timedelta(days=30)
    )
    assert licence.compliance == "expiring"
    services.assign_licence(licence, by=it_staff, asset=assets["a"])
    with pytest.raises(ValidationError):
        services.assign_licence(licence, by=it_staff, asset=make_asset(org_a))  # no seat left
    with pytest.raises(ValidationError):
        services.assign_licence(licence, by=it_staff, asset=assets["b"])  # another organisation's asset
    LicenceAssignment.objects.create(licence=licence, asset=make_asset(org_a))  # e.g. imported
    licence = Licence.objects.with_usage().get(pk=licence.pk)
    assert licence.compliance == "over"
    expired = Licence.objects.create(
        product=product, organisation=org_a, seats=5, expires_on=today - datetime.timedelta(days=1)
    )
    assert expired.compliance == "expired"
    assert list(Licence.objects.expired()) == [expired]
    assert list(Licence.objects.expiring()) == [licence]


def test_plan_workflow_by_role(org_a, it_contact_a, it_staff):
    plan = Plan.objects.create(organisation=org_a, year=datetime.date.today().year + 1)
    with pytest.raises(ValidationError):
        services.change_plan_status(plan, PlanStatus.APPROVED, by=it_contact_a)
    services.change_plan_status(plan, PlanStatus.SUBMITTED, by=it_contact_a)
    assert plan.submitted_at is not None
    with pytest.raises(ValidationError):
        services.change_plan_status(plan, PlanStatus.DRAFT, by=it_contact_a)
    services.change_plan_status(plan, PlanStatus.APPROVED, by=it_staff)
    assert plan.status == PlanStatus.APPROVED and plan.approved_at is not None


def test_replacement_forecast_proposes_lines_and_realisation(make_asset, org_a, it_staff):
    year = datetime.date.today().year + 1
    for _ in range(3):
        make_asset(org_a, asset_type=AssetType.PRINTER, purchase_date=datetime.date(2010, 1, 1), cost=Decimal("300"))
    make_asset(
        org_a,
        asset_type=AssetType.PRINTER,
        purchase_date=datetime.date.today(),
        warranty_end=datetime.date(2000 + 30, 1, 1),
    )
    make_asset(org_a, asset_type=AssetType.UPS, purchase_date=datetime.date(2010, 1, 1), status=AssetStatus.RETIRED)
    plan = Plan.objects.create(organisation=org_a, year=year)
    lines = services.propose_replacement_lines(plan, by=it_staff)
    assert len(lines) == 1
    line = lines[0]
    assert (line.asset_type, line.quantity, line.estimated_cost) == (AssetType.PRINTER, 3, Decimal("900"))
    assert services.propose_replacement_lines(plan, by=it_staff) == []  # once per type
    bought = make_asset(org_a, asset_type=AssetType.PRINTER, purchase_date=datetime.date.today())
    bought.plan_line = line
    bought.save()
    realisation = services.plan_realisation(plan)
    assert (realisation["planned"], realisation["bought"], realisation["percent"]) == (3, 1, 33)


def test_consolidated_plan_totals_by_organisation_and_category(org_a, org_b):
    year = datetime.date.today().year + 1
    plan_a = Plan.objects.create(organisation=org_a, year=year, status=PlanStatus.APPROVED)
    plan_b = Plan.objects.create(organisation=org_b, year=year)
    PlanLine.objects.create(
        plan=plan_a,
        item="PC",
        category="computers",
        quantity=4,
        estimated_cost=Decimal("3000"),
        approved_quantity=3,
        approved_cost=Decimal("2400"),
    )
    PlanLine.objects.create(plan=plan_a, item="UPS", category="power", quantity=1, estimated_cost=Decimal("500"))
    PlanLine.objects.create(plan=plan_b, item="PC", category="computers", quantity=2, estimated_cost=Decimal("1500"))
    data = services.consolidated_plan(year)
    assert data["total_cost"] == Decimal("4400")
    assert data["total_quantity"] == 6
    by_category = {row["category"]: row["cost"] for row in data["by_category"]}
    assert by_category == {"computers": Decimal("3900"), "power": Decimal("500")}
    only_a = services.consolidated_plan(year, organisation_ids=[org_a.pk])
    assert only_a["total_cost"] == Decimal("2900")


def test_maintenance_job_opens_tickets_once_and_moves_the_due_date(make_asset, org_a, org_b, monkeypatch):
    opened = []

    class FakeTicket:
        def __init__(self, pk):
            self.pk = pk

    def fake_open_ticket(**kwargs):
        opened.append(kwargs)
        return FakeTicket(len(opened))

    monkeypatch.setattr(services, "_open_ticket", fake_open_ticket)
    today = datetime.date.today()
    make_asset(org_a, asset_type=AssetType.UPS)
    make_asset(org_a, asset_type=AssetType.UPS)
    make_asset(org_b, asset_type=AssetType.UPS)
    make_asset(org_b, asset_type=AssetType.UPS, status=AssetStatus.DISPOSED)
    schedule = MaintenanceSchedule.objects.create(
        name="Baterije UPS", asset_type=AssetType.UPS, interval_months=24, next_due=today
    )
    services.run_due_maintenance(today)
    assert len(opened) == 2  # a ticket per organisation
    assert {o["organisation"] for o in opened} == {org_a, org_b}
    assert all(o["source"] == "maintenance" for o in opened)
    schedule.refresh_from_db()
    assert schedule.next_due > today
    services.run_due_maintenance(today)
    assert len(opened) == 2
    assert MaintenanceRun.objects.filter(ticket_id__isnull=False).count() == 2
    call_command("run_periodic", force=True)
    assert len(opened) == 2


def test_maintenance_calendar_lists_the_coming_months():
    today = datetime.date(2026, 1, 15)
    schedule = MaintenanceSchedule(
        name="Serveri", asset_type=AssetType.SERVER, interval_months=3, next_due=datetime.date(2026, 2, 1)
    )
    months = services.maintenance_calendar([schedule], today, 12)
    due = [day for month in months for day, _s in month["items"]]
    assert due == [
        datetime.date(2026, 2, 1),
        datetime.date(2026, 5, 1),
        datetime.date(2026, 8, 1),
        datetime.date(2026, 11, 1),
    ]


def test_demo_data_is_big_enough_and_idempotent():
    import io

    from django.core.management.color import no_style

    from infocentar.core import demo as core_demo
    from infocentar.core.models import Organisation
    from infocentar.inventory import demo

    out = io.StringIO()
    core_demo.seed(out, no_style())
    demo.seed(out, no_style())
    assets, licences = Asset.objects.count(), Licence.objects.count()
    assert assets >= 600 and licences >= 40
    year = datetime.date.today().year + 1
    assert Plan.objects.filter(year=year).count() == Organisation.objects.filter(is_active=True).count()
    assert MaintenanceSchedule.objects.count() >= 4
    demo.seed(out, no_style())
    assert (Asset.objects.count(), Licence.objects.count()) == (assets, licences)


def test_a_far_overdue_schedule_opens_one_real_ticket_and_moves_past_today(make_asset, org_a, org_b):
    """End to end with the service desk's real tickets (no fake opener)."""
    from infocentar.servicedesk.models import Ticket

    today = datetime.date(2026, 6, 15)
    make_asset(org_a, asset_type=AssetType.UPS, asset_tag="VIK-UPS-1")
    printer = make_asset(org_b, asset_type=AssetType.PRINTER, asset_tag="CZK-PR-9")
    by_type = MaintenanceSchedule.objects.create(
        name="Baterije UPS", asset_type=AssetType.UPS, interval_months=1, next_due=datetime.date(2024, 1, 31)
    )
    one_asset = MaintenanceSchedule.objects.create(
        name="Servis štampača",
        organisation=org_b,
        asset=printer,
        interval_months=3,
        next_due=datetime.date(2025, 1, 10),
    )

    services.run_due_maintenance(today)

    tickets = Ticket.objects.order_by("organisation__name")
    assert tickets.count() == 2  # one per schedule, not one per missed month (29 and 6 were missed)
    ups = Ticket.objects.get(organisation=org_a)
    assert ups.source == "maintenance" and "31.01.2024" in ups.description and "31.05.2026" in ups.title
    assert Ticket.objects.get(organisation=org_b).asset == printer
    by_type.refresh_from_db()
    one_asset.refresh_from_db()
    assert by_type.next_due == datetime.date(2026, 6, 30) and by_type.next_due > today
    assert one_asset.next_due == datetime.date(2026, 7, 10) and one_asset.next_due > today
    assert MaintenanceRun.objects.filter(ticket_id__isnull=False).count() == 2

    services.run_due_maintenance(today)
    services.run_due_maintenance(today + datetime.timedelta(days=1))
    assert Ticket.objects.count() == 2
