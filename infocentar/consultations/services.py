"""Every write of the public debates that matters: validated, saved, audited and notified here.

Views, the back office, the API, the periodic jobs and the demo call these.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import logging
import re
from dataclasses import dataclass

import nh3
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infocentar.core import audit

from .models import (
    Answer,
    AnswerOutcome,
    Comment,
    CommentSource,
    CommentStatus,
    Consultation,
    ConsultationSettings,
    ConsultationStatus,
    ModerationMode,
    Report,
    Subscription,
)

logger = logging.getLogger(__name__)


class ConsultationError(Exception):
    """A write was refused; `message` says why, in words for the person who tried."""

    def __init__(self, message, code: str = "invalid") -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code


_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>")
_LINK = re.compile(r"(https?://|ftp://|www\.)\S+|\b[\w-]+\.(com|net|org|me|info|ru|biz|io|xyz)(/\S*)?\b", re.I)
_SPACES_IN_LINE = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def plain_text(value: str) -> tuple[str, bool]:
    """The text without any HTML (scripts and styles removed with their content), and whether any was removed."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    had_markup = bool(_TAG.search(value))
    if had_markup:
        value = html.unescape(nh3.clean(value, tags=set(), clean_content_tags={"script", "style"}))
    value = "\n".join(_SPACES_IN_LINE.sub(" ", line).strip() for line in value.split("\n"))
    return _BLANK_LINES.sub("\n\n", value).strip(), had_markup


def has_link(text: str) -> bool:
    return bool(_LINK.search(text or ""))


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def current_settings() -> ConsultationSettings:
    """The debates' settings, read once per content generation (core.memo: saving them starts a new one).

    Shared by the requests of a worker: read it, never change it.
    """
    from infocentar.core.memo import memo

    return memo(("consultations.settings",), ConsultationSettings.current)


def comments_per_hour(config: ConsultationSettings) -> int:
    """How many comments one account may post per hour: the debates' settings, unless the deployment sets
    CONSULTATIONS_COMMENTS_PER_HOUR (the bench does, for the one citizen it posts as)."""
    return int(getattr(settings, "CONSULTATIONS_COMMENTS_PER_HOUR", 0) or 0) or config.comments_per_hour


def has_verified_email(user) -> bool:
    from allauth.account.models import EmailAddress

    if not getattr(user, "is_authenticated", False):
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def display_name(user) -> str:
    name = getattr(user, "display_name", "") or user.get_full_name() or user.get_username()
    return name[:200]


def _article_of(consultation: Consultation, article_id):
    from infocentar.acts.models import Article

    if article_id in (None, ""):
        return None
    try:
        article_id = int(article_id)
    except (TypeError, ValueError):
        raise ConsultationError(_("The article you commented on is not part of this draft."), "article") from None
    article = Article.objects.filter(pk=article_id, version_id=consultation.act_version_id).first()
    if article is None:
        raise ConsultationError(_("The article you commented on is not part of this draft."), "article")
    return article


@dataclass
class Submission:
    """What happened to a submitted comment."""

    comment: Comment
    created: bool
    markup_removed: bool = False


def check_text(text: str, quote: str = "", *, config: ConsultationSettings | None = None) -> tuple[str, str, bool]:
    """Clean text and quote; refuse empty or too long comments (the reason says why)."""
    config = config or ConsultationSettings.current()
    text, markup = plain_text(text)
    quote, quote_markup = plain_text(quote)
    if not text:
        if markup:
            raise ConsultationError(
                _("Your comment held only HTML code, which is not accepted. Write your comment as plain text."),
                "empty",
            )
        raise ConsultationError(_("Write your comment before sending it."), "empty")
    if len(text) > config.comment_max_length:
        raise ConsultationError(
            _("A comment may be at most %(max)s characters long; yours has %(length)s. Shorten it, please.")
            % {"max": config.comment_max_length, "length": len(text)},
            "too_long",
        )
    if len(quote) > 1000:
        quote = quote[:999] + "…"
    return text, quote, markup or quote_markup


