"""Requests and incidents of the IT service desk, their messages, SLA targets and teams."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infocentar.core.models import OrganisationScopedQuerySet

TICKET_PREFIX = "SD"


class Category(models.TextChoices):
    HARDWARE = "hardware", _("Hardware")
    SOFTWARE = "software", _("Software")
    NETWORK = "network", _("Network")
    ACCOUNTS = "accounts", _("Accounts and access")
    WEBSITE = "website", _("Website")
    DATA = "data", _("Data and databases")
    TRAINING = "training", _("Training request")
    OTHER = "other", _("Other")


class Level(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Priority(models.TextChoices):
    CRITICAL = "critical", _("Critical")
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


PRIORITY_ORDER = {Priority.CRITICAL: 1, Priority.HIGH: 2, Priority.MEDIUM: 3, Priority.LOW: 4}

# impact × urgency → priority (the ITIL matrix).
PRIORITY_MATRIX = {
    (Level.HIGH, Level.HIGH): Priority.CRITICAL,
    (Level.HIGH, Level.MEDIUM): Priority.HIGH,
    (Level.MEDIUM, Level.HIGH): Priority.HIGH,
    (Level.HIGH, Level.LOW): Priority.MEDIUM,
    (Level.MEDIUM, Level.MEDIUM): Priority.MEDIUM,
    (Level.LOW, Level.HIGH): Priority.MEDIUM,
    (Level.MEDIUM, Level.LOW): Priority.LOW,
    (Level.LOW, Level.MEDIUM): Priority.LOW,
    (Level.LOW, Level.LOW): Priority.LOW,
}


def priority_for(impact: str, urgency: str) -> str:
    return PRIORITY_MATRIX.get((Level(impact), Level(urgency)), Priority.MEDIUM)


class Status(models.TextChoices):
    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING_REQUESTER = "waiting_requester", _("Waiting for requester")
    WAITING_SUPPLIER = "waiting_supplier", _("Waiting for supplier")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (
    Status.NEW,
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.WAITING_REQUESTER,
    Status.WAITING_SUPPLIER,
)
# The SLA clock stands still in these statuses.
PAUSED_STATUSES = (Status.WAITING_REQUESTER, Status.RESOLVED)
FINAL_STATUSES = (Status.CLOSED, Status.CANCELLED)


class Source(models.TextChoices):
    PORTAL = "portal", _("Staff portal")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
    ADMIN = "admin", _("Entered by IT staff")
    MAINTENANCE = "maintenance", _("Preventive maintenance")
    API = "api", _("API")


class ResolutionCategory(models.TextChoices):
    FIXED = "fixed", _("Fixed")
    WORKAROUND = "workaround", _("Workaround provided")
    ADVICE = "advice", _("Advice or training given")
    REPLACED = "replaced", _("Equipment replaced")
    SUPPLIER = "supplier", _("Fixed by the supplier")
    NOT_REPRODUCIBLE = "not_reproducible", _("Could not be reproduced")
    DUPLICATE = "duplicate", _("Duplicate")
    REJECTED = "rejected", _("Not a service desk matter")


class Team(models.Model):
    """A group of Information Center staff that tickets are assigned to, with its lead."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team lead"),
        related_name="servicedesk_teams_led",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Receives the escalations when a ticket of the team breaches its SLA, and the daily digest."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="servicedesk_teams", blank=True
    )
    email = models.EmailField(_("team e-mail"), blank=True)

    class Meta:
        verbose_name = _("service desk team")
        verbose_name_plural = _("service desk teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SlaTarget(models.Model):
    """Working time to the first response and to the resolution, for a priority (per category or organisation)."""

    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, blank=True, help_text=_("Empty: every category.")
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        related_name="+",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Empty: every organisation."),
    )
    response_minutes = models.PositiveIntegerField(
        _("first response (working minutes)"), validators=[MinValueValidator(1), MaxValueValidator(60 * 8 * 250)]
    )
    resolution_minutes = models.PositiveIntegerField(
        _("resolution (working minutes)"), validators=[MinValueValidator(1), MaxValueValidator(60 * 8 * 250)]
    )

    class Meta:
        verbose_name = _("SLA target")
        verbose_name_plural = _("SLA targets")
        ordering = ["priority", "category", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "category", "organisation"],
                name="servicedesk_slatarget_unique",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        scope = " · ".join(
            str(x) for x in (self.get_category_display() if self.category else "", self.organisation or "") if x
        )
        return f"{self.get_priority_display()}{' · ' + scope if scope else ''}"


