"""Equipment, information systems and per-organisation API tokens of the inventory."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from infocentar.core.models import OrganisationScopedQuerySet


class AssetType(models.TextChoices):
    DESKTOP = "desktop", _("Desktop computer")
    LAPTOP = "laptop", _("Laptop")
    SERVER = "server", _("Server")
    PRINTER = "printer", _("Printer")
    SCANNER = "scanner", _("Scanner")
    NETWORK = "network", _("Network device")
    PHONE = "phone", _("Phone")
    UPS = "ups", _("UPS")
    MONITOR = "monitor", _("Monitor")
    PROJECTOR = "projector", _("Projector")
    OTHER = "other", _("Other")


# Expected lifetime of each kind of equipment in years (for the expected end of life).
DEFAULT_LIFETIME_YEARS = {
    AssetType.DESKTOP: 6,
    AssetType.LAPTOP: 5,
    AssetType.SERVER: 7,
    AssetType.PRINTER: 7,
    AssetType.SCANNER: 7,
    AssetType.NETWORK: 8,
    AssetType.PHONE: 4,
    AssetType.UPS: 8,
    AssetType.MONITOR: 8,
    AssetType.PROJECTOR: 7,
    AssetType.OTHER: 6,
}


class AssetStatus(models.TextChoices):
    ORDERED = "ordered", _("Ordered")
    IN_STOCK = "in_stock", _("In stock")
    IN_USE = "in_use", _("In use")
    IN_REPAIR = "in_repair", _("In repair")
    LENT = "lent", _("Lent")
    RETIRED = "retired", _("Retired")
    DISPOSED = "disposed", _("Disposed")


INACTIVE_STATUSES = frozenset({AssetStatus.RETIRED, AssetStatus.DISPOSED})


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class AssetQuerySet(OrganisationScopedQuerySet):
    def active(self) -> AssetQuerySet:
        return self.exclude(status__in=INACTIVE_STATUSES)

    def for_listing(self) -> AssetQuerySet:
        return self.select_related("organisation", "assigned_to")


class Asset(models.Model):
    """A piece of equipment an organisation owns (a computer, printer, UPS …)."""

    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("organisation"), related_name="assets", on_delete=models.PROTECT
    )
    asset_tag = models.CharField(
        _("asset tag"), max_length=40, unique=True, help_text=_("The inventory number on the label; unique.")
    )
    asset_type = models.CharField(_("type"), max_length=20, choices=AssetType.choices, db_index=True)
    manufacturer = models.CharField(_("manufacturer"), max_length=100, blank=True)
    model = models.CharField(_("model"), max_length=150, blank=True)
    serial = models.CharField(
        _("serial number"), max_length=100, blank=True, help_text=_("Unique for each manufacturer.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AssetStatus.choices, default=AssetStatus.IN_STOCK, db_index=True
    )
    building = models.CharField(_("building"), max_length=150, blank=True)
    floor = models.CharField(_("floor"), max_length=20, blank=True)
    room = models.CharField(_("room"), max_length=50, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("used by"),
        related_name="assets",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    purchase_date = models.DateField(_("purchase date"), null=True, blank=True)
    cost = models.DecimalField(_("cost (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True)
    supplier = models.CharField(_("supplier"), max_length=150, blank=True)
    invoice = models.CharField(_("invoice"), max_length=100, blank=True)
    warranty_end = models.DateField(_("warranty ends"), null=True, blank=True)
    end_of_life = models.DateField(
        _("expected end of life"),
        null=True,
        blank=True,
        help_text=_("Left empty, it is computed from the purchase date and the usual lifetime of the type."),
    )
    operating_system = models.CharField(_("operating system"), max_length=100, blank=True)
    os_version = models.CharField(_("operating system version"), max_length=60, blank=True)
    hostname = models.CharField(_("host name"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    plan_line = models.ForeignKey(
        "PlanLine",
        verbose_name=_("plan line fulfilled"),
        related_name="assets",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("The line of a procurement plan this purchase fulfils."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AssetQuerySet.as_manager()

    class Meta:
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        ordering = ["asset_tag"]
        constraints = [
            models.UniqueConstraint(
                fields=["manufacturer", "serial"],
                condition=~models.Q(serial=""),
                name="inventory_asset_unique_serial",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "asset_tag"], name="inventory_asset_org_tag"),
            models.Index(fields=["organisation", "status", "asset_type"], name="inventory_asset_org_status"),
            models.Index(fields=["status", "asset_type", "asset_tag"], name="inventory_asset_status_type"),
            models.Index(fields=["status", "asset_type", "-purchase_date"], name="inventory_asset_status_type_pd"),
            models.Index(fields=["organisation", "-purchase_date"], name="inventory_asset_org_purchase"),
            models.Index(fields=["purchase_date"], name="inventory_asset_purchase"),
            models.Index(fields=["serial"], name="inventory_asset_serial"),
            models.Index(fields=["end_of_life"], name="inventory_asset_eol"),
            models.Index(fields=["warranty_end"], name="inventory_asset_warranty"),
            # The listing's other sortable columns: the first page is read in order, not sorted from 100,000.
            models.Index(fields=["asset_type", "asset_tag"], name="inventory_asset_type_tag"),
            models.Index(fields=["model"], name="inventory_asset_model"),
        ]

    def __str__(self) -> str:
        label = " ".join(filter(None, [self.manufacturer, self.model]))
        return f"{self.asset_tag} — {label}" if label else self.asset_tag

    def get_admin_url(self) -> str:
        return reverse("inventory_assets:inspect", args=[self.pk])

    @property
    def location(self) -> str:
        return ", ".join(filter(None, [self.building, self.floor, self.room]))

    @property
    def lifetime_years(self) -> int:
        return DEFAULT_LIFETIME_YEARS.get(self.asset_type, 6)

    @property
    def expected_end_of_life(self) -> datetime.date | None:
        """The date set, else purchase date plus the type's usual lifetime."""
        if self.end_of_life:
            return self.end_of_life
        if self.purchase_date:
            return add_years(self.purchase_date, self.lifetime_years)
        return None

    @property
    def is_past_end_of_life(self) -> bool:
        eol = self.expected_end_of_life
        return eol is not None and eol <= timezone.localdate()

    @property
    def is_out_of_warranty(self) -> bool:
        return self.warranty_end is not None and self.warranty_end < timezone.localdate()

    def clean(self) -> None:
        errors = {}
        self.asset_tag = (self.asset_tag or "").strip()
        self.serial = (self.serial or "").strip()
        self.manufacturer = (self.manufacturer or "").strip()
        if self.asset_tag:
            other = Asset.objects.filter(asset_tag__iexact=self.asset_tag).exclude(pk=self.pk).first()
            if other is not None:
                errors["asset_tag"] = _("This asset tag is already used by %(asset)s (%(organisation)s).") % {
                    "asset": other,
                    "organisation": other.organisation,
                }
        if self.serial:
            other = (
                Asset.objects.filter(serial__iexact=self.serial, manufacturer__iexact=self.manufacturer)
                .exclude(pk=self.pk)
                .first()
            )
            if other is not None:
                errors["serial"] = _(
                    "This serial number of %(manufacturer)s is already recorded for %(asset)s (%(organisation)s)."
                ) % {"manufacturer": self.manufacturer or "—", "asset": other, "organisation": other.organisation}
        if self.purchase_date and self.warranty_end and self.warranty_end < self.purchase_date:
            errors["warranty_end"] = _("The warranty cannot end before the purchase date.")
        if self.purchase_date and self.end_of_life and self.end_of_life < self.purchase_date:
            errors["end_of_life"] = _("The end of life cannot be before the purchase date.")
        if self.cost is not None and self.cost < 0:
            errors["cost"] = _("The cost cannot be negative.")
        if errors:
            raise ValidationError(errors)