def submit_comment(
    consultation: Consultation,
    user,
    *,
    text: str,
    article_id=None,
    quote: str = "",
    idempotency_key: str = "",
    honeypot: str = "",
    now: datetime.datetime | None = None,
) -> Submission:
    """A citizen's comment from the website: checked, stored once, published or queued for moderation."""
    now = now or timezone.now()
    if honeypot:
        raise ConsultationError(_("Your comment could not be accepted. Please try again."), "honeypot")
    if not getattr(user, "is_authenticated", False):
        raise ConsultationError(_("Sign in to comment."), "anonymous")
    if not consultation.accepts_comments(now):
        if now >= consultation.ends_at:
            raise ConsultationError(
                _("The public debate closed on %(end)s; comments are no longer accepted.")
                % {"end": timezone.localtime(consultation.ends_at).strftime("%d.%m.%Y. %H:%M")},
                "late",
            )
        raise ConsultationError(_("This public debate is not open for comments."), "not_open")
    if not has_verified_email(user):
        raise ConsultationError(_("Verify your e-mail address before you comment."), "unverified")
    key = (idempotency_key or "").strip()[:64]
    if key:
        existing = Comment.objects.filter(author=user, idempotency_key=key).first()
        if existing is not None:
            return Submission(existing, created=False)
    config = current_settings()
    text, quote, markup = check_text(text, quote, config=config)
    article = _article_of(consultation, article_id)
    text_digest = digest(str(article.pk if article else ""), text)
    duplicate = Comment.objects.filter(consultation=consultation, author=user, text_digest=text_digest).first()
    if duplicate is not None:
        return Submission(duplicate, created=False)
    if has_link(text) and (now - user.date_joined) < datetime.timedelta(days=config.new_account_days):
        raise ConsultationError(
            _(
                "New accounts may not post links. Describe the page in words, "
                "or send the comment again in %(days)s days."
            )
            % {"days": config.new_account_days},
            "link",
        )
    recent = Comment.objects.filter(author=user, created_at__gte=now - datetime.timedelta(hours=1)).count()
    if recent >= comments_per_hour(config):
        raise ConsultationError(
            _("You have sent %(count)s comments in the last hour, the most allowed. Please wait a while.")
            % {"count": recent},
            "rate",
        )
    status = CommentStatus.PUBLISHED if consultation.moderation == ModerationMode.POST else CommentStatus.PENDING
    comment = Comment(
        consultation=consultation,
        article=article,
        quote=quote,
        text=text,
        author=user,
        author_name=display_name(user),
        author_email=user.email,
        source=CommentSource.ONLINE,
        received_on=timezone.localdate(now),
        status=status,
        idempotency_key=key,
        text_digest=text_digest,
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        # The same form sent twice at once: the first one stored it.
        existing = Comment.objects.filter(author=user, idempotency_key=key).first()
        if existing is None:
            raise
        return Submission(existing, created=False)
    return Submission(comment, created=True, markup_removed=markup)


@transaction.atomic
def enter_comment(
    consultation: Consultation,
    by,
    *,
    text: str,
    author_name: str,
    source: str,
    received_on: datetime.date,
    author_email: str = "",
    article_id=None,
    quote: str = "",
) -> Comment:
    """A comment that arrived on paper, by post, at the front office or by e-mail, entered by staff."""
    if source not in CommentSource.values or source == CommentSource.ONLINE:
        raise ConsultationError(_("Choose where the comment came from."), "source")
    if received_on > timezone.localdate():
        raise ConsultationError(_("The date received cannot be in the future."), "future")
    if received_on > timezone.localdate(consultation.ends_at):
        raise ConsultationError(
            _("The comment arrived after the debate closed (%(end)s) and cannot be taken into account.")
            % {"end": timezone.localtime(consultation.ends_at).strftime("%d.%m.%Y.")},
            "late",
        )
    if received_on < timezone.localdate(consultation.starts_at):
        raise ConsultationError(_("The comment arrived before the debate started."), "early")
    text, quote, _markup = check_text(text, quote)
    author_name = (author_name or "").strip()[:200]
    if not author_name:
        raise ConsultationError(_("Enter the name of the person or organisation that sent the comment."), "name")
    article = _article_of(consultation, article_id)
    comment = Comment.objects.create(
        consultation=consultation,
        article=article,
        quote=quote,
        text=text,
        author_name=author_name,
        author_email=(author_email or "").strip(),
        source=source,
        received_on=received_on,
        status=CommentStatus.PUBLISHED,
        moderated_by=by,
        moderated_at=timezone.now(),
        entered_by=by,
        text_digest=digest(str(article.pk if article else ""), text),
    )
    audit.record(comment, "wagtail.create", by, after=audit.snapshot(comment), title=str(comment))
    return comment


PUBLISH = "publish"
HIDE = "hide"


@transaction.atomic
def moderate(comment: Comment, by, action: str, reason: str = "") -> Comment:
    """Publish a comment, or hide it with a reason the public page shows."""
    reason = (reason or "").strip()[:500]
    before = audit.snapshot(comment)
    if action == PUBLISH:
        comment.status = CommentStatus.PUBLISHED
        comment.hidden_reason = ""
    elif action == HIDE:
        if not reason:
            raise ConsultationError(_("Give the reason for removing the comment; the website shows it."), "reason")
        comment.status = CommentStatus.HIDDEN
        comment.hidden_reason = reason
    else:
        raise ConsultationError(_("Unknown moderation action."), "action")
    comment.moderated_by = by
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["status", "hidden_reason", "moderated_by", "moderated_at", "updated_at"])
    audit.record(
        comment,
        "wagtail.publish" if action == PUBLISH else "wagtail.unpublish",
        by,
        before=before,
        after=audit.snapshot(comment),
        title=str(comment),
    )
    return comment


