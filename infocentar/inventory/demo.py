"""Demo data of the inventory (discovered by `manage.py seed_demo`): idempotent.

About 20–60 assets per organisation (≥ 600 in all) with realistic models and ages, information
systems, ≥ 40 licences with seats, a plan per organisation for next year, maintenance schedules.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from infocentar.core.demo import report
from infocentar.core.models import Organisation, OrganisationKind

from . import listing, services
from .models import (
    Asset,
    AssetEvent,
    AssetEventKind,
    AssetStatus,
    AssetType,
    InformationSystem,
    Licence,
    LicenceAssignment,
    MaintenanceSchedule,
    Plan,
    PlanCategory,
    PlanLine,
    PlanStatus,
    Priority,
    SoftwareProduct,
)

# (type, manufacturer, model, price EUR, operating system)
MODELS = [
    (AssetType.DESKTOP, "Dell", "OptiPlex 3080", 640, "Windows 10 Pro"),
    (AssetType.DESKTOP, "Dell", "OptiPlex 7010", 820, "Windows 11 Pro"),
    (AssetType.DESKTOP, "HP", "ProDesk 400 G7", 690, "Windows 10 Pro"),
    (AssetType.DESKTOP, "Lenovo", "ThinkCentre M70q Gen 3", 760, "Windows 11 Pro"),
    (AssetType.LAPTOP, "Dell", "Latitude 5420", 980, "Windows 11 Pro"),
    (AssetType.LAPTOP, "HP", "ProBook 450 G8", 870, "Windows 11 Pro"),
    (AssetType.LAPTOP, "Lenovo", "ThinkPad E14 Gen 4", 910, "Windows 11 Pro"),
    (AssetType.MONITOR, "Dell", "P2422H", 190, ""),
    (AssetType.MONITOR, "LG", "24MK430H", 130, ""),
    (AssetType.MONITOR, "Samsung", "S24R350", 125, ""),
    (AssetType.PRINTER, "HP", "LaserJet Pro M404dn", 290, ""),
    (AssetType.PRINTER, "Kyocera", "ECOSYS M2540dn", 420, ""),
    (AssetType.PRINTER, "Canon", "i-SENSYS MF445dw", 380, ""),
    (AssetType.SCANNER, "Fujitsu", "fi-7160", 950, ""),
    (AssetType.SCANNER, "Canon", "imageFORMULA DR-C225 II", 380, ""),
    (AssetType.PHONE, "Yealink", "SIP-T46U", 140, ""),
    (AssetType.PHONE, "Cisco", "IP Phone 7821", 160, ""),
    (AssetType.UPS, "APC", "Smart-UPS 1500VA", 690, ""),
    (AssetType.UPS, "Eaton", "5E 850i", 120, ""),
    (AssetType.NETWORK, "Cisco", "Catalyst 2960-X 24", 1250, "IOS 15.2"),
    (AssetType.NETWORK, "MikroTik", "RB4011iGS+", 210, "RouterOS 7"),
    (AssetType.NETWORK, "Ubiquiti", "UniFi AP AC Pro", 150, "UniFi 6"),
    (AssetType.PROJECTOR, "Epson", "EB-X51", 480, ""),
    (AssetType.PROJECTOR, "BenQ", "MX560", 420, ""),
]
SERVERS = [
    (AssetType.SERVER, "Dell", "PowerEdge R740", 7400, "Windows Server 2019"),
    (AssetType.SERVER, "HPE", "ProLiant DL380 Gen10", 8200, "VMware ESXi 8"),
    (AssetType.SERVER, "Dell", "PowerEdge R650xs", 6900, "Ubuntu Server 22.04"),
]
WEIGHTS = [14, 10, 12, 8, 6, 5, 5, 14, 10, 8, 6, 4, 4, 2, 2, 6, 4, 4, 4, 2, 2, 3, 1, 1]
SUPPLIERS = ["Čikom d.o.o.", "Kodar d.o.o.", "Compu-Tech d.o.o.", "Logate d.o.o.", "ICT Cortex d.o.o."]
BUILDINGS = ["Zgrada Opštine", "Upravna zgrada", "Dom kulture", "Pogon"]

PRODUCTS = [
    ("Microsoft 365 Business Standard", "Microsoft", 145, 1),
    ("Windows 11 Pro", "Microsoft", 199, 0),
    ("ESET PROTECT Entry", "ESET", 38, 1),
    ("Adobe Acrobat Pro", "Adobe", 180, 1),
    ("AutoCAD LT", "Autodesk", 480, 1),
    ("Veeam Backup & Replication", "Veeam", 900, 1),
    ("Windows Server 2022 Standard", "Microsoft", 950, 0),
]

INFORMATION_SYSTEMS = [
    ("informacioni-centar", "Elektronska pisarnica", "Evidencija i kretanje predmeta svih organa Opštine."),
    ("informacioni-centar", "Portal Opštine", "Javni portal, usluge i otvoreni podaci."),
    ("uprava-lokalnih-javnih-prihoda", "Informacioni sistem lokalnih javnih prihoda", "Porezi i naknade."),
    ("sekretarijat-za-finansije", "Budžetsko knjigovodstvo", "Trezor i izvršenje budžeta."),
    ("vodovod-i-kanalizacija", "Naplata i očitavanje vodomjera", "Potrošači, očitavanja i računi."),
    ("sekretarijat-za-uredjenje-prostora", "GIS prostornog planiranja", "Planski dokumenti i katastar."),
]


def _size(organisation: Organisation) -> int:
    if organisation.is_information_center:
        return 70
    if organisation.kind == OrganisationKind.LOCAL_COMMUNITY:
        return 6
    if organisation.kind in (OrganisationKind.ENTERPRISE, OrganisationKind.INSTITUTION):
        return 32
    return 24


def _tag(organisation: Organisation, n: int) -> str:
    return f"OP-{organisation.pk:03d}-{n:04d}"


@transaction.atomic
def seed(stdout, style) -> None:
    rng = random.Random(5)
    today = timezone.localdate()
    organisations = list(Organisation.objects.filter(is_active=True).order_by("sort_order", "name"))
    if not organisations:
        return
    created = 0
    for organisation in organisations:
        wanted = _size(organisation)
        have = Asset.objects.filter(
            organisation=organisation, asset_tag__startswith=f"OP-{organisation.pk:03d}-"
        ).count()
        if have >= wanted:
            continue
        assets = []
        for n in range(have + 1, wanted + 1):
            if organisation.is_information_center and n <= 6:
                spec = SERVERS[n % len(SERVERS)]
            else:
                spec = rng.choices(MODELS, WEIGHTS)[0]
            asset_type, manufacturer, model, price, os_name = spec
            age_days = rng.randint(60, 365 * 11)
            purchased = today - datetime.timedelta(days=age_days)
            status = rng.choices(
                [
                    AssetStatus.IN_USE,
                    AssetStatus.IN_STOCK,
                    AssetStatus.IN_REPAIR,
                    AssetStatus.RETIRED,
                    AssetStatus.LENT,
                ],
                [80, 8, 4, 6, 2],
            )[0]
            assets.append(
                Asset(
                    organisation=organisation,
                    asset_tag=_tag(organisation, n),
                    asset_type=asset_type,
                    manufacturer=manufacturer,
                    model=model,
                    serial=f"{manufacturer[:2].upper()}{rng.randrange(10**9):09d}",
                    status=status,
                    building=rng.choice(BUILDINGS),
                    floor=str(rng.randint(0, 3)),
                    room=str(rng.randint(1, 40)),
                    purchase_date=purchased,
                    cost=Decimal(price) * Decimal(rng.uniform(0.9, 1.1)).quantize(Decimal("0.01")),
                    supplier=rng.choice(SUPPLIERS),
                    invoice=f"{purchased.year}-{rng.randint(1, 999):03d}",
                    warranty_end=purchased + datetime.timedelta(days=365 * rng.choice([2, 3, 5])),
                    operating_system=os_name,
                    hostname=f"{organisation.slug[:8]}-{n:03d}"
                    if asset_type in (AssetType.DESKTOP, AssetType.LAPTOP, AssetType.SERVER)
                    else "",
                )
            )
        Asset.objects.bulk_create(assets)
        saved = Asset.objects.filter(asset_tag__in=[a.asset_tag for a in assets])
        AssetEvent.objects.bulk_create(
            [AssetEvent(asset=a, kind=AssetEventKind.IMPORTED, description="Demo") for a in saved]
        )
        created += len(assets)
    listing.bump(Asset)
    report(stdout, style, "inventory assets", Asset.objects.count(), created)
    _assign_people(organisations)
    by_slug = {o.slug: o for o in organisations}
    systems = 0
    for slug, name, description in INFORMATION_SYSTEMS:
        if slug in by_slug:
            _obj, new = InformationSystem.objects.get_or_create(
                organisation=by_slug[slug],
                name=name,
                defaults={"description": description, "owner": "Informacioni centar"},
            )
            systems += int(new)
    report(stdout, style, "information systems", InformationSystem.objects.count(), systems)
    _seed_licences(stdout, style, rng, organisations, today)
    _seed_plans(stdout, style, rng, organisations, today)
    _seed_maintenance(stdout, style, organisations, today, by_slug)


def _assign_people(organisations) -> None:
    """The demo's staff each use a computer of their organisation (once)."""
    from infocentar.core.models import Membership

    for membership in Membership.objects.active().filter(organisation__in=organisations).select_related("user"):
        if Asset.objects.filter(assigned_to=membership.user).exists():
            continue
        computer = (
            Asset.objects.filter(
                organisation_id=membership.organisation_id,
                assigned_to__isnull=True,
                status=AssetStatus.IN_USE,
                asset_type__in=[AssetType.DESKTOP, AssetType.LAPTOP],
            )
            .order_by("asset_tag")
            .first()
        )
        if computer is not None:
            computer.assigned_to = membership.user
            computer.save(update_fields=["assigned_to"])
            AssetEvent.objects.create(asset=computer, kind=AssetEventKind.ASSIGNED, description=str(membership.user))