class InformationSystem(models.Model):
    """An information system an organisation runs (a register, the e-office, the website …)."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        related_name="information_systems",
        on_delete=models.PROTECT,
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.CharField(
        _("owner"), max_length=200, blank=True, help_text=_("The person or unit responsible for the system.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("information system")
        verbose_name_plural = _("information systems")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="inventory_infosystem_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class TokenScope(models.TextChoices):
    INVENTORY_READ = "inventory:read", _("Read equipment")
    INVENTORY_WRITE = "inventory:write", _("Report equipment")
    SERVICEDESK_READ = "servicedesk:read", _("Read tickets")
    SERVICEDESK_WRITE = "servicedesk:write", _("File tickets")


TOKEN_PREFIX = "ict_"  # noqa: S105 - the visible beginning of every secret, not a secret


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(OrganisationScopedQuerySet):
    def usable(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, organisation__is_active=True)


class ApiToken(models.Model):
    """A secret with which an organisation's script uses the API. Only its hash is stored."""

    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("organisation"), related_name="api_tokens", on_delete=models.CASCADE
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. the inventory script."))
    prefix = models.CharField(_("prefix"), max_length=16, editable=False, db_index=True)
    key_hash = models.CharField(_("hash of the secret"), max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    def set_new_secret(self) -> str:
        """Generates a secret, stores its hash and returns it (shown once, never stored)."""
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.prefix = secret[:10]
        self.key_hash = hash_secret(secret)
        return secret

    @classmethod
    def create(cls, *, organisation, name: str, scopes=None, created_by=None) -> tuple[ApiToken, str]:
        token = cls(organisation=organisation, name=name, scopes=list(scopes or []), created_by=created_by)
        secret = token.set_new_secret()
        token.save()
        return token, secret


# --- history and check-out ------------------------------------------------------------------------------------------


class AssetEventKind(models.TextChoices):
    CREATED = "created", _("Recorded")
    ASSIGNED = "assigned", _("Assigned")
    MOVED = "moved", _("Moved")
    STATUS = "status", _("Status changed")
    CHECKED_OUT = "checked_out", _("Checked out")
    ACCEPTED = "accepted", _("Accepted by the recipient")
    DECLINED = "declined", _("Declined by the recipient")
    CHECKED_IN = "checked_in", _("Checked in")
    MAINTENANCE = "maintenance", _("Maintenance")
    IMPORTED = "imported", _("Imported")
    REPORTED = "reported", _("Reported by a script")


class AssetEvent(models.Model):
    """One line of an asset's history: an assignment, move, status change, check-out or check-in."""

    asset = models.ForeignKey(Asset, verbose_name=_("asset"), related_name="events", on_delete=models.CASCADE)
    kind = models.CharField(_("event"), max_length=20, choices=AssetEventKind.choices)
    description = models.CharField(_("description"), max_length=500, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("asset history entry")
        verbose_name_plural = _("asset history")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.asset.asset_tag}: {self.get_kind_display()}"


class CheckoutState(models.TextChoices):
    PENDING = "pending", _("Waiting for acceptance")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    RETURNED = "returned", _("Checked in")


class Checkout(models.Model):
    """An asset handed to a person or placed at a location, until it is checked in."""

    asset = models.ForeignKey(Asset, verbose_name=_("asset"), related_name="checkouts", on_delete=models.CASCADE)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        related_name="asset_checkouts",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=CheckoutState.choices, default=CheckoutState.PENDING)
    token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    expected_return = models.DateField(_("expected return"), null=True, blank=True)
    checked_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked out by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
    )
    checked_out_at = models.DateTimeField(_("checked out"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("check-out")
        verbose_name_plural = _("check-outs")
        ordering = ["-checked_out_at", "-id"]

    def __str__(self) -> str:
        return f"{self.asset.asset_tag} → {self.recipient or self.location}"

    @property
    def is_open(self) -> bool:
        return self.checked_in_at is None and self.state != CheckoutState.DECLINED


# --- software and licences -----------------------------------------------------------------------------------------


class SoftwareProduct(models.Model):
    """A software product the organisations use (an office suite, an antivirus, an operating system …)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    vendor = models.CharField(_("vendor"), max_length=150, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("software product")
        verbose_name_plural = _("software products")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


EXPIRING_DAYS = 60


class LicenceQuerySet(OrganisationScopedQuerySet):
    def with_usage(self) -> LicenceQuerySet:
        return self.annotate(seats_used=models.Count("assignments", distinct=True))

    def expired(self, today=None) -> LicenceQuerySet:
        today = today or timezone.localdate()
        return self.filter(expires_on__lt=today)

    def expiring(self, today=None, days: int = EXPIRING_DAYS) -> LicenceQuerySet:
        today = today or timezone.localdate()
        return self.filter(expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=days))


class Licence(models.Model):
    """A licence an organisation holds for a software product: seats, key, purchase and expiry."""

    product = models.ForeignKey(
        SoftwareProduct, verbose_name=_("product"), related_name="licences", on_delete=models.PROTECT
    )
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("organisation"), related_name="licences", on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=200, blank=True, help_text=_("E.g. the contract or edition."))
    seats = models.PositiveIntegerField(_("seats"), default=1)
    licence_key = models.CharField(_("licence key"), max_length=500, blank=True)
    purchase_date = models.DateField(_("purchase date"), null=True, blank=True)
    expires_on = models.DateField(_("expires"), null=True, blank=True, help_text=_("Empty for a perpetual licence."))
    cost = models.DecimalField(_("cost (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True)
    supplier = models.CharField(_("supplier"), max_length=150, blank=True)
    invoice = models.CharField(_("invoice"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LicenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        ordering = ["product__name", "organisation__name", "id"]
        indexes = [models.Index(fields=["organisation", "expires_on"], name="inventory_licence_org_expiry")]

    def __str__(self) -> str:
        return f"{self.product} — {self.name}" if self.name else str(self.product)

    def clean(self) -> None:
        if self.purchase_date and self.expires_on and self.expires_on < self.purchase_date:
            raise ValidationError({"expires_on": _("A licence cannot expire before it was bought.")})

    @property
    def used_seats(self) -> int:
        value = getattr(self, "seats_used", None)
        return value if value is not None else self.assignments.count()

    @property
    def compliance(self) -> str:
        """'expired', 'over', 'expiring' or 'ok'."""
        today = timezone.localdate()
        if self.expires_on and self.expires_on < today:
            return "expired"
        if self.used_seats > self.seats:
            return "over"
        if self.expires_on and self.expires_on <= today + datetime.timedelta(days=EXPIRING_DAYS):
            return "expiring"
        return "ok"

    @property
    def compliance_label(self) -> str:
        return str(COMPLIANCE_LABELS[self.compliance])


COMPLIANCE_LABELS = {
    "expired": _("Expired"),
    "over": _("More seats used than owned"),
    "expiring": _("Expires within 60 days"),
    "ok": _("Compliant"),
}


class LicenceAssignment(models.Model):
    """A seat of a licence given to an asset or a person."""

    licence = models.ForeignKey(
        Licence, verbose_name=_("licence"), related_name="assignments", on_delete=models.CASCADE
    )
    asset = models.ForeignKey(
        Asset,
        verbose_name=_("asset"),
        related_name="licence_assignments",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        related_name="licence_assignments",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)

    class Meta:
        verbose_name = _("licence seat")
        verbose_name_plural = _("licence seats")
        ordering = ["-assigned_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(asset__isnull=False) | models.Q(user__isnull=False),
                name="inventory_licenceassignment_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.licence}: {self.asset or self.user}"

    def clean(self) -> None:
        if self.asset_id is None and self.user_id is None:
            raise ValidationError(_("Choose an asset or a person."))
        if self.asset_id and self.licence_id and self.asset.organisation_id != self.licence.organisation_id:
            raise ValidationError({"asset": _("The asset belongs to another organisation than the licence.")})


# --- plans ---------------------------------------------------------------------------------------------------------


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REVIEWED = "reviewed", _("Reviewed and adjusted")
    APPROVED = "approved", _("Approved")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class PlanCategory(models.TextChoices):
    COMPUTERS = "computers", _("Computers")
    SERVERS = "servers", _("Servers and storage")
    PRINTING = "printing", _("Printers and scanners")
    NETWORK = "network", _("Network equipment")
    POWER = "power", _("UPS and power")
    DISPLAYS = "displays", _("Monitors and projectors")
    PHONES = "phones", _("Phones")
    SOFTWARE = "software", _("Software and licences")
    SERVICES = "services", _("Maintenance and services")
    OTHER = "other", _("Other")


CATEGORY_OF_TYPE = {
    AssetType.DESKTOP: PlanCategory.COMPUTERS,
    AssetType.LAPTOP: PlanCategory.COMPUTERS,
    AssetType.SERVER: PlanCategory.SERVERS,
    AssetType.PRINTER: PlanCategory.PRINTING,
    AssetType.SCANNER: PlanCategory.PRINTING,
    AssetType.NETWORK: PlanCategory.NETWORK,
    AssetType.PHONE: PlanCategory.PHONES,
    AssetType.UPS: PlanCategory.POWER,
    AssetType.MONITOR: PlanCategory.DISPLAYS,
    AssetType.PROJECTOR: PlanCategory.DISPLAYS,
    AssetType.OTHER: PlanCategory.OTHER,
}


class Plan(ClusterableModel):
    """An organisation's yearly plan for equipping and procuring IT equipment."""

    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("organisation"), related_name="it_plans", on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT, db_index=True
    )
    notes = models.TextField(_("notes"), blank=True)
    review_notes = models.TextField(_("review notes"), blank=True, help_text=_("The Information Center's remarks."))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("equipment and procurement plan")
        verbose_name_plural = _("equipment and procurement plans")
        ordering = ["-year", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="inventory_plan_unique_year")]

    def __str__(self) -> str:
        return _("Plan %(year)s — %(organisation)s") % {"year": self.year, "organisation": self.organisation}

    def clean(self) -> None:
        if self.year and not 2000 <= self.year <= timezone.localdate().year + 5:
            raise ValidationError({"year": _("Enter a year between 2000 and five years from now.")})
        if self.organisation_id and self.year:
            clash = Plan.objects.filter(organisation_id=self.organisation_id, year=self.year).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"year": _("This organisation already has a plan for that year.")})


