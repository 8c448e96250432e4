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


# ---------------------------------------------------------------- s.104(6): complaints to bodies named, not linked

AV_COUNCIL = r.NamedBody("council", "Amber Valley Borough Council", "AVBC", "district_council")
POLICE = r.NamedBody("police", "Derbyshire Constabulary", "", "police")
AV_HOMES = r.NamedBody("homes", "Amber Valley Homes (social housing provider)", "AVH", "housing_provider")
TRUST = r.NamedBody("trust", "Riverside Trust", "", "other")


def test_s104_6_bodies_the_applicant_named_without_a_linked_complaint() -> None:
    bodies = [AV_COUNCIL, POLICE, AV_HOMES, TRUST]
    # The council is linked, so it is not listed even though named; the police are named by "101";
    # the housing provider by its name without the bracketed description.
    named = r.bodies_named_not_linked("I rang 101 twice and told Amber Valley Homes.", bodies, ["council"])
    assert named == [POLICE, AV_HOMES]
    # A linked body listed first does not stop the others being checked.
    assert r.bodies_named_not_linked("told the police and AVH", bodies, ["council", "police"]) == [AV_HOMES]
    # The short name counts, whatever its case in the applicant's account.
    assert r.bodies_named_not_linked("emailed avh", [AV_HOMES], []) == [AV_HOMES]
    # Naming the council ("Amber Valley Borough Council") does not name Amber Valley Homes; a body
    # with no short name and no kind words is not named by punctuation or spaces alone.
    assert r.bodies_named_not_linked("I told Amber Valley Borough Council.  ", bodies, []) == [AV_COUNCIL]
    assert r.bodies_named_not_linked("", bodies, []) == []


def test_s104_6_a_body_is_named_by_whole_words_only() -> None:
    assert r.bodies_named_not_linked("spoke to an officer.", [POLICE], []) == [POLICE]
    assert r.bodies_named_not_linked("Officer Smith came", [POLICE], []) == [POLICE]
    assert r.bodies_named_not_linked("the officers came", [POLICE], []) == []
    assert r.bodies_named_not_linked("a nonofficer came", [POLICE], []) == []
    assert r.bodies_named_not_linked("told my landlord", [AV_HOMES], []) == [AV_HOMES]
    assert r.bodies_named_not_linked("told my landlords", [AV_HOMES], []) == []


# ---------------------------------------------------------------- Sch 4: consultation on the procedures


def test_sch4_consultation_dates_on_both_sides_of_the_effective_date_and_today() -> None:
    effective, today = D(2024, 6, 10), D(2024, 6, 20)

    def problems(pcc: dt.date | None, housing: dt.date | None) -> list[tuple[str, str]]:
        return [
            (p.field, p.message)
            for p in r.procedure_consultation_problems(
                pcc_consulted_on=pcc, housing_consulted_on=housing, effective_from=effective, today=today
            )
        ]

    # Consulted on the day the rules take effect, or the day before: in time.
    assert problems(D(2024, 6, 10), D(2024, 6, 9)) == []
    # The day after the rules took effect is too late.
    assert problems(D(2024, 6, 11), D(2024, 6, 11)) == [
        (
            "pcc_consulted_on",
            "Consult the police and crime commissioner before the rules take effect on 10 June 2024",
        ),
        (
            "housing_consulted_on",
            "Consult the housing providers before the rules take effect on 10 June 2024",
        ),
    ]
    assert problems(None, None) == [
        (
            "pcc_consulted_on",
            "Enter the date the police and crime commissioner was consulted on the change (Sch 4)",
        ),
        ("housing_consulted_on", "Enter the date the housing providers were consulted on the change (Sch 4)"),
    ]
    # A consultation dated tomorrow has not happened; today is in the past already (but after the
    # effective date here, so too late).
    assert problems(D(2024, 6, 21), D(2024, 6, 1)) == [
        (
            "pcc_consulted_on",
            "The date the police and crime commissioner was consulted must be today or in the past",
        )
    ]
    assert problems(D(2024, 6, 1), D(2024, 6, 21)) == [
        ("housing_consulted_on", "The date the housing providers were consulted must be today or in the past")
    ]
    late_effective = r.procedure_consultation_problems(
        pcc_consulted_on=today, housing_consulted_on=today, effective_from=D(2024, 7, 1), today=today
    )
    assert late_effective == []


# ---------------------------------------------------------------- s.104(10): which years have figures


def test_s104_10_no_figures_before_the_case_review_began_or_for_a_year_not_begun() -> None:
    assert ReportingYear(2014) == r.FIRST_REPORTING_YEAR
    assert r.reporting_year_refusal(ReportingYear(2013), today=D(2024, 6, 1)) == (
        "There are no ASB Case Review figures for 2013/14: the Case Review began on 20 October 2014, so the "
        "first reporting year is 2014/15."
    )
    assert r.reporting_year_refusal(ReportingYear(2014), today=D(2024, 6, 1)) is None
    # 2025/26 begins on 1 April 2025: no figures the day before, figures to date on the day.
    assert r.reporting_year_refusal(ReportingYear(2025), today=D(2025, 3, 31)) == (
        "There are no figures for 2025/26 yet: the year begins on 1 April 2025."
    )
    assert r.reporting_year_refusal(ReportingYear(2025), today=D(2025, 4, 1)) is None


