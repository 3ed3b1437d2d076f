"""Working-time arithmetic for SLA clocks: pure functions, no database.

A `WorkCalendar` says when the municipality works: the working intervals of
each weekday (local wall-clock times), the time zone, and the days off
(public holidays and extra days). Every function takes and returns aware
datetimes; the arithmetic is done on the local calendar, so the DST changes
(last Sunday of March and of October in Europe/Podgorica) count right: a
working day of 07:00–15:00 is eight hours on either side of a change.

    calendar = WorkCalendar.standard()          # Mon–Fri 07:00–15:00, Europe/Podgorica, ME holidays
    due = add_working_seconds(filed_at, 4 * 3600, calendar)
    left = working_seconds_between(now, due, calendar)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

Interval = tuple[datetime.time, datetime.time]

DEFAULT_TIME_ZONE = "Europe/Podgorica"
DEFAULT_DAYS = (0, 1, 2, 3, 4)  # Monday … Friday
DEFAULT_START = datetime.time(7, 0)
DEFAULT_END = datetime.time(15, 0)
# add_working_seconds gives up after this many calendar days without enough working time.
MAX_SEARCH_DAYS = 3 * 366


# Montenegro's public holidays on fixed dates (Law on State and Other Holidays), used when the
# `holidays` package is not installed: New Year, Labour Day, Independence Day, Statehood Day, Njegoš Day.
_FIXED_HOLIDAYS = ((1, 1), (1, 2), (5, 1), (5, 2), (5, 21), (5, 22), (7, 13), (7, 14), (11, 13))


@lru_cache(maxsize=64)
def montenegrin_holidays(year: int) -> frozenset[datetime.date]:
    """Montenegro's public holidays in `year` (the `holidays` package, country "ME", when installed)."""
    try:
        import holidays
    except ImportError:
        days = {datetime.date(year, month, day) for month, day in _FIXED_HOLIDAYS}
        # A holiday on a Sunday gives the next working day off.
        for day in sorted(days):
            if day.weekday() == 6:
                following = day + datetime.timedelta(days=1)
                while following in days:
                    following += datetime.timedelta(days=1)
                days.add(following)
        return frozenset(days)
    return frozenset(holidays.country_holidays("ME", years=year).keys())


@dataclass(frozen=True)
class WorkCalendar:
    """When the municipality works: intervals per weekday, time zone and days off."""

    time_zone: str = DEFAULT_TIME_ZONE
    # weekday (0 = Monday) → working intervals on that day, in local time, sorted, not overlapping
    week: dict[int, tuple[Interval, ...]] = field(default_factory=dict)
    extra_days_off: frozenset[datetime.date] = frozenset()
    extra_working_days: frozenset[datetime.date] = frozenset()
    public_holidays: Callable[[int], Iterable[datetime.date]] | None = montenegrin_holidays

    def __hash__(self) -> int:
        return hash((self.time_zone, tuple(sorted(self.week.items())), self.extra_days_off, self.extra_working_days))

    @classmethod
    def standard(
        cls,
        *,
        time_zone: str = DEFAULT_TIME_ZONE,
        days: Iterable[int] = DEFAULT_DAYS,
        start: datetime.time = DEFAULT_START,
        end: datetime.time = DEFAULT_END,
        extra_days_off: Iterable[datetime.date] = (),
        extra_working_days: Iterable[datetime.date] = (),
        public_holidays: Callable[[int], Iterable[datetime.date]] | None = montenegrin_holidays,
    ) -> WorkCalendar:
        if end <= start:
            raise ValueError("The working day must end after it starts.")
        ZoneInfo(time_zone)  # fails early on an unknown zone
        return cls(
            time_zone=time_zone,
            week={day: ((start, end),) for day in days},
            extra_days_off=frozenset(extra_days_off),
            extra_working_days=frozenset(extra_working_days),
            public_holidays=public_holidays,
        )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def is_day_off(self, day: datetime.date) -> bool:
        if day in self.extra_working_days:
            return False
        if day in self.extra_days_off:
            return True
        return self.public_holidays is not None and day in self.public_holidays(day.year)

    def intervals_on(self, day: datetime.date) -> list[tuple[datetime.datetime, datetime.datetime]]:
        """The working intervals of one local date, as aware datetimes (empty on a day off)."""
        if self.is_day_off(day):
            return []
        intervals = self.week.get(day.weekday(), ())
        if not intervals and day in self.extra_working_days:
            # A Saturday declared a working day works the usual Monday hours.
            intervals = self.week.get(0, ((DEFAULT_START, DEFAULT_END),))
        zone = self.zone
        result = []
        for start, end in intervals:
            a = datetime.datetime.combine(day, start, tzinfo=zone)
            b = datetime.datetime.combine(day, end, tzinfo=zone)
            # Compare in UTC: a wall-clock time that does not exist (the spring change) is normalised.
            a, b = a.astimezone(datetime.UTC), b.astimezone(datetime.UTC)
            if b > a:
                result.append((a, b))
        return result

    def seconds_per_day(self) -> int:
        """Working seconds of a usual working day (for showing targets in days)."""
        intervals = self.week.get(0) or next(iter(self.week.values()), ())
        return sum(
            (datetime.datetime.combine(datetime.date.min, b) - datetime.datetime.combine(datetime.date.min, a)).seconds
            for a, b in intervals
        )


