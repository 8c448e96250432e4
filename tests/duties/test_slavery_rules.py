"""Modern Slavery Act 2015 s.52 (duty to notify) and s.51 (presumption of age): the pure rules,
each boundary checked on both sides."""

from __future__ import annotations

import datetime as dt

import pytest

from csphub.duties.rules import slavery as rules

D = dt.date


def test_msa_2015_s51_s52_eighteenth_birthday_decides_child_or_adult() -> None:
    born = D(2008, 6, 15)
    assert rules.age_basis_from_date_of_birth(born, D(2026, 6, 14)) == rules.CHILD  # the day before
    assert rules.age_basis_from_date_of_birth(born, D(2026, 6, 15)) == rules.ADULT  # the birthday


def test_msa_2015_s51_leap_day_birth_turns_18_on_28_february() -> None:
    born = D(2008, 2, 29)
    assert rules.eighteenth_birthday(born) == D(2026, 2, 28)
    assert rules.age_basis_from_date_of_birth(born, D(2026, 2, 27)) == rules.CHILD
    assert rules.age_basis_from_date_of_birth(born, D(2026, 2, 28)) == rules.ADULT


def test_msa_2015_s51_presumption_of_age_treats_a_possible_child_as_a_child() -> None:
    assert rules.treated_as_child(rules.CHILD)
    assert rules.treated_as_child(rules.MAY_BE_CHILD)
    assert not rules.treated_as_child(rules.ADULT)
    assert not rules.treated_as_child(rules.UNCERTAIN_ADULT)


@pytest.mark.parametrize("consent", [rules.CONSENT_GIVEN, rules.CONSENT_REFUSED, rules.CONSENT_NOT_ASKED, ""])
@pytest.mark.parametrize("age", [rules.CHILD, rules.MAY_BE_CHILD])
def test_msa_2015_s52_child_or_presumed_child_is_always_an_nrm_referral_consent_not_needed(
    age: str, consent: str
) -> None:
    assert rules.route_for(age, consent) == rules.NRM


@pytest.mark.parametrize("age", [rules.ADULT, rules.UNCERTAIN_ADULT])
def test_msa_2015_s52_3_adult_nrm_only_with_consent_else_anonymous(age: str) -> None:
    assert rules.route_for(age, rules.CONSENT_GIVEN) == rules.NRM
    assert rules.route_for(age, rules.CONSENT_REFUSED) == rules.ANONYMOUS_DTN
    assert rules.route_for(age, rules.CONSENT_NOT_ASKED) == rules.ANONYMOUS_DTN


def test_msa_2015_s52_in_force_from_1_november_2015() -> None:
    assert not rules.duty_applies(D(2015, 10, 31))
    assert rules.duty_applies(D(2015, 11, 1))


def test_msa_2015_s52_notification_task_due_next_working_day_local_target() -> None:
    # Thursday -> Friday; Friday -> Monday (the weekend is not a working day)
    assert rules.notification_due_on(D(2026, 3, 5)) == D(2026, 3, 6)
    assert rules.notification_due_on(D(2026, 3, 6)) == D(2026, 3, 9)
    # Christmas Eve 2026 (Thursday) -> 29 December (Christmas Day and Boxing Day bank holidays)
    assert rules.notification_due_on(D(2026, 12, 24)) == D(2026, 12, 29)


def test_msa_2015_s52_yearly_counts_by_route_split_at_new_year() -> None:
    counts = rules.yearly_counts(
        [
            (D(2025, 12, 31), rules.NRM),
            (D(2026, 1, 1), rules.NRM),
            (D(2026, 1, 2), rules.ANONYMOUS_DTN),
        ]
    )
    assert counts == {
        2026: {rules.NRM: 1, rules.ANONYMOUS_DTN: 1},
        2025: {rules.NRM: 1, rules.ANONYMOUS_DTN: 0},
    }
    assert list(counts) == [2026, 2025]


def test_msa_2015_s52_3_anonymous_notification_is_a_whitelist_of_non_identifying_fields() -> None:
    values = {key: f"value-of-{key}" for key, _ in rules.NOTIFICATION_FIELDS}
    anonymous = {row.key for row in rules.notification_rows(rules.ANONYMOUS_DTN, values)}
    named = {row.key for row in rules.notification_rows(rules.NRM, values)}
    assert anonymous == set(rules.ANONYMOUS_FIELDS)
    assert named == {key for key, _ in rules.NOTIFICATION_FIELDS}
    for identifying in (
        "given_name",
        "family_name",
        "known_as",
        "date_of_birth",
        "phone",
        "email",
        "grounds",
    ):
        assert identifying not in anonymous
    # a field unknown to the whitelist never reaches an anonymous notification
    rows = rules.notification_rows(rules.ANONYMOUS_DTN, {**values, "passport_number": "X123"})
    assert all("X123" not in row.value for row in rows)