def test_s104_10_year_status_on_the_last_day_and_the_day_after() -> None:
    year = ReportingYear(2024)
    assert r.year_status(year, today=D(2025, 3, 31), published=False) is r.YearStatus.YEAR_TO_DATE
    assert r.year_status(year, today=D(2024, 4, 1), published=False) is r.YearStatus.YEAR_TO_DATE
    assert r.year_status(year, today=D(2025, 4, 1), published=False) is r.YearStatus.PROVISIONAL
    assert r.year_status(year, today=D(2025, 4, 1), published=True) is r.YearStatus.PUBLISHED
    assert r.year_status(year, today=D(2024, 6, 1), published=True) is r.YearStatus.PUBLISHED


def test_s104_10_publish_a_whole_year_once_after_it_ends() -> None:
    year = ReportingYear(2024)
    assert r.publish_refusal(year, today=D(2025, 3, 31), already_published=False) == (
        "The year 2024/25 ends on 31 March 2025: publish its figures after then. Until then they are shown as "
        "year to date (provisional)."
    )
    assert r.publish_refusal(year, today=D(2025, 4, 1), already_published=False) is None
    assert r.publish_refusal(year, today=D(2025, 4, 1), already_published=True) == (
        "The figures for 2024/25 are already published."
    )
    assert r.publish_refusal(ReportingYear(2013), today=D(2025, 4, 1), already_published=False) == (
        r.reporting_year_refusal(ReportingYear(2013), today=D(2025, 4, 1))
    )
    assert r.publish_refusal(ReportingYear(2026), today=D(2025, 4, 1), already_published=True) == (
        "There are no figures for 2026/27 yet: the year begins on 1 April 2026."
    )


# ---------------------------------------------------------------- s.104(4): the engine's record


def test_s104_4_every_complaint_needs_its_own_key() -> None:
    with pytest.raises(ValueError, match=r"Each complaint must have a unique key\."):
        assess_threshold([c("a", D(2024, 5, 1)), c("a", D(2024, 5, 2))], application_on=D(2024, 6, 1))


def test_s104_4_same_incident_named_by_the_first_report_and_stored_as_not_counted() -> None:
    policy = ThresholdPolicy(version="once", count_same_incident_once=True)
    complaints = [
        c("incident:1", D(2024, 5, 1), same_incident_key="e", summary="INC-000101"),
        c("incident:2", D(2024, 5, 2), same_incident_key="e", summary="INC-000102"),
        c("incident:3", D(2024, 5, 3), same_incident_key="e", summary="INC-000103"),
    ]
    decision = assess_threshold(complaints, application_on=D(2024, 6, 1), policy=policy)
    assert (decision.met, decision.qualifying_count, decision.counted_count) == (True, 3, 1)
    first, second, third = decision.assessments
    assert first.counted is True and second.counted is False and third.counted is False
    assert second.to_dict()["counted"] is False
    # The letter and the page name the first report by its reference, never by the engine's key.
    expected = (
        "it is the same incident as INC-000101 reported to another agency; it still counts as a qualifying "
        "complaint, because the law counts every qualifying complaint made"
    )
    assert second.reasons[-1] == expected and third.reasons[-1] == expected
    # A complaint with no reference (a bare engine call) falls back to its key.
    bare = assess_threshold(
        [c("a", D(2024, 5, 1), same_incident_key="e"), c("b", D(2024, 5, 2), same_incident_key="e")],
        application_on=D(2024, 6, 1),
        policy=policy,
    )
    assert bare.assessments[1].reasons[-1].startswith("it is the same incident as a reported")


def test_s104_11_late_complaint_reason_only_mentions_the_people_rule_when_there_is_one() -> None:
    late = c("late", D(2024, 3, 1), D(2024, 4, 20), complainant_key="p1")
    on_time = c("ok", D(2024, 5, 1), complainant_key="p2")
    statutory = assess_threshold([late, on_time], application_on=D(2024, 6, 1))
    # Statutory policy: the late complaint gives only its lateness; the qualifying one only why it counts.
    assert [len(a.reasons) for a in statutory.assessments] == [1, 1]
    assert (
        statutory.assessments[0]
        .reasons[0]
        .startswith("it was reported on 20 April 2024, more than one month")
    )
    people = ThresholdPolicy(version="people", distinct_complainants_required=3)
    decision = assess_threshold([late, on_time], application_on=D(2024, 6, 1), policy=people)
    assert [len(a.reasons) for a in decision.assessments] == [2, 1]
    assert (decision.met, decision.distinct_complainants) == (False, 2)


