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

This module is also the one home of the other calendar arithmetic the apps need (DESIGN: one
module for calendar periods, used everywhere):

- Calendar months: ``add_months`` / ``months_before`` / ``add_years`` keep the day of the month and
  clamp it to the month's end (31 August + 6 months = 28/29 February), and keep the time of a
  datetime.
- Periods "beginning with" a day (the statutory wording, which counts that day):
  ``day_period_last_day(start, days=N)`` is ``start + (N - 1)`` days;
  ``month_period_last_day(start, months=N)`` is the day before the corresponding date N months later
  (1 January + 6 months ends on 30 June), and where that month has no corresponding date (31 January
  + 1 month) the period runs to the end of that month (28/29 February).
- Hour periods of the Anti-social Behaviour, Crime and Policing Act 2014: ``hour_period_end`` adds
  elapsed hours and disregards Christmas Day (25 December, UK local time) *only* for a 48-hour period
  (s.77(3) for a closure notice extended to 48 hours, s.80(4) for the hearing within 48 hours of
  service); a 24-hour period runs straight through Christmas Day.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from functools import lru_cache
from typing import TypeVar
from zoneinfo import ZoneInfo

__all__ = [
    "CHRISTMAS_DISREGARDED_HOURS",
    "UK_TZ",
    "add_hours_disregarding_christmas",
    "add_months",
    "add_working_days",
    "add_years",
    "bank_holiday_name",
    "bank_holidays",
    "christmas_day_utc",
    "day_period_last_day",
    "hour_period_end",
    "hours_disregarding_christmas",
    "is_bank_holiday",
    "is_working_day",
    "month_period_last_day",
    "months_before",
    "next_working_day",
    "within_month_period",
    "working_days_between",
]


@lru_cache(maxsize=256)
def _holidays_for_year(year: int) -> dict[dt.date, str]:
    # One small immutable mapping per year: ``holidays`` objects expand lazily on lookup, which is
    # not something to share between threads of a web server. The package loads here, on the first
    # date asked about, not with this module: the models import this module, so every process would
    # pay for the package's import at start-up, including those that never ask about a date.
    import holidays

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


# ---------------------------------------------------------------------------------------------------
# Calendar months and periods "beginning with" a day
# ---------------------------------------------------------------------------------------------------

_D = TypeVar("_D", bound=dt.date)  # a date or a datetime: the result has the same type


def add_months(start: _D, months: int) -> _D:
    """``start`` moved ``months`` calendar months (back when negative), clamped to the month's end.

    31 August + 6 months is 28 (or 29) February; a datetime keeps its time of day and timezone.
    """
    month_index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(month_index, 12)
    last_day = _calendar.monthrange(year, month0 + 1)[1]
    return start.replace(year=year, month=month0 + 1, day=min(start.day, last_day))


def months_before(moment: _D, months: int) -> _D:
    """The same day (and time) ``months`` calendar months earlier, clamped at the month's end."""
    return add_months(moment, -months)


def add_years(start: _D, years: int) -> _D:
    """``years`` calendar years later; 29 February becomes 28 February in a common year."""
    return add_months(start, 12 * years)


def day_period_last_day(start: dt.date, *, days: int) -> dt.date:
    """Last day of "the period of ``days`` days beginning with" ``start`` (``start`` is day 1)."""
    if days < 1:
        raise ValueError("a period has at least one day")
    return start + dt.timedelta(days=days - 1)


def month_period_last_day(start: dt.date, *, months: int) -> dt.date:
    """Last day of "the period of ``months`` months beginning with" ``start`` (corresponding-date rule).

    The period ends at the end of the day before the corresponding date ``months`` later (5 January
    + 1 month ends on 4 February). When that month has no corresponding date (31 January + 1 month),
    the period runs to the end of that month (28 or 29 February).
    """
    if months < 1:
        raise ValueError("months must be at least 1")
    month_index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(month_index, 12)
    days_in_month = _calendar.monthrange(year, month0 + 1)[1]
    if start.day > days_in_month:
        return dt.date(year, month0 + 1, days_in_month)
    return dt.date(year, month0 + 1, start.day) - dt.timedelta(days=1)


