"""Working days in England and Wales.

Bank holidays come from the maintained ``holidays`` package (``holidays.country_holidays("GB",
subdiv="ENG")``), which ships its data: nothing is fetched from the internet. England and Wales share
the same bank holidays, including substitute ("observed") days when a holiday falls at a weekend and
one-off holidays proclaimed by Royal Proclamation (2022 Platinum Jubilee and State Funeral, 2023
Coronation).

A *working day* is Monday to Friday and not a bank holiday in England and Wales.

Conventions (the ones service-level agreements use: "reply within 5 working days of receipt"):

- ``add_working_days(start, n)`` is the n-th working day *after* ``start``; ``start`` itself is never
  counted, whether or not it is a working day. ``n == 0`` returns ``start`` unchanged; a negative ``n``
  counts backwards.
- ``working_days_between(a, b)`` counts the working days ``d`` with ``a < d <= b`` (so
  ``working_days_between(a, add_working_days(a, n)) == n`` for every ``n >= 0``); it is negative when
  ``b < a``.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

__all__ = [
    "add_working_days",
    "bank_holiday_name",
    "bank_holidays",
    "is_bank_holiday",
    "is_working_day",
    "next_working_day",
    "working_days_between",
]


@lru_cache(maxsize=256)
def _holidays_for_year(year: int) -> dict[dt.date, str]:
    # One small immutable mapping per year: ``holidays`` objects expand lazily on lookup, which is
    # not something to share between threads of a web server.
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return {day: str(name) for day, name in calendar.items() if day.year == year}


def bank_holidays(year: int) -> dict[dt.date, str]:
    """Bank holidays in England and Wales in ``year``, date → name (a copy; safe to mutate)."""
    return dict(_holidays_for_year(year))


def bank_holiday_name(day: dt.date) -> str | None:
    """The bank holiday's name on ``day`` (e.g. "Boxing Day (observed)"), or None."""
    return _holidays_for_year(day.year).get(day)


def is_bank_holiday(day: dt.date) -> bool:
    return day in _holidays_for_year(day.year)


def is_working_day(day: dt.date) -> bool:
    """Monday–Friday and not a bank holiday in England and Wales."""
    if isinstance(day, dt.datetime):  # a datetime is a date subclass: use its calendar date
        day = day.date()
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The ``n``-th working day after ``start`` (before it when ``n`` is negative); ``start`` not counted."""
    if isinstance(start, dt.datetime):
        start = start.date()
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    day = start
    while remaining:
        day += dt.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, otherwise the first working day after it."""
    return day if is_working_day(day) else add_working_days(day, 1)


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days ``d`` with ``a < d <= b``; negative (``-(working days with b < d <= a)``) if ``b < a``."""
    if isinstance(a, dt.datetime):
        a = a.date()
    if isinstance(b, dt.datetime):
        b = b.date()
    if b < a:
        return -working_days_between(b, a)
    # Whole weeks contribute five weekdays each; only the bank holidays and the tail need walking.
    span_days = (b - a).days
    weeks, tail = divmod(span_days, 7)
    weekdays = weeks * 5
    day = a + dt.timedelta(days=weeks * 7)
    for _ in range(tail):
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            weekdays += 1
    holidays_in_span = sum(
        1
        for year in range(a.year, b.year + 1)
        for holiday in _holidays_for_year(year)
        if a < holiday <= b and holiday.weekday() < 5
    )
    return weekdays - holidays_in_span
