"""Public debates (javne rasprave) on drafts of acts: the debate, citizens' comments, answers, meetings, the report."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.search import index

from infocentar.core.mixins import FoldedSearchMixin
from infocentar.core.models import OrganisationScopedQuerySet
from infocentar.core.text import fold_for_index

DEFAULT_DURATION_DAYS = 15
DEFAULT_REPORT_DUE_DAYS = 10
COMMENT_MAX_LENGTH = 5000
QUOTE_MAX_LENGTH = 1000


@register_setting(icon="comment")
class ConsultationSettings(BaseGenericSetting):
    """How public debates are run in this municipality (defaults of new debates, limits on comments)."""

    default_duration_days = models.PositiveSmallIntegerField(
        _("default length of a debate (days)"),
        default=DEFAULT_DURATION_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("A new debate ends this many days after it starts unless another end is set."),
    )
    report_due_days = models.PositiveSmallIntegerField(
        _("report due (days after the close)"),
        default=DEFAULT_REPORT_DUE_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("remind moderators (days before the report is due)"),
        default=3,
        validators=[MaxValueValidator(60)],
    )
    comment_max_length = models.PositiveIntegerField(
        _("maximum length of a comment (characters)"),
        default=COMMENT_MAX_LENGTH,
        validators=[MinValueValidator(100), MaxValueValidator(50_000)],
    )
    comments_per_hour = models.PositiveSmallIntegerField(
        _("comments per account per hour"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    new_account_days = models.PositiveSmallIntegerField(
        _("accounts younger than this many days may not post links"),
        default=7,
        validators=[MaxValueValidator(365)],
    )

    class Meta:
        verbose_name = _("public debate settings")
        verbose_name_plural = _("public debate settings")

    @classmethod
    def current(cls) -> ConsultationSettings:
        """The settings row (created with the defaults the first time)."""
        instance = cls.objects.first()
        return instance if instance is not None else cls.objects.create()


class ConsultationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    REPORT_PUBLISHED = "report_published", _("Report published")


class ModerationMode(models.TextChoices):
    PRE = "pre", _("Before publication (a moderator approves each comment)")
    POST = "post", _("After publication (comments appear at once; moderators may hide them)")


class ConsultationQuerySet(OrganisationScopedQuerySet):
    def public(self) -> ConsultationQuerySet:
        return self.filter(is_public=True)

    def for_listing(self) -> ConsultationQuerySet:
        return self.select_related("organisation", "act_version__act")

    def awaiting_report(self, now: datetime.datetime | None = None) -> ConsultationQuerySet:
        """Debates whose report is being written: closed ones, and open ones past their end.

        A debate stays open past its end while comments wait for an answer
        (`services.close_consultation`), but its report is due from the end all the same.
        """
        now = now or timezone.now()
        return self.filter(Q(status=ConsultationStatus.CLOSED) | Q(status=ConsultationStatus.OPEN, ends_at__lte=now))

    def with_comment_counts(self) -> ConsultationQuerySet:
        """Each debate's published comments, counted per row through the comments' index.

        (A join with GROUP BY would read every comment of every debate before the page is cut: 200,000 rows.)
        """
        published = (
            Comment.objects.filter(consultation=OuterRef("pk"), status=CommentStatus.PUBLISHED)
            .order_by()
            .values("consultation")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            published_comment_count=Coalesce(Subquery(published, output_field=models.IntegerField()), 0)
        )


class Consultation(FoldedSearchMixin, models.Model):
    """A public debate (javna rasprava) on one version of a draft act, run by a conducting body."""

    act_version = models.ForeignKey(
        "acts.ActVersion",
        verbose_name=_("debated version of the act"),
        related_name="consultations",
        on_delete=models.PROTECT,
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("conducting body"),
        related_name="consultations",
        on_delete=models.PROTECT,
        help_text=_("The body that conducts the debate; its moderators moderate and answer the comments."),
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    decision = models.CharField(
        _("decision fixing the draft"),
        max_length=500,
        blank=True,
        help_text=_("The conclusion (zaključak) that fixed the draft and set the debate, with its number and date."),
    )
    public_call = models.TextField(
        _("public call"), blank=True, help_text=_("The text of the public call (javni poziv).")
    )
    how_to_participate = models.TextField(_("how to take part"), blank=True)
    contact = models.CharField(_("contact"), max_length=500, blank=True)
    announced_in = models.CharField(
        _("how the debate was announced"),
        max_length=500,
        blank=True,
        help_text=_("Where the programme and the call were published (website, notice board, local media)."),
    )
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    meeting_at = models.DateTimeField(_("central public meeting"), null=True, blank=True)
    meeting_place = models.CharField(_("place of the central public meeting"), max_length=255, blank=True)
    documents = models.ManyToManyField(
        "wagtaildocs.Document", verbose_name=_("related documents"), related_name="consultations", blank=True
    )
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=ModerationMode.choices, default=ModerationMode.PRE
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ConsultationStatus.choices, default=ConsultationStatus.PLANNED
    )
    close_with_unanswered = models.BooleanField(
        _("close even with unanswered comments"),
        default=False,
        help_text=_(
            "A debate closes at its end only when every comment has been moderated and answered. "
            "Tick this to let it close anyway."
        ),
    )
    is_public = models.BooleanField(_("shown on the website"), default=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    report_reminded_at = models.DateTimeField(_("report reminder sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ConsultationQuerySet.as_manager()

    search_text_fields = ("title", "summary", "public_call")
    search_fields = [
        index.SearchField("search_text"),
        index.AutocompleteField("search_text"),
        index.FilterField("status"),
        index.FilterField("organisation"),
        index.FilterField("is_public"),
        index.FilterField("starts_at"),
        index.FilterField("id"),
    ]

    class Meta:
        verbose_name = _("public debate")
        verbose_name_plural = _("public debates")
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["is_public", "status", "-starts_at"], name="consult_public_status"),
            models.Index(fields=["status", "starts_at"], name="consult_status_start"),
            models.Index(fields=["status", "ends_at"], name="consult_status_end"),
            models.Index(fields=["organisation", "status"], name="consult_org_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations-detail", args=[self.pk])

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})
        if (
            self.meeting_at
            and self.starts_at
            and self.ends_at
            and not self.starts_at <= self.meeting_at <= self.ends_at
        ):
            raise ValidationError({"meeting_at": _("The central public meeting must be held during the debate.")})

    def get_search_text_parts(self) -> list[str]:
        parts = super().get_search_text_parts()
        if self.organisation_id:
            parts.append(self.organisation.name)
        return parts

    @property
    def search_description(self) -> str:
        return self.summary

    @property
    def act(self):
        return self.act_version.act

    # --- time ----------------------------------------------------------------------
    def accepts_comments(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.status == ConsultationStatus.OPEN and self.starts_at <= now < self.ends_at

    def report_due_on(self, due_days: int | None = None) -> datetime.date:
        if due_days is None:
            due_days = ConsultationSettings.current().report_due_days
        return timezone.localdate(self.ends_at) + datetime.timedelta(days=due_days)

    def report_is_late(self, today: datetime.date | None = None, due_days: int | None = None) -> bool:
        if self.status == ConsultationStatus.REPORT_PUBLISHED:
            return False
        today = today or timezone.localdate()
        return timezone.now() >= self.ends_at and today > self.report_due_on(due_days)


class CommentSource(models.TextChoices):
    ONLINE = "online", _("On the website")
    PAPER = "paper", _("In writing (on paper)")
    POST = "post", _("By post")
    FRONT_OFFICE = "front_office", _("At the front office")
    EMAIL = "email", _("By e-mail")
    MEETING = "meeting", _("At a public meeting")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Removed by the moderator")


class CommentQuerySet(models.QuerySet):
    def published(self) -> CommentQuerySet:
        return self.filter(status=CommentStatus.PUBLISHED)

    def shown(self) -> CommentQuerySet:
        """What the public page lists: published comments and the placeholders of hidden ones."""
        return self.filter(status__in=[CommentStatus.PUBLISHED, CommentStatus.HIDDEN])

    def for_user(self, user, roles=None) -> CommentQuerySet:
        from infocentar.core.scoping import visible_organisation_ids

        ids = visible_organisation_ids(user, roles=roles)
        return self if ids is None else self.filter(consultation__organisation__in=ids)

    def unanswered(self) -> CommentQuerySet:
        """Comments that still need a moderator: waiting for moderation, or published without an answer."""
        return self.filter(Q(status=CommentStatus.PENDING) | Q(status=CommentStatus.PUBLISHED, answer__isnull=True))


class Comment(models.Model):
    """A comment on the draft (as a whole or on one article), from a citizen online or entered by staff."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("public debate"), related_name="comments", on_delete=models.CASCADE
    )
    article = models.ForeignKey(
        "acts.Article",
        verbose_name=_("article"),
        related_name="consultation_comments",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Leave empty for a comment on the draft as a whole."),
    )
    quote = models.TextField(_("quoted passage"), blank=True, max_length=QUOTE_MAX_LENGTH)
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        related_name="consultation_comments",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    author_name = models.CharField(
        _("author"), max_length=200, help_text=_("The name shown with the comment (a person or an organisation).")
    )
    author_email = models.EmailField(
        _("author's e-mail"), blank=True, help_text=_("Where the answer is sent. Never shown on the website.")
    )
    source = models.CharField(_("source"), max_length=20, choices=CommentSource.choices, default=CommentSource.ONLINE)
    received_on = models.DateField(_("received"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING, db_index=True
    )
    hidden_reason = models.CharField(_("reason for removal"), max_length=500, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    idempotency_key = models.CharField(max_length=64, blank=True, editable=False)
    text_digest = models.CharField(max_length=64, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CommentQuerySet.as_manager()

    # Wagtail's reference index ("usage" in the admin) has nothing to learn from a comment, and indexing each
    # one would queue a task per comment posted.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["consultation", "status", "created_at"], name="comment_consult_status"),
            models.Index(fields=["status", "created_at"], name="comment_status_created"),
            models.Index(fields=["author", "created_at"], name="comment_author_created"),
            # The duplicate check of a new comment (the same text from the same account), however many
            # comments the account has sent.
            models.Index(fields=["author", "text_digest"], name="comment_author_digest"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="comment_unique_idempotency_key",
            ),
        ]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        return f"{self.author_name}: {text}"

    def save(self, *args, **kwargs):
        self.search_text = fold_for_index(" ".join([self.author_name, self.text, self.quote]))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"text", "author_name", "quote"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def organisation_id(self) -> int | None:
        """The conducting body (for the audit log's organisation)."""
        return self.consultation.organisation_id if self.consultation_id else None

    @property
    def is_hidden(self) -> bool:
        return self.status == CommentStatus.HIDDEN

    @property
    def anchor(self) -> str:
        return f"komentar-{self.pk}"

    def article_label(self) -> str:
        if self.article_id is None:
            return str(_("The draft as a whole"))
        return str(_("Article %(number)s") % {"number": self.article.number})


class AnswerOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    NOTED = "noted", _("Noted")


class Answer(models.Model):
    """The conducting body's answer to one comment: the outcome and the reasoning."""

    comment = models.OneToOneField(Comment, verbose_name=_("comment"), related_name="answer", on_delete=models.CASCADE)
    outcome = models.CharField(_("outcome"), max_length=20, choices=AnswerOutcome.choices)
    reasoning = models.TextField(_("reasoning"), max_length=10_000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    published_at = models.DateTimeField(
        _("published"), null=True, blank=True, help_text=_("Answers are published with the report.")
    )
    author_notified_at = models.DateTimeField(_("author notified"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    wagtail_reference_index_ignore = True  # as comments: no "usage" to record, no task per answer

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["comment__created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.comment}"

    @property
    def organisation_id(self) -> int | None:
        return self.comment.consultation.organisation_id if self.comment_id else None


class MeetingKind(models.TextChoices):
    CENTRAL = "central", _("Central public meeting")
    ROUND_TABLE = "round_table", _("Round table")
    LOCAL_COMMUNITY = "local_community", _("Meeting with a local community")
    STAKEHOLDERS = "stakeholders", _("Meeting with organisations or businesses")
    OTHER = "other", _("Other meeting")


class Meeting(models.Model):
    """A meeting held during a debate (the central public meeting, a round table …)."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("public debate"), related_name="meetings", on_delete=models.CASCADE
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.CENTRAL)
    held_at = models.DateTimeField(_("held"))
    place = models.CharField(_("place"), max_length=255)
    participants = models.PositiveIntegerField(_("number of participants"), default=0)
    summary = models.TextField(_("summary"), blank=True, max_length=5000)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["held_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {timezone.localtime(self.held_at):%d.%m.%Y}"

    @property
    def organisation_id(self) -> int | None:
        return self.consultation.organisation_id if self.consultation_id else None


class Report(models.Model):
    """The report on the conducted public debate (Izvještaj o sprovedenoj javnoj raspravi)."""

    consultation = models.OneToOneField(
        Consultation, verbose_name=_("public debate"), related_name="report", on_delete=models.CASCADE
    )
    proposal_version = models.ForeignKey(
        "acts.ActVersion",
        verbose_name=_("proposal compared with the debated draft"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    introduction = models.TextField(_("what was debated, when and how it was announced"), blank=True)
    meetings_text = models.TextField(_("meetings held"), blank=True)
    participation_text = models.TextField(_("participation"), blank=True)
    changes_text = models.TextField(_("changes to the draft"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    signed_by = models.CharField(_("signed by"), max_length=255, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    pdf = models.FileField(_("PDF"), upload_to="consultations/reports/", blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("debate report")
        verbose_name_plural = _("debate reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(_("Report: %(title)s") % {"title": self.consultation.title})

    @property
    def organisation_id(self) -> int | None:
        return self.consultation.organisation_id if self.consultation_id else None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("Once a day (digest)")
    IMMEDIATE = "immediate", _("At once, for each new item")


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class SubscriptionQuerySet(models.QuerySet):
    def active(self) -> SubscriptionQuerySet:
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscription(models.Model):
    """An e-mail subscription to new debates and newly adopted acts (double opt-in)."""

    email = models.EmailField(_("e-mail"))
    new_debates = models.BooleanField(_("new public debates"), default=True)
    adopted_acts = models.BooleanField(_("newly adopted acts"), default=True)
    act_type = models.CharField(_("type of act"), max_length=50, blank=True)
    issuer = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("issuer"),
        related_name="+",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    area = models.CharField(_("area"), max_length=100, blank=True)
    frequency = models.CharField(
        _("how often"), max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.DAILY
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["confirmed_at", "unsubscribed_at"], name="subscription_active")]

    def __str__(self) -> str:
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None