def within_month_period(day: dt.date, *, start: dt.date, months: int) -> bool:
    """True when ``start <= day <= month_period_last_day(start, months=months)``."""
    return start <= day <= month_period_last_day(start, months=months)


# ---------------------------------------------------------------------------------------------------
# Hour periods and Christmas Day (Anti-social Behaviour, Crime and Policing Act 2014)
# ---------------------------------------------------------------------------------------------------

UK_TZ = ZoneInfo("Europe/London")
# s.77(3) and s.80(4): "In calculating when the period of 48 hours ... ends, Christmas Day is to be
# disregarded." No other hour period of the Act says so: a 24-hour closure notice does not.
CHRISTMAS_DISREGARDED_HOURS = 48


def _require_aware(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("statutory hour clocks need a timezone-aware datetime")
    return moment


def christmas_day_utc(year: int) -> tuple[dt.datetime, dt.datetime]:
    """25 December of ``year`` in UK local time, as a half-open UTC interval."""
    start = dt.datetime(year, 12, 25, tzinfo=UK_TZ).astimezone(dt.UTC)
    end = dt.datetime(year, 12, 26, tzinfo=UK_TZ).astimezone(dt.UTC)
    return start, end


def add_hours_disregarding_christmas(start: dt.datetime, hours: float) -> dt.datetime:
    """``start`` + ``hours`` of elapsed time, where time on Christmas Day does not count.

    A period that would end on Christmas Day ends that many hours into 26 December instead; one that
    starts on Christmas Day starts running at midnight. Returns a datetime in ``start``'s timezone.
    """
    _require_aware(start)
    if hours < 0:
        raise ValueError("hours must not be negative")
    remaining = dt.timedelta(hours=hours)
    t = start.astimezone(dt.UTC)
    while True:
        xmas_start, xmas_end = christmas_day_utc(t.astimezone(UK_TZ).year)
        if xmas_start <= t < xmas_end:
            t = xmas_end
            continue
        if t >= xmas_end:  # this year's Christmas has passed: look at next year's
            xmas_start, xmas_end = christmas_day_utc(t.astimezone(UK_TZ).year + 1)
        if t + remaining <= xmas_start:
            return (t + remaining).astimezone(start.tzinfo)
        remaining -= xmas_start - t
        t = xmas_end
        if remaining <= dt.timedelta(0):
            # Ends exactly at the start of Christmas Day; the deadline is that instant.
            return xmas_start.astimezone(start.tzinfo)


def hours_disregarding_christmas(start: dt.datetime, end: dt.datetime) -> float:
    """Elapsed hours from ``start`` to ``end`` not counting Christmas Day (inverse of the above)."""
    _require_aware(start)
    _require_aware(end)
    if end < start:
        raise ValueError("end is before start")
    total = end - start
    a, b = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    for year in range(a.astimezone(UK_TZ).year, b.astimezone(UK_TZ).year + 1):
        xs, xe = christmas_day_utc(year)
        overlap = min(b, xe) - max(a, xs)
        if overlap > dt.timedelta(0):
            total -= overlap
    return total.total_seconds() / 3600


def hour_period_end(start: dt.datetime, hours: float) -> dt.datetime:
    """When a statutory period of ``hours`` hours from ``start`` ends.

    Only a 48-hour period disregards Christmas Day (2014 Act s.77(3), s.80(4)); any other period,
    the 24-hour closure notice included, is plain elapsed time.
    """
    _require_aware(start)
    if hours == CHRISTMAS_DISREGARDED_HOURS:
        return add_hours_disregarding_christmas(start, hours)
    if hours < 0:
        raise ValueError("hours must not be negative")
    return start + dt.timedelta(hours=hours)
