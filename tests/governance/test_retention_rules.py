"""Retention periods (UK GDPR Art 5(1)(e), storage limitation): "6 years after the case closes" keeps
the record up to and including the sixth anniversary of its closure; it may go from the next day."""

from __future__ import annotations

import datetime as dt

import pytest

from csphub.governance import rules


def test_kept_through_the_anniversary_and_due_the_day_after() -> None:
    closed = dt.date(2020, 3, 15)
    assert rules.retained_until(closed, 6) == dt.date(2026, 3, 15)
    assert not rules.is_due(closed, 6, dt.date(2026, 3, 15))
    assert rules.is_due(closed, 6, dt.date(2026, 3, 16))


def test_a_case_closed_on_29_february_is_kept_to_28_february() -> None:
    closed = dt.date(2020, 2, 29)
    assert rules.retained_until(closed, 6) == dt.date(2026, 2, 28)
    assert not rules.is_due(closed, 6, dt.date(2026, 2, 28))
    assert rules.is_due(closed, 6, dt.date(2026, 3, 1))
    # Four years on is a leap year again: the 29th itself.
    assert rules.retained_until(closed, 4) == dt.date(2024, 2, 29)


def test_decide_keeps_holds_and_disposes() -> None:
    closed = dt.date(2019, 1, 10)
    assert (
        rules.decide(trigger=closed, years=6, today=dt.date(2025, 1, 10), holds=()).action
        is rules.Action.KEEP
    )
    due = rules.decide(trigger=closed, years=6, today=dt.date(2025, 1, 11), holds=())
    assert due.action is rules.Action.DISPOSE and "10 January 2025" in due.reason
    held = rules.decide(trigger=closed, years=6, today=dt.date(2030, 1, 1), holds=("case hold: claim",))
    assert held.action is rules.Action.HOLD and "claim" in held.reason


def test_a_period_is_at_least_a_year() -> None:
    with pytest.raises(ValueError):
        rules.retained_until(dt.date(2020, 1, 1), 0)