def _seed_licences(stdout, style, rng, organisations, today) -> None:
    products = {}
    for name, vendor, _price, _sub in PRODUCTS:
        products[name], _ = SoftwareProduct.objects.get_or_create(name=name, defaults={"vendor": vendor})
    created = 0
    for index, organisation in enumerate(organisations):
        if organisation.kind == OrganisationKind.LOCAL_COMMUNITY:
            continue
        computers = list(
            Asset.objects.filter(
                organisation=organisation, asset_type__in=[AssetType.DESKTOP, AssetType.LAPTOP]
            ).active()
        )
        chosen = [PRODUCTS[0], PRODUCTS[2]] + ([PRODUCTS[3 + index % 3]] if index % 2 == 0 else [])
        for name, _vendor, price, subscription in chosen:
            product = products[name]
            if Licence.objects.filter(organisation=organisation, product=product).exists():
                continue
            seats = max(1, len(computers) + rng.randint(-2, 3))
            purchased = today - datetime.timedelta(days=rng.randint(30, 700))
            # Some have lapsed, some lapse within 60 days, most run for a while yet.
            expires = None
            if subscription:
                expires = rng.choice(
                    [
                        today - datetime.timedelta(days=rng.randint(5, 90)),
                        today + datetime.timedelta(days=rng.randint(5, 55)),
                    ]
                    + [today + datetime.timedelta(days=rng.randint(90, 500))] * 4
                )
            licence = Licence.objects.create(
                product=product,
                organisation=organisation,
                name=f"{product.name} — {organisation.display_name}",
                seats=seats,
                licence_key=f"{rng.randrange(16**20):020X}" if not subscription else "",
                purchase_date=purchased,
                expires_on=expires,
                cost=Decimal(price * seats),
                supplier=rng.choice(SUPPLIERS),
            )
            LicenceAssignment.objects.bulk_create(
                [
                    LicenceAssignment(licence=licence, asset=asset)
                    for asset in computers[: seats + rng.choice([0, 0, 0, 2])]
                ]
            )
            created += 1
    report(stdout, style, "licences", Licence.objects.count(), created)


