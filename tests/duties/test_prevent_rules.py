"""Prevent and Channel (CTSA 2015 ss.36-41, Channel Duty Guidance 2023): the pure rules, each
boundary checked on both sides."""

from __future__ import annotations

import datetime as dt

from csphub.duties.rules import prevent as rules

D = dt.date


def test_ctsa_2015_s36_channel_opens_only_from_a_police_screened_adopted_referral() -> None:
    assert rules.channel_may_open(rules.REFERRAL_ADOPTED, rules.POLICE)
    assert not rules.channel_may_open(rules.REFERRAL_ADOPTED, "district_council")
    assert not rules.channel_may_open(rules.REFERRAL_RECEIVED, rules.POLICE)
    assert not rules.channel_may_open(rules.REFERRAL_SIGNPOSTED, rules.POLICE)


def test_ctsa_2015_s36_panel_chaired_by_the_local_authority() -> None:
    assert rules.may_chair("county_council") and rules.may_chair("district_council")
    for other in ("police", "health", "housing_provider", "voluntary_sector"):
        assert not rules.may_chair(other)


def test_ctsa_2015_s36_consent_parental_until_the_18th_birthday() -> None:
    born = D(2008, 6, 15)
    assert rules.consent_giver_valid(born, D(2026, 6, 14), rules.CONSENT_BY_PARENT)  # the day before
    assert not rules.consent_giver_valid(born, D(2026, 6, 14), rules.CONSENT_BY_PERSON)
    assert rules.consent_giver_valid(born, D(2026, 6, 15), rules.CONSENT_BY_PERSON)  # the birthday
    assert not rules.consent_giver_valid(born, D(2026, 6, 15), rules.CONSENT_BY_PARENT)


def test_ctsa_2015_s36_support_not_before_consent() -> None:
    assert not rules.support_may_start(None, D(2026, 3, 1))
    assert not rules.support_may_start(D(2026, 3, 2), D(2026, 3, 1))  # the day before consent
    assert rules.support_may_start(D(2026, 3, 2), D(2026, 3, 2))  # the day of consent


def test_ctsa_2015_s36_post_exit_reviews_at_6_and_12_months() -> None:
    assert rules.post_exit_review_dates(D(2026, 1, 15)) == (D(2026, 7, 15), D(2027, 1, 15))
    # month-end clamped: 31 August + 6 months = 28 February (not 3 March)
    assert rules.post_exit_review_dates(D(2025, 8, 31)) == (D(2026, 2, 28), D(2026, 8, 31))