@transaction.atomic
def moderate_many(comments, by, action: str, reason: str = "") -> int:
    """The moderation queue's bulk action: every comment or none."""
    count = 0
    for comment in comments:
        moderate(comment, by, action, reason)
        count += 1
    return count


@transaction.atomic
def answer(comment: Comment, by, *, outcome: str, reasoning: str) -> Answer:
    """Write (or change) the answer to a comment. Published with the report, or at once if it is out."""
    if outcome not in AnswerOutcome.values:
        raise ConsultationError(_("Choose the outcome of the comment."), "outcome")
    reasoning, _markup = plain_text(reasoning)
    if not reasoning:
        raise ConsultationError(_("Give the reasoning for the answer."), "reasoning")
    if comment.status == CommentStatus.HIDDEN:
        raise ConsultationError(_("A comment removed by the moderator is not answered."), "hidden")
    existing = Answer.objects.filter(comment=comment).first()
    before = audit.snapshot(existing) if existing else None
    item = existing or Answer(comment=comment)
    item.outcome = outcome
    item.reasoning = reasoning
    item.answered_by = by
    item.save()
    if comment.status == CommentStatus.PENDING:
        moderate(comment, by, PUBLISH)
    audit.record(item, "wagtail.edit" if existing else "wagtail.create", by, before=before, after=audit.snapshot(item))
    consultation = comment.consultation
    if consultation.status == ConsultationStatus.REPORT_PUBLISHED:
        _publish_answers(Answer.objects.filter(pk=item.pk))
    return item


# --- the debate's life -----------------------------------------------------------------


def default_end(starts_at: datetime.datetime) -> datetime.datetime:
    days = ConsultationSettings.current().default_duration_days
    return starts_at + datetime.timedelta(days=days)


