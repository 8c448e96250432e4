"""The response clock of data subject requests: UK GDPR Art 12(3) (one month, extendable by two further
months) and DPA 2018 s.45/s.54 (the same month for law-enforcement processing). Both sides of every
boundary: month ends, 29 February, weekends, bank holidays, identity proved after receipt."""

from __future__ import annotations

import datetime as dt

import pytest

from csphub.governance import rules

D = dt.date


def test_art_12_3_one_month_runs_to_the_corresponding_day() -> None:
    # Received Monday 2 March 2026: due Thursday 2 April 2026 (a working day).
    assert rules.response_due(D(2026, 3, 2)) == D(2026, 4, 2)
    # Received Tuesday 3 March 2026: 3 April 2026 is Good Friday and 6 April Easter Monday, so
    # Tuesday 7 April 2026.
    assert rules.response_due(D(2026, 3, 3)) == D(2026, 4, 7)


def test_art_12_3_a_month_without_the_corresponding_day_ends_on_its_last_day() -> None:
    # 31 January 2025 → no 31 February: the last day, Friday 28 February 2025.
    assert rules.response_due(D(2025, 1, 31)) == D(2025, 2, 28)
    # Leap year: 31 January 2028 → Tuesday 29 February 2028.
    assert rules.response_due(D(2028, 1, 31)) == D(2028, 2, 29)
    # 30 January 2025 → 28 February 2025 too; 28 January → 28 February.
    assert rules.response_due(D(2025, 1, 28)) == D(2025, 2, 28)


def test_art_12_3_a_due_day_at_a_weekend_moves_to_the_next_working_day() -> None:
    # Received Friday 4 April 2025: 4 May 2025 is a Sunday and Monday 5 May is the early May bank
    # holiday, so the response is due Tuesday 6 May 2025.
    assert rules.response_due(D(2025, 4, 4)) == D(2025, 5, 6)
    # Received 2 April 2025: 2 May 2025 is a Friday — no move.
    assert rules.response_due(D(2025, 4, 2)) == D(2025, 5, 2)


def test_art_12_3_bank_holidays_at_christmas() -> None:
    # Received 25 November 2025: due Thursday 25 December (Christmas Day) → Friday 26 is Boxing Day →
    # Monday 29 December 2025.
    assert rules.response_due(D(2025, 11, 25)) == D(2025, 12, 29)
    # Received 24 November 2025: due Wednesday 24 December 2025, a working day.
    assert rules.response_due(D(2025, 11, 24)) == D(2025, 12, 24)


def test_art_12_6_the_clock_starts_when_identity_is_proved_if_later() -> None:
    assert rules.clock_starts(D(2026, 3, 3), None) == D(2026, 3, 3)
    assert rules.clock_starts(D(2026, 3, 3), D(2026, 3, 3)) == D(2026, 3, 3)
    assert rules.clock_starts(D(2026, 3, 3), D(2026, 3, 10)) == D(2026, 3, 10)
    assert rules.response_due(D(2026, 3, 3), identity_verified_on=D(2026, 3, 10)) == D(2026, 4, 10)


def test_art_12_3_extension_by_one_or_two_further_months_and_no_more() -> None:
    received = D(2026, 3, 3)
    # 3 May 2026 is a Sunday and 4 May the early May bank holiday
    assert rules.response_due(received, extension_months=1) == D(2026, 5, 5)
    assert rules.response_due(received, extension_months=2) == D(2026, 6, 3)
    with pytest.raises(ValueError):
        rules.response_due(received, extension_months=3)
    with pytest.raises(ValueError):
        rules.response_due(received, extension_months=-1)


def test_art_12_3_extension_only_within_the_first_month() -> None:
    received = D(2026, 3, 3)  # first month ends Tuesday 7 April 2026 (after Easter)
    assert rules.extension_allowed(received, identity_verified_on=None, today=D(2026, 4, 7))
    assert not rules.extension_allowed(received, identity_verified_on=None, today=D(2026, 4, 8))


def test_overdue_from_the_day_after_the_due_day() -> None:
    due = D(2026, 4, 3)
    assert not rules.is_overdue(due, D(2026, 4, 3))
    assert rules.is_overdue(due, D(2026, 4, 4))
    assert not rules.is_overdue(due, D(2026, 5, 1), responded_on=D(2026, 4, 3))


def test_exemptions_offered_follow_the_regime() -> None:
    gdpr = dict(rules.exemptions_for("uk_gdpr"))
    part3 = dict(rules.exemptions_for("law_enforcement"))
    assert "sch2-p2" in gdpr and "sch2-p16" in gdpr and "sch3-p10" in gdpr
    assert not any(code.startswith("s45") for code in gdpr)
    assert set(part3) == {"s45-4a", "s45-4b", "s45-4c", "s45-4d", "s45-4e"}
    assert "Sch 2 para 16" in rules.exemption_label("sch2-p16")