def _seed_plans(stdout, style, rng, organisations, today) -> None:
    year = today.year + 1
    created = 0
    statuses = [PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.REVIEWED, PlanStatus.APPROVED]
    for index, organisation in enumerate(organisations):
        if Plan.objects.filter(organisation=organisation, year=year).exists():
            continue
        status = statuses[index % len(statuses)]
        plan = Plan.objects.create(
            organisation=organisation,
            year=year,
            status=PlanStatus.DRAFT,
            notes=f"Plan opremanja za {year}. godinu.",
        )
        lines = services.replacement_forecast([organisation.pk], year)[:4]
        for n, row in enumerate(lines):
            PlanLine.objects.create(
                plan=plan,
                item=f"Zamjena: {row['type_label']}",
                category=row["category"],
                asset_type=row["asset_type"],
                quantity=row["count"],
                estimated_cost=row["estimated_cost"],
                justification="Oprema je van garancije ili na kraju vijeka trajanja.",
                priority=Priority.HIGH if row["past_eol"] else Priority.MEDIUM,
                sort_order=n,
            )
        PlanLine.objects.create(
            plan=plan,
            item="Obuka zaposlenih za rad u elektronskoj pisarnici",
            category=PlanCategory.SERVICES,
            quantity=1,
            estimated_cost=Decimal(rng.choice([600, 900, 1200])),
            justification="Novi zaposleni i nova verzija sistema.",
            priority=Priority.LOW,
            sort_order=99,
        )
        plan.status = status
        services._stamp_plan(plan)
        if status in (PlanStatus.REVIEWED, PlanStatus.APPROVED):
            plan.submitted_at = timezone.now() - datetime.timedelta(days=20)
            plan.review_notes = "Usklađeno sa budžetskim mogućnostima."
            first = plan.lines.order_by("sort_order").first()
            if first is not None and first.quantity > 1:
                first.approved_quantity = max(1, first.quantity - 1)
                first.save(update_fields=["approved_quantity"])
        plan.save()
        created += 1
    report(stdout, style, f"plans for {year}", Plan.objects.filter(year=year).count(), created)


