"""Risk rules after the November 2026 legal review (C.1-C.3), and the shipped tables asserted whole.

Each test names what it implements (SafeLives MARAC practice, Domestic Abuse Act 2021 s.1) and checks
both sides of every date boundary.
"""

from __future__ import annotations

from datetime import date

import pytest

from csphub.risk import rules as r
from csphub.risk.rules import Answer, Band, DaIncident, MaracReferral

RULES = r.marac_rules_in_force(date(2026, 12, 1))


# ---------------------------------------------------------------- C.1 repeat MARAC


def test_safelives_repeat_marac_any_da_incident_same_people_within_12_months_of_last_referral() -> None:
    # Referral 3 March 2025; a further DA incident between the same people up to 3 March 2026 is a
    # repeat (whatever the score), one on 4 March 2026 is not.
    referral = MaracReferral(referred_on=date(2025, 3, 3), victim_key="v1", perpetrator_key="p1")
    inside = DaIncident(on=date(2026, 3, 3), victim_key="v1", perpetrator_key="p1")
    outside = DaIncident(on=date(2026, 3, 4), victim_key="v1", perpetrator_key="p1")
    assert r.repeat_referral_for(inside, [referral], rules=RULES) == referral
    assert r.repeat_referral_for(outside, [referral], rules=RULES) is None
    # The day of the referral itself counts; an incident before the referral is not a repeat of it.
    assert r.repeat_referral_for(
        DaIncident(on=date(2025, 3, 3), victim_key="v1", perpetrator_key="p1"), [referral], rules=RULES
    )
    assert (
        r.repeat_referral_for(
            DaIncident(on=date(2025, 3, 2), victim_key="v1", perpetrator_key="p1"), [referral], rules=RULES
        )
        is None
    )


def test_safelives_repeat_marac_counts_from_the_last_referral_by_any_agency() -> None:
    first = MaracReferral(referred_on=date(2024, 1, 10), victim_key="v1", perpetrator_key="p1")
    last = MaracReferral(referred_on=date(2025, 6, 1), victim_key="v1", perpetrator_key="p1")
    incident = DaIncident(on=date(2026, 6, 1), victim_key="v1", perpetrator_key="p1")
    assert r.repeat_referral_for(incident, [last, first], rules=RULES) == last
    assert r.repeat_referral_for(DaIncident(date(2026, 6, 2), "v1", "p1"), [first, last], rules=RULES) is None


def test_safelives_repeat_marac_needs_the_same_people_and_a_da_incident() -> None:
    referral = MaracReferral(referred_on=date(2025, 3, 3), victim_key="v1", perpetrator_key="p1")
    assert r.repeat_referral_for(DaIncident(date(2025, 5, 1), "v2", "p1"), [referral], rules=RULES) is None
    assert r.repeat_referral_for(DaIncident(date(2025, 5, 1), "v1", "p2"), [referral], rules=RULES) is None
    # An unknown perpetrator is flagged to check.
    assert (
        r.repeat_referral_for(DaIncident(date(2025, 5, 1), "v1", None), [referral], rules=RULES) == referral
    )
    unknown = MaracReferral(referred_on=date(2025, 3, 3), victim_key="v1")
    assert r.repeat_referral_for(DaIncident(date(2025, 5, 1), "v1", "p9"), [unknown], rules=RULES) == unknown
    not_da = DaIncident(date(2025, 5, 1), "v1", "p1", is_domestic_abuse=False)
    assert r.repeat_referral_for(not_da, [referral], rules=RULES) is None
    assert r.repeat_referral_for(DaIncident(date(2025, 5, 1), "v1", "p1"), [], rules=RULES) is None
    # Without a rule set given, the one in force on the incident date applies.
    assert r.repeat_referral_for(DaIncident(date(2025, 5, 1), "v1", "p1"), [referral]) == referral


