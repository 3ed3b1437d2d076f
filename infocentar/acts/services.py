"""Every write of the acts registry that matters: validated, saved and audited here.

The admin viewsets, the DOCX import, the demo and other apps (consultations)
call these; nothing else writes acts, versions or articles.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from infocentar.core import audit, pagecache

from .models import STATUS_DATE_FIELDS, Act, ActAttachment, ActRelation, ActStatus, ActVersion, Article, VersionKind


def _extra(act: Act, **more) -> dict:
    return {"organisation_id": act.issuer_id, **more}


@transaction.atomic
def save_act(act: Act, *, by=None, source: str = "") -> Act:
    """Validate and save an act, and write the audit entry."""
    act.full_clean()
    created = act.pk is None
    before = None if created else audit.snapshot(Act.objects.get(pk=act.pk))
    act.save()
    audit.record(
        act,
        "wagtail.create" if created else "wagtail.edit",
        by,
        before=before,
        after=audit.snapshot(act),
        extra=_extra(act, **({"source": source} if source else {})),
        title=act.title,
    )
    return act


@transaction.atomic
def set_status(act: Act, status: str, *, by=None, on: datetime.date | None = None) -> Act:
    """Move `act` to `status`, set that step's date (today unless `on`) and audit the change."""
    if status not in ActStatus.values:
        raise ValidationError(_("Unknown status of an act: %(status)s") % {"status": status})
    on = on or timezone.localdate()
    before = audit.snapshot(Act.objects.get(pk=act.pk))
    act.status = status
    date_field = STATUS_DATE_FIELDS[ActStatus(status)]
    setattr(act, date_field, on)
    if date_field == "entry_into_force":
        act.entry_into_force_set_by_hand = True
    act.save()
    audit.record(
        act,
        "wagtail.edit",
        by,
        before=before,
        after=audit.snapshot(act),
        extra=_extra(act, status=status),
        title=act.title,
    )
    return act


@transaction.atomic
def publish_in_gazette(act: Act, *, issue: str, on: datetime.date, registry_number: str = "", by=None) -> Act:
    """Record publication in the Official Gazette; entry into force follows (8th day) unless set by hand."""
    before = audit.snapshot(Act.objects.get(pk=act.pk))
    act.gazette_issue = issue
    act.gazette_date = on
    act.gazette_registry_number = registry_number
    act.published_on = on
    act.status = ActStatus.PUBLISHED
    act.full_clean()
    act.save()
    audit.record(act, "wagtail.edit", by, before=before, after=audit.snapshot(act), extra=_extra(act), title=act.title)
    return act


@dataclass
class ArticleData:
    """An article as read from a file or a form, before it is stored."""

    number: str
    heading: str = ""
    text: str = ""
    chapter: str = ""


def _next_position(act: Act) -> int:
    return (act.versions.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def create_version(
    act: Act,
    *,
    label: str,
    kind: str = VersionKind.DRAFT,
    articles: Sequence[ArticleData] = (),
    preamble: str = "",
    note: str = "",
    source_name: str = "",
    by=None,
) -> ActVersion:
    """A new version of `act` with its articles, audited."""
    version = ActVersion(
        act=act,
        kind=kind,
        label=label,
        preamble=preamble,
        note=note,
        source_name=source_name[:255],
        position=_next_position(act),
    )
    version.full_clean()
    version.save()
    _store_articles(version, articles)
    audit.record(
        version,
        "wagtail.create",
        by,
        after=audit.snapshot(version),
        extra=_extra(act, act_id=act.pk, articles=len(articles), source=source_name),
        title=str(version),
    )
    Act.objects.filter(pk=act.pk).update(updated_at=timezone.now())
    transaction.on_commit(pagecache.invalidate)
    return version


def _store_articles(version: ActVersion, articles: Iterable[ArticleData]) -> None:
    rows = []
    for position, data in enumerate(articles, start=1):
        article = Article(
            version=version,
            position=position,
            chapter=(data.chapter or "")[:500],
            number=(data.number or str(position))[:20],
            heading=(data.heading or "")[:500],
            text=data.text or "",
        )
        rows.append(article)
    Article.objects.bulk_create(rows, batch_size=500)


@transaction.atomic
def replace_articles(
    version: ActVersion, articles: Sequence[ArticleData], *, by=None, preamble: str | None = None
) -> ActVersion:
    """Replace a version's text (and its preamble, when given), audited."""
    before = {
        "preamble": version.preamble,
        "articles": [[a.chapter, a.number, a.heading, a.text] for a in version.articles.all()],
    }
    version.articles.all().delete()
    _store_articles(version, articles)
    if preamble is not None and preamble != version.preamble:
        version.preamble = preamble
        version.save(update_fields=["preamble"])
    after = {"preamble": version.preamble, "articles": [[a.chapter, a.number, a.heading, a.text] for a in articles]}
    audit.record(
        version,
        "wagtail.edit",
        by,
        before=before,
        after=after,
        extra=_extra(version.act, act_id=version.act_id),
        title=str(version),
    )
    transaction.on_commit(pagecache.invalidate)
    return version


@transaction.atomic
def relate(source: Act, kind: str, target: Act, *, by=None) -> ActRelation:
    relation = ActRelation(source=source, kind=kind, target=target)
    relation.full_clean()
    relation.save()
    audit.record(
        source,
        "wagtail.edit",
        by,
        extra=_extra(source, relation=kind, target=target.pk),
        title=source.title,
    )
    return relation


@transaction.atomic
def attach(act: Act, *, title: str, document, by=None) -> ActAttachment:
    position = (act.attachments.aggregate(m=Max("position"))["m"] or 0) + 1
    attachment = ActAttachment.objects.create(act=act, title=title[:255], document=document, position=position)
    audit.record(
        act,
        "wagtail.edit",
        by,
        extra=_extra(act, attachment=title, document=getattr(document, "pk", None)),
        title=act.title,
    )
    return attachment
