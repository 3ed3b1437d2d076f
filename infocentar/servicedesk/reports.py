"""Figures of the service desk dashboard, computed by the database (a few aggregate queries).

The SLA outcomes and the working times to respond and resolve are stored on each ticket
when they happen (see sla.py), so the dashboard sums columns instead of replaying clocks.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import OPEN_STATUSES, Category, Status

MONTHLY_CACHE_SECONDS = 300  # the current month's figures
HISTORY_CACHE_SECONDS = 3600  # the eleven months before it (their tickets are mostly closed)
AGE_BUCKETS = (  # (upper bound in days, label)
    (1, "< 1 d"),
    (3, "1–3 d"),
    (7, "3–7 d"),
    (30, "7–30 d"),
    (None, "> 30 d"),
)


def month_starts(now: datetime.datetime, count: int = 12) -> list[datetime.date]:
    local = timezone.localtime(now).date().replace(day=1)
    months = []
    for _i in range(count):
        months.append(local)
        local = (local - datetime.timedelta(days=1)).replace(day=1)
    return list(reversed(months))


@dataclass
class MonthRow:
    month: datetime.date
    filed: int = 0
    resolved: int = 0
    resolved_in_time: int = 0
    responded: int = 0
    responded_in_time: int = 0
    mean_response: float | None = None
    mean_resolution: float | None = None

    @property
    def compliance(self) -> float | None:
        return round(100 * self.resolved_in_time / self.resolved, 1) if self.resolved else None

    @property
    def response_compliance(self) -> float | None:
        return round(100 * self.responded_in_time / self.responded, 1) if self.responded else None


def overview(tickets: QuerySet, now: datetime.datetime | None = None, cache_key: str | None = None) -> dict:
    """The dashboard's figures. With `cache_key`, the 12 months' history (the heavy part: a year of
    tickets) is cached under that key, the eleven past months for an hour and the current month for a few
    minutes; the open tickets, which people act on, are always counted live."""
    now = now or timezone.now()
    open_tickets = tickets.filter(status__in=OPEN_STATUSES)
    age_filters = {}
    lower = 0
    for index, (upper, _label) in enumerate(AGE_BUCKETS):
        q = Q(created_at__lte=now - datetime.timedelta(days=lower))
        if upper is not None:
            q &= Q(created_at__gt=now - datetime.timedelta(days=upper))
        age_filters[f"age{index}"] = Count("pk", filter=q)
        lower = upper or lower
    totals = open_tickets.aggregate(
        open=Count("pk"),
        unassigned=Count("pk", filter=Q(assignee__isnull=True)),
        overdue=Count("pk", filter=Q(resolution_due_at__lt=now, paused_since__isnull=True)),
        waiting=Count("pk", filter=Q(status=Status.WAITING_REQUESTER)),
        **age_filters,
    )
    by_age = [(label, totals[f"age{index}"]) for index, (_upper, label) in enumerate(AGE_BUCKETS)]
    by_organisation = list(
        open_tickets.values("organisation__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "organisation__name")[:15]
    )
    labels = dict(Category.choices)
    by_category = [
        (str(labels.get(row["category"], row["category"])), row["count"])
        for row in open_tickets.values("category").annotate(count=Count("pk")).order_by("-count")
    ]

    months = month_starts(now)
    # The past months (a year of tickets to read) are kept for an hour, the current month for a few minutes.
    past = _cached(
        cache_key,
        f"past:{months[-1].isoformat()}",
        HISTORY_CACHE_SECONDS,
        lambda: _monthly(tickets, months[:-1], until=months[-1]),
    )
    current = _cached(
        cache_key, f"current:{months[-1].isoformat()}", MONTHLY_CACHE_SECONDS, lambda: _monthly(tickets, months[-1:])
    )
    monthly = [*past, *current]
    resolved_total = sum(r.resolved for r in monthly)
    in_time_total = sum(r.resolved_in_time for r in monthly)
    responses = [r for r in monthly if r.mean_response is not None]
    resolutions = [r for r in monthly if r.mean_resolution is not None]
    return {
        "totals": totals,
        "by_age": by_age,
        "by_organisation": [(row["organisation__name"], row["count"]) for row in by_organisation],
        "by_category": by_category,
        "monthly": monthly,
        "compliance": round(100 * in_time_total / resolved_total, 1) if resolved_total else None,
        "mean_response": _weighted(responses, "mean_response", "responded"),
        "mean_resolution": _weighted(resolutions, "mean_resolution", "resolved"),
    }


def _cached(cache_key: str | None, part: str, seconds: int, compute):
    if not cache_key:
        return compute()
    key = f"servicedesk:monthly:{cache_key}:{part}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def _start(month: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(month, datetime.time.min, tzinfo=timezone.get_current_timezone())


def _monthly(tickets: QuerySet, months: list[datetime.date], until: datetime.date | None = None) -> list[MonthRow]:
    """Filed, responded and resolved tickets per month, with the SLA outcomes and mean working times.

    `months` are consecutive month starts; `until` (the month after the last, if not the current one)
    bounds the range, so the past months are read without the current one."""
    if not months:
        return []
    since = _start(months[0])
    bounds = {"created_at__gte": since}
    resolved_bounds = {"resolved_at__gte": since}
    if until is not None:
        bounds["created_at__lt"] = resolved_bounds["resolved_at__lt"] = _start(until)
    rows = {m: MonthRow(m) for m in months}
    for row in (
        tickets.filter(**bounds)
        .annotate(m=TruncMonth("created_at"))
        .values("m")
        .annotate(
            filed=Count("pk"),
            responded=Count("pk", filter=Q(response_met__isnull=False)),
            responded_in_time=Count("pk", filter=Q(response_met=True)),
            mean_response=Avg("response_seconds"),
        )
    ):
        month = _month(row["m"])
        if month in rows:
            target = rows[month]
            target.filed = row["filed"]
            target.responded, target.responded_in_time = row["responded"], row["responded_in_time"]
            target.mean_response = row["mean_response"]
    for row in (
        tickets.filter(resolution_met__isnull=False, **resolved_bounds)
        .annotate(m=TruncMonth("resolved_at"))
        .values("m")
        .annotate(
            resolved=Count("pk"),
            in_time=Count("pk", filter=Q(resolution_met=True)),
            mean_resolution=Avg("resolution_seconds"),
        )
    ):
        month = _month(row["m"])
        if month in rows:
            rows[month].resolved, rows[month].resolved_in_time = row["resolved"], row["in_time"]
            rows[month].mean_resolution = row["mean_resolution"]
    return [rows[m] for m in months]


def _weighted(rows: list[MonthRow], value: str, weight: str) -> float | None:
    total = sum(getattr(r, weight) for r in rows)
    if not total:
        return None
    return sum((getattr(r, value) or 0) * getattr(r, weight) for r in rows) / total


def _month(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date().replace(day=1) if timezone.is_aware(value) else value.date()
    return value


# --- charts: server-rendered SVG geometry (no scripts, no inline styles) ------------------------


def bar_chart(items: list[tuple[str, float | None]], *, width: int = 560, height: int = 220, unit: str = "") -> dict:
    """Bars for an SVG: each {x, y, w, h, label, value, text}; the template draws them."""
    return grouped_bar_chart(
        [label for label, _v in items], [("", "bar", [v for _l, v in items])], width=width, height=height, unit=unit
    )


def grouped_bar_chart(
    labels: list[str],
    series: list[tuple[str, str, list[float | None]]],
    *,
    width: int = 560,
    height: int = 220,
    unit: str = "",
) -> dict:
    """Side-by-side bars of several series ((name, css class, values)) for each label, and their legend.

    The classes tell the series apart by pattern as well as colour (the CSS hatches the second one), and
    every bar's tooltip names its series."""
    margin_left, margin_bottom, margin_top = 36, 40, 16
    plot_w, plot_h = width - margin_left - 8, height - margin_bottom - margin_top
    values = [v or 0 for _name, _cls, row in series for v in row]
    top = max(values) if values and max(values) > 0 else 1
    slot = plot_w / max(1, len(labels))
    bar_w = slot * 0.7 / max(1, len(series))
    bars = []
    for index, label in enumerate(labels):
        for number, (name, css_class, row) in enumerate(series):
            value = row[index]
            h = (value or 0) / top * plot_h
            bars.append(
                {
                    "x": round(margin_left + index * slot + slot * 0.15 + number * bar_w, 1),
                    "y": round(margin_top + plot_h - h, 1),
                    "w": round(bar_w, 1),
                    "h": round(h, 1),
                    "cx": round(margin_left + index * slot + slot / 2, 1),
                    "label": label,
                    "series": name,
                    "css_class": css_class,
                    "first": number == 0,
                    "text": "—" if value is None else f"{value:g}{unit}",
                    "value": value,
                }
            )
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "legend": [{"name": name, "css_class": css_class} for name, css_class, _row in series if name],
        "axis_y": margin_top + plot_h,
        "axis_x0": margin_left,
        "axis_x1": width - 8,
        "label_y": margin_top + plot_h + 16,
        "top_text": f"{top:g}{unit}",
        "top_y": margin_top + 4,
    }


def month_label(month: datetime.date) -> str:
    return f"{month:%m}/{month:%y}"


def hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 1)


def charts(data: dict) -> list[dict]:
    monthly = data["monthly"]
    return [
        {
            "id": "filed",
            "title": _("Tickets filed and resolved per month"),
            "chart": grouped_bar_chart(
                [month_label(r.month) for r in monthly],
                [
                    (_("Filed"), "bar", [r.filed for r in monthly]),
                    (_("Resolved"), "bar bar--alt", [r.resolved for r in monthly]),
                ],
            ),
        },
        {
            "id": "compliance",
            "title": _("Resolved within SLA per month (%)"),
            "chart": bar_chart([(month_label(r.month), r.compliance) for r in monthly], unit="%"),
        },
        {
            "id": "response",
            "title": _("Mean time to first response per month (working hours)"),
            "chart": bar_chart([(month_label(r.month), hours(r.mean_response)) for r in monthly]),
        },
        {
            "id": "resolution",
            "title": _("Mean time to resolve per month (working hours)"),
            "chart": bar_chart([(month_label(r.month), hours(r.mean_resolution)) for r in monthly]),
        },
    ]