def test_marac_repeat_reason_does_not_disclose_another_agencys_referral_date() -> None:
    decision = r.marac_decision(
        yes_count=2, on=date(2025, 6, 1), last_referral_on=date(2025, 3, 3), rules=RULES
    )
    assert decision.refer and decision.repeat
    assert decision.reasons == ("within 12 months of a previous MARAC referral",)
    assert "March" not in " ".join(decision.reasons)
    visible = r.marac_decision(
        yes_count=2,
        on=date(2025, 6, 1),
        last_referral_on=date(2025, 3, 3),
        rules=RULES,
        disclose_referral_date=True,
    )
    assert visible.reasons == ("within 12 months of the referral on 3 March 2025",)


def test_marac_repeat_boundary_on_both_sides_of_twelve_months() -> None:
    on_edge = r.marac_decision(
        yes_count=0, on=date(2026, 3, 3), last_referral_on=date(2025, 3, 3), rules=RULES
    )
    past = r.marac_decision(yes_count=0, on=date(2026, 3, 4), last_referral_on=date(2025, 3, 3), rules=RULES)
    same_day = r.marac_decision(
        yes_count=0, on=date(2025, 3, 3), last_referral_on=date(2025, 3, 3), rules=RULES
    )
    before = r.marac_decision(
        yes_count=0, on=date(2025, 3, 2), last_referral_on=date(2025, 3, 3), rules=RULES
    )
    assert on_edge.repeat and same_day.repeat
    assert not past.repeat and not before.repeat
    assert not past.refer


# ---------------------------------------------------------------- C.2 scope and pathway


def test_dash_is_for_victims_aged_16_or_over_domestic_abuse_act_2021_s1() -> None:
    sixteenth = date(2009, 6, 1)
    assert r.dash_eligibility_blockers(victim_date_of_birth=sixteenth, on=date(2025, 6, 1), rules=RULES) == []
    under = r.dash_eligibility_blockers(victim_date_of_birth=sixteenth, on=date(2025, 5, 31), rules=RULES)
    assert under == [
        "The Dash checklist is for victims aged 16 or over: make a child protection referral instead"
    ]
    unknown = r.dash_eligibility_blockers(victim_date_of_birth=None, on=date(2025, 6, 1), rules=RULES)
    assert unknown == ["Record the victim's date of birth, or confirm they are 16 or over"]
    assert (
        r.dash_eligibility_blockers(
            victim_date_of_birth=None, on=date(2025, 6, 1), confirmed_16_or_over=True, rules=RULES
        )
        == []
    )
    # The rule set in force is used when none is given.
    assert r.dash_eligibility_blockers(victim_date_of_birth=sixteenth, on=date(2025, 5, 31))


def test_high_risk_pathway_offers_an_idva() -> None:
    high = r.marac_decision(yes_count=14, on=date(2025, 6, 1), rules=RULES)
    low = r.marac_decision(yes_count=13, on=date(2025, 6, 1), rules=RULES)
    assert r.idva_offer_required(high) is True
    assert r.idva_offer_required(low) is False


def test_escalation_counts_da_incidents_for_the_victim_only() -> None:
    incidents = [
        DaIncident(date(2025, 1, 5), "v1", "p1"),
        DaIncident(date(2025, 2, 5), "v1", "p1", is_domestic_abuse=False),  # ASB, not DA
        DaIncident(date(2025, 3, 5), "v2", "p1"),  # another victim
        DaIncident(date(2024, 12, 5), "v1", "p2"),  # DA on another case, same victim: counts
        DaIncident(date(2025, 4, 5), "v1", None),
    ]
    dates = r.escalation_incident_dates(incidents, victim_key="v1")
    assert dates == [date(2024, 12, 5), date(2025, 1, 5), date(2025, 4, 5)]
    decision = r.marac_decision(yes_count=0, on=date(2025, 6, 1), incident_dates=dates, rules=RULES)
    assert decision.potential_escalation and decision.incidents_in_window == 3
    assert decision.reasons == ("3 incidents in 12 months",)


# ---------------------------------------------------------------- C.3 banding and versions


def test_dash_medium_band_is_labelled_local_configuration() -> None:
    assert "medium band (10-13) is local" in r.DASH_V1.description
    assert "16 or over" in r.DASH_V1.description