@transaction.atomic
def save_consultation(consultation: Consultation, *, by=None) -> Consultation:
    """Create or change a debate (validated, audited); the end defaults to the configured length."""
    if consultation.starts_at and not consultation.ends_at:
        consultation.ends_at = default_end(consultation.starts_at)
    if not consultation.title and consultation.act_version_id:
        consultation.title = consultation.act_version.act.title[:255]
    consultation.full_clean()
    created = consultation.pk is None
    before = None if created else audit.snapshot(Consultation.objects.get(pk=consultation.pk))
    consultation.save()
    audit.record(
        consultation,
        "wagtail.create" if created else "wagtail.edit",
        by,
        before=before,
        after=audit.snapshot(consultation),
        title=consultation.title,
    )
    return consultation


@transaction.atomic
def open_consultation(consultation: Consultation, *, by=None, now: datetime.datetime | None = None) -> Consultation:
    """The debate opens: comments are accepted and the act is under public debate."""
    from infocentar.acts import services as act_services
    from infocentar.acts.models import ActStatus

    now = now or timezone.now()
    if consultation.status != ConsultationStatus.PLANNED:
        raise ConsultationError(_("Only a planned debate can be opened."), "state")
    before = audit.snapshot(consultation)
    consultation.status = ConsultationStatus.OPEN
    consultation.opened_at = now
    if consultation.starts_at > now:
        consultation.starts_at = now
    consultation.save(update_fields=["status", "opened_at", "starts_at", "updated_at"])
    audit.record(
        consultation, "wagtail.publish", by, before=before, after=audit.snapshot(consultation), title=str(consultation)
    )
    act = consultation.act_version.act
    if act.status in (ActStatus.DRAFT, ActStatus.PUBLIC_DEBATE):
        act_services.set_status(act, ActStatus.PUBLIC_DEBATE, by=by, on=timezone.localdate(now))
    return consultation


def unanswered_count(consultation: Consultation) -> int:
    return consultation.comments.unanswered().count()


@transaction.atomic
def close_consultation(
    consultation: Consultation, *, by=None, force: bool = False, now: datetime.datetime | None = None
) -> Consultation:
    """The debate closes. Refused while comments wait for moderation or an answer, unless the moderator says so."""
    now = now or timezone.now()
    if consultation.status != ConsultationStatus.OPEN:
        raise ConsultationError(_("Only an open debate can be closed."), "state")
    waiting = unanswered_count(consultation)
    if waiting and not (force or consultation.close_with_unanswered):
        raise ConsultationError(
            _(
                "%(count)s comments are still waiting for moderation or an answer. Answer them, or confirm "
                "that the debate closes anyway."
            )
            % {"count": waiting},
            "unanswered",
        )
    before = audit.snapshot(consultation)
    consultation.status = ConsultationStatus.CLOSED
    consultation.closed_at = now
    fields = ["status", "closed_at", "updated_at"]
    if consultation.ends_at > now:
        consultation.ends_at = now
        fields.append("ends_at")
    if force and waiting:
        consultation.close_with_unanswered = True
        fields.append("close_with_unanswered")
    consultation.save(update_fields=fields)
    audit.record(
        consultation,
        "wagtail.unpublish",
        by,
        before=before,
        after=audit.snapshot(consultation),
        extra={"unanswered": waiting, "forced": bool(force and waiting)},
        title=str(consultation),
    )
    return consultation


def run_schedule(now: datetime.datetime | None = None) -> str:
    """The periodic job: open planned debates whose start has come, close open ones whose end has passed."""
    now = now or timezone.now()
    opened = closed = waiting = 0
    for consultation in Consultation.objects.filter(status=ConsultationStatus.PLANNED, starts_at__lte=now):
        open_consultation(consultation, now=now)
        opened += 1
    for consultation in Consultation.objects.filter(status=ConsultationStatus.OPEN, ends_at__lte=now):
        try:
            with transaction.atomic():
                close_consultation(consultation, now=now)
            closed += 1
        except ConsultationError:
            waiting += 1
    return f"opened {opened}, closed {closed}, waiting for answers {waiting}"


# --- the report ------------------------------------------------------------------------


def _date(value) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return value.strftime("%d.%m.%Y.")