class PlanLine(models.Model):
    """One need in a plan: what, how many, for how much and why."""

    plan = ParentalKey(Plan, verbose_name=_("plan"), related_name="lines", on_delete=models.CASCADE)
    item = models.CharField(_("item"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=PlanCategory.choices, default=PlanCategory.OTHER)
    asset_type = models.CharField(_("asset type"), max_length=20, choices=AssetType.choices, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    estimated_cost = models.DecimalField(_("estimated cost (EUR)"), max_digits=12, decimal_places=2, default=0)
    justification = models.TextField(_("justification"), blank=True)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    approved_quantity = models.PositiveIntegerField(
        _("approved quantity"), null=True, blank=True, help_text=_("Set by the Information Center when adjusting.")
    )
    approved_cost = models.DecimalField(
        _("approved cost (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("plan line")
        verbose_name_plural = _("plan lines")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.item} × {self.quantity}"

    @property
    def final_quantity(self) -> int:
        return self.approved_quantity if self.approved_quantity is not None else self.quantity

    @property
    def final_cost(self):
        return self.approved_cost if self.approved_cost is not None else self.estimated_cost


# --- maintenance ---------------------------------------------------------------------------------------------------


class MaintenanceSchedule(models.Model):
    """Preventive maintenance that recurs: for one asset, or for every asset of a type."""

    name = models.CharField(_("name"), max_length=200, help_text=_("E.g. replace UPS batteries."))
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        related_name="maintenance_schedules",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Empty: every organisation (only the Information Center's staff see such schedules)."),
    )
    asset_type = models.CharField(_("asset type"), max_length=20, choices=AssetType.choices, blank=True)
    asset = models.ForeignKey(
        Asset,
        verbose_name=_("asset"),
        related_name="maintenance_schedules",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    interval_months = models.PositiveSmallIntegerField(_("every (months)"), default=12)
    next_due = models.DateField(_("next due"), db_index=True)
    instructions = models.TextField(_("instructions"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("maintenance schedule")
        verbose_name_plural = _("maintenance schedules")
        ordering = ["next_due", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if not self.asset_id and not self.asset_type:
            errors["asset_type"] = _("Choose an asset type or one asset.")
        if self.asset_id and self.asset_type and self.asset.asset_type != self.asset_type:
            errors["asset_type"] = _("The asset is not of this type.")
        if self.asset_id and self.organisation_id and self.asset.organisation_id != self.organisation_id:
            errors["asset"] = _("The asset belongs to another organisation.")
        if not self.interval_months or not 1 <= self.interval_months <= 120:
            errors["interval_months"] = _("Enter between 1 and 120 months.")
        if errors:
            raise ValidationError(errors)

    def occurrences(self, until: datetime.date) -> list[datetime.date]:
        """Due dates from next_due up to `until`."""
        dates, day, n = [], self.next_due, 0
        while day <= until and n < 240:
            dates.append(day)
            n += 1
            day = add_months(self.next_due, self.interval_months * n)
        return dates


def add_months(day: datetime.date, months: int) -> datetime.date:
    import calendar

    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


class MaintenanceRun(models.Model):
    """One due occurrence of a schedule in one organisation, and the ticket it opened."""

    schedule = models.ForeignKey(
        MaintenanceSchedule, verbose_name=_("schedule"), related_name="runs", on_delete=models.CASCADE
    )
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("organisation"), related_name="+", on_delete=models.CASCADE
    )
    due_on = models.DateField(_("due"))
    ticket_id = models.BigIntegerField(_("ticket"), null=True, blank=True)
    asset_count = models.PositiveIntegerField(_("assets"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("maintenance run")
        verbose_name_plural = _("maintenance runs")
        ordering = ["-due_on"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "organisation", "due_on"], name="inventory_maintenance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.schedule} — {self.due_on}"


# --- imports -------------------------------------------------------------------------------------------------------


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportRun(models.Model):
    """The report of one import of equipment, licences or people."""

    kind = models.CharField(_("kind"), max_length=20)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.DONE)
    # A large import from the admin runs in the background: the file's rows wait here until then.
    payload = models.JSONField(null=True, blank=True, editable=False)
    file_name = models.CharField(_("file"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), related_name="+", on_delete=models.SET_NULL, null=True
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    imported_rows = models.PositiveIntegerField(_("imported"), default=0)
    error_rows = models.PositiveIntegerField(_("rows with errors"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("import report")
        verbose_name_plural = _("import reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"
