"""Domestic Homicide Review clocks and gates (DVCVA 2004 s.9; statutory guidance 2016), both sides
of every boundary; and the Serious Violence Duty's yearly review (PCSCA 2022 s.8)."""

from __future__ import annotations

import datetime as dt

import pytest

from csphub.duties.rules import dhr as rules
from csphub.duties.rules import svd


@pytest.mark.parametrize(
    ("notified", "last_day"),
    [
        (dt.date(2026, 1, 5), dt.date(2026, 2, 5)),
        (dt.date(2026, 1, 31), dt.date(2026, 2, 28)),  # no 31 February: the month's end
        (dt.date(2028, 1, 31), dt.date(2028, 2, 29)),  # leap year
        (dt.date(2026, 12, 15), dt.date(2027, 1, 15)),  # across the year end
    ],
)
def test_guidance_decision_within_one_month_of_notification_both_sides(
    notified: dt.date, last_day: dt.date
) -> None:
    assert rules.decision_due(notified) == last_day
    assert rules.decision_in_time(notified, last_day)
    assert not rules.decision_in_time(notified, last_day + dt.timedelta(days=1))
    assert rules.decision_in_time(notified, notified)


@pytest.mark.parametrize(
    ("decided", "due"),
    [
        (dt.date(2026, 3, 10), dt.date(2026, 9, 10)),
        (dt.date(2026, 8, 31), dt.date(2027, 2, 28)),
        (dt.date(2026, 10, 1), dt.date(2027, 4, 1)),
    ],
)
def test_guidance_report_six_months_after_decision(decided: dt.date, due: dt.date) -> None:
    assert rules.report_due(decided) == due
    assert rules.report_due(decided) != due - dt.timedelta(days=1)


def test_guidance_extension_must_move_the_target_later_and_give_a_reason() -> None:
    due = dt.date(2026, 9, 10)
    assert rules.extension_valid(due, due + dt.timedelta(days=1), "Parallel criminal trial")
    assert not rules.extension_valid(due, due, "Parallel criminal trial")  # the same day is no extension
    assert not rules.extension_valid(due, due - dt.timedelta(days=1), "Earlier")
    assert not rules.extension_valid(due, due + dt.timedelta(days=30), "   ")


def test_s9_1_age_16_or_over_both_sides() -> None:
    assert rules.in_scope(16, rules.RELATIONSHIP_PARTNER)
    assert not rules.in_scope(15, rules.RELATIONSHIP_PARTNER)
    assert rules.in_scope(None, rules.RELATIONSHIP_HOUSEHOLD)  # not known: not ruled out


@pytest.mark.parametrize(
    ("relationship", "expected"),
    [
        (rules.RELATIONSHIP_PARTNER, True),
        (rules.RELATIONSHIP_RELATIVE, True),
        (rules.RELATIONSHIP_HOUSEHOLD, True),
        (rules.RELATIONSHIP_NONE, False),
    ],
)
def test_s9_1_relationship(relationship: str, expected: bool) -> None:
    assert rules.in_scope(40, relationship) is expected


def test_guidance_publication_blocked_until_home_office_qa_approves() -> None:
    done = dt.date(2026, 9, 1)
    assert not rules.may_publish("", done, anonymised=True)  # not yet sent or no answer
    assert not rules.may_publish(rules.QA_RESUBMIT, done, anonymised=True)
    assert not rules.may_publish(rules.QA_APPROVED, None, anonymised=True)
    assert not rules.may_publish(rules.QA_APPROVED, done, anonymised=False)  # anonymised only
    assert rules.may_publish(rules.QA_APPROVED, done, anonymised=True)
    assert "Quality Assurance Panel" in rules.publication_blocked_reason(rules.QA_RESUBMIT, done, True)
    assert rules.publication_blocked_reason(rules.QA_APPROVED, done, True) == ""


def test_vpa2024_s19_dardr_is_a_dated_rule_change() -> None:
    """Not commenced: every review is a DHR. Once a commencement day is set, reviews notified on or
    after it are Domestic Abuse Related Death Reviews; the day before stays a DHR."""
    assert rules.DARDR_COMMENCEMENT is None
    assert rules.rule_version(dt.date(2026, 11, 1)) == rules.RULE_VERSION_DHR
    day = dt.date(2027, 4, 1)
    assert rules.rule_version(day, day) == rules.RULE_VERSION_DARDR
    assert rules.rule_version(day - dt.timedelta(days=1), day) == rules.RULE_VERSION_DHR
    assert rules.review_name(rules.RULE_VERSION_DARDR) == "Domestic Abuse Related Death Review"
    assert rules.review_name(rules.RULE_VERSION_DHR) == "Domestic Homicide Review"


