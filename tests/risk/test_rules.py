"""Risk rules: scoring, banding, override-only-upwards, DASH and the MARAC criteria."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csphub.risk import rules as r
from csphub.risk.rules import Answer, Band

DASH = r.DASH_V1
ASB = r.ASB_VICTIM_V1


def dash_answers(yes: int, dont_know: int = 0) -> dict[str, Answer]:
    codes = [q.code for q in DASH.questions]
    out = dict.fromkeys(codes, Answer.NO)
    for c in codes[:yes]:
        out[c] = Answer.YES
    for c in codes[yes : yes + dont_know]:
        out[c] = Answer.DONT_KNOW
    return out


# ---------------------------------------------------------------- shipped questionnaires


def test_dash_has_24_questions_each_weight_one() -> None:
    assert len(DASH.questions) == 24
    assert {q.weight for q in DASH.questions} == {1}
    assert DASH.max_total == 24
    assert DASH.questions[0].text.startswith("Has the current incident resulted in injury")
    assert DASH.questions[23].code == "q24_criminal"


def test_asb_questionnaire_has_weights_and_indicators() -> None:
    assert ASB.kind is r.Kind.ASB_VICTIM
    assert any(q.high_risk_indicator for q in ASB.questions)
    assert len({q.weight for q in ASB.questions}) > 1


def test_questionnaire_validation() -> None:
    q = r.Question("a", "A?")
    with pytest.raises(r.RiskRuleError):
        r.QuestionnaireSpec("x", 1, "X", r.Kind.ASB_VICTIM, date(2024, 1, 1), 5, 3, (q,))
    with pytest.raises(r.RiskRuleError):
        r.QuestionnaireSpec("x", 1, "X", r.Kind.ASB_VICTIM, date(2024, 1, 1), 1, 3, (q, q))
    with pytest.raises(r.RiskRuleError):
        r.QuestionnaireSpec(
            "x", 1, "X", r.Kind.ASB_VICTIM, date(2024, 1, 1), 1, 3, (r.Question("b", "B", -1),)
        )


# ---------------------------------------------------------------- scoring and bands


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, Band.STANDARD),
        (9, Band.STANDARD),
        (10, Band.MEDIUM),
        (13, Band.MEDIUM),
        (14, Band.HIGH),
        (24, Band.HIGH),
    ],
)
def test_dash_bands(total: int, band: Band) -> None:
    assert r.score(DASH, dash_answers(total)).band is band


def test_dont_know_is_not_no_and_scores_nothing() -> None:
    s = r.score(DASH, dash_answers(5, dont_know=4))
    assert (s.total, s.yes_count, s.no_count, s.dont_know_count) == (5, 5, 15, 4)
    assert s.unanswered == ()


def test_unanswered_reported() -> None:
    s = r.score(DASH, {"q01_injured": "yes"})
    assert s.total == 1 and len(s.unanswered) == 23


def test_answers_to_unknown_questions_rejected() -> None:
    with pytest.raises(r.RiskRuleError):
        r.score(DASH, {"not_a_question": Answer.YES})
    with pytest.raises(ValueError):
        r.score(DASH, {"q01_injured": "maybe"})


def test_asb_weights_and_thresholds() -> None:
    s = r.score(ASB, {"repeat": "yes", "targeted": "yes", "health": "yes", "isolated": "no"})
    assert s.total == 9 and s.band is Band.STANDARD
    s = r.score(ASB, {"repeat": "yes", "targeted": "yes", "health": "yes", "disability": "yes"})
    assert s.total == 11 and s.band is Band.MEDIUM


def test_high_risk_indicator_forces_high_band() -> None:
    s = r.score(ASB, {"harm_threat": "yes"})
    assert s.total == 5 and s.indicators == ("harm_threat",) and s.band is Band.HIGH
    assert r.score(ASB, {"harm_threat": "dont_know"}).band is Band.STANDARD


def test_dash_indicators_do_not_change_the_actuarial_band() -> None:
    s = r.score(DASH, {"q15_strangle": "yes"})
    assert s.indicators == ("q15_strangle",) and s.band is Band.STANDARD


@given(st.dictionaries(st.sampled_from([q.code for q in ASB.questions]), st.sampled_from(list(Answer))))
def test_score_properties(answers: dict[str, Answer]) -> None:
    s = r.score(ASB, answers)
    assert 0 <= s.total <= ASB.max_total
    assert s.yes_count + s.no_count + s.dont_know_count + len(s.unanswered) == len(ASB.questions)
    assert s.band.rank >= r.band_for_total(s.total, medium_from=ASB.medium_from, high_from=ASB.high_from).rank
    # Turning any "no" into "yes" never lowers the band (monotone).
    for code, a in answers.items():
        if a is Answer.NO:
            assert r.score(ASB, {**answers, code: Answer.YES}).band.rank >= s.band.rank


# ---------------------------------------------------------------- professional judgement


def test_judgement_may_raise_with_reason() -> None:
    assert r.final_band(Band.STANDARD, judgement=Band.HIGH, reason="Threats to kill") is Band.HIGH
    assert r.final_band(Band.MEDIUM, judgement="high", reason="Escalating") is Band.HIGH


def test_judgement_raise_needs_reason() -> None:
    with pytest.raises(r.RiskRuleError) as e:
        r.final_band(Band.STANDARD, judgement=Band.MEDIUM, reason="  ")
    assert e.value.field == "judgement_reason"


def test_judgement_never_lowers() -> None:
    with pytest.raises(r.RiskRuleError) as e:
        r.final_band(Band.HIGH, judgement=Band.MEDIUM, reason="Victim seems fine")
    assert e.value.field == "judgement_band"


def test_no_judgement_keeps_computed_and_same_band_is_fine() -> None:
    assert r.final_band(Band.MEDIUM, judgement=None, reason="") is Band.MEDIUM
    assert r.final_band(Band.MEDIUM, judgement="", reason="") is Band.MEDIUM
    assert r.final_band(Band.MEDIUM, judgement=Band.MEDIUM, reason="") is Band.MEDIUM


@given(st.sampled_from(list(Band)), st.sampled_from(list(Band)))
def test_final_band_never_below_computed(computed: Band, judged: Band) -> None:
    try:
        out = r.final_band(computed, judgement=judged, reason="reason")
    except r.RiskRuleError:
        assert judged.rank < computed.rank
    else:
        assert out is judged and out.rank >= computed.rank


def test_reassessment_required_on_new_incident_of_open_case() -> None:
    assert r.reassessment_required(case_open=True, last_assessed_at_incident_count=1, incident_count=2)
    assert not r.reassessment_required(case_open=True, last_assessed_at_incident_count=2, incident_count=2)
    assert not r.reassessment_required(case_open=False, last_assessed_at_incident_count=1, incident_count=2)


# ---------------------------------------------------------------- MARAC


def test_marac_visible_high_risk_at_14_yes() -> None:
    d13 = r.marac_decision(yes_count=13, on=date(2025, 6, 1))
    d14 = r.marac_decision(yes_count=14, on=date(2025, 6, 1))
    assert not d13.refer and d13.criteria == ()
    assert d14.refer and d14.criteria == (r.MaracCriterion.VISIBLE_HIGH_RISK,)
    assert d14.rules_version == "safelives-2014"


def test_marac_dont_know_does_not_count_towards_14() -> None:
    s = r.score(DASH, dash_answers(13, dont_know=5))
    assert not r.marac_decision(yes_count=s.yes_count, on=date(2025, 6, 1)).refer


def test_marac_professional_judgement_needs_reasons() -> None:
    with pytest.raises(r.RiskRuleError):
        r.marac_decision(yes_count=6, on=date(2025, 6, 1), professional_judgement=True, judgement_reasons=" ")
    d = r.marac_decision(
        yes_count=6,
        on=date(2025, 6, 1),
        professional_judgement=True,
        judgement_reasons="Non-fatal strangulation disclosed",
    )
    assert d.refer and d.criteria == (r.MaracCriterion.PROFESSIONAL_JUDGEMENT,)
    assert "Non-fatal strangulation disclosed" in d.reasons


def test_marac_potential_escalation_three_incidents_in_twelve_months() -> None:
    on = date(2025, 6, 1)
    two = [date(2025, 1, 5), date(2025, 5, 30)]
    assert not r.marac_decision(yes_count=3, on=on, incident_dates=two).potential_escalation
    three = [*two, date(2024, 6, 2)]
    d = r.marac_decision(yes_count=3, on=on, incident_dates=three)
    assert d.potential_escalation and d.refer and d.incidents_in_window == 3
    # Exactly 12 months before falls outside the window; future incidents never count.
    old = [*two, date(2024, 6, 1), date(2025, 6, 2)]
    assert not r.marac_decision(yes_count=3, on=on, incident_dates=old).potential_escalation


def test_marac_repeat_within_twelve_months_of_last_referral() -> None:
    d = r.marac_decision(yes_count=2, on=date(2025, 6, 1), last_referral_on=date(2024, 6, 1))
    assert d.repeat and d.refer and d.criteria == (r.MaracCriterion.REPEAT,)
    later = r.marac_decision(yes_count=2, on=date(2025, 6, 2), last_referral_on=date(2024, 6, 1))
    assert not later.repeat and not later.refer
    leap = r.marac_decision(yes_count=0, on=date(2025, 2, 28), last_referral_on=date(2024, 2, 29))
    assert leap.repeat


def test_marac_several_criteria_reported_together() -> None:
    d = r.marac_decision(
        yes_count=16,
        on=date(2025, 6, 1),
        incident_dates=[date(2025, 5, 1)] * 3,
        last_referral_on=date(2025, 1, 1),
    )
    assert set(d.criteria) == {
        r.MaracCriterion.VISIBLE_HIGH_RISK,
        r.MaracCriterion.POTENTIAL_ESCALATION,
        r.MaracCriterion.REPEAT,
    }
    assert len(d.reasons) == 3


def test_marac_rules_are_versioned_and_configurable() -> None:
    local = r.MaracRules(version="local-2", effective_from=date(2025, 1, 1), escalation_incidents=2)
    d = r.marac_decision(yes_count=0, on=date(2025, 6, 1), incident_dates=[date(2025, 5, 1)] * 2, rules=local)
    assert d.potential_escalation and d.rules_version == "local-2"
    assert r.marac_rules_in_force(date(2025, 6, 1)).version == "safelives-2014"
    with pytest.raises(r.RiskRuleError):
        r.marac_rules_in_force(date(2000, 1, 1))
    with pytest.raises(r.RiskRuleError):
        r.marac_decision(yes_count=-1, on=date(2025, 6, 1))


@given(st.integers(0, 24))
def test_marac_threshold_property(yes: int) -> None:
    assert r.marac_decision(yes_count=yes, on=date(2025, 6, 1)).refer == (yes >= 14)


# ---------------------------------------------------------------- children / safeguarding


@pytest.mark.parametrize(
    ("answer", "task"), [("yes", True), ("dont_know", True), ("no", False), (None, False)]
)
def test_children_present_needs_safeguarding_task(answer: str | None, task: bool) -> None:
    assert r.safeguarding_task_needed(answer) is task
