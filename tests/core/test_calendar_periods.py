"""Calendar months, periods "beginning with" a day, and the 2014 Act's hour periods (core.calendar)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csphub.core.calendar import (
    add_hours_disregarding_christmas,
    add_months,
    add_years,
    day_period_last_day,
    hour_period_end,
    hours_disregarding_christmas,
    month_period_last_day,
    months_before,
    within_month_period,
)

D = dt.date
UK = ZoneInfo("Europe/London")


def uk(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=UK)


# --- Calendar months -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2024, 8, 31), 6, D(2025, 2, 28)),  # clamped to the month's end
        (D(2023, 8, 31), 6, D(2024, 2, 29)),  # leap year
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 1, 30), 1, D(2024, 2, 29)),
        (D(2024, 1, 28), 1, D(2024, 2, 28)),  # a day that exists is kept
        (D(2024, 11, 15), 2, D(2025, 1, 15)),  # across the year end
        (D(2024, 1, 15), -3, D(2023, 10, 15)),
        (D(2024, 5, 31), -3, D(2024, 2, 29)),
        (D(2024, 3, 1), 0, D(2024, 3, 1)),
    ],
)
def test_add_months_keeps_the_day_and_clamps_at_the_month_end(start: D, months: int, expected: D) -> None:
    assert add_months(start, months) == expected


def test_months_before_keeps_the_time_of_a_datetime() -> None:
    moment = uk(2024, 5, 31, 23, 30)
    assert months_before(moment, 3) == uk(2024, 2, 29, 23, 30)
    assert months_before(uk(2023, 5, 31, 9, 0), 3) == uk(2023, 2, 28, 9, 0)
    assert months_before(moment, 3).tzinfo is UK


def test_add_years_from_29_february() -> None:
    assert add_years(D(2024, 2, 29), 1) == D(2025, 2, 28)
    assert add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)), st.integers(-240, 240))
def test_add_months_lands_in_the_right_month_and_never_later_in_it(start: D, months: int) -> None:
    end = add_months(start, months)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    assert end.day <= start.day
    assert end.day == start.day or end.day == (add_months(end.replace(day=1), 1) - dt.timedelta(days=1)).day


# --- Periods "beginning with" a day -----------------------------------------------------------------


def test_a_period_of_days_beginning_with_a_day_counts_that_day() -> None:
    # CPN appeal (s.46(2)): 21 days beginning with the day of issue.
    assert day_period_last_day(D(2025, 1, 1), days=1) == D(2025, 1, 1)
    assert day_period_last_day(D(2025, 1, 1), days=21) == D(2025, 1, 21)
    assert day_period_last_day(D(2024, 12, 20), days=21) == D(2025, 1, 9)
    with pytest.raises(ValueError, match="at least one day"):
        day_period_last_day(D(2025, 1, 1), days=0)


@pytest.mark.parametrize(
    ("start", "months", "last_day"),
    [
        (D(2024, 1, 5), 1, D(2024, 2, 4)),  # the day before the corresponding date
        (D(2024, 12, 15), 1, D(2025, 1, 14)),
        (D(2024, 1, 10), 6, D(2024, 7, 9)),
        (D(2024, 1, 1), 6, D(2024, 6, 30)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # no 31 February: to the end of February (leap year)
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 8, 31), 6, D(2025, 2, 28)),
        (D(2024, 1, 29), 1, D(2024, 2, 28)),  # 29 February exists in 2024: the day before it
        (D(2023, 1, 29), 1, D(2023, 2, 28)),  # no 29 February in 2023: end of February
    ],
)
def test_a_period_of_months_beginning_with_a_day(start: D, months: int, last_day: D) -> None:
    assert month_period_last_day(start, months=months) == last_day


def test_within_a_month_period_on_both_sides_of_its_last_day() -> None:
    start = D(2024, 1, 10)
    assert not within_month_period(D(2024, 1, 9), start=start, months=6)  # the day before it begins
    assert within_month_period(D(2024, 1, 10), start=start, months=6)  # the first day counts
    assert within_month_period(D(2024, 7, 9), start=start, months=6)  # the last day
    assert not within_month_period(D(2024, 7, 10), start=start, months=6)  # the day after
    with pytest.raises(ValueError, match="at least 1"):
        month_period_last_day(start, months=0)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)), st.integers(1, 36))
def test_consecutive_start_days_never_end_earlier(start: D, months: int) -> None:
    later = start + dt.timedelta(days=1)
    assert month_period_last_day(later, months=months) >= month_period_last_day(start, months=months)


# --- Hour periods and Christmas Day (2014 Act s.77(3), s.80(4)) ------------------------------------


def test_a_48_hour_period_disregards_christmas_day_s77_3_s80_4() -> None:
    # Served 24 December 09:00: Christmas Day does not count, so 48 hours end 27 December 09:00.
    assert hour_period_end(uk(2025, 12, 24, 9, 0), 48) == uk(2025, 12, 27, 9, 0)
    # Served 22 December 23:59: the 48 hours end 24 December 23:59, before Christmas Day begins.
    assert hour_period_end(uk(2025, 12, 22, 23, 59), 48) == uk(2025, 12, 24, 23, 59)
    # Served 23 December 00:00: the period reaches exactly the start of Christmas Day.
    assert hour_period_end(uk(2025, 12, 23, 0, 0), 48) == uk(2025, 12, 25, 0, 0)
    # Served 23 December 00:01: one minute falls after Christmas Day.
    assert hour_period_end(uk(2025, 12, 23, 0, 1), 48) == uk(2025, 12, 26, 0, 1)
    # Served on Christmas Day: the clock starts at midnight.
    assert hour_period_end(uk(2025, 12, 25, 15, 0), 48) == uk(2025, 12, 28, 0, 0)
    # Served 26 December: Christmas has passed, plain 48 hours.
    assert hour_period_end(uk(2025, 12, 26, 0, 0), 48) == uk(2025, 12, 28, 0, 0)


def test_a_24_hour_period_does_not_disregard_christmas_day() -> None:
    # s.77(1): a closure notice has effect for 24 hours; only the 48-hour periods skip Christmas.
    assert hour_period_end(uk(2025, 12, 24, 9, 0), 24) == uk(2025, 12, 25, 9, 0)
    assert hour_period_end(uk(2025, 12, 25, 9, 0), 24) == uk(2025, 12, 26, 9, 0)
    assert hour_period_end(uk(2025, 6, 1, 9, 0), 24) == uk(2025, 6, 2, 9, 0)


def test_hour_periods_need_an_aware_datetime() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        hour_period_end(dt.datetime(2025, 12, 24, 9, 0), 48)
    with pytest.raises(ValueError, match="negative"):
        hour_period_end(uk(2025, 12, 24, 9, 0), -1)


def test_christmas_day_is_uk_local_time_whatever_the_timezone_of_the_start() -> None:
    served = uk(2025, 12, 24, 9, 0).astimezone(dt.UTC)
    end = add_hours_disregarding_christmas(served, 48)
    assert end.tzinfo == dt.UTC
    assert end == uk(2025, 12, 27, 9, 0)


@given(
    st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 12, 31)),
    st.floats(min_value=0, max_value=24 * 30, allow_nan=False),
)
def test_counting_the_hours_back_gives_the_hours_added(naive: dt.datetime, hours: float) -> None:
    start = naive.replace(tzinfo=dt.UTC)
    end = add_hours_disregarding_christmas(start, hours)
    assert hours_disregarding_christmas(start, end) == pytest.approx(hours, abs=1e-6)
