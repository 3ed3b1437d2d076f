"""The registry of acts (akti): acts, their versions, the articles of each version, relations and attachments."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from infocentar.core.mixins import FoldedSearchMixin
from infocentar.core.models import OrganisationScopedQuerySet

# "stupa na snagu osmog dana od dana objavljivanja" (practice: configurable per act).
DEFAULT_DAYS_TO_FORCE = 8


class ActType(models.TextChoices):
    """The kinds of act a municipality adopts (DOMAIN.md)."""

    STATUTE = "statute", _("Statute")
    RULES_OF_PROCEDURE = "rules_of_procedure", _("Rules of procedure")
    DECISION = "decision", _("Decision")
    BUDGET_DECISION = "budget_decision", _("Decision on the budget")
    CONSENT_DECISION = "consent_decision", _("Decision giving consent")
    YEAR_END_ACCOUNTS = "year_end_accounts", _("Year-end budget accounts")
    RULING = "ruling", _("Ruling")
    CONCLUSION = "conclusion", _("Conclusion")
    RULEBOOK = "rulebook", _("Rulebook")
    PROGRAMME = "programme", _("Programme")
    PLAN = "plan", _("Plan")
    STRATEGY = "strategy", _("Strategy")
    REPORT = "report", _("Report")
    PUBLIC_CALL = "public_call", _("Public call")
    CORRECTION = "correction", _("Correction")
    CODE_OF_ETHICS = "code_of_ethics", _("Code of ethics")


class ActStatus(models.TextChoices):
    """Where an act is in its life: nacrt → javna rasprava → prijedlog → usvojen → objavljen → na snazi → …"""

    DRAFT = "draft", _("Draft")
    PUBLIC_DEBATE = "public_debate", _("Under public debate")
    PROPOSAL = "proposal", _("Proposal")
    ADOPTED = "adopted", _("Adopted")
    PUBLISHED = "published", _("Published")
    IN_FORCE = "in_force", _("In force")
    AMENDED = "amended", _("Amended")
    REPEALED = "repealed", _("Repealed")


# The date field each status sets when an act reaches it.
STATUS_DATE_FIELDS = {
    ActStatus.DRAFT: "drafted_on",
    ActStatus.PUBLIC_DEBATE: "debate_started_on",
    ActStatus.PROPOSAL: "proposed_on",
    ActStatus.ADOPTED: "adopted_on",
    ActStatus.PUBLISHED: "published_on",
    ActStatus.IN_FORCE: "entry_into_force",
    ActStatus.AMENDED: "amended_on",
    ActStatus.REPEALED: "repealed_on",
}


class VersionKind(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSAL = "proposal", _("Proposal")
    ADOPTED = "adopted", _("Adopted text")
    CONSOLIDATED = "consolidated", _("Consolidated text")


class RelationKind(models.TextChoices):
    AMENDS = "amends", _("amends")
    REPEALS = "repeals", _("repeals")
    IMPLEMENTS = "implements", _("implements")
    BASED_ON = "based_on", _("is based on")


# What a row of a listing of acts shows (ActQuerySet.for_listing).
LISTING_FIELDS = (
    "id",
    "type",
    "title",
    "number",
    "status",
    "date",
    "year",
    "area",
    "sub_area",
    "gazette_issue",
    "gazette_date",
    "gazette_registry_number",
    "entry_into_force",
    "published_on",
    "adopted_on",
    "updated_at",
)


class ActQuerySet(OrganisationScopedQuerySet):
    organisation_field = "issuer"

    def public(self) -> ActQuerySet:
        return self.filter(is_public=True)

    def for_listing(self, *, with_issuer: bool = True) -> ActQuerySet:
        """What a listing row shows, in the same query (no query per row).

        Without the issuer the query has no join, so a deep page (an OFFSET) skips its rows without looking
        up their issuers; the registry then sets each row's issuer from its memo (acts.listing.attach_issuers).
        """
        if with_issuer:
            return self.select_related("issuer").only(*LISTING_FIELDS, "issuer__id", "issuer__name", "issuer__slug")
        return self.only(*LISTING_FIELDS, "issuer")


_UNKNOWN = object()  # a field that was not read (deferred)


class Act(FoldedSearchMixin, models.Model):
    """An act (akt) of the municipality: a decision, a statute, a rulebook … through its whole life."""

    type = models.CharField(_("type"), max_length=30, choices=ActType.choices)
    title = models.CharField(_("title"), max_length=500)
    issuer = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("issuer"),
        related_name="issued_acts",
        on_delete=models.PROTECT,
        help_text=_("The body that adopts the act (donosilac): the Assembly, the mayor or another body."),
    )
    prepared_by = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("prepared by"),
        related_name="prepared_acts",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("The body that prepared the draft (obrađivač)."),
    )
    number = models.CharField(_("number"), max_length=60, blank=True, help_text=_("The act's registry number."))
    area = models.CharField(_("area"), max_length=120, blank=True)
    sub_area = models.CharField(_("sub-area"), max_length=120, blank=True)
    summary = models.TextField(_("summary"), blank=True, max_length=4000)
    status = models.CharField(_("status"), max_length=20, choices=ActStatus.choices, default=ActStatus.DRAFT)

    drafted_on = models.DateField(_("draft fixed on"), null=True, blank=True)
    debate_started_on = models.DateField(_("public debate started on"), null=True, blank=True)
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    amended_on = models.DateField(_("amended on"), null=True, blank=True)
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)

    gazette_issue = models.CharField(
        _("gazette issue"),
        max_length=20,
        blank=True,
        help_text=_("Issue of the Official Gazette of Montenegro – municipal regulations, e.g. 12/2024."),
    )
    gazette_date = models.DateField(_("gazette date"), null=True, blank=True)
    gazette_registry_number = models.CharField(_("gazette registry number"), max_length=60, blank=True)
    entry_into_force = models.DateField(
        _("entry into force"),
        null=True,
        blank=True,
        help_text=_("Computed as the eighth day after publication unless set here."),
    )
    entry_into_force_set_by_hand = models.BooleanField(
        _("entry into force set by hand"),
        default=False,
        help_text=_("Set by itself when the date is changed to one other than the computed one."),
    )
    # When the public first learnt of the adoption (the subscribers' digests and the feed of adopted acts follow
    # this, not the adoption date, so an adoption entered late is still announced).
    adoption_announced_at = models.DateTimeField(_("adoption announced"), null=True, blank=True, editable=False)

    # Denormalised for the registry's sorting and filters: the date of the latest step, and its year.
    date = models.DateField(_("date"), null=True, blank=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, editable=False)

    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown in the public registry, search, feeds and API.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActQuerySet.as_manager()

    search_text_fields = ("title", "number", "area", "sub_area", "gazette_issue")
    search_fields = [
        index.SearchField("search_text"),
        index.AutocompleteField("search_text"),
        index.FilterField("type"),
        index.FilterField("status"),
        index.FilterField("issuer"),
        index.FilterField("year"),
        index.FilterField("date"),
        index.FilterField("area"),
        index.FilterField("is_public"),
        index.FilterField("title"),
        index.FilterField("updated_at"),
        index.FilterField("created_at"),
        index.FilterField("id"),
    ]

    class Meta:
        verbose_name = _("act")
        verbose_name_plural = _("acts")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["is_public", "-date", "-id"], name="acts_public_newest"),
            models.Index(fields=["is_public", "type", "-date", "-id"], name="acts_public_type"),
            models.Index(fields=["is_public", "issuer", "-date", "-id"], name="acts_public_issuer"),
            # A body's acts by title (the registry's issuer filter sorted A–Z), without sorting them all.
            models.Index(fields=["is_public", "issuer", "title", "id"], name="acts_public_issuer_title"),
            models.Index(fields=["is_public", "status", "-date", "-id"], name="acts_public_status"),
            models.Index(fields=["is_public", "year", "-date", "-id"], name="acts_public_year"),
            models.Index(fields=["is_public", "area", "-date", "-id"], name="acts_public_area"),
            models.Index(fields=["is_public", "title"], name="acts_public_title"),
            models.Index(fields=["is_public", "-updated_at"], name="acts_public_updated"),
            models.Index(fields=["is_public", "-adoption_announced_at"], name="acts_public_adopted"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.refresh_derived()
        derived = {"entry_into_force", "entry_into_force_set_by_hand", "published_on", "date", "year"}
        if self.adopted_on and self.is_public and self.adoption_announced_at is None:
            self.adoption_announced_at = timezone.now()
            derived.add("adoption_announced_at")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | derived
        super().save(*args, **kwargs)
        self._loaded_entry_into_force = self.entry_into_force

    def get_absolute_url(self) -> str:
        return reverse("acts-detail", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        act = super().from_db(db, field_names, values)
        # What entry into force was when read, to tell a date changed by someone from one computed earlier.
        act._loaded_entry_into_force = act.__dict__.get("entry_into_force", _UNKNOWN)
        return act

    def get_akn_url(self) -> str:
        return reverse("acts-akn", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.gazette_date and self.adopted_on and self.gazette_date < self.adopted_on:
            raise ValidationError(
                {"gazette_date": _("An act cannot be published in the gazette before it is adopted.")}
            )

    def compute_entry_into_force(self) -> datetime.date | None:
        """The eighth day after publication in the gazette (or the publication date)."""
        published = self.gazette_date or self.published_on
        if published is None:
            return None
        return published + datetime.timedelta(days=DEFAULT_DAYS_TO_FORCE)

    def refresh_derived(self) -> None:
        """Entry into force (unless set by hand), the act's date and year.

        A date of entry into force that someone changed (it differs from the
        one read, or a new act's differs from the computed one) is taken as set
        by hand, so a later change of the publication date does not overwrite it.
        """
        if not self.entry_into_force_set_by_hand:
            computed = self.compute_entry_into_force()
            before = getattr(self, "_loaded_entry_into_force", None if self._state.adding else _UNKNOWN)
            changed = before is not _UNKNOWN and self.entry_into_force != before
            if changed and self.entry_into_force is not None and self.entry_into_force != computed:
                self.entry_into_force_set_by_hand = True
            elif computed is not None:
                self.entry_into_force = computed
        if self.gazette_date and not self.published_on:
            self.published_on = self.gazette_date
        self.date = (
            self.adopted_on
            or self.published_on
            or self.gazette_date
            or self.proposed_on
            or self.debate_started_on
            or self.drafted_on
            or (self.created_at.date() if self.created_at else timezone.localdate())
        )
        self.year = self.date.year

    @classmethod
    def get_indexed_objects(cls):
        # The index text includes the issuer's name: one query for all, not one per act.
        return super().get_indexed_objects().select_related("issuer")

    def get_search_text_parts(self) -> list[str]:
        parts = super().get_search_text_parts()
        parts.append(str(self.get_type_display()))
        if self.issuer_id:
            parts += [self.issuer.name, getattr(self.issuer, "short_name", "")]
        if self.summary:
            parts.append(self.summary)
        return parts

    @property
    def search_description(self) -> str:
        return self.summary

    @property
    def gazette_citation(self) -> str:
        """'Službeni list Crne Gore – opštinski propisi, br. 12/2024' or ''."""
        if not self.gazette_issue:
            return ""
        return _("Official Gazette of Montenegro – municipal regulations, No. %(issue)s") % {
            "issue": self.gazette_issue
        }

    @property
    def organisation_id(self) -> int | None:
        """The organisation the act belongs to in the back office (the audit log reads this)."""
        return self.issuer_id

    def latest_version(self) -> ActVersion | None:
        return self.versions.order_by("-position", "-id").first()


class ActVersion(models.Model):
    """One text of an act: a draft, the proposal, the adopted or a consolidated text."""

    act = models.ForeignKey(Act, verbose_name=_("act"), related_name="versions", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=20, choices=VersionKind.choices, default=VersionKind.DRAFT)
    label = models.CharField(_("label"), max_length=200, help_text=_("e.g. “Draft for public debate”."))
    position = models.PositiveIntegerField(_("order"), default=0, help_text=_("Versions are shown in this order."))
    preamble = models.TextField(_("preamble"), blank=True, help_text=_("The text before the first article."))
    note = models.TextField(_("note"), blank=True, max_length=2000)
    source_name = models.CharField(_("imported from"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("version of an act")
        verbose_name_plural = _("versions of acts")
        ordering = ["act", "position", "id"]
        indexes = [models.Index(fields=["act", "position", "id"], name="acts_version_order")]

    def __str__(self) -> str:
        return f"{self.act} — {self.label}" if self.act_id else self.label

    def get_absolute_url(self) -> str:
        return reverse("acts-version", args=[self.act_id, self.pk])

    @property
    def organisation_id(self) -> int | None:
        return self.act.issuer_id if self.act_id else None

    @property
    def text(self) -> str:
        """The whole text, as the import preview writes it (chapters, “Član N – heading”, paragraphs)."""
        from .parse import to_text
        from .services import ArticleData

        articles = [ArticleData(a.number, a.heading, a.text, a.chapter) for a in self.articles.all()]
        return to_text(self.preamble, articles)


_ANCHOR_UNSAFE = re.compile(r"[^a-z0-9]+")


def article_anchor(number: str) -> str:
    """'3a' → 'clan-3a' (the fragment id of an article on the public pages)."""
    slug = _ANCHOR_UNSAFE.sub("-", (number or "").lower()).strip("-")
    return f"clan-{slug}" if slug else "clan"


class Article(models.Model):
    """An article (član) of a version's text, with the chapter it is in."""

    version = models.ForeignKey(
        ActVersion, verbose_name=_("version"), related_name="articles", on_delete=models.CASCADE
    )
    position = models.PositiveIntegerField(_("order"))
    chapter = models.CharField(_("chapter"), max_length=500, blank=True)
    number = models.CharField(_("number"), max_length=20)
    heading = models.CharField(_("heading"), max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True, help_text=_("Paragraphs separated by blank lines."))

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="acts_article_unique_position"),
        ]

    def __str__(self) -> str:
        return _("Article %(number)s") % {"number": self.number}

    @property
    def anchor(self) -> str:
        return article_anchor(self.number)

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in re.split(r"\n\s*\n", self.text or "") if p.strip()]


class ActRelation(models.Model):
    """A relation of one act to another: amends, repeals, implements, is based on."""

    source = models.ForeignKey(Act, verbose_name=_("act"), related_name="relations_from", on_delete=models.CASCADE)
    kind = models.CharField(_("relation"), max_length=20, choices=RelationKind.choices)
    target = models.ForeignKey(
        Act, verbose_name=_("related act"), related_name="relations_to", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("relation between acts")
        verbose_name_plural = _("relations between acts")
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "target"], name="acts_relation_unique"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="acts_relation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"

    @property
    def organisation_id(self) -> int | None:
        return self.source.issuer_id if self.source_id else None

    def clean(self) -> None:
        super().clean()
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError({"target": _("An act cannot be related to itself.")})


class ActAttachment(models.Model):
    """A file attached to an act (a PDF of the gazette, an explanation …), kept as a Wagtail document."""

    act = models.ForeignKey(Act, verbose_name=_("act"), related_name="attachments", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=255)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        related_name="act_attachments",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["act", "position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def organisation_id(self) -> int | None:
        return self.act.issuer_id if self.act_id else None