class NonWorkingDay(models.Model):
    """A day the municipality does not work besides weekends and public holidays (or, inversely, works)."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    is_working_day = models.BooleanField(
        _("working day"),
        default=False,
        help_text=_("Tick to declare a day the municipality works although it is a weekend day or a holiday."),
    )

    class Meta:
        verbose_name = _("non-working day")
        verbose_name_plural = _("non-working days")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y.} {self.name}"


class TicketQuerySet(OrganisationScopedQuerySet):
    def open(self) -> TicketQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def for_listing(self) -> TicketQuerySet:
        return self.select_related("organisation", "requester", "assignee", "team")

    def for_requester(self, user) -> TicketQuerySet:
        """What a person sees on the staff portal: what they filed, and their organisations' tickets as IT contact."""
        from infocentar.core.models import Role
        from infocentar.core.scoping import visible_organisation_ids

        if not getattr(user, "is_authenticated", False):
            return self.none()
        contact_ids = visible_organisation_ids(user, roles=[Role.IT_CONTACT], global_roles=())
        if contact_ids is None:
            return self
        query = models.Q(requester=user)
        if contact_ids:
            query |= models.Q(organisation_id__in=contact_ids)
        return self.filter(query)


class Ticket(models.Model):
    """A request or an incident reported to the IT service (zahtjev / incident)."""

    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("organisation"), related_name="tickets", on_delete=models.PROTECT
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester"),
        related_name="servicedesk_tickets",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    requester_name = models.CharField(_("requester's name"), max_length=150, blank=True)
    requester_email = models.EmailField(_("requester's e-mail"), blank=True)
    requester_phone = models.CharField(_("requester's phone"), max_length=60, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.OTHER)
    asset = models.ForeignKey(
        "inventory.Asset",
        verbose_name=_("equipment"),
        related_name="tickets",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    information_system = models.ForeignKey(
        "inventory.InformationSystem",
        verbose_name=_("information system"),
        related_name="tickets",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    impact = models.CharField(_("impact"), max_length=10, choices=Level.choices, default=Level.MEDIUM)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Level.choices, default=Level.MEDIUM)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    priority_rank = models.PositiveSmallIntegerField(_("priority rank"), default=3, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    source = models.CharField(_("received by"), max_length=20, choices=Source.choices, default=Source.PORTAL)
    team = models.ForeignKey(
        Team, verbose_name=_("team"), related_name="tickets", on_delete=models.SET_NULL, null=True, blank=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        related_name="servicedesk_assigned",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("filed"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    # SLA: targets in working seconds, moments due (moved on by pauses), outcomes.
    response_target = models.PositiveIntegerField(_("first response target (working seconds)"), default=0)
    resolution_target = models.PositiveIntegerField(_("resolution target (working seconds)"), default=0)
    response_due_at = models.DateTimeField(_("first response due"), null=True, blank=True)
    resolution_due_at = models.DateTimeField(_("resolution due"), null=True, blank=True)
    resolution_warn_at = models.DateTimeField(_("warning due"), null=True, blank=True)
    paused_since = models.DateTimeField(_("SLA clock paused since"), null=True, blank=True)
    paused_seconds = models.PositiveIntegerField(_("paused working seconds"), default=0)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    response_seconds = models.PositiveIntegerField(_("time to first response (working seconds)"), null=True)
    response_met = models.BooleanField(_("first response within SLA"), null=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolution_seconds = models.PositiveIntegerField(_("time to resolve (working seconds)"), null=True)
    resolution_met = models.BooleanField(_("resolved within SLA"), null=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    response_escalated = models.BooleanField(_("first response escalated"), default=False)

    resolution_category = models.CharField(
        _("resolution"), max_length=20, choices=ResolutionCategory.choices, blank=True
    )
    resolution_note = models.TextField(_("closing note"), blank=True)
    reopened_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    satisfaction_comment = models.TextField(_("comment on the service"), blank=True)

    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        related_name="merged_tickets",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    related = models.ManyToManyField("self", verbose_name=_("related tickets"), blank=True, symmetrical=True)

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "priority_rank", "created_at"], name="sd_ticket_status_prio"),
            models.Index(fields=["organisation", "status", "created_at"], name="sd_ticket_org_status"),
            models.Index(fields=["assignee", "status"], name="sd_ticket_assignee"),
            models.Index(fields=["category", "status"], name="sd_ticket_category"),
            models.Index(fields=["status", "resolution_due_at"], name="sd_ticket_due"),
            models.Index(fields=["resolved_at"], name="sd_ticket_resolved"),
            models.Index(fields=["created_at"], name="sd_ticket_created"),
            models.Index(fields=["requester", "created_at"], name="sd_ticket_requester"),
            # The listing's sortable columns (an index per sort key: the first page of any filter that
            # is not very selective is read in order from it, without sorting 200,000 rows).
            models.Index(fields=["priority_rank", "created_at"], name="sd_ticket_priority_rank"),
            models.Index(fields=["resolution_due_at"], name="sd_ticket_resolution_due"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs):
        self.priority_rank = PRIORITY_ORDER.get(self.priority, 3)
        super().save(*args, **kwargs)

    def get_admin_url(self) -> str:
        """The ticket's work page in the back office (IT staff only)."""
        return reverse("servicedesk_admin:work", args=[self.pk])

    def get_portal_url(self) -> str:
        """The ticket on the staff portal /podrska/ (its requester and the organisation's IT contacts)."""
        return reverse("servicedesk-detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"{TICKET_PREFIX}-{self.pk}" if self.pk else f"{TICKET_PREFIX}-?"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None

    @property
    def requester_display(self) -> str:
        if self.requester_id:
            return self.requester.get_full_name() or self.requester.get_username()
        return self.requester_name or self.requester_email or "—"

    @property
    def requester_address(self) -> str:
        if self.requester_id and self.requester.email:
            return self.requester.email
        return self.requester_email


def attachment_path(instance: TicketAttachment, filename: str) -> str:
    # Unguessable names: attachments are served only through the permission-checked view.
    from infocentar.documents.uploads import extension_of

    return f"servicedesk/{uuid.uuid4().hex}.{extension_of(filename) or 'bin'}"


class TicketMessage(models.Model):
    """A public reply, an internal note or an event in a ticket's conversation."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("Reply")
        NOTE = "note", _("Internal note")
        EVENT = "event", _("Event")

    ticket = models.ForeignKey(Ticket, verbose_name=_("ticket"), related_name="messages", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REPLY)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), related_name="+", on_delete=models.SET_NULL, null=True
    )
    author_name = models.CharField(_("author's name"), max_length=150, blank=True)
    from_requester = models.BooleanField(_("from the requester's side"), default=False)
    body = models.TextField(_("text"))
    via = models.CharField(_("received by"), max_length=20, choices=Source.choices, default=Source.PORTAL)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("ticket message")
        verbose_name_plural = _("ticket messages")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="sd_message_ticket")]

    def __str__(self) -> str:
        return f"{self.ticket.reference}: {self.get_kind_display()}"

    @property
    def is_public(self) -> bool:
        return self.kind != self.Kind.NOTE

    @property
    def author_display(self) -> str:
        if self.author_id:
            return self.author.get_full_name() or self.author.get_username()
        return self.author_name or "—"


class TicketAttachment(models.Model):
    """A file attached to a ticket (checked by content like every upload)."""

    ticket = models.ForeignKey(Ticket, verbose_name=_("ticket"), related_name="attachments", on_delete=models.CASCADE)
    message = models.ForeignKey(
        TicketMessage,
        verbose_name=_("message"),
        related_name="attachments",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), related_name="+", on_delete=models.SET_NULL, null=True
    )
    is_internal = models.BooleanField(_("internal"), default=False)
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name