def _seed_maintenance(stdout, style, organisations, today, by_slug) -> None:
    ic = next((o for o in organisations if o.is_information_center), None)
    specs = [
        ("Zamjena baterija UPS uređaja", None, AssetType.UPS, 24, 40, "Zamijeniti baterije i testirati autonomiju."),
        ("Provjera servera", ic, AssetType.SERVER, 3, 10, "Zapisi, ažuriranja, stanje diskova i rezervnih kopija."),
        ("Servis štampača", None, AssetType.PRINTER, 12, 75, "Čišćenje, zamjena valjaka, provjera tonera."),
        ("Provjera mrežne opreme", ic, AssetType.NETWORK, 6, 25, "Ažuriranje firmvera, provjera portova."),
        ("Čišćenje projektora", by_slug.get("ju-centar-za-kulturu"), AssetType.PROJECTOR, 12, 120, "Filteri i lampa."),
    ]
    created = 0
    for name, organisation, asset_type, months, days, instructions in specs:
        _obj, new = MaintenanceSchedule.objects.get_or_create(
            name=name,
            organisation=organisation,
            defaults={
                "asset_type": asset_type,
                "interval_months": months,
                "next_due": today + datetime.timedelta(days=days),
                "instructions": instructions,
            },
        )
        created += int(new)
    report(stdout, style, "maintenance schedules", MaintenanceSchedule.objects.count(), created)