def proposal_after(consultation: Consultation):
    """The act's proposal (or the first later version) after the debated draft, if there is one."""
    from infocentar.acts.models import VersionKind

    debated = consultation.act_version
    later = debated.act.versions.filter(position__gt=debated.position).order_by("position", "id")
    return later.filter(kind=VersionKind.PROPOSAL).first() or later.first()


def report_draft(consultation: Consultation) -> dict[str, str]:
    """The report's text parts drafted from the debate's data (staff edit them before publishing)."""
    from django.db.models import Count, Sum

    act = consultation.act_version.act
    values = {
        "act": act.title,
        "version": consultation.act_version.label,
        "body": consultation.organisation.name,
        "start": _date(consultation.starts_at),
        "end": _date(consultation.ends_at),
        "days": (timezone.localdate(consultation.ends_at) - timezone.localdate(consultation.starts_at)).days,
    }
    introduction = (
        _(
            "%(body)s conducted the public debate on the %(version)s of the act “%(act)s” from %(start)s to "
            "%(end)s (%(days)s days)."
        )
        % values
    )
    if consultation.decision:
        introduction += " " + _("The draft was fixed by: %(decision)s.") % {"decision": consultation.decision}
    if consultation.announced_in:
        introduction += " " + _("The programme of the debate and the public call were announced: %(where)s.") % {
            "where": consultation.announced_in
        }
    meetings = list(consultation.meetings.all())
    if meetings:
        meetings_text = "\n".join(
            _("%(kind)s held on %(date)s in %(place)s, with %(count)s participants.")
            % {"kind": m.get_kind_display(), "date": _date(m.held_at), "place": m.place, "count": m.participants}
            for m in meetings
        )
    elif consultation.meeting_at:
        meetings_text = _("The central public meeting was held on %(date)s in %(place)s.") % {
            "date": _date(consultation.meeting_at),
            "place": consultation.meeting_place,
        }
    else:
        meetings_text = _("No public meeting was held.")
    comments = consultation.comments.exclude(status=CommentStatus.HIDDEN)
    stats = comments.aggregate(total=Count("id"), authors=Count("author_name", distinct=True))
    at_meetings = consultation.meetings.aggregate(total=Sum("participants"))["total"] or 0
    participation_text = _(
        "%(authors)s participants sent %(total)s comments; %(meeting)s people took part in the meetings."
    ) % {"authors": stats["authors"], "total": stats["total"], "meeting": at_meetings}
    by_outcome = dict(
        comments.filter(answer__isnull=False).values_list("answer__outcome").annotate(n=Count("id")).order_by()
    )
    outcome_text = ", ".join(
        f"{label}: {by_outcome.get(value, 0)}" for value, label in AnswerOutcome.choices if by_outcome.get(value)
    )
    conclusion = _("Of the comments answered — %(outcomes)s.") % {"outcomes": outcome_text} if outcome_text else ""
    proposal = proposal_after(consultation)
    if proposal is not None:
        from infocentar.acts.compare import compare_versions, summary

        counts = summary(compare_versions(consultation.act_version, proposal))
        changes_text = _(
            "Compared with the debated draft, the %(proposal)s adds %(added)s articles, removes %(removed)s and "
            "changes %(changed)s."
        ) % {"proposal": proposal.label, **counts}
    else:
        changes_text = _("The proposal of the act has not been prepared yet.")
    return {
        "introduction": introduction,
        "meetings_text": meetings_text,
        "participation_text": participation_text,
        "changes_text": changes_text,
        "conclusion": conclusion,
        "proposal_version": proposal,
    }


@transaction.atomic
def draft_report(consultation: Consultation, *, by=None, overwrite: bool = False) -> Report:
    """Create the report drafted from the data (or redraft an unpublished one when `overwrite`)."""
    report = Report.objects.filter(consultation=consultation).first()
    if report is not None and (report.is_published or not overwrite):
        return report
    before = audit.snapshot(report) if report else None
    report = report or Report(consultation=consultation)
    for name, value in report_draft(consultation).items():
        setattr(report, name, value)
    report.save()
    audit.record(
        report, "wagtail.edit" if before else "wagtail.create", by, before=before, after=audit.snapshot(report)
    )
    return report