def test_s104_explanation_of_local_rules_in_the_case_file_and_the_letter() -> None:
    policy = ThresholdPolicy(
        version="local-1",
        qualifying_complaints_required=1,
        distinct_complainants_required=1,
        hate_incident_meets_threshold=True,
    )
    decision = assess_threshold(
        [c("a", D(2024, 5, 1), summary="incident 7")], application_on=D(2024, 6, 1), policy=policy
    )
    assert decision.met
    local = (
        "the threshold is met with one qualifying complaint; it is also met when one different person "
        "complains about the problem in the six months before the application; one qualifying complaint about "
        "a hate incident is enough."
    )
    case_file = r.explanation_paragraphs(decision)
    assert case_file[2] == "Local rules (version local-1): " + local
    assert case_file[3] == "Rules applied: threshold engine s104-2026-11."
    assert case_file[4] == (
        "The complaint made on 1 May 2024 about behaviour on 1 May 2024 (incident 7): counted — reported on "
        "1 May 2024, within one month of the behaviour, and within six months before the application."
    )
    # A met decision has no closing note about holding a review anyway.
    assert len(case_file) == 5
    assert decision.explanation() == "\n\n".join(case_file)
    letter = r.explanation_paragraphs(decision, for_applicant=True)
    assert letter[2] == "The partnership's own rules: " + local
    assert letter[3] == (
        "The complaint made on 1 May 2024 about behaviour on 1 May 2024: counted — reported on 1 May 2024, "
        "within one month of the behaviour, and within six months before the application."
    )
    assert len(letter) == 4
    two = ThresholdPolicy(version="two-people", distinct_complainants_required=2)
    text = assess_threshold([], application_on=D(2024, 6, 1), policy=two).explanation()
    assert "it is also met when two different people complain about the problem" in text


def test_s104_5_letter_saying_not_met_has_no_note_about_holding_a_review() -> None:
    decision = assess_threshold([c("a", D(2024, 5, 1))], application_on=D(2024, 6, 1))
    assert not decision.met
    letter = r.explanation_paragraphs(decision, for_applicant=True)
    assert not any(p.startswith("The partnership may still decide") for p in letter)
    assert r.explanation_paragraphs(decision)[-1].startswith("The partnership may still decide")


# ---------------------------------------------------------------- s.104(11): how old the behaviour may be


def test_s104_11_latest_behaviour_allowed_both_sides() -> None:
    # Application 1 June 2024: complaints from 2 December 2023 count; behaviour on 3 November 2023 could
    # be reported by 2 December 2023, behaviour on 2 November 2023 only by 1 December 2023.
    assert r.latest_behaviour_allowed_before(D(2024, 6, 1)) == D(2023, 11, 3)
    assert r.application_advice(applied_on=D(2024, 6, 1), behaviour_last_on=D(2023, 11, 3)) == []
    advice = r.application_advice(applied_on=D(2024, 6, 1), behaviour_last_on=D(2023, 11, 2))
    assert len(advice) == 1 and advice[0].startswith("The most recent incident was before 3 November 2023.")
    assert r.application_advice(applied_on=D(2024, 6, 1), behaviour_last_on=D(2024, 6, 1)) == []


# ---------------------------------------------------------------- s.104(10): figures and the monthly data


def test_s104_10_figures_carry_their_area_and_year_and_parse_both_spellings() -> None:
    figures = r.compute_figures([], area="Amber Valley", year=ReportingYear(2024))
    assert (figures.area, figures.year) == ("Amber Valley", ReportingYear(2024))
    assert ReportingYear.parse("2019-20") == ReportingYear.parse(" 2019/20 ") == ReportingYear(2019)
    with pytest.raises(ValueError, match="Enter a reporting year like 2019/20"):
        ReportingYear.parse("20191")
    with pytest.raises(ValueError, match="Enter a reporting year like 2019/20"):
        ReportingYear.parse("19/20")
    with pytest.raises(ValueError, match="the second year follows the first"):
        ReportingYear.parse("2019/21")
    with pytest.raises(ValueError, match="handles 0 to 999,999"):
        r.number_in_words(-1)


def test_s104_10_monthly_breakdown_until_today_and_outcomes() -> None:
    year = ReportingYear(2024)
    facts = [
        ApplicationFacts("A", D(2024, 4, 3), True, D(2024, 4, 20), 0),
        ApplicationFacts("B", D(2024, 4, 9), True, D(2024, 4, 25), 2),
        ApplicationFacts("C", D(2024, 4, 10), False, None, 0, threshold_decided_on=D(2024, 4, 12)),
    ]
    rows = r.monthly_breakdown(facts, year=year, until=D(2024, 5, 1))
    # The month that begins today is shown; the next one has not begun.
    assert [row.month for row in rows] == [D(2024, 4, 1), D(2024, 5, 1)]
    assert [row.month for row in r.monthly_breakdown(facts, year=year, until=D(2024, 4, 30))] == [
        D(2024, 4, 1)
    ]
    april = rows[0]
    assert (april.threshold_met, april.threshold_not_met, april.awaiting_decision) == (2, 1, 0)
    assert (april.reviews_carried_out, april.reviews_with_recommendations) == (2, 1)


def test_clock_keeps_the_day_it_started() -> None:
    clock = r.clock_for(Stage.THRESHOLD_DECISION, started_on=D(2024, 6, 3), levels=ServiceLevels())
    assert clock.started_on == D(2024, 6, 3)