def _check_aware(*values: datetime.datetime) -> None:
    for value in values:
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("Working-time arithmetic needs aware datetimes.")


def working_seconds_between(start: datetime.datetime, end: datetime.datetime, calendar: WorkCalendar) -> int:
    """Working seconds from `start` to `end`; negative when `end` is before `start`."""
    _check_aware(start, end)
    if end < start:
        return -working_seconds_between(end, start, calendar)
    zone = calendar.zone
    day = start.astimezone(zone).date()
    last = end.astimezone(zone).date()
    total = 0.0
    while day <= last:
        for a, b in calendar.intervals_on(day):
            lo, hi = max(a, start), min(b, end)
            if hi > lo:
                total += (hi - lo).total_seconds()
        day += datetime.timedelta(days=1)
    return int(total)


def add_working_seconds(start: datetime.datetime, seconds: float, calendar: WorkCalendar) -> datetime.datetime:
    """The moment `seconds` of working time after `start` (0 gives the next working moment or `start`)."""
    _check_aware(start)
    if seconds < 0:
        raise ValueError("Only a positive amount of working time can be added.")
    start = start.astimezone(datetime.UTC)
    remaining = datetime.timedelta(seconds=seconds)
    day = start.astimezone(calendar.zone).date()
    for _offset in range(MAX_SEARCH_DAYS):
        for a, b in calendar.intervals_on(day):
            if b <= start:
                continue
            lo = max(a, start)
            available = b - lo
            if remaining <= available:
                return lo + remaining
            remaining -= available
        day += datetime.timedelta(days=1)
    raise ValueError("The calendar has no working time in the next three years.")


def is_working_moment(moment: datetime.datetime, calendar: WorkCalendar) -> bool:
    _check_aware(moment)
    day = moment.astimezone(calendar.zone).date()
    return any(a <= moment < b for a, b in calendar.intervals_on(day))


def working_seconds_excluding(
    start: datetime.datetime,
    end: datetime.datetime,
    pauses: Iterable[tuple[datetime.datetime, datetime.datetime | None]],
    calendar: WorkCalendar,
) -> int:
    """Working seconds from `start` to `end` not inside any pause (a pause with no end lasts until `end`)."""
    total = working_seconds_between(start, end, calendar)
    merged: list[tuple[datetime.datetime, datetime.datetime]] = []
    for pause_start, pause_end in sorted(pauses, key=lambda p: p[0]):
        lo, hi = max(pause_start, start), min(pause_end or end, end)
        if hi <= lo:
            continue
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return total - sum(working_seconds_between(lo, hi, calendar) for lo, hi in merged)


def format_duration(seconds: int, seconds_per_day: int | None = None) -> str:
    """'2 h 05 min' (and days of working time when `seconds_per_day` is given): language-neutral units."""
    negative = seconds < 0
    seconds = abs(int(seconds))
    parts = []
    if seconds_per_day:
        days, seconds = divmod(seconds, seconds_per_day)
        if days:
            parts.append(f"{days} d")
    hours, seconds = divmod(seconds, 3600)
    minutes = seconds // 60
    if hours or parts:
        parts.append(f"{hours} h")
    parts.append(f"{minutes:02d} min" if parts else f"{minutes} min")
    text = " ".join(parts)
    return f"−{text}" if negative else text