def _publish_answers(answers) -> int:
    from . import notifications

    now = timezone.now()
    sent = 0
    for item in answers.select_related("comment__consultation"):
        changed = ["published_at"]
        item.published_at = item.published_at or now
        if item.author_notified_at is None and item.comment.author_email and notifications.answer_published(item):
            item.author_notified_at = now
            changed.append("author_notified_at")
            sent += 1
        item.save(update_fields=changed)
    return sent


def store_report_pdf(report: Report) -> bool:
    """Render the report's PDF and keep it; False (logged) if rendering fails: the page is published anyway
    and the PDF is made on the first request for it."""
    from django.core.files.base import ContentFile

    from .pdf import render_report_pdf

    try:
        content = render_report_pdf(report)
    except Exception:
        logger.exception("Could not render the PDF of report %s", report.pk)
        return False
    if report.pdf:
        report.pdf.delete(save=False)
    report.pdf.save(f"izvjestaj-javna-rasprava-{report.consultation_id}.pdf", ContentFile(content), save=False)
    Report.objects.filter(pk=report.pk).update(pdf=report.pdf.name)
    return True


@transaction.atomic
def publish_report(report: Report, *, by=None) -> Report:
    """Publish the report as a page and a PDF, publish every answer and tell each author."""
    consultation = report.consultation
    if consultation.status not in (ConsultationStatus.CLOSED, ConsultationStatus.REPORT_PUBLISHED):
        raise ConsultationError(_("The report is published after the debate has closed."), "state")
    waiting = unanswered_count(consultation)
    if waiting and not consultation.close_with_unanswered:
        raise ConsultationError(
            _("%(count)s comments have no answer yet; the report lists every comment with its answer.")
            % {"count": waiting},
            "unanswered",
        )
    before = audit.snapshot(report)
    report.published_at = report.published_at or timezone.now()
    report.published_by = by
    report.save(update_fields=["published_at", "published_by", "updated_at"])
    _publish_answers(Answer.objects.filter(comment__consultation=consultation, published_at__isnull=True))
    if consultation.status != ConsultationStatus.REPORT_PUBLISHED:
        consultation_before = audit.snapshot(consultation)
        consultation.status = ConsultationStatus.REPORT_PUBLISHED
        consultation.save(update_fields=["status", "updated_at"])
        audit.record(consultation, "wagtail.edit", by, before=consultation_before, after=audit.snapshot(consultation))
    store_report_pdf(report)
    audit.record(report, "wagtail.publish", by, before=before, after=audit.snapshot(report), title=str(report))
    return report


def remind_reports(today: datetime.date | None = None) -> str:
    """The periodic job: e-mail the moderators of ended debates whose report is due soon (once per debate)."""
    from . import notifications

    today = today or timezone.localdate()
    config = ConsultationSettings.current()
    reminded = 0
    for consultation in (
        Consultation.objects.awaiting_report().filter(report_reminded_at__isnull=True).select_related("organisation")
    ):
        due = consultation.report_due_on(config.report_due_days)
        if today >= due - datetime.timedelta(days=config.reminder_days_before):
            notifications.report_reminder(consultation, due)
            consultation.report_reminded_at = timezone.now()
            consultation.save(update_fields=["report_reminded_at"])
            reminded += 1
    return f"reminded {reminded}"


# --- subscriptions ---------------------------------------------------------------------


def subscribe(
    email: str,
    *,
    new_debates: bool = True,
    adopted_acts: bool = True,
    act_type: str = "",
    issuer=None,
    area: str = "",
    frequency: str = "daily",
) -> Subscription:
    """A new subscription, waiting for the confirmation link sent by e-mail (double opt-in)."""
    from . import notifications

    email = (email or "").strip().lower()
    if not (new_debates or adopted_acts):
        raise ConsultationError(_("Choose what you want to receive: new debates, adopted acts or both."), "topics")
    existing = Subscription.objects.filter(
        email=email, act_type=act_type, issuer=issuer, area=area, unsubscribed_at__isnull=True
    ).first()
    subscription = existing or Subscription(email=email, act_type=act_type, issuer=issuer, area=area)
    subscription.new_debates = new_debates
    subscription.adopted_acts = adopted_acts
    subscription.frequency = frequency
    subscription.save()
    if subscription.confirmed_at is None:
        notifications.confirm_subscription(subscription)
    return subscription


