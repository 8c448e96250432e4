"""ASB Case Review rules after the November 2026 legal review (B.1-B.6), named after the section of the
2014 Act each implements, with the review's worked examples, both sides of every date boundary, and the
statutory tables (transitions, service levels) asserted whole.
"""

from __future__ import annotations

import datetime as dt

import pytest

from csphub.casereviews import rules as r
from csphub.casereviews.rules import (
    ApplicationFacts,
    Complaint,
    Figures,
    Ground,
    ReportingYear,
    ReviewFacts,
    ServiceLevels,
    Stage,
    Status,
    ThresholdDecision,
    ThresholdPolicy,
    assess_threshold,
)

D = dt.date


def c(key: str, behaviour: dt.date, reported: dt.date | None = None, **kw: object) -> Complaint:
    return Complaint(key=key, behaviour_on=behaviour, reported_on=reported or behaviour, **kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------- B.1 s.104(4) specified number


def test_s104_4_specified_number_two_with_count_once_two_agencies_one_incident_met() -> None:
    policy = ThresholdPolicy(
        version="local-2-once", qualifying_complaints_required=2, count_same_incident_once=True
    )
    complaints = [
        c("incident:1", D(2024, 5, 1), reporting_agency="Council", same_incident_key="e1"),
        c("incident:2", D(2024, 5, 1), reporting_agency="Police", same_incident_key="e1"),
    ]
    decision = assess_threshold(complaints, application_on=D(2024, 6, 1), policy=policy)
    assert (decision.met, decision.qualifying_count, decision.counted_count) == (True, 2, 1)
    assert decision.grounds == (Ground.STATUTORY,)
    assert decision.statutorily_met
    text = decision.explanation()
    assert text.startswith(
        "The threshold for an ASB Case Review is met: at least two qualifying complaints were made, so the law "
        "requires the threshold to be met."
    )
    assert (
        "Local rules (version local-2-once): the threshold is met with two qualifying complaints; one incident "
        "reported to several agencies is noted as one incident, but every qualifying complaint counts towards "
        "the threshold." in text
    )
    assert "Rules applied: threshold engine s104-2026-11." in text


def test_s104_4_count_once_never_changes_the_outcome_at_three() -> None:
    policy = ThresholdPolicy(version="once", count_same_incident_once=True)
    same = [c(f"i{n}", D(2024, 5, 1), same_incident_key="e1") for n in range(3)]
    assert assess_threshold(same, application_on=D(2024, 6, 1), policy=policy).met
    assert not assess_threshold(same[:2], application_on=D(2024, 6, 1), policy=policy).met
    # Without count-once every complaint is counted, and no complaint carries the duplicate note.
    plain = assess_threshold(same, application_on=D(2024, 6, 1), policy=ThresholdPolicy(version="p"))
    assert plain.counted_count == 3
    assert all(a.counted for a in plain.assessments)
    assert all("same incident" not in " ".join(a.reasons) for a in plain.assessments)


def test_s104_4_local_number_one_met_by_a_single_qualifying_complaint() -> None:
    policy = ThresholdPolicy(version="one", qualifying_complaints_required=1)
    decision = assess_threshold([c("a", D(2024, 5, 1))], application_on=D(2024, 6, 1), policy=policy)
    assert decision.met and decision.grounds == (Ground.STATUTORY,)
    assert "at least one qualifying complaint was made, so the law requires" in decision.explanation()
    assert not assess_threshold([], application_on=D(2024, 6, 1), policy=policy).met


def test_engine_version_is_stored_and_old_decisions_keep_theirs() -> None:
    assert r.ENGINE_VERSION == "s104-2026-11"
    assert {"s104-2014": D(2014, 10, 20), "s104-2026-11": D(2026, 11, 26)} == r.ENGINE_VERSIONS
    decision = assess_threshold([c("a", D(2024, 5, 1))], application_on=D(2024, 6, 1))
    stored = decision.to_dict()
    assert stored["engine_version"] == "s104-2026-11"
    assert ThresholdDecision.from_dict(stored) == decision
    old = dict(stored)
    del old["engine_version"]
    assert ThresholdDecision.from_dict(old).engine_version == "s104-2014"
    # A decision stored under the old engine keeps the grounds it was given.
    old["grounds"] = ["local_number"]
    old["met"] = True
    assert ThresholdDecision.from_dict(old).grounds == (Ground.LOCAL_NUMBER,)


def test_s104_11_boundaries_on_both_sides() -> None:
    app = D(2024, 6, 1)
    # Reported on the day of the application qualifies; the day after does not.
    assert r.qualification_reasons(c("a", D(2024, 6, 1)), application_on=app)[0]
    assert not r.qualification_reasons(c("b", D(2024, 6, 2)), application_on=app)[0]
    # Reported on the last day of the month beginning with the behaviour (30 March → 29 April).
    assert r.qualification_reasons(c("c", D(2024, 3, 30), D(2024, 4, 29)), application_on=app)[0]
    late = r.qualification_reasons(c("d", D(2024, 3, 30), D(2024, 4, 30)), application_on=app)
    assert not late[0]
    assert late[1] == (
        "it was reported on 30 April 2024, more than one month after the behaviour on 30 March 2024 (it needed "
        "to be reported by 29 April 2024)",
    )
    # The six months beginning with the complaint: 2 December 2023 reaches 1 June 2024, 1 December does not.
    assert r.qualification_reasons(c("e", D(2023, 12, 2)), application_on=app)[0]
    old = r.qualification_reasons(c("f", D(2023, 12, 1)), application_on=app)
    assert not old[0]
    assert old[1] == (
        "the application was made more than six months after this complaint of 1 December 2023 (it needed to be "
        "made by 31 May 2024)",
    )
    assert r.earliest_qualifying_complaint_date(app) == D(2023, 12, 2)
    ok = r.qualification_reasons(c("g", D(2024, 5, 1)), application_on=app)
    assert ok == (
        True,
        (
            "reported on 1 May 2024, within one month of the behaviour, and within six months before the "
            "application",
        ),
    )
    after = r.qualification_reasons(c("h", D(2024, 6, 2)), application_on=app)
    assert after[1] == ("it was reported on 2 June 2024, after the application was made",)


def test_period_last_day_corresponding_date_rule_both_sides() -> None:
    assert r.period_last_day(D(2024, 3, 30), months=1) == D(2024, 4, 29)
    assert r.period_last_day(D(2024, 3, 31), months=1) == D(2024, 4, 30)
    assert r.period_last_day(D(2024, 1, 31), months=1) == D(2024, 2, 29)
    assert r.period_last_day(D(2024, 1, 29), months=1) == D(2024, 2, 28)
    assert r.period_last_day(D(2024, 12, 15), months=1) == D(2025, 1, 14)
    with pytest.raises(ValueError):
        r.period_last_day(D(2024, 1, 1), months=0)
    assert r.within_period(D(2024, 4, 29), start=D(2024, 3, 30), months=1)
    assert not r.within_period(D(2024, 3, 29), start=D(2024, 3, 30), months=1)


def test_different_people_rule_counts_late_reports_and_says_so() -> None:
    policy = ThresholdPolicy(version="two-people", distinct_complainants_required=2)
    complaints = [
        c("a", D(2024, 3, 1), D(2024, 4, 20), complainant_key="p1"),  # late, still in the six months
        c("b", D(2024, 5, 1), D(2024, 5, 1), complainant_key="p2"),
        c("x", D(2024, 5, 1), D(2024, 5, 1)),  # no complainant known
    ]
    decision = assess_threshold(complaints, application_on=D(2024, 6, 1), policy=policy)
    assert decision.met and decision.grounds == (Ground.DISTINCT_COMPLAINANTS,)
    late = next(a for a in decision.assessments if a.complaint.key == "a")
    assert late.reasons[-1] == (
        "it was made in the six months before the application, so it still counts towards the partnership's "
        "different-people rule"
    )
    assert "2 different people complained" not in decision.explanation()
    assert "two different people complained about the problem" in decision.explanation()
    # Same-day report and behaviour counts for the window.
    assert r.in_application_window(c("s", D(2024, 6, 1)), D(2024, 6, 1))
    assert not r.in_application_window(c("t", D(2023, 12, 1)), D(2024, 6, 1))


def test_explanation_status_words_per_complaint() -> None:
    policy = ThresholdPolicy(version="once", count_same_incident_once=True)
    complaints = [
        c("a", D(2024, 5, 1), same_incident_key="e"),
        c("b", D(2024, 5, 1), same_incident_key="e"),
        c("z", D(2023, 1, 1)),
    ]
    paragraphs = r.explanation_paragraphs(
        assess_threshold(complaints, application_on=D(2024, 6, 1), policy=policy)
    )
    assert paragraphs[0] == (
        "The threshold for an ASB Case Review is not met. Two qualifying complaints were found; the partnership's "
        "threshold is three."
    )
    body = "\n".join(paragraphs)
    assert "The complaint made on 1 May 2024 about behaviour on 1 May 2024: counted — " in body
    assert ": counted, same incident — " in body
    assert "The complaint made on 1 January 2023 about behaviour on 1 January 2023: does not count — " in body
    assert paragraphs[-1].startswith("The partnership may still decide to hold a review")
    none = r.explanation_paragraphs(assess_threshold([], application_on=D(2024, 6, 1)))
    assert "No complaints about this behaviour were found or linked to the application." in none
    assert "Rules applied: version statutory-2014; threshold engine s104-2026-11." in none


def test_hate_ground_and_reporting_agency_in_the_label() -> None:
    policy = ThresholdPolicy(version="hate", hate_incident_meets_threshold=True)
    decision = assess_threshold(
        [c("a", D(2024, 5, 1), reporting_agency="Police", summary="graffiti", is_hate_motivated=True)],
        application_on=D(2024, 6, 1),
        policy=policy,
    )
    body = decision.explanation()
    assert "a qualifying complaint was about a hate incident" in body
    assert (
        "The complaint made to Police on 1 May 2024 about behaviour on 1 May 2024 (graffiti): counted" in body
    )
    assert "one qualifying complaint about a hate incident is enough" in body


# ---------------------------------------------------------------- B.6 engine robustness


def test_b6_complaint_dated_before_its_behaviour_is_refused() -> None:
    with pytest.raises(ValueError, match=r"reported on 2024-04-09, before the behaviour on 2024-04-10"):
        Complaint(key="k", behaviour_on=D(2024, 4, 10), reported_on=D(2024, 4, 9))
    assert Complaint(key="k", behaviour_on=D(2024, 4, 10), reported_on=D(2024, 4, 10))


def test_b6_threshold_reached_flag_for_a_person() -> None:
    three = [c("a", D(2024, 5, 1)), c("b", D(2024, 5, 2)), c("c", D(2024, 5, 3))]
    assert r.threshold_reached(three, on=D(2024, 6, 1))
    assert not r.threshold_reached(three[:2], on=D(2024, 6, 1))
    assert r.threshold_reached(
        three[:2], on=D(2024, 6, 1), policy=ThresholdPolicy(version="2", qualifying_complaints_required=2)
    )


# ---------------------------------------------------------------- B.2 appeal upheld → review


def test_sch4_para3_upheld_appeal_reopens_the_application_for_a_review() -> None:
    assert r.status_after_appeal("upheld") is Status.THRESHOLD_MET
    assert r.status_after_appeal(r.AppealResult.PARTLY_UPHELD) is Status.THRESHOLD_MET
    assert r.status_after_appeal("not_upheld") is Status.CLOSED
    assert r.can_transition(Status.APPEALED, to=Status.THRESHOLD_MET)
    assert r.can_transition(Status.THRESHOLD_MET, to=Status.REVIEW_HELD)
    with pytest.raises(ValueError):
        r.status_after_appeal("maybe")


EXPECTED_TRANSITIONS = {
    Status.RECEIVED: {Status.ACKNOWLEDGED, Status.THRESHOLD_MET, Status.THRESHOLD_NOT_MET, Status.WITHDRAWN},
    Status.ACKNOWLEDGED: {Status.THRESHOLD_MET, Status.THRESHOLD_NOT_MET, Status.WITHDRAWN},
    Status.THRESHOLD_MET: {Status.REVIEW_HELD, Status.WITHDRAWN},
    Status.THRESHOLD_NOT_MET: {Status.APPEALED, Status.CLOSED},
    Status.REVIEW_HELD: {Status.OUTCOME_SENT},
    Status.OUTCOME_SENT: {Status.APPEALED, Status.CLOSED},
    Status.APPEALED: {Status.CLOSED, Status.THRESHOLD_MET},
    Status.CLOSED: set(),
    Status.WITHDRAWN: set(),
}


def test_workflow_table_whole() -> None:
    assert {k: set(v) for k, v in r.TRANSITIONS.items()} == EXPECTED_TRANSITIONS
    for src, targets in EXPECTED_TRANSITIONS.items():
        for dst in Status:
            assert r.can_transition(src, to=dst) is (dst in targets)
    assert set(r.STATUS_LABELS) == set(Status)


def test_s104_10_c_a_review_after_an_upheld_appeal_is_counted() -> None:
    year = ReportingYear(2024)
    facts = [
        ApplicationFacts(
            reference="CR-1",
            received_on=D(2024, 5, 1),
            threshold_met=True,
            review_held_on=D(2025, 2, 1),
            recommendation_count=2,
            reviews=(ReviewFacts(D(2024, 7, 1), 0), ReviewFacts(D(2025, 2, 1), 2)),
        )
    ]
    figures = r.compute_figures(facts, area="Amber Valley", year=year)
    assert (figures.applications, figures.reviews_carried_out, figures.reviews_with_recommendations) == (
        1,
        2,
        1,
    )


# ---------------------------------------------------------------- B.5 publication


def test_s104_10_b_counted_by_decision_date() -> None:
    # Received 31 March 2024 (2023/24), decided "not met" on 1 April 2024 (2024/25).
    fact = ApplicationFacts(
        reference="CR-2",
        received_on=D(2024, 3, 31),
        threshold_met=False,
        review_held_on=None,
        recommendation_count=0,
        threshold_decided_on=D(2024, 4, 1),
    )
    y2023 = r.compute_figures([fact], area="A", year=ReportingYear(2023))
    y2024 = r.compute_figures([fact], area="A", year=ReportingYear(2024))
    assert (y2023.applications, y2023.threshold_not_met) == (1, 0)
    assert (y2024.applications, y2024.threshold_not_met) == (0, 1)
    # Without a decision date (older facts) the received date stands in.
    legacy = ApplicationFacts("CR-3", D(2024, 3, 31), False, None, 0)
    assert r.compute_figures([legacy], area="A", year=ReportingYear(2023)).threshold_not_met == 1
    # Each "not met" decision counts once, in the year it was made.
    twice = ApplicationFacts(
        "CR-4", D(2024, 4, 2), True, None, 0, not_met_decided_on=(D(2024, 4, 10), D(2025, 3, 31))
    )
    assert r.compute_figures([twice], area="A", year=ReportingYear(2024)).threshold_not_met == 2
    assert r.compute_figures([twice], area="A", year=ReportingYear(2025)).threshold_not_met == 0
    undecided = ApplicationFacts("CR-5", D(2024, 4, 2), None, None, 0)
    assert undecided.not_met_decisions() == ()
    assert undecided.all_reviews() == ()


def test_s104_10_first_and_last_day_of_the_year_and_one_recommendation() -> None:
    year = ReportingYear(2024)
    facts = [
        ApplicationFacts("A", D(2024, 4, 1), True, D(2024, 4, 1), 1),
        ApplicationFacts("B", D(2025, 3, 31), True, D(2025, 3, 31), 0),
        ApplicationFacts("C", D(2024, 3, 31), True, D(2025, 4, 1), 3),
    ]
    figures = r.compute_figures(facts, area="A", year=year)
    assert (figures.applications, figures.reviews_carried_out, figures.reviews_with_recommendations) == (
        2,
        2,
        1,
    )
    assert year.contains(D(2024, 4, 1)) and year.contains(D(2025, 3, 31))
    assert not year.contains(D(2024, 3, 31)) and not year.contains(D(2025, 4, 1))
    assert figures.as_rows() == [
        ("Applications for ASB Case Reviews", 2),
        ("Applications that did not meet the threshold", 0),
        ("ASB Case Reviews carried out", 2),
        ("ASB Case Reviews that resulted in recommendations", 1),
    ]


def test_monthly_breakdown_columns() -> None:
    year = ReportingYear(2024)
    facts = [
        ApplicationFacts("A", D(2024, 4, 3), True, D(2024, 5, 1), 1),
        ApplicationFacts("B", D(2024, 4, 9), False, None, 0, threshold_decided_on=D(2024, 5, 2)),
        ApplicationFacts("C", D(2024, 4, 20), None, None, 0),
    ]
    rows = r.monthly_breakdown(facts, year=year)
    assert [m.month for m in rows][:2] == [D(2024, 4, 1), D(2024, 5, 1)] and rows[-1].month == D(2025, 3, 1)
    april, may = rows[0], rows[1]
    assert (april.applications, april.threshold_met, april.threshold_not_met, april.awaiting_decision) == (
        3,
        1,
        0,
        1,
    )
    assert (
        may.applications,
        may.threshold_not_met,
        may.reviews_carried_out,
        may.reviews_with_recommendations,
    ) == (
        0,
        1,
        1,
        1,
    )


def test_asb_case_review_name_from_2023_24() -> None:
    assert r.scheme_name(ReportingYear(2022)) == "Community Trigger"
    assert r.scheme_name(ReportingYear(2023)) == "ASB Case Review"
    sentences = r.publication_sentences(Figures("Erewash", ReportingYear(2023), 1, 1, 1, 1))
    assert sentences == [
        "One ASB Case Review application was received in Erewash during 2023/24",
        "One application was received that did not meet the threshold.",
        "One ASB Case Review was conducted in 2023/24",
        "One ASB Case Review took place which resulted in recommendations being made",
    ]


def test_s105_relevant_bodies_include_council_police_and_health() -> None:
    assert r.relevant_body_problems(["district_council", "police", "health", "housing_provider"]) == []
    assert r.relevant_body_problems(["district_council", "police"]) == [
        "The relevant bodies must include the integrated care board (health) (s.105)"
    ]
    assert r.relevant_body_problems(["county_council", "health"]) == [
        "The relevant bodies must include the district or unitary council (s.105)",
        "The relevant bodies must include the police (s.105)",
    ]
    assert r.RELEVANT_BODY_KINDS == {
        "council": ("district_council",),
        "police": ("police",),
        "health": ("health",),
    }


def test_s104_3_pass_on_problems_never_silent() -> None:
    assert r.pass_on_problems(agreement_in_force=True, bodies_not_party=[]) == []
    assert r.pass_on_problems(agreement_in_force=False, bodies_not_party=[]) == [
        "The area's information sharing agreement is missing or not in force: pass the application to the "
        "relevant bodies another way, and renew the agreement"
    ]
    assert r.pass_on_problems(
        agreement_in_force=True, bodies_not_party=["NHS Derby ICB", "Derbyshire Police"]
    ) == [
        "These relevant bodies are not party to the information sharing agreement: Derbyshire Police, NHS Derby ICB"
    ]


# ---------------------------------------------------------------- B.3 out-of-time applications


def _app(**over: object) -> list[r.Problem]:
    kw: dict[str, object] = {
        "applied_on": D(2024, 5, 1),
        "applicant_name": "Sam Jones",
        "contact_preference": "email",
        "applicant_email": "sam@example.org",
        "applicant_phone": "",
        "applicant_address": "",
        "is_third_party": False,
        "victim_name": "",
        "victim_consent_given": False,
        "behaviour_first_on": D(2023, 6, 1),
        "behaviour_last_on": D(2023, 9, 1),
        "behaviour_description": "Noise",
        "behaviour_location": "High Street",
        "reports_described": "Police, July",
    }
    kw.update(over)
    return r.application_problems(**kw)  # type: ignore[arg-type]


def test_b3_out_of_time_application_is_received_with_advice_not_refused() -> None:
    # Review probe: applied 1 May 2024, last incident 1 September 2023 → received (no problem).
    assert _app() == []
    advice = r.application_advice(applied_on=D(2024, 5, 1), behaviour_last_on=D(2023, 9, 1))
    assert advice == [
        "The most recent incident was before 3 October 2023. Complaints count towards the threshold when they "
        "were made within a month of the behaviour and in the six months before the application, so the "
        "threshold may not be met. The application is still received and decided, and the partnership may still "
        "decide to hold a review."
    ]
    assert r.latest_behaviour_allowed_before(D(2024, 5, 1)) == D(2023, 10, 3)
    assert r.application_advice(applied_on=D(2024, 5, 1), behaviour_last_on=D(2023, 10, 3)) == []
    assert r.application_advice(applied_on=D(2024, 5, 1), behaviour_last_on=D(2023, 10, 2))
    assert r.application_advice(applied_on=D(2024, 5, 1), behaviour_last_on=None) == []
    assert r.application_advice(applied_on=D(2024, 5, 1), behaviour_last_on=D(2024, 5, 2)) == []


def test_application_problems_every_branch() -> None:
    def fields(**over: object) -> list[tuple[str, str]]:
        return [(p.field, p.message) for p in _app(**over)]

    assert fields(applicant_name=" ") == [
        (
            "applicant_name",
            "Enter your full name – applications cannot be anonymous, because the partnership must contact you "
            "about the review",
        )
    ]
    assert fields(applicant_email="") == [
        ("applicant_email", "Enter your e-mail address, or choose another way to contact you")
    ]
    assert fields(contact_preference="phone") == [
        ("applicant_phone", "Enter your phone number, or choose another way to contact you")
    ]
    assert fields(contact_preference="phone", applicant_phone="01773 000000") == []
    assert fields(contact_preference="post") == [
        ("applicant_address", "Enter your postal address, or choose another way to contact you")
    ]
    assert fields(contact_preference="post", applicant_address="1 High St") == []
    assert fields(contact_preference="pigeon") == [("contact_preference", "Select how we should contact you")]
    assert fields(is_third_party=True, victim_consent_given=True) == [
        ("victim_name", "Enter the name of the person you are applying for")
    ]
    assert fields(is_third_party=True, victim_name="Alex") == [
        (
            "victim_consent_given",
            "You can only apply for someone else with their consent – confirm they have agreed",
        )
    ]
    assert fields(is_third_party=True, victim_name="Alex", victim_consent_given=True) == []
    assert fields(behaviour_first_on=None) == [("behaviour_first_on", "Enter the date the behaviour started")]
    assert fields(behaviour_last_on=None) == [
        ("behaviour_last_on", "Enter the date of the most recent incident")
    ]
    assert fields(behaviour_last_on=D(2024, 5, 2)) == [
        ("behaviour_last_on", "The date must be today or in the past")
    ]
    assert fields(behaviour_last_on=D(2024, 5, 1)) == []
    assert fields(behaviour_first_on=D(2024, 5, 2), behaviour_last_on=D(2024, 5, 1)) == [
        ("behaviour_first_on", "The date must be today or in the past"),
        ("behaviour_last_on", "The date of the most recent incident must be the same as or after the start"),
    ]
    # A single-incident application: started and ended the same day.
    assert fields(behaviour_first_on=D(2024, 4, 1), behaviour_last_on=D(2024, 4, 1)) == []
    assert fields(behaviour_description="") == [
        ("behaviour_description", "Describe the anti-social behaviour")
    ]
    assert fields(behaviour_location=" ") == [("behaviour_location", "Enter where the behaviour happens")]
    assert fields(reports_described="") == [
        ("reports_described", "Tell us who you reported the behaviour to, and when")
    ]


# ---------------------------------------------------------------- service levels, whole


def test_service_levels_defaults_whole_and_bounds() -> None:
    levels = ServiceLevels()
    assert [levels.working_days(s) for s in Stage] == [5, 15, 20, 10, 20, 20]
    assert ServiceLevels(acknowledge_wd=1).acknowledge_wd == 1
    assert ServiceLevels(acknowledge_wd=260).acknowledge_wd == 260
    with pytest.raises(ValueError, match="acknowledge_wd must be between 1 and 260 working days"):
        ServiceLevels(acknowledge_wd=261)
    with pytest.raises(ValueError):
        ServiceLevels(appeal_decision_wd=0)
    assert set(r.STAGE_LABELS) == set(Stage) == set(r.STAGE_STARTS)


def test_clock_done_on_its_due_date_is_in_time() -> None:
    clock = r.clock_for(Stage.ACKNOWLEDGE, started_on=D(2024, 6, 3), levels=ServiceLevels())
    assert clock.due_on == D(2024, 6, 10)
    assert clock.label == "Acknowledge the application"
    on_time = r.clock_for(
        Stage.ACKNOWLEDGE, started_on=D(2024, 6, 3), levels=ServiceLevels(), done_on=D(2024, 6, 10)
    )
    late = r.clock_for(
        Stage.ACKNOWLEDGE, started_on=D(2024, 6, 3), levels=ServiceLevels(), done_on=D(2024, 6, 11)
    )
    assert not on_time.is_overdue(today=D(2025, 1, 1))
    assert late.is_overdue(today=D(2024, 6, 11))


def test_policy_defaults_and_validation() -> None:
    p = ThresholdPolicy()
    assert (p.version, p.effective_from, p.qualifying_complaints_required) == (
        "statutory-2014",
        D(2014, 10, 20),
        3,
    )
    assert (
        p.count_same_incident_once,
        p.distinct_complainants_required,
        p.hate_incident_meets_threshold,
    ) == (
        False,
        None,
        False,
    )
    assert ThresholdPolicy.from_dict(p.to_dict()) == p
    with pytest.raises(ValueError, match="at least 1"):
        ThresholdPolicy(distinct_complainants_required=0)
    assert ThresholdPolicy(distinct_complainants_required=1).distinct_complainants_required == 1
    with pytest.raises(ValueError, match="version label"):
        ThresholdPolicy(version=" ")
    assert r.STATUTORY_QUALIFYING_COMPLAINTS == 3
    assert (r.COMPLAINT_REPORTING_PERIOD_MONTHS, r.APPLICATION_PERIOD_MONTHS) == (1, 6)


def test_reporting_year_slug_label_parse_and_numbers() -> None:
    y = ReportingYear(2019)
    assert (y.label, y.slug, y.start, y.end) == ("2019/20", "2019-20", D(2019, 4, 1), D(2020, 3, 31))
    assert ReportingYear(2099).label == "2099/00"
    assert ReportingYear.containing(D(2020, 3, 31)) == y
    assert ReportingYear.containing(D(2020, 4, 1)) == ReportingYear(2020)
    assert ReportingYear.parse("2019") == y
    with pytest.raises(ValueError):
        ReportingYear.parse("20190/20")
    assert r.number_in_words(1100) == "one thousand one hundred"
    assert r.number_in_words(1099) == "one thousand and ninety-nine"
    assert r.number_in_words(999_999).startswith("nine hundred and ninety-nine thousand")
    with pytest.raises(ValueError):
        r.number_in_words(1_000_000)
    with pytest.raises(ValueError):
        r.number_in_words(-1)


def test_second_report_on_the_same_day_counts() -> None:
    assert r.second_report_within_six_months([D(2024, 6, 1)], new_report_on=D(2024, 6, 1))
    assert r.second_report_within_six_months([D(2023, 12, 2)], new_report_on=D(2024, 6, 1))
    assert not r.second_report_within_six_months([D(2023, 12, 1)], new_report_on=D(2024, 6, 1))
    assert not r.second_report_within_six_months([D(2024, 6, 2)], new_report_on=D(2024, 6, 1))
