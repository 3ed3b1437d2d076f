"""The working-time arithmetic (pure: no database)."""

from __future__ import annotations

import datetime

import pytest

from infocentar.servicedesk.workhours import (
    WorkCalendar,
    add_working_seconds,
    format_duration,
    is_working_moment,
    montenegrin_holidays,
    working_seconds_between,
    working_seconds_excluding,
)

CAL = WorkCalendar.standard()
TZ = CAL.zone
H = 3600


def at(y, m, d, hh=0, mm=0):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=TZ)


def test_a_working_day_is_eight_hours():
    assert working_seconds_between(at(2026, 11, 24, 7), at(2026, 11, 24, 15), CAL) == 8 * H


def test_time_outside_working_hours_does_not_count():
    assert working_seconds_between(at(2026, 11, 24, 0), at(2026, 11, 24, 7), CAL) == 0
    assert working_seconds_between(at(2026, 11, 24, 15), at(2026, 11, 25, 7), CAL) == 0
    assert working_seconds_between(at(2026, 11, 24, 14), at(2026, 11, 25, 8), CAL) == 2 * H


def test_weekends_do_not_count():
    # Friday 14:00 → Monday 08:00 is two working hours.
    assert working_seconds_between(at(2026, 11, 27, 14), at(2026, 11, 30, 8), CAL) == 2 * H


def test_adding_time_skips_the_weekend():
    assert add_working_seconds(at(2026, 11, 27, 14), 3 * H, CAL) == at(2026, 11, 30, 9)


def test_adding_from_before_opening_starts_at_opening():
    assert add_working_seconds(at(2026, 11, 24, 5), H, CAL) == at(2026, 11, 24, 8)


def test_adding_zero_in_the_evening_gives_the_next_working_moment():
    assert add_working_seconds(at(2026, 11, 24, 18), 0, CAL) == at(2026, 11, 25, 7)


def test_montenegrin_public_holidays_do_not_count():
    days = montenegrin_holidays(2026)
    assert datetime.date(2026, 5, 21) in days  # Independence Day
    assert datetime.date(2026, 7, 13) in days  # Statehood Day
    # Wednesday 20 May 14:00 + 2 h: 21 and 22 May are holidays, so it is due Monday 25 May 08:00.
    assert add_working_seconds(at(2026, 5, 20, 14), 2 * H, CAL) == at(2026, 5, 25, 8)
    assert working_seconds_between(at(2026, 5, 21, 7), at(2026, 5, 22, 15), CAL) == 0


def test_extra_days_off_and_working_days():
    cal = WorkCalendar.standard(
        extra_days_off=[datetime.date(2026, 11, 24)], extra_working_days=[datetime.date(2026, 11, 28)]
    )
    assert working_seconds_between(at(2026, 11, 24, 7), at(2026, 11, 24, 15), cal) == 0
    assert working_seconds_between(at(2026, 11, 28, 7), at(2026, 11, 28, 15), cal) == 8 * H  # a Saturday


def test_daylight_saving_changes_keep_an_eight_hour_day():
    # Europe/Podgorica: clocks go forward on 29 March 2026 and back on 25 October 2026 (Sundays).
    assert working_seconds_between(at(2026, 3, 27, 7), at(2026, 3, 31, 7), CAL) == 16 * H
    assert working_seconds_between(at(2026, 10, 23, 7), at(2026, 10, 27, 7), CAL) == 16 * H
    assert add_working_seconds(at(2026, 3, 27, 14), 3 * H, CAL) == at(2026, 3, 30, 9)
    assert add_working_seconds(at(2026, 10, 23, 14), 3 * H, CAL) == at(2026, 10, 26, 9)
    # In UTC the working day moved by an hour.
    assert at(2026, 3, 30, 7).astimezone(datetime.UTC).hour == 5
    assert at(2026, 3, 27, 7).astimezone(datetime.UTC).hour == 6


def test_pauses_are_excluded_and_overlaps_counted_once():
    start, end = at(2026, 11, 23, 7), at(2026, 11, 27, 15)  # Mon–Fri: 40 h
    pauses = [(at(2026, 11, 24, 7), at(2026, 11, 24, 15)), (at(2026, 11, 24, 12), at(2026, 11, 25, 9))]
    assert working_seconds_excluding(start, end, pauses, CAL) == 40 * H - 10 * H
    # An open pause lasts until the end.
    assert working_seconds_excluding(start, end, [(at(2026, 11, 27, 11), None)], CAL) == 36 * H


def test_negative_when_the_end_is_before_the_start():
    assert working_seconds_between(at(2026, 11, 24, 10), at(2026, 11, 24, 8), CAL) == -2 * H


def test_adding_and_measuring_agree():
    start = at(2026, 12, 23, 13, 17)
    for seconds in (1, 59 * 60, 8 * H, 37 * H + 5, 200 * H):
        end = add_working_seconds(start, seconds, CAL)
        assert working_seconds_between(start, end, CAL) == seconds


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        working_seconds_between(datetime.datetime(2026, 1, 1), at(2026, 1, 2), CAL)


def test_a_calendar_without_working_time_is_refused():
    cal = WorkCalendar.standard(days=())
    with pytest.raises(ValueError):
        add_working_seconds(at(2026, 1, 5, 8), H, cal)


def test_a_day_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        WorkCalendar.standard(start=datetime.time(15), end=datetime.time(7))


def test_is_working_moment():
    assert is_working_moment(at(2026, 11, 24, 10), CAL)
    assert not is_working_moment(at(2026, 11, 28, 10), CAL)


def test_format_duration():
    assert format_duration(2 * H + 5 * 60) == "2 h 05 min"
    assert format_duration(45 * 60) == "45 min"
    assert format_duration(-(8 * H + 30 * 60), 8 * H) == "−1 d 0 h 30 min"