def confirm_subscription(token: str) -> Subscription | None:
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is None or subscription.unsubscribed_at is not None:
        return None
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        # The digest starts from now: no flood of everything that came before.
        subscription.last_sent_at = subscription.confirmed_at
        subscription.save(update_fields=["confirmed_at", "last_sent_at"])
    return subscription


UNSUBSCRIBE_SALT = "infocentar.consultations.unsubscribe"


def unsubscribe_code(subscription: Subscription) -> str:
    """The signed value in a one-click unsubscribe link (HMAC of the subscription with the site's secret key)."""
    from django.core import signing

    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"{subscription.pk}.{subscription.token[:8]}")


def subscription_for_unsubscribe(code: str) -> Subscription | None:
    """The subscription a signed unsubscribe link names, or None for a forged or broken link."""
    from django.core import signing

    try:
        value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign((code or "")[:200])
    except signing.BadSignature:
        return None
    pk, _sep, prefix = value.partition(".")
    if not pk.isdigit():
        return None
    return Subscription.objects.filter(pk=int(pk), token__startswith=prefix).first()


def unsubscribe(code: str) -> Subscription | None:
    subscription = subscription_for_unsubscribe(code)
    if subscription is None:
        return None
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
    return subscription


def _matching_debates(subscription: Subscription, since, until) -> list[Consultation]:
    debates = Consultation.objects.public().filter(opened_at__gt=since, opened_at__lte=until)
    if subscription.act_type:
        debates = debates.filter(act_version__act__type=subscription.act_type)
    if subscription.issuer_id:
        debates = debates.filter(act_version__act__issuer_id=subscription.issuer_id)
    if subscription.area:
        debates = debates.filter(act_version__act__area__iexact=subscription.area)
    return list(debates.select_related("act_version__act").order_by("opened_at")[:50])


def _matching_acts(subscription: Subscription, since, until) -> list:
    from infocentar.acts.models import Act

    # Adoptions made public in the period, whatever the adoption's date (one entered late is still news).
    acts = Act.objects.public().filter(adoption_announced_at__gt=since, adoption_announced_at__lte=until)
    if subscription.act_type:
        acts = acts.filter(type=subscription.act_type)
    if subscription.issuer_id:
        acts = acts.filter(issuer_id=subscription.issuer_id)
    if subscription.area:
        acts = acts.filter(area__iexact=subscription.area)
    return list(acts.order_by("adopted_on", "pk")[:50])


def send_digests(now: datetime.datetime | None = None, *, frequency: str | None = None) -> str:
    """The periodic job: each confirmed subscriber gets what is new since the last message (nothing if nothing)."""
    from . import notifications

    now = now or timezone.now()
    sent = 0
    subscriptions = Subscription.objects.active()
    if frequency:
        subscriptions = subscriptions.filter(frequency=frequency)
    for subscription in subscriptions:
        if (
            subscription.frequency == "daily"
            and subscription.last_sent_at
            and (now - subscription.last_sent_at < datetime.timedelta(hours=23))
        ):
            continue
        since = subscription.last_sent_at or subscription.confirmed_at
        debates = _matching_debates(subscription, since, now) if subscription.new_debates else []
        acts = _matching_acts(subscription, since, now) if subscription.adopted_acts else []
        if debates or acts:
            if not notifications.digest(subscription, debates, acts):
                continue
            sent += 1
        subscription.last_sent_at = now
        subscription.save(update_fields=["last_sent_at"])
    return f"sent {sent}"
