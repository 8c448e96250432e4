"""Calendar helpers for the powers' clocks: months, years and hours, Christmas Day disregarded where the
law says so (the conventions are in ``csphub.powers.rules``).
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

UK_TZ = ZoneInfo("Europe/London")


# --------------------------------------------------------------------------------------------
# Calendar helpers
# --------------------------------------------------------------------------------------------


def add_months(start: date, months: int) -> date:
    """Calendar-month arithmetic, clamped to month end (31 Aug + 6 months = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def add_months_dt(start: datetime, months: int) -> datetime:
    d = add_months(start.date(), months)
    return start.replace(year=d.year, month=d.month, day=d.day)


def add_years(start: date, years: int) -> date:
    return add_months(start, 12 * years)


def months_period_last_day(start: date, months: int) -> date:
    """Last day of "the period of ``months`` months beginning with" ``start`` (start counts).

    Corresponding-date rule (Dodds v Walker [1981]): the day before the corresponding date
    ``months`` later; when that month has no corresponding date, its last day. 12 months beginning
    with 1 January 2025 end on 31 December 2025; 1 month beginning with 31 January ends 28/29 Feb.
    """
    if months < 1:
        raise ValueError("a period has at least one month")
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    days_in_month = calendar.monthrange(year, month)[1]
    if start.day > days_in_month:
        return date(year, month, days_in_month)
    return date(year, month, start.day) - timedelta(days=1)


def age_on(date_of_birth: date, on: date) -> int:
    """Completed years on ``on``; someone born on 29 February turns a year older on 1 March."""
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def period_last_day(start: date, days: int) -> date:
    """Last day of "the period of ``days`` days beginning with" ``start`` (start counts)."""
    if days < 1:
        raise ValueError("a period has at least one day")
    return start + timedelta(days=days - 1)


def _require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("statutory hour clocks need a timezone-aware datetime")
    return moment


def christmas_interval_utc(year: int) -> tuple[datetime, datetime]:
    """25 December of ``year`` in UK local time, as a half-open UTC interval."""
    start = datetime(year, 12, 25, tzinfo=UK_TZ).astimezone(UTC)
    end = datetime(year, 12, 26, tzinfo=UK_TZ).astimezone(UTC)
    return start, end


def add_hours(start: datetime, hours: float) -> datetime:
    """``start`` + ``hours`` of elapsed time (no disregard): a 24-hour closure notice (s.77(1)),
    its extension notice (s.77(4)) and a continuation by the court (s.81)."""
    _require_aware(start)
    if hours < 0:
        raise ValueError("hours must not be negative")
    return (start.astimezone(UTC) + timedelta(hours=hours)).astimezone(start.tzinfo)


def add_hours_disregarding_christmas(start: datetime, hours: float) -> datetime:
    """``start`` + ``hours`` of elapsed time, where time on Christmas Day does not count.

    Used only for the 48-hour periods: s.77(3) (a closure notice under the 48-hour regime of
    s.77(2)) and s.80(4) (hearing within 48 hours of service).
    Returns a datetime in the timezone of ``start``.
    """
    _require_aware(start)
    if hours < 0:
        raise ValueError("hours must not be negative")
    remaining = timedelta(hours=hours)
    t = start.astimezone(UTC)
    while True:
        xmas_start, xmas_end = christmas_interval_utc(t.astimezone(UK_TZ).year)
        if xmas_start <= t < xmas_end:
            t = xmas_end
            continue
        if t >= xmas_end:  # this year's Christmas has passed: look at next year's
            xmas_start, xmas_end = christmas_interval_utc(t.astimezone(UK_TZ).year + 1)
        if t + remaining <= xmas_start:
            return (t + remaining).astimezone(start.tzinfo)
        # Here t + remaining > xmas_start, so some time is still left after Christmas Day (a period
        # ending exactly at its start returned above).
        remaining -= xmas_start - t
        t = xmas_end


def hours_disregarding_christmas(start: datetime, end: datetime) -> float:
    """Elapsed hours from ``start`` to ``end`` not counting Christmas Day (inverse of the above)."""
    _require_aware(start)
    _require_aware(end)
    if end < start:
        raise ValueError("end is before start")
    total = end - start
    a, b = start.astimezone(UTC), end.astimezone(UTC)
    for year in range(a.astimezone(UK_TZ).year, b.astimezone(UK_TZ).year + 1):
        xs, xe = christmas_interval_utc(year)
        overlap = min(b, xe) - max(a, xs)
        if overlap > timedelta(0):
            total -= overlap
    return total.total_seconds() / 3600


def _decision_date_blockers(
    *, on: date, not_before: date, not_before_what: str, today: date, what: str
) -> list[str]:
    reasons = []
    if on < not_before:
        reasons.append(f"The {what} cannot be dated before {not_before_what}")
    if on > today:
        reasons.append(f"The date of the {what} must be today or in the past")
    return reasons
