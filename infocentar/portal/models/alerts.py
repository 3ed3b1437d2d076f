"""Site-wide alerts (a water cut, a road closure, an emergency) shown on every page while they last."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..links import validate_link

CACHE_KEY = "portal:site-alerts:v1"
# Alerts that have not ended, at most this many, are kept in the cache.
MAX_CACHED_ALERTS = 50


class Severity(models.TextChoices):
    INFO = "info", _("Information")
    WARNING = "warning", _("Warning")
    EMERGENCY = "emergency", _("Emergency")


SEVERITY_ORDER = {Severity.EMERGENCY: 0, Severity.WARNING: 1, Severity.INFO: 2}


class SiteAlertQuerySet(models.QuerySet):
    def active_at(self, moment: datetime) -> SiteAlertQuerySet:
        return self.filter(is_active=True, starts_at__lte=moment).filter(
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=moment)
        )

    def not_ended(self, moment: datetime) -> SiteAlertQuerySet:
        return self.filter(is_active=True).filter(models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=moment))


class SiteAlert(models.Model):
    """A notice shown above every page of the site from its start to its end (obavještenje)."""

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True, max_length=600)
    severity = models.CharField(_("severity"), max_length=20, choices=Severity.choices, default=Severity.INFO)
    link = models.CharField(
        _("link"),
        max_length=500,
        blank=True,
        help_text=_("Optional: a page of this site (/vijesti/…) or a full address (https://…) to read more."),
    )
    link_text = models.CharField(_("link text"), max_length=80, blank=True, help_text=_("“Read more” when empty."))
    starts_at = models.DateTimeField(_("shown from"), default=timezone.now)
    ends_at = models.DateTimeField(_("shown until"), null=True, blank=True, help_text=_("Empty: until switched off."))
    is_active = models.BooleanField(_("switched on"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SiteAlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["is_active", "starts_at", "ends_at"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = ValidationError(_("The end must come after the start."))
        if self.link:
            try:
                validate_link(self.link)
            except ValidationError as exc:
                errors["link"] = exc
        if self.link_text and not self.link:
            errors["link_text"] = ValidationError(_("Link text needs a link."))
        if errors:
            raise ValidationError(errors)

    def is_shown_at(self, moment: datetime) -> bool:
        return self.is_active and self.starts_at <= moment and (self.ends_at is None or moment < self.ends_at)

    @property
    def status(self) -> str:
        now = timezone.now()
        if not self.is_active:
            return str(_("Switched off"))
        if self.starts_at > now:
            return str(_("Scheduled"))
        if self.ends_at is not None and self.ends_at <= now:
            return str(_("Ended"))
        return str(_("Shown now"))


@dataclass(frozen=True)
class ShownAlert:
    """What the banner needs of an alert; cached, so no query per request."""

    pk: int
    title: str
    text: str
    severity: str
    link: str
    link_text: str
    starts_at: datetime
    ends_at: datetime | None

    def is_shown_at(self, moment: datetime) -> bool:
        return self.starts_at <= moment and (self.ends_at is None or moment < self.ends_at)


def cache_seconds() -> int:
    return max(1, min(60, int(getattr(settings, "SITE_ALERTS_CACHE_SECONDS", 60))))


def _pending_alerts() -> list[ShownAlert]:
    """Alerts that are switched on and have not ended (shown now or later), from the cache."""
    alerts = cache.get(CACHE_KEY)
    if alerts is None:
        rows = SiteAlert.objects.not_ended(timezone.now()).order_by("starts_at")[:MAX_CACHED_ALERTS]
        alerts = [
            ShownAlert(
                pk=a.pk, title=a.title, text=a.text, severity=a.severity, link=a.link, link_text=a.link_text,
                starts_at=a.starts_at, ends_at=a.ends_at,
            )
            for a in rows
        ]  # fmt: skip
        cache.set(CACHE_KEY, alerts, cache_seconds())
    return alerts


def current_alerts(moment: datetime | None = None) -> list[ShownAlert]:
    """Alerts to show now: emergencies first, then warnings, then notices; the newest first in each."""
    moment = moment or timezone.now()
    shown = [a for a in _pending_alerts() if a.is_shown_at(moment)]
    shown.sort(key=lambda a: -a.starts_at.timestamp())
    shown.sort(key=lambda a: SEVERITY_ORDER.get(a.severity, 9))
    return shown


def seconds_until_next_change(moment: datetime | None = None) -> int | None:
    """How long the alerts shown now stay as they are (for caches of whole pages), or None."""
    moment = moment or timezone.now()
    upcoming = [t for a in _pending_alerts() for t in (a.starts_at, a.ends_at) if t is not None and t > moment]
    if not upcoming:
        return None
    return max(1, int((min(upcoming) - moment) / timedelta(seconds=1)) + 1)


def forget_cached_alerts(*args, **kwargs) -> None:
    """Any change to an alert: the next request reads them again."""
    cache.delete(CACHE_KEY)