def test_marac_rule_versions_are_dated_and_the_old_one_still_applies_before() -> None:
    assert [(m.version, m.effective_from) for m in r.MARAC_RULES] == [
        ("safelives-2014", date(2014, 1, 1)),
        ("safelives-2026-11", date(2026, 11, 26)),
    ]
    assert r.marac_rules_in_force(date(2026, 11, 25)).version == "safelives-2014"
    assert r.marac_rules_in_force(date(2026, 11, 26)).version == "safelives-2026-11"
    assert r.marac_rules_in_force(date(2014, 1, 1)).version == "safelives-2014"
    with pytest.raises(r.RiskRuleError):
        r.marac_rules_in_force(date(2013, 12, 31))
    for m in r.MARAC_RULES:
        assert (m.visible_high_risk_yes, m.escalation_incidents, m.escalation_window_months) == (14, 3, 12)
        assert (m.repeat_window_months, m.dash_min_age) == (12, 16)


# ---------------------------------------------------------------- the shipped questionnaires, whole


ASB_TABLE = [
    ("repeat", 3, False),
    ("targeted", 3, False),
    ("hate", 4, False),
    ("afraid_home", 3, False),
    ("harm_threat", 5, True),
    ("health", 3, False),
    ("disability", 2, False),
    ("isolated", 2, False),
    ("carer", 2, False),
    ("work_school", 1, False),
    ("property", 2, False),
    ("self_harm", 5, True),
    ("retaliation", 3, False),
    ("perp_known", 1, False),
]


def test_shipped_asb_questionnaire_weights_indicators_and_bands_whole() -> None:
    asb = r.ASB_VICTIM_V1
    assert [(q.code, q.weight, q.high_risk_indicator) for q in asb.questions] == ASB_TABLE
    assert (asb.code, asb.version, asb.kind, asb.effective_from) == (
        "asb-victim",
        1,
        r.Kind.ASB_VICTIM,
        date(2024, 4, 1),
    )
    assert (asb.medium_from, asb.high_from, asb.indicator_min_band, asb.max_total) == (10, 20, Band.HIGH, 39)


@pytest.mark.parametrize(
    ("total", "band"), [(9, Band.STANDARD), (10, Band.MEDIUM), (19, Band.MEDIUM), (20, Band.HIGH)]
)
def test_shipped_asb_band_boundaries(total: int, band: Band) -> None:
    assert (
        r.band_for_total(total, medium_from=r.ASB_VICTIM_V1.medium_from, high_from=r.ASB_VICTIM_V1.high_from)
        is band
    )


def test_every_asb_weight_counts_and_each_indicator_forces_high() -> None:
    asb = r.ASB_VICTIM_V1
    for code, weight, indicator in ASB_TABLE:
        answers = dict.fromkeys((q.code for q in asb.questions), Answer.NO)
        answers[code] = Answer.YES
        result = r.score(asb, answers)
        assert result.total == weight
        assert result.band is (Band.HIGH if indicator else Band.STANDARD)
        assert result.indicators == ((code,) if indicator else ())


def test_shipped_dash_whole() -> None:
    dash = r.DASH_V1
    assert [q.code for q in dash.questions] == [code for code, _ in r._DASH_QUESTIONS]
    assert [q.code for q in dash.questions if q.high_risk_indicator] == [
        "q08_stalking",
        "q14_threat_kill",
        "q15_strangle",
    ]
    assert (dash.code, dash.version, dash.kind, dash.effective_from) == (
        "dash",
        1,
        r.Kind.DASH,
        date(2014, 1, 1),
    )
    assert (dash.medium_from, dash.high_from, dash.indicator_min_band) == (10, 14, Band.STANDARD)
    assert r.SHIPPED_QUESTIONNAIRES == (r.ASB_VICTIM_V1, r.DASH_V1)


def test_band_labels_and_rule_error_fields() -> None:
    assert [b.label for b in Band] == ["Standard", "Medium", "High"]
    assert [b.rank for b in Band] == [0, 1, 2]
    err = r.RiskRuleError("Give the reason", field="judgement_reason")
    assert (err.message, err.field, str(err)) == ("Give the reason", "judgement_reason", "Give the reason")
    assert r.RiskRuleError("x").field is None
