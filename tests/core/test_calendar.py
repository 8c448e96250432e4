"""Working days in England and Wales: bank holidays, substitute days, Christmas and year ends."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from csphub.core.calendar import (
    add_working_days,
    bank_holiday_name,
    bank_holidays,
    is_working_day,
    next_working_day,
    working_days_between,
)

D = dt.date


def test_weekends_are_not_working_days() -> None:
    assert not is_working_day(D(2024, 6, 1))  # Saturday
    assert not is_working_day(D(2024, 6, 2))  # Sunday
    assert is_working_day(D(2024, 6, 3))


def test_the_fixed_and_moveable_bank_holidays_of_2024() -> None:
    expected = {
        D(2024, 1, 1),  # New Year's Day
        D(2024, 3, 29),  # Good Friday
        D(2024, 4, 1),  # Easter Monday
        D(2024, 5, 6),  # Early May
        D(2024, 5, 27),  # Spring
        D(2024, 8, 26),  # Summer
        D(2024, 12, 25),
        D(2024, 12, 26),
    }
    assert set(bank_holidays(2024)) == expected
    assert all(not is_working_day(day) for day in expected)


def test_one_off_holidays_by_proclamation() -> None:
    assert not is_working_day(D(2022, 9, 19))  # State Funeral of Queen Elizabeth II
    assert not is_working_day(D(2023, 5, 8))  # Coronation of King Charles III
    assert not is_working_day(D(2022, 6, 3))  # Platinum Jubilee
    # 2020: the early May bank holiday moved to Friday 8 May (VE Day 75); Monday 4 May was worked.
    assert is_working_day(D(2020, 5, 4))
    assert not is_working_day(D(2020, 5, 8))


def test_substitute_days_when_christmas_falls_at_a_weekend() -> None:
    # 2021: Christmas Day Saturday, Boxing Day Sunday → Monday 27 and Tuesday 28 are the substitutes.
    assert not is_working_day(D(2021, 12, 27))
    assert not is_working_day(D(2021, 12, 28))
    assert is_working_day(D(2021, 12, 29))
    assert bank_holiday_name(D(2021, 12, 27)) is not None
    # 2020: Boxing Day Saturday → Monday 28 December substitute.
    assert not is_working_day(D(2020, 12, 28))
    # 2022: New Year's Day Sunday → Monday 2 January... 2023 (substitute 2 January 2023).
    assert not is_working_day(D(2023, 1, 2))
    assert not is_working_day(D(2022, 1, 3))  # 1 Jan 2022 was a Saturday


def test_adding_working_days_across_christmas_and_the_year_end() -> None:
    # Friday 22 Dec 2023 + 1 → Wed 27 Dec (Sat, Sun, Christmas Mon, Boxing Tue skipped).
    assert add_working_days(D(2023, 12, 22), 1) == D(2023, 12, 27)
    # + 5 working days from Friday 22 Dec 2023: 27, 28, 29 Dec, 2 Jan, 3 Jan 2024 (1 Jan is a holiday).
    assert add_working_days(D(2023, 12, 22), 5) == D(2024, 1, 3)
    # 2021 with two substitute days: Thu 23 Dec + 3 → Fri 24, Wed 29, Thu 30.
    assert add_working_days(D(2021, 12, 23), 3) == D(2021, 12, 30)
    # Into 2022 where New Year's Day is substituted on Monday 3 Jan.
    assert add_working_days(D(2021, 12, 31), 1) == D(2022, 1, 4)


def test_adding_working_days_over_easter() -> None:
    # Thursday before Good Friday 2024 (28 Mar) + 1 → Tuesday 2 April.
    assert add_working_days(D(2024, 3, 28), 1) == D(2024, 4, 2)


def test_start_day_is_never_counted_and_zero_returns_start() -> None:
    assert add_working_days(D(2024, 6, 1), 0) == D(2024, 6, 1)  # Saturday stays Saturday
    assert add_working_days(D(2024, 6, 1), 1) == D(2024, 6, 3)  # Saturday + 1 → Monday
    assert add_working_days(D(2024, 6, 3), 1) == D(2024, 6, 4)


def test_negative_counts_go_backwards() -> None:
    assert add_working_days(D(2023, 12, 27), -1) == D(2023, 12, 22)
    assert add_working_days(D(2024, 1, 2), -1) == D(2023, 12, 29)


def test_working_days_between_known_spans() -> None:
    assert working_days_between(D(2023, 12, 22), D(2024, 1, 3)) == 5
    assert working_days_between(D(2024, 1, 3), D(2023, 12, 22)) == -5
    assert working_days_between(D(2024, 6, 3), D(2024, 6, 3)) == 0
    # Calendar year 2024: 262 weekdays minus 8 bank holidays on weekdays = 254? count explicitly:
    weekdays_2024 = sum(1 for i in range(366) if (D(2024, 1, 1) + dt.timedelta(days=i)).weekday() < 5)
    assert working_days_between(D(2023, 12, 31), D(2024, 12, 31)) == weekdays_2024 - 8


def test_next_working_day() -> None:
    assert next_working_day(D(2023, 12, 25)) == D(2023, 12, 27)
    assert next_working_day(D(2023, 12, 27)) == D(2023, 12, 27)


def _brute_between(a: dt.date, b: dt.date) -> int:
    return sum(1 for i in range(1, (b - a).days + 1) if is_working_day(a + dt.timedelta(days=i)))


dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31))


@given(start=dates, n=st.integers(min_value=0, max_value=400))
def test_add_then_count_round_trips(start: dt.date, n: int) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    assert n == 0 or is_working_day(end)


@given(a=dates, days=st.integers(min_value=0, max_value=800))
def test_fast_count_matches_a_day_by_day_count(a: dt.date, days: int) -> None:
    b = a + dt.timedelta(days=days)
    assert working_days_between(a, b) == _brute_between(a, b)


@given(start=dates, n=st.integers(min_value=0, max_value=100))
def test_backwards_undoes_forwards_from_a_working_day(start: dt.date, n: int) -> None:
    start = next_working_day(start)
    assert add_working_days(add_working_days(start, n), -n) == start
