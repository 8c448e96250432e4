"""ASB Case Review threshold engine, clocks and publication wording — pure rules, no database.

Worked scenarios follow ASBCPA 2014 s.104(4) and (11) (Explanatory Notes para 231) and the local
variants in the statutory guidance and local procedures (domain rules §2.3).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from csphub.casereviews.rules import (
    STATUTORY_POLICY,
    ApplicationFacts,
    Complaint,
    Figures,
    Ground,
    ReportingYear,
    ServiceLevels,
    Stage,
    Status,
    ThresholdDecision,
    ThresholdPolicy,
    assess_threshold,
    can_transition,
    clock_for,
    compute_figures,
    due_date,
    earliest_qualifying_complaint_date,
    monthly_breakdown,
    number_in_words,
    period_last_day,
    publication_sentences,
    qualification_reasons,
    second_report_within_six_months,
)

D = dt.date


def complaint(key: str, behaviour: dt.date, reported: dt.date | None = None, **kw: object) -> Complaint:
    return Complaint(key=key, behaviour_on=behaviour, reported_on=reported or behaviour, **kw)  # type: ignore[arg-type]


# --- periods "beginning with" ---------------------------------------------------------------------


def test_one_month_beginning_with_a_date_ends_the_day_before_the_corresponding_date() -> None:
    assert period_last_day(D(2024, 1, 5), months=1) == D(2024, 2, 4)
    assert period_last_day(D(2024, 12, 15), months=1) == D(2025, 1, 14)


def test_without_a_corresponding_date_the_period_runs_to_the_end_of_the_month() -> None:
    assert period_last_day(D(2024, 1, 31), months=1) == D(2024, 2, 29)  # leap year
    assert period_last_day(D(2023, 1, 31), months=1) == D(2023, 2, 28)
    assert period_last_day(D(2024, 8, 31), months=6) == D(2025, 2, 28)


def test_six_months_beginning_with_a_complaint() -> None:
    assert period_last_day(D(2024, 1, 10), months=6) == D(2024, 7, 9)
    assert earliest_qualifying_complaint_date(D(2024, 7, 9)) == D(2024, 1, 10)


# --- qualifying complaints --------------------------------------------------------------------------


def test_a_complaint_on_the_last_day_of_the_month_qualifies_and_the_next_day_does_not() -> None:
    ok, _ = qualification_reasons(complaint("a", D(2024, 3, 1), D(2024, 3, 31)), application_on=D(2024, 4, 1))
    late, reasons = qualification_reasons(
        complaint("b", D(2024, 3, 1), D(2024, 4, 1)), application_on=D(2024, 4, 2)
    )
    assert ok
    assert not late
    assert "more than one month after the behaviour" in reasons[0]


def test_an_application_more_than_six_months_after_the_complaint_does_not_count_it() -> None:
    c = complaint("a", D(2024, 1, 10))
    assert qualification_reasons(c, application_on=D(2024, 7, 9))[0]
    ok, reasons = qualification_reasons(c, application_on=D(2024, 7, 10))
    assert not ok
    assert "more than six months after" in reasons[0]


def test_complaints_after_the_application_do_not_count_and_before_the_behaviour_are_refused() -> None:
    after, _ = qualification_reasons(complaint("a", D(2024, 5, 2)), application_on=D(2024, 5, 1))
    assert not after
    # B.6: the pure engine refuses a complaint dated before its behaviour (no silent pass).
    with pytest.raises(ValueError, match="before the behaviour"):
        complaint("b", D(2024, 4, 10), D(2024, 4, 9))
    same_day = Complaint(key="c", behaviour_on=D(2024, 4, 10), reported_on=D(2024, 4, 10))
    assert same_day.reported_on == same_day.behaviour_on


# --- worked scenarios -------------------------------------------------------------------------------


def test_statute_three_qualifying_complaints_meet_the_threshold() -> None:
    # Three reports about noise in the six months before an application on 1 June 2024.
    complaints = [
        complaint("incident:1", D(2024, 1, 3), D(2024, 1, 4), reporting_agency="Police"),
        complaint("incident:2", D(2024, 2, 10), D(2024, 2, 12), reporting_agency="Council"),
        complaint("incident:3", D(2024, 5, 20), D(2024, 5, 20), reporting_agency="Housing"),
    ]
    decision = assess_threshold(complaints, application_on=D(2024, 6, 1))
    assert decision.met
    assert decision.statutorily_met
    assert decision.qualifying_count == 3
    assert decision.rule_version == "statutory-2014"
    text = decision.explanation()
    assert text.startswith("The threshold for an ASB Case Review is met")
    assert "the law requires the threshold to be met" in text


def test_statute_two_qualifying_and_one_late_report_do_not_meet_three() -> None:
    complaints = [
        complaint("incident:1", D(2024, 1, 3), D(2024, 1, 4)),
        complaint("incident:2", D(2024, 2, 10), D(2024, 2, 12)),
        complaint("incident:3", D(2024, 3, 1), D(2024, 4, 15)),  # reported 6 weeks later
    ]
    decision = assess_threshold(complaints, application_on=D(2024, 6, 1))
    assert not decision.met
    assert decision.qualifying_count == 2
    late = next(a for a in decision.assessments if a.complaint.key == "incident:3")
    assert not late.qualifying and not late.counted
    text = decision.explanation()
    assert "is not met" in text
    assert "Two qualifying complaints were found" in text
    assert "persistent" in text  # the discretionary route is explained


def test_complaints_older_than_six_months_before_the_application_do_not_count() -> None:
    complaints = [complaint(f"incident:{i}", D(2023, 9, i + 1)) for i in range(3)]
    decision = assess_threshold(complaints, application_on=D(2024, 6, 1))
    assert not decision.met
    assert decision.qualifying_count == 0


def test_a_lower_local_number_meets_with_two() -> None:
    policy = ThresholdPolicy(version="local-2", qualifying_complaints_required=2)
    complaints = [complaint("a", D(2024, 1, 3)), complaint("b", D(2024, 2, 3))]
    decision = assess_threshold(complaints, application_on=D(2024, 6, 1), policy=policy)
    assert decision.met
    # s.104(4): the specified number makes the threshold mandatory.
    assert decision.grounds == (Ground.STATUTORY,)
    assert "at least two qualifying complaints were made" in decision.explanation()
    assert "version local-2" in decision.explanation()


def test_one_hate_incident_meets_the_local_threshold() -> None:
    policy = ThresholdPolicy(version="hate-1", hate_incident_meets_threshold=True)
    decision = assess_threshold(
        [complaint("a", D(2024, 5, 1), is_hate_motivated=True)], application_on=D(2024, 6, 1), policy=policy
    )
    assert decision.met
    assert decision.grounds == (Ground.HATE_INCIDENT,)
    # Without the local rule the same complaint does not meet the threshold.
    assert not assess_threshold(decision_complaints(decision), application_on=D(2024, 6, 1)).met


def decision_complaints(decision: ThresholdDecision) -> list[Complaint]:
    return [a.complaint for a in decision.assessments]


def test_five_different_people_meet_the_local_threshold_even_with_late_reports() -> None:
    policy = ThresholdPolicy(version="five-people", distinct_complainants_required=5)
    # Five neighbours each report once; three reported late (more than a month after the behaviour).
    complaints = [
        complaint(
            f"incident:{i}",
            D(2024, 3, 1),
            D(2024, 3, 2) if i < 2 else D(2024, 4, 20),
            complainant_key=f"p{i}",
        )
        for i in range(5)
    ]
    decision = assess_threshold(complaints, application_on=D(2024, 6, 1), policy=policy)
    assert decision.qualifying_count == 2
    assert decision.distinct_complainants == 5
    assert decision.met
    assert decision.grounds == (Ground.DISTINCT_COMPLAINANTS,)
    # Four people are not enough.
    assert not assess_threshold(complaints[:4], application_on=D(2024, 6, 1), policy=policy).met


def test_s104_4_local_number_two_with_count_once_two_complaints_about_one_incident_meet() -> None:
    # Legal review B.1 worked example: local number 2 and "count one incident once"; two qualifying
    # complaints about one incident, made to the council and to the police → met (s.104(4)).
    policy = ThresholdPolicy(
        version="dedupe-2", qualifying_complaints_required=2, count_same_incident_once=True
    )
    same = [
        complaint(f"incident:{i}", D(2024, 5, 1), reporting_agency=agency, same_incident_key="event-1")
        for i, agency in enumerate(["Police", "Council"])
    ]
    decision = assess_threshold(same, application_on=D(2024, 6, 1), policy=policy)
    assert decision.qualifying_count == 2
    assert decision.counted_count == 1
    assert decision.met
    assert decision.grounds == (Ground.STATUTORY,)
    assert decision.engine_version == "s104-2026-11"
    duplicate = decision.assessments[1]
    assert duplicate.qualifying and not duplicate.counted
    assert "still counts as a qualifying complaint" in duplicate.reasons[-1]
    assert "counted, same incident" in decision.explanation()
    # One complaint is below the specified number: not met, and the letter is consistent.
    one = assess_threshold(same[:1], application_on=D(2024, 6, 1), policy=policy)
    assert not one.met
    assert "One qualifying complaint was found; the partnership's threshold is two." in one.explanation()
    # Three complaints (even of one incident) are three complaints made: the statutory test is met.
    three = [
        *same,
        complaint("incident:9", D(2024, 5, 1), reporting_agency="Housing", same_incident_key="event-1"),
    ]
    decision = assess_threshold(three, application_on=D(2024, 6, 1), policy=policy)
    assert decision.met
    assert decision.grounds == (Ground.STATUTORY,)


def test_policy_cannot_set_a_threshold_above_three_or_below_one() -> None:
    with pytest.raises(ValueError, match="no higher than three"):
        ThresholdPolicy(qualifying_complaints_required=4)
    with pytest.raises(ValueError):
        ThresholdPolicy(qualifying_complaints_required=0)


def test_a_decision_round_trips_through_its_stored_form() -> None:
    policy = ThresholdPolicy(version="v9", hate_incident_meets_threshold=True, count_same_incident_once=True)
    decision = assess_threshold(
        [
            complaint("a", D(2024, 5, 1), is_hate_motivated=True, same_incident_key="x"),
            complaint("b", D(2023, 1, 1)),
        ],
        application_on=D(2024, 6, 1),
        policy=policy,
    )
    assert ThresholdDecision.from_dict(decision.to_dict()) == decision


def test_order_of_complaints_does_not_matter() -> None:
    cs = [complaint("a", D(2024, 1, 3)), complaint("b", D(2024, 2, 3)), complaint("c", D(2024, 3, 3))]
    first = assess_threshold(cs, application_on=D(2024, 6, 1))
    assert assess_threshold(list(reversed(cs)), application_on=D(2024, 6, 1)) == first


def test_duplicate_keys_are_refused() -> None:
    with pytest.raises(ValueError):
        assess_threshold(
            [complaint("a", D(2024, 1, 3)), complaint("a", D(2024, 2, 3))], application_on=D(2024, 6, 1)
        )


# --- properties -------------------------------------------------------------------------------------

APPLICATION_ON = D(2024, 6, 1)
days = st.dates(min_value=D(2023, 6, 1), max_value=D(2024, 7, 1))


@st.composite
def complaints_st(draw: st.DrawFn, prefix: str = "c") -> list[Complaint]:
    n = draw(st.integers(min_value=0, max_value=7))
    out = []
    for i in range(n):
        behaviour = draw(days)
        delay = draw(st.integers(min_value=0, max_value=60))
        out.append(
            Complaint(
                key=f"{prefix}{i}",
                behaviour_on=behaviour,
                reported_on=behaviour + dt.timedelta(days=delay),
                complainant_key=draw(st.sampled_from([None, "p1", "p2", "p3", "p4", "p5", "p6"])),
                same_incident_key=draw(st.sampled_from([None, "e1", "e2"])),
                is_hate_motivated=draw(st.booleans()),
            )
        )
    return out


policies = st.builds(
    ThresholdPolicy,
    version=st.just("prop"),
    qualifying_complaints_required=st.integers(min_value=1, max_value=3),
    count_same_incident_once=st.booleans(),
    distinct_complainants_required=st.one_of(st.none(), st.integers(min_value=1, max_value=6)),
    hate_incident_meets_threshold=st.booleans(),
)


@settings(max_examples=300)
@given(complaints=complaints_st(), extra=complaints_st(prefix="x"), policy=policies)
def test_adding_a_non_qualifying_complaint_never_changes_the_outcome(
    complaints: list[Complaint], extra: list[Complaint], policy: ThresholdPolicy
) -> None:
    before = assess_threshold(complaints, application_on=APPLICATION_ON, policy=policy)
    for new in extra:
        qualifies, _ = qualification_reasons(new, application_on=APPLICATION_ON)
        assume(not qualifies)
        if policy.distinct_complainants_required is not None:
            # The different-people rule deliberately counts late reports made in the six months
            # before the application; a complaint outside that window counts under no rule.
            assume(
                new.reported_on > APPLICATION_ON
                or new.reported_on < earliest_qualifying_complaint_date(APPLICATION_ON)
            )
    after = assess_threshold([*complaints, *extra], application_on=APPLICATION_ON, policy=policy)
    assert after.met == before.met
    assert after.grounds == before.grounds


@settings(max_examples=300)
@given(complaints=complaints_st(), policy=policies)
def test_no_local_rule_turns_a_statutorily_met_threshold_into_not_met(
    complaints: list[Complaint], policy: ThresholdPolicy
) -> None:
    # s.104(4) with the *specified* number: whatever the counting rules, that many qualifying
    # complaints make the threshold met (B.1).
    specified = ThresholdPolicy(
        version="s", qualifying_complaints_required=policy.qualifying_complaints_required
    )
    statutory = assess_threshold(complaints, application_on=APPLICATION_ON, policy=specified)
    local = assess_threshold(complaints, application_on=APPLICATION_ON, policy=policy)
    qualifying = sum(qualification_reasons(c, application_on=APPLICATION_ON)[0] for c in complaints)
    assert statutory.met == (qualifying >= policy.qualifying_complaints_required)
    if statutory.met:
        assert local.met
        assert Ground.STATUTORY in local.grounds
    three = assess_threshold(complaints, application_on=APPLICATION_ON, policy=STATUTORY_POLICY)
    if three.met:
        assert local.met


@settings(max_examples=300)
@given(complaints=complaints_st(), policy=policies, lower=st.integers(min_value=1, max_value=3))
def test_a_lower_local_threshold_never_turns_met_into_not_met(
    complaints: list[Complaint], policy: ThresholdPolicy, lower: int
) -> None:
    assume(lower <= policy.qualifying_complaints_required)
    higher_result = assess_threshold(complaints, application_on=APPLICATION_ON, policy=policy)
    lowered = dataclasses.replace(policy, qualifying_complaints_required=lower)
    if higher_result.met:
        assert assess_threshold(complaints, application_on=APPLICATION_ON, policy=lowered).met


@settings(max_examples=200)
@given(complaints=complaints_st(), policy=policies)
def test_every_complaint_is_accounted_for_with_a_reason(
    complaints: list[Complaint], policy: ThresholdPolicy
) -> None:
    decision = assess_threshold(complaints, application_on=APPLICATION_ON, policy=policy)
    assert sorted(a.complaint.key for a in decision.assessments) == sorted(c.key for c in complaints)
    assert all(a.reasons for a in decision.assessments)
    assert all(a.qualifying for a in decision.assessments if a.counted)


# --- clocks -------------------------------------------------------------------------------------------


def test_default_service_levels_across_christmas_and_new_year() -> None:
    levels = ServiceLevels()
    received = D(2023, 12, 21)  # Thursday
    # 5 working days: 22, 27, 28, 29 Dec, 2 Jan (25/26 Dec and 1 Jan are bank holidays).
    assert due_date(Stage.ACKNOWLEDGE, started_on=received, levels=levels) == D(2024, 1, 2)
    assert due_date(Stage.THRESHOLD_DECISION, started_on=received, levels=levels) == D(2024, 1, 16)


def test_clock_over_easter_and_overdue_flags() -> None:
    levels = ServiceLevels(acknowledge_wd=3)
    clock = clock_for(Stage.ACKNOWLEDGE, started_on=D(2024, 3, 27), levels=levels)  # Wednesday before Easter
    assert clock.due_on == D(2024, 4, 3)  # Thu 28, Tue 2, Wed 3 (Good Friday and Easter Monday skipped)
    assert not clock.is_overdue(today=D(2024, 4, 3))
    assert clock.is_overdue(today=D(2024, 4, 4))
    assert clock.working_days_left(today=D(2024, 3, 28)) == 2
    done_late = clock_for(Stage.ACKNOWLEDGE, started_on=D(2024, 3, 27), levels=levels, done_on=D(2024, 4, 5))
    assert done_late.is_overdue(today=D(2024, 4, 5))
    done = clock_for(Stage.ACKNOWLEDGE, started_on=D(2024, 3, 27), levels=levels, done_on=D(2024, 4, 2))
    assert not done.is_overdue(today=D(2025, 1, 1))


def test_appeal_window_over_the_2021_christmas_substitute_days() -> None:
    levels = ServiceLevels(appeal_window_wd=2)
    assert due_date(Stage.APPEAL_WINDOW, started_on=D(2021, 12, 24), levels=levels) == D(2021, 12, 30)


def test_service_levels_must_be_positive() -> None:
    with pytest.raises(ValueError):
        ServiceLevels(acknowledge_wd=0)


def test_workflow_table() -> None:
    assert can_transition(Status.RECEIVED, to=Status.ACKNOWLEDGED)
    assert can_transition(Status.THRESHOLD_NOT_MET, to=Status.APPEALED)
    assert not can_transition(Status.THRESHOLD_NOT_MET, to=Status.REVIEW_HELD)
    assert not can_transition(Status.CLOSED, to=Status.RECEIVED)


# --- second report prompt --------------------------------------------------------------------------


def test_second_report_within_six_months() -> None:
    assert second_report_within_six_months([D(2024, 1, 10)], new_report_on=D(2024, 7, 9))
    assert not second_report_within_six_months([D(2024, 1, 10)], new_report_on=D(2024, 7, 10))
    assert not second_report_within_six_months([], new_report_on=D(2024, 7, 10))


# --- publication ------------------------------------------------------------------------------------


def test_reporting_year() -> None:
    year = ReportingYear.parse("2019/20")
    assert (year.start, year.end, year.label) == (D(2019, 4, 1), D(2020, 3, 31), "2019/20")
    assert ReportingYear.containing(D(2020, 3, 31)) == year
    assert ReportingYear.containing(D(2020, 4, 1)) == ReportingYear(2020)
    assert ReportingYear(1999).label == "1999/00"
    assert (
        len(year.months()) == 12 and year.months()[0] == D(2019, 4, 1) and year.months()[-1] == D(2020, 3, 1)
    )
    with pytest.raises(ValueError):
        ReportingYear.parse("2019/21")
    with pytest.raises(ValueError):
        ReportingYear.parse("last year")


def test_the_plan_sentences_for_2019_20_are_reproduced_exactly() -> None:
    figures = Figures("Amber Valley", ReportingYear(2019), 1, 1, 0, 0)
    assert publication_sentences(figures) == [
        "One Community Trigger application was received in Amber Valley during 2019/20",
        "One application was received that did not meet the threshold.",
        "No ASB Case Reviews were conducted in 2019/20",
        "No ASB Case Reviews took place which resulted in recommendations being made",
    ]


def test_wording_for_none_and_many() -> None:
    # B.5: "ASB Case Review" from the 2023/24 year; "Community Trigger" up to 2022/23.
    assert publication_sentences(Figures("Amber Valley", ReportingYear(2022), 0, 0, 0, 0))[0] == (
        "No Community Trigger applications were received in Amber Valley during 2022/23"
    )
    none = publication_sentences(Figures("Amber Valley", ReportingYear(2023), 0, 0, 0, 0))
    assert none[0] == "No ASB Case Review applications were received in Amber Valley during 2023/24"
    assert none[1] == "No applications were received that did not meet the threshold."
    many = publication_sentences(Figures("Amber Valley", ReportingYear(2023), 12, 3, 2, 1))
    assert many == [
        "Twelve ASB Case Review applications were received in Amber Valley during 2023/24",
        "Three applications were received that did not meet the threshold.",
        "Two ASB Case Reviews were conducted in 2023/24",
        "One ASB Case Review took place which resulted in recommendations being made",
    ]
    assert publication_sentences(Figures("Erewash", ReportingYear(2023), 21, 0, 1, 0))[0].startswith(
        "Twenty-one ASB Case Review applications"
    )


def test_number_in_words() -> None:
    assert [number_in_words(n) for n in (0, 1, 13, 20, 45, 100, 101, 999, 1000, 1005, 21_340)] == [
        "zero",
        "one",
        "thirteen",
        "twenty",
        "forty-five",
        "one hundred",
        "one hundred and one",
        "nine hundred and ninety-nine",
        "one thousand",
        "one thousand and five",
        "twenty-one thousand three hundred and forty",
    ]


def test_figures_and_monthly_breakdown_from_facts() -> None:
    year = ReportingYear(2023)
    facts = [
        ApplicationFacts("A", D(2023, 4, 3), True, D(2023, 5, 10), 2),
        ApplicationFacts("B", D(2023, 4, 20), False, None, 0),
        ApplicationFacts("C", D(2024, 3, 30), True, D(2024, 4, 12), 1),  # review next year
        ApplicationFacts("D", D(2023, 3, 30), True, D(2023, 4, 20), 0),  # received last year
        ApplicationFacts("E", D(2023, 11, 2), None, None, 0),
    ]
    figures = compute_figures(facts, area="Amber Valley", year=year)
    assert (figures.applications, figures.threshold_not_met) == (4, 1)
    assert (figures.reviews_carried_out, figures.reviews_with_recommendations) == (2, 1)
    rows = monthly_breakdown(facts, year=year)
    april = rows[0]
    assert (april.applications, april.threshold_met, april.threshold_not_met, april.reviews_carried_out) == (
        2,
        1,
        1,
        1,
    )
    assert sum(r.applications for r in rows) == figures.applications
    assert sum(r.awaiting_decision for r in rows) == 1