def test_action_overdue_both_sides() -> None:
    due = dt.date(2026, 6, 30)
    assert not rules.action_overdue(due, completed=False, today=due)
    assert rules.action_overdue(due, completed=False, today=due + dt.timedelta(days=1))
    assert not rules.action_overdue(due, completed=True, today=due + dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("published", "due"),
    [(dt.date(2026, 1, 31), dt.date(2027, 1, 31)), (dt.date(2028, 2, 29), dt.date(2029, 2, 28))],
)
def test_pcsca2022_s8_strategy_reviewed_yearly_both_sides(published: dt.date, due: dt.date) -> None:
    assert svd.review_due(published) == due
    assert not svd.review_overdue(published, due)
    assert svd.review_overdue(published, due + dt.timedelta(days=1))


def test_pcsca2022_s8_publication_not_before_agreement() -> None:
    agreed = dt.date(2026, 3, 1)
    assert svd.publication_valid(agreed, agreed)
    assert not svd.publication_valid(agreed, agreed - dt.timedelta(days=1))


def test_pcsca2022_s11_sch1_every_specified_authority_takes_part() -> None:
    assert svd.missing_specified(set(svd.SPECIFIED)) == []
    assert svd.missing_specified(set(svd.SPECIFIED) - {"probation"}) == ["probation"]
    # the consulted authorities (s.8(4), s.12 and Sch 2) are not specified authorities
    assert svd.missing_specified({"education", "prison"}) == sorted(svd.SPECIFIED)


def test_versions_count_up() -> None:
    assert svd.next_version([]) == 1
    assert svd.next_version([1, 3, 2]) == 4


# --- The anonymised publication (DVCVA 2004 s.9; 2016 statutory guidance: pseudonyms, nothing that
# identifies the victim, perpetrator or family).
PAIRS = [("Jane Smith", "Adult A"), ("John Smith", "Adult B"), ("Mary Jones", "Family member C")]


def test_guidance_every_name_and_each_part_of_it_is_replaced_in_any_case() -> None:
    text = "Jane Smith met John at work. JANE told Mary; jones was there."
    assert rules.anonymise(text, PAIRS) == (
        "Adult A met Adult B at work. Adult A told Family member C; Family member C was there."
    )


def test_guidance_a_surname_two_people_share_is_removed_not_guessed() -> None:
    assert rules.anonymise("Mrs Smith called", PAIRS) == f"Mrs {rules.NAME_REMOVED} called"


def test_guidance_only_whole_words_are_replaced_and_pseudonyms_are_not_replaced_again() -> None:
    assert rules.anonymise("Smithson and Janet", PAIRS) == "Smithson and Janet"
    # "Adult" in a pseudonym is not a name, and a pseudonym put in is not rewritten.
    assert rules.anonymise("Jane", [("Jane", "Adult A"), ("Adult", "Z")]) == "Adult A"


def test_guidance_names_left_finds_a_name_not_replaced_and_ignores_pseudonyms() -> None:
    text = rules.anonymise("Jane Smith and Peter Brown", PAIRS)
    assert rules.names_left(text, ["Jane Smith", "Peter Brown"], ["Adult A"]) == [
        "Peter Brown",
        "Peter",
        "Brown",
    ]
    assert rules.names_left("Adult A", ["Jane Smith"], ["Adult A"]) == []


def test_guidance_a_pseudonym_may_not_carry_any_part_of_a_real_name() -> None:
    assert rules.pseudonym_problem("Jane Smith", "Jane Doe", []) != ""
    assert rules.pseudonym_problem("Jane Smith", "Ms Jones", ["Mary Jones"]) != ""
    assert rules.pseudonym_problem("Jane Smith", "Adult A", ["Mary Jones"]) == ""
    assert rules.pseudonym_problem("Jane Smith", " ", []) == "Enter the pseudonym"


def test_guidance_published_dates_are_month_and_year_only() -> None:
    assert rules.month_year(dt.date(2026, 3, 9)) == "March 2026"
    assert rules.month_year(None) == ""
