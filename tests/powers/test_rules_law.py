"""2014 Act powers after the November 2026 legal review (A.1-A.11, D.3), one test per finding, named
after the section it implements, with the review's worked example and both sides of every boundary.
The statutory tables (transitions, issuers, s.36 exclusions, PSPO consultees) are asserted whole.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from csphub.powers import rules as r
from csphub.powers.rules import Court, Power, Recipient, RequirementKind, Status
from csphub.powers.rules import IssuerCapacity as IC

LON = r.UK_TZ
RULES = r.rule_set("2014-act-2026-11")


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LON)


ADULT = Recipient(key="a", date_of_birth=date(1990, 5, 1))
YOUTH = Recipient(key="y", date_of_birth=date(2010, 3, 1))  # 18 on 1 March 2028


# ---------------------------------------------------------------- rule set versions


def test_rule_set_2026_11_is_dated_and_earlier_decisions_keep_their_version() -> None:
    assert [(x.version, x.effective_from) for x in r.RULE_SETS] == [
        ("2014-act-2014-10", date(2014, 10, 20)),
        ("2014-act-2023-03", date(2023, 3, 1)),
        ("2014-act-2026-11", date(2026, 11, 26)),
    ]
    assert r.rules_in_force(date(2026, 11, 25)).version == "2014-act-2023-03"
    assert r.rules_in_force(date(2026, 11, 26)).version == "2014-act-2026-11"
    assert r.rules_in_force(date(2014, 10, 20)).version == "2014-act-2014-10"
    with pytest.raises(r.NoRulesInForce):
        r.rules_in_force(date(2014, 10, 19))


def test_every_statutory_number_of_the_2026_11_rule_set() -> None:
    assert (RULES.cpn_appeal_days, RULES.cpn_min_age, RULES.fpn_max_gbp, RULES.fpn_no_prosecution_days) == (
        21,
        16,
        100,
        14,
    )
    assert (RULES.dispersal_max_hours, RULES.dispersal_min_age, RULES.dispersal_removal_under_age) == (
        48,
        10,
        16,
    )
    assert (RULES.pspo_max_years, RULES.pspo_challenge_weeks, RULES.pspo_review_lead_days) == (3, 6, 90)
    assert RULES.pspo_extension_max_years == 3
    assert (RULES.closure_notice_max_hours, RULES.closure_notice_extended_max_hours) == (24, 48)
    assert (RULES.closure_hearing_within_hours, RULES.closure_adjourn_max_days) == (48, 14)
    assert (RULES.closure_order_max_months, RULES.closure_order_total_max_months) == (3, 6)
    assert (RULES.closure_order_extension_max_months, RULES.closure_extension_notice_max_hours) == (3, 24)
    assert (RULES.closure_continuation_max_hours, RULES.closure_order_appeal_days) == (48, 21)
    assert (RULES.injunction_min_age, RULES.injunction_youth_max_months, RULES.youth_under_age) == (
        10,
        12,
        18,
    )
    assert (RULES.cbo_youth_years, RULES.cbo_adult_min_years, RULES.cbo_youth_review_months) == (
        (1, 3),
        2,
        12,
    )
    assert RULES.absolute_ground_review_days == 7
    assert (RULES.absolute_ground_notice_months_conviction, RULES.absolute_ground_notice_months_closure) == (
        12,
        3,
    )
    assert RULES.absolute_ground_closure_min_hours == 48


# ---------------------------------------------------------------- statutory tables, whole

S = Status
EXPECTED_TRANSITIONS: dict[Power, dict[Status, set[Status]]] = {
    Power.CPW: {
        S.DRAFT: {S.ISSUED, S.WITHDRAWN},
        S.ISSUED: {S.COMPLIED, S.ESCALATED, S.WITHDRAWN, S.EXPIRED},
    },
    Power.CPN: {
        S.DRAFT: {S.ISSUED, S.WITHDRAWN},
        S.ISSUED: {S.APPEALED, S.COMPLIED, S.BREACHED, S.WITHDRAWN, S.EXPIRED},
        S.APPEALED: {S.UPHELD, S.VARIED, S.QUASHED, S.BREACHED},
        S.UPHELD: {S.COMPLIED, S.BREACHED, S.WITHDRAWN, S.EXPIRED},
        S.VARIED: {S.COMPLIED, S.BREACHED, S.WITHDRAWN, S.EXPIRED},
        S.BREACHED: {S.COMPLIED, S.EXPIRED, S.WITHDRAWN, S.UPHELD, S.VARIED, S.QUASHED},
    },
    Power.FPN: {
        S.DRAFT: {S.ISSUED, S.WITHDRAWN},
        S.ISSUED: {S.PAID, S.PROSECUTED, S.WITHDRAWN},
    },
    Power.INJUNCTION: {
        S.DRAFT: {S.APPLIED, S.WITHDRAWN},
        # s.6(2), s.7: a hearing adjourned, with or without an interim injunction.
        S.APPLIED: {S.ADJOURNED, S.GRANTED, S.REFUSED, S.WITHDRAWN},
        S.ADJOURNED: {S.ADJOURNED, S.GRANTED, S.REFUSED, S.WITHDRAWN},
        S.GRANTED: {S.VARIED, S.BREACHED, S.DISCHARGED, S.EXPIRED},
        S.VARIED: {S.VARIED, S.BREACHED, S.DISCHARGED, S.EXPIRED},
        S.BREACHED: {S.VARIED, S.DISCHARGED, S.EXPIRED},
    },
    Power.CBO: {
        S.DRAFT: {S.APPLIED, S.WITHDRAWN},
        S.APPLIED: {S.GRANTED, S.REFUSED, S.WITHDRAWN},
        S.GRANTED: {S.VARIED, S.BREACHED, S.DISCHARGED, S.EXPIRED},
        S.VARIED: {S.VARIED, S.BREACHED, S.DISCHARGED, S.EXPIRED},
        S.BREACHED: {S.VARIED, S.DISCHARGED, S.EXPIRED},
    },
    Power.DISPERSAL_AUTHORISATION: {
        S.DRAFT: {S.AUTHORISED, S.WITHDRAWN},
        S.AUTHORISED: {S.WITHDRAWN, S.EXPIRED},
    },
    Power.DISPERSAL_DIRECTION: {
        S.DRAFT: {S.ISSUED, S.WITHDRAWN},
        S.ISSUED: {S.VARIED, S.COMPLIED, S.BREACHED, S.WITHDRAWN, S.EXPIRED},
        S.VARIED: {S.VARIED, S.COMPLIED, S.BREACHED, S.WITHDRAWN, S.EXPIRED},
        S.BREACHED: {S.EXPIRED},
    },
    Power.PSPO: {
        S.DRAFT: {S.MADE, S.WITHDRAWN},
        S.MADE: {S.VARIED, S.EXTENDED, S.DISCHARGED, S.EXPIRED, S.QUASHED},
        S.VARIED: {S.VARIED, S.EXTENDED, S.DISCHARGED, S.EXPIRED, S.QUASHED},
        S.EXTENDED: {S.VARIED, S.EXTENDED, S.DISCHARGED, S.EXPIRED, S.QUASHED},
    },
    Power.CLOSURE_NOTICE: {
        S.DRAFT: {S.ISSUED, S.WITHDRAWN},
        S.ISSUED: {S.ESCALATED, S.WITHDRAWN, S.EXTENDED, S.VARIED, S.EXPIRED},
        S.EXTENDED: {S.ESCALATED, S.WITHDRAWN, S.EXTENDED, S.VARIED, S.EXPIRED},
        S.VARIED: {S.ESCALATED, S.WITHDRAWN, S.EXTENDED, S.VARIED, S.EXPIRED},
    },
    Power.CLOSURE_ORDER: {
        S.DRAFT: {S.APPLIED, S.WITHDRAWN},
        S.APPLIED: {S.GRANTED, S.REFUSED, S.WITHDRAWN},
        S.GRANTED: {S.EXTENDED, S.DISCHARGED, S.EXPIRED, S.APPEALED},
        S.EXTENDED: {S.EXTENDED, S.DISCHARGED, S.EXPIRED, S.APPEALED},
        S.REFUSED: {S.APPEALED},  # s.84(2)(a), (3)(a): the applicant appeals a refusal
        S.APPEALED: {S.UPHELD, S.QUASHED, S.VARIED, S.GRANTED, S.REFUSED},
        S.UPHELD: {S.EXTENDED, S.DISCHARGED, S.EXPIRED},
        S.VARIED: {S.EXTENDED, S.DISCHARGED, S.EXPIRED},
    },
    Power.ABSOLUTE_GROUND: {
        S.DRAFT: {S.ISSUED, S.WITHDRAWN},
        S.ISSUED: {S.REVIEW_REQUESTED, S.ESCALATED, S.WITHDRAWN},
        S.REVIEW_REQUESTED: {S.UPHELD, S.WITHDRAWN},
        S.UPHELD: {S.ESCALATED, S.WITHDRAWN},
    },
}


def test_transition_table_whole() -> None:
    assert {p: {k: set(v) for k, v in t.items()} for p, t in r.TRANSITIONS.items()} == EXPECTED_TRANSITIONS
    assert {
        S.REFUSED,
        S.QUASHED,
        S.WITHDRAWN,
        S.DISCHARGED,
        S.EXPIRED,
        S.PAID,
        S.PROSECUTED,
        S.ESCALATED,
        S.COMPLIED,
    } == r.TERMINAL


POLICE = {IC.CONSTABLE, IC.INSPECTOR, IC.SUPERINTENDENT}
LA = {IC.LOCAL_AUTHORITY, IC.LA_CHIEF_EXECUTIVE}
EXPECTED_ISSUERS: dict[Power, set[IC]] = {
    Power.CPW: POLICE | LA | {IC.PCSO_DESIGNATED, IC.LA_DESIGNATED_PERSON},
    Power.CPN: POLICE | LA | {IC.PCSO_DESIGNATED, IC.LA_DESIGNATED_PERSON},
    Power.FPN: POLICE | LA | {IC.PCSO_DESIGNATED, IC.LA_DESIGNATED_PERSON},
    Power.INJUNCTION: POLICE | LA | {IC.HOUSING_PROVIDER, IC.S5_OTHER_APPLICANT},
    Power.CBO: {IC.PROSECUTOR},
    Power.DISPERSAL_AUTHORISATION: {IC.INSPECTOR, IC.SUPERINTENDENT},
    Power.DISPERSAL_DIRECTION: POLICE | {IC.PCSO_DESIGNATED},
    Power.PSPO: LA,
    Power.CLOSURE_NOTICE: {IC.INSPECTOR, IC.SUPERINTENDENT} | LA,
    Power.CLOSURE_ORDER: POLICE | LA,
    Power.ABSOLUTE_GROUND: {IC.HOUSING_PROVIDER, IC.LOCAL_AUTHORITY},
}


def test_issuer_matrix_whole() -> None:
    assert {p: set(v) for p, v in r.AUTHORISED_ISSUERS.items()} == EXPECTED_ISSUERS
    assert {IC.SUPERINTENDENT, IC.LA_CHIEF_EXECUTIVE} == r.CLOSURE_EXTENDED_SIGNOFF
    assert POLICE | LA | {IC.HOUSING_PROVIDER} == r.HOME_EXCLUSION_APPLICANTS
    for power, allowed in EXPECTED_ISSUERS.items():
        for capacity in IC:
            assert (r.issuer_blockers(power, capacity) == []) is (capacity in allowed), (power, capacity)


def test_s36_exclusions_and_s72_consultees_whole() -> None:
    assert r.S36_EXCLUSIONS == (
        "the place where the person lives",
        "work the person is required or expected to attend",
        "a court order or tribunal obligation",
        "education or training",
        "medical treatment",
        "peaceful picketing or a lawful public procession",
    )
    assert r.PSPO_CONSULTEES == (
        "chief_officer_of_police",
        "local_policing_body",
        "community_representatives",
        "owners_occupiers",
        "county_council_notified",
        "parish_council_notified",
    )
    assert set(r.PSPO_CONSULTEE_LABELS) == set(r.PSPO_CONSULTEES)
    assert r.COMPLIANCE_OUTCOMES == {
        Power.CPW: (S.COMPLIED, S.EXPIRED),
        Power.CPN: (S.COMPLIED, S.BREACHED, S.EXPIRED),
    }
    assert {S.MADE, S.VARIED} == r.PSPO_CHALLENGEABLE_STEPS
    assert {
        r.Landlord.LOCAL_HOUSING_AUTHORITY,
        r.Landlord.HOUSING_ACTION_TRUST,
    } == r.STATUTORY_REVIEW_LANDLORDS


def test_citations_of_the_sentencing_act_and_fixed_penalties() -> None:
    assert r.POWER_SECTIONS[Power.CBO].startswith("Sentencing Act 2020 s.331")
    assert "s.330" not in r.POWER_SECTIONS[Power.CBO]
    assert (
        r.POWER_SECTIONS[Power.FPN]
        == "s.52 (CPN) or s.68 (PSPO) Anti-social Behaviour, Crime and Policing Act 2014"
    )
    assert r.POWER_LABELS[Power.FPN] == "Fixed penalty notice"
    assert r.fpn_section(Power.CPN) == "s.52 Anti-social Behaviour, Crime and Policing Act 2014"
    assert r.fpn_section(Power.PSPO) == "s.68 Anti-social Behaviour, Crime and Policing Act 2014"
    with pytest.raises(ValueError, match="no fixed penalty"):
        r.fpn_section(Power.CBO)


# ---------------------------------------------------------------- A.1 s.77(3) Christmas Day


def test_s77_24_hour_notice_served_christmas_eve_ends_on_christmas_day() -> None:
    # Review worked example: 24 h notice served 24 Dec 18:00 ends 25 Dec 18:00 (no disregard).
    assert r.closure_notice_expiry(at(2024, 12, 24, 18), 24, rules=RULES) == at(2024, 12, 25, 18)
    # The 48-hour regime disregards Christmas Day: 27 Dec 18:00.
    assert r.closure_notice_expiry(at(2024, 12, 24, 18), 48, rules=RULES) == at(2024, 12, 27, 18)
    # The regime is the notice's, not only its length: a 24-hour notice under s.77(2) disregards it.
    assert r.closure_notice_expiry(at(2024, 12, 24, 18), 24, forty_eight_hour_regime=True) == at(
        2024, 12, 26, 18
    )
    assert r.closure_notice_expiry(at(2024, 12, 24, 18), 30, forty_eight_hour_regime=False) == at(
        2024, 12, 26, 0
    )
    # 25 hours is the 48-hour regime; 24 hours is not.
    assert r.closure_notice_expiry(at(2024, 12, 24, 18), 25, rules=RULES) == at(2024, 12, 26, 19)
    # Served on Christmas Day itself.
    assert r.closure_notice_expiry(at(2024, 12, 25, 9), 24, rules=RULES) == at(2024, 12, 26, 9)
    # Without a rule set, the one in force on the service date applies.
    assert r.closure_notice_expiry(at(2024, 12, 24, 18), 24) == at(2024, 12, 25, 18)


def test_s77_letter_mentions_christmas_only_when_it_was_disregarded() -> None:
    served = at(2024, 12, 24, 18)
    plain = r.closure_notice_expiry(served, 24, rules=RULES)
    long = r.closure_notice_expiry(served, 48, rules=RULES)
    assert not r.closure_notice_mentions_christmas(served, 24, plain)
    assert r.closure_notice_mentions_christmas(served, 48, long)
    ordinary = at(2025, 6, 1, 18)
    assert not r.closure_notice_mentions_christmas(
        ordinary, 48, r.closure_notice_expiry(ordinary, 48, rules=RULES)
    )


def test_s80_4_hearing_within_48_hours_still_disregards_christmas() -> None:
    assert r.closure_hearing_due(at(2024, 12, 24, 18), rules=RULES) == at(2024, 12, 27, 18)
    assert r.closure_hearing_due(at(2024, 12, 22, 18), rules=RULES) == at(2024, 12, 24, 18)


def test_add_hours_is_plain_elapsed_time_and_needs_an_aware_datetime() -> None:
    assert r.add_hours(at(2024, 12, 24, 18), 24) == at(2024, 12, 25, 18)
    # Across the October clock change: 24 elapsed hours end at 17:00 local time.
    assert r.add_hours(at(2025, 10, 25, 18), 24) == at(2025, 10, 26, 17)
    with pytest.raises(ValueError):
        r.add_hours(datetime(2025, 1, 1), 1)
    with pytest.raises(ValueError):
        r.add_hours(at(2025, 1, 1), -1)
    assert r.add_hours(at(2025, 1, 1), 0) == at(2025, 1, 1)


# ---------------------------------------------------------------- A.2 SA 2020 s.337


def test_sa2020_s337_one_year_youth_order_is_reviewed_before_the_end_of_its_period() -> None:
    kid = Recipient("k", date_of_birth=date(2012, 1, 1))
    one_year = r.cbo_youth_review_dates(
        recipient=kid, starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31), rules=RULES
    )
    assert one_year == [date(2025, 12, 31)]
    # Order to 1 Jan 2026 also runs to the end of the first period.
    assert r.cbo_youth_review_dates(
        recipient=kid, starts_on=date(2025, 1, 1), ends_on=date(2026, 1, 1), rules=RULES
    ) == [date(2025, 12, 31)]
    # An order ending the day before the period's end needs no review.
    assert (
        r.cbo_youth_review_dates(
            recipient=kid, starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 30), rules=RULES
        )
        == []
    )


def test_sa2020_s337_three_year_order_reviews_fall_on_each_periods_last_day() -> None:
    kid = Recipient("k", date_of_birth=date(2012, 1, 1))
    dates = r.cbo_youth_review_dates(
        recipient=kid, starts_on=date(2025, 1, 1), ends_on=date(2027, 12, 31), rules=RULES
    )
    assert dates == [date(2025, 12, 31), date(2026, 12, 31), date(2027, 12, 31)]


def test_sa2020_s337_turning_18_edge() -> None:
    # 17 on 31 Dec 2025, 18 on 1 Jan 2026: under 18 at the end of period 1 → review.
    edge = Recipient("e", date_of_birth=date(2008, 1, 1))
    assert r.cbo_youth_review_dates(
        recipient=edge, starts_on=date(2025, 1, 1), ends_on=date(2027, 1, 1), rules=RULES
    ) == [date(2025, 12, 31)]
    # 18 on 31 Dec 2025, the period's last day: not under 18 at its end → no review.
    older = Recipient("o", date_of_birth=date(2007, 12, 31))
    assert (
        r.cbo_youth_review_dates(
            recipient=older, starts_on=date(2025, 1, 1), ends_on=date(2027, 1, 1), rules=RULES
        )
        == []
    )
    # Indefinite (no end date) keeps going while under 18.
    assert r.cbo_youth_review_dates(
        recipient=edge, starts_on=date(2025, 1, 1), ends_on=None, rules=RULES
    ) == [date(2025, 12, 31)]


def test_sa2020_s337_2_variation_restarts_the_review_period() -> None:
    kid = Recipient("k", date_of_birth=date(2012, 1, 1))
    dates = r.cbo_youth_review_dates(
        recipient=kid,
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        rules=RULES,
        varied_on=date(2026, 3, 15),
    )
    # The first review (due 31 Dec 2025) fell before the variation; then 12 months from 15 March 2026.
    assert dates == [date(2025, 12, 31), date(2027, 3, 14)]
    # A variation on the due date itself restarts the cycle; the review due that day stays due.
    on_due = r.cbo_youth_review_dates(
        recipient=kid,
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        rules=RULES,
        varied_on=date(2025, 12, 31),
    )
    assert on_due == [date(2025, 12, 31), date(2026, 12, 30), date(2027, 12, 30)]
    day_before = r.cbo_youth_review_dates(
        recipient=kid,
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        rules=RULES,
        varied_on=date(2025, 12, 30),
    )
    assert day_before == [date(2026, 12, 29), date(2027, 12, 29)]
    assert (
        r.cbo_youth_review_dates(
            recipient=r.Recipient("b", is_body=True), starts_on=date(2025, 1, 1), ends_on=None, rules=RULES
        )
        == []
    )
    assert (
        r.cbo_youth_review_dates(
            recipient=r.Recipient("n"), starts_on=date(2025, 1, 1), ends_on=None, rules=RULES
        )
        == []
    )


def test_months_period_last_day_corresponding_date_rule() -> None:
    assert r.months_period_last_day(date(2025, 1, 1), 12) == date(2025, 12, 31)
    assert r.months_period_last_day(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert r.months_period_last_day(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert r.months_period_last_day(date(2025, 1, 28), 1) == date(2025, 2, 27)
    assert r.months_period_last_day(date(2025, 3, 30), 1) == date(2025, 4, 29)
    assert r.months_period_last_day(date(2025, 3, 31), 1) == date(2025, 4, 30)
    assert r.months_period_last_day(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert r.months_period_last_day(date(2025, 12, 15), 1) == date(2026, 1, 14)
    with pytest.raises(ValueError):
        r.months_period_last_day(date(2025, 1, 1), 0)


# ---------------------------------------------------------------- A.8 SA 2020 s.334


def _cbo(**over: object) -> list[str]:
    kw: dict[str, object] = {
        "rules": RULES,
        "recipient": Recipient("c", date_of_birth=date(2008, 6, 10)),  # 18 on 10 June 2026
        "applied_on": date(2026, 6, 1),
        "issuer": IC.PROSECUTOR,
        "convicted_on": date(2026, 6, 1),
        "disposal": r.Disposal.SENTENCE,
        "starts_on": date(2026, 6, 10),
        "ends_on": None,
        "yot_views_on": date(2026, 6, 1),
    }
    kw.update(over)
    return r.cbo_blockers(**kw)  # type: ignore[arg-type]


def test_sa2020_s334_youth_status_for_duration_is_taken_when_the_order_is_made() -> None:
    # Applied aged 17, order made aged 18 (10 June 2026): indefinite is allowed.
    assert _cbo(made_on=date(2026, 6, 10)) == []
    # Made the day before the 18th birthday: a fixed 1-3 years.
    assert _cbo(made_on=date(2026, 6, 9), starts_on=date(2026, 6, 9)) == [
        "The order was made on someone under 18: it must be for a fixed period"
    ]
    # The YOT's views are still needed because the offender was under 18 at the application.
    assert _cbo(made_on=date(2026, 6, 10), yot_views_on=None) == [
        "Record the youth offending team's views before applying"
    ]
    assert _cbo(made_on=date(2026, 6, 10), yot_views_on=date(2026, 6, 2)) == [
        "Record the youth offending team's views before applying"
    ]
    # A conviction on the day of the application (at sentencing) is fine; a later one is not.
    assert _cbo(convicted_on=date(2026, 6, 2), made_on=date(2026, 6, 10)) == [
        "The conviction must come before the application"
    ]


# ---------------------------------------------------------------- A.3 s.46(3) CPN under appeal


def test_s46_3_stop_requirement_breach_recordable_while_appeal_pending() -> None:
    assert r.cpn_breach_blockers(status=S.APPEALED, breached_requirement=RequirementKind.STOP) == []
    assert r.cpn_breach_blockers(status=S.APPEALED, breached_requirement=RequirementKind.DO) == [
        "An appeal is pending: the requirements to do things or to achieve results have no effect until it is "
        "decided (s.46(3))"
    ]
    assert r.cpn_breach_blockers(status=S.APPEALED, breached_requirement=RequirementKind.ACHIEVE)
    assert r.cpn_breach_blockers(status=S.APPEALED, breached_requirement=None) == [
        "An appeal is pending: record which requirement was breached, because only the requirements to stop "
        "doing things stay in force (s.46(3))"
    ]
    assert r.cpn_breach_blockers(
        status=S.APPEALED, breached_requirement=RequirementKind.STOP, suspended_by_court=True
    ) == ["The court ordered that the requirement has no effect while the appeal is pending"]
    # No appeal pending: every requirement is in force.
    assert r.cpn_breach_blockers(status=S.ISSUED, breached_requirement=RequirementKind.DO) == []


def test_s46_3_fixed_penalty_may_follow_a_stop_breach_under_appeal() -> None:
    assert r.cpn_enforceable(S.APPEALED, breached_requirement=RequirementKind.STOP)
    assert not r.cpn_enforceable(S.APPEALED, breached_requirement=RequirementKind.DO)
    assert not r.cpn_enforceable(
        S.APPEALED, breached_requirement=RequirementKind.STOP, suspended_by_court=True
    )
    for live in (S.ISSUED, S.UPHELD, S.VARIED, S.BREACHED):
        assert r.cpn_enforceable(live)
    for dead in (S.DRAFT, S.QUASHED, S.WITHDRAWN, S.EXPIRED, S.COMPLIED):
        assert not r.cpn_enforceable(dead, breached_requirement=RequirementKind.STOP)
    assert r.requirement_in_effect(RequirementKind.STOP, appeal_pending=True)
    assert not r.requirement_in_effect(RequirementKind.STOP, appeal_pending=True, suspended_by_court=True)
    assert not r.requirement_in_effect(RequirementKind.DO, appeal_pending=True)
    assert r.requirement_in_effect(RequirementKind.DO, appeal_pending=False, suspended_by_court=True)


def test_s46_3_compliance_record_breach_under_appeal() -> None:
    kw: dict[str, object] = {
        "power": Power.CPN,
        "status": S.APPEALED,
        "outcome": S.BREACHED,
        "issued_on": date(2025, 6, 1),
        "on": date(2025, 6, 5),
        "today": date(2025, 6, 10),
    }
    assert r.compliance_blockers(**kw, breached_requirement=RequirementKind.STOP) == []  # type: ignore[arg-type]
    assert r.compliance_blockers(**kw, breached_requirement=RequirementKind.DO)  # type: ignore[arg-type]
    # Complied is not an appeal-time outcome.
    assert r.compliance_blockers(**{**kw, "outcome": S.COMPLIED}) == [  # type: ignore[arg-type]
        "A community protection notice that is appealed cannot be recorded as complied"
    ]


# ---------------------------------------------------------------- A.11 s.43(5) same conduct


def test_s43_5_same_conduct_in_substance_with_confirmation() -> None:
    warning = r.WarningFacts(
        recipient_key="a",
        conduct="Playing loud music late at night",
        issued_at=at(2025, 5, 1, 10),
        comply_by=at(2025, 5, 15, 10),
        status=S.ISSUED,
    )
    kw: dict[str, object] = {
        "rules": RULES,
        "cpw": warning,
        "recipient": ADULT,
        "conduct": "Loud music played late at night",
        "now": at(2025, 6, 1, 10),
        "issuer": IC.LOCAL_AUTHORITY,
        "conduct_persists": True,
        "informed_parties": ["Landlord"],
    }
    assert r.cpn_blockers(**kw) == [  # type: ignore[arg-type]
        "The notice must be about the same conduct as the warning: confirm it is the same conduct described "
        "in other words, or use the warning's wording"
    ]
    assert r.cpn_blockers(**kw, same_conduct_confirmed=True) == []  # type: ignore[arg-type]
    # The time to comply: on the comply-by instant the notice may issue, a minute before it may not.
    assert r.cpn_blockers(**{**kw, "now": at(2025, 5, 15, 10)}, same_conduct_confirmed=True) == []  # type: ignore[arg-type]
    early = r.cpn_blockers(**{**kw, "now": at(2025, 5, 15, 9, 59)}, same_conduct_confirmed=True)  # type: ignore[arg-type]
    assert early == [
        "The time to comply with the warning has not passed: you can issue the notice from 15 May 2025 at 10:00"
    ]


# ---------------------------------------------------------------- A.4 s.82 closure order extensions


def _ext(**over: object) -> list[str]:
    kw: dict[str, object] = {
        "rules": RULES,
        "first_made_on": date(2025, 1, 1),
        "current_end": date(2025, 1, 31),
        "applied_on": date(2025, 1, 20),
        "new_end": date(2025, 4, 30),
    }
    kw.update(over)
    return r.closure_order_extension_blockers(**kw)  # type: ignore[arg-type]


def test_s82_each_extension_at_most_three_months_and_six_in_total() -> None:
    # Review probe: a 1-month order extended by 5 months in one go is refused.
    assert _ext(new_end=date(2025, 6, 30)) == ["Each extension can add at most 3 months (s.82(7))"]
    assert _ext() == []  # 31 Jan + 3 months = 30 April
    assert _ext(new_end=date(2025, 5, 1)) == ["Each extension can add at most 3 months (s.82(7))"]
    # Six months beginning with 1 January end on 30 June.
    assert _ext(current_end=date(2025, 4, 30), new_end=date(2025, 6, 30)) == []
    assert _ext(current_end=date(2025, 4, 30), new_end=date(2025, 7, 1)) == [
        "Extensions cannot take the order beyond 6 months in total (latest end 30 June 2025)"
    ]
    assert _ext(applied_on=date(2025, 1, 31)) == []
    assert _ext(applied_on=date(2025, 2, 1)) == ["Apply for the extension before the order ends"]
    assert _ext(new_end=date(2025, 1, 31)) == ["The extension must end after the current order"]


def test_s82_extension_authority_and_consultation() -> None:
    ok_police = r.closure_order_extension_authority_blockers(
        applicant=IC.INSPECTOR,
        authorised_by=IC.SUPERINTENDENT,
        consulted="Amber Valley BC",
        consulted_on=date(2025, 1, 20),
        applied_on=date(2025, 1, 20),
    )
    assert ok_police == []
    assert r.closure_order_extension_authority_blockers(
        applicant=IC.INSPECTOR,
        authorised_by=IC.INSPECTOR,
        consulted="Amber Valley BC",
        consulted_on=date(2025, 1, 19),
        applied_on=date(2025, 1, 20),
    ) == ["A police application to extend needs a superintendent's (or above) authority"]
    assert r.closure_order_extension_authority_blockers(
        applicant=IC.LOCAL_AUTHORITY,
        authorised_by=None,
        consulted="",
        consulted_on=None,
        applied_on=date(2025, 1, 20),
    ) == ["Record the consultation of the chief officer of police before applying (s.82)"]
    assert r.closure_order_extension_authority_blockers(
        applicant=IC.LOCAL_AUTHORITY,
        authorised_by=None,
        consulted="Chief Constable",
        consulted_on=date(2025, 1, 21),
        applied_on=date(2025, 1, 20),
    ) == ["The chief officer of police must be consulted before the application"]
    assert r.closure_order_extension_authority_blockers(
        applicant=IC.CONSTABLE,
        authorised_by=None,
        consulted="x",
        consulted_on=None,
        applied_on=date(2025, 1, 20),
    ) == [
        "A police application to extend needs a superintendent's (or above) authority",
        "Record the consultation of the local authority before applying (s.82)",
    ]
    assert r.closure_order_extension_authority_blockers(
        applicant=IC.HOUSING_PROVIDER,
        authorised_by=None,
        consulted="x",
        consulted_on=None,
        applied_on=date(2025, 1, 20),
    ) == ["Only the police or the local authority can apply to extend a closure order"]
    assert r.closure_order_extension_authority_blockers(
        applicant=None, authorised_by=None, consulted="", consulted_on=None, applied_on=date(2025, 1, 20)
    ) == ["Record who is applying for the extension"]


def test_s80_6_closure_order_three_months_beginning_with_the_day_made() -> None:
    assert r.closure_order_blockers(rules=RULES, made_on=date(2025, 1, 1), ends_on=date(2025, 3, 31)) == []
    assert r.closure_order_blockers(rules=RULES, made_on=date(2025, 1, 1), ends_on=date(2025, 4, 1)) == [
        "A closure order cannot last more than 3 months"
    ]
    assert r.closure_order_blockers(rules=RULES, made_on=date(2025, 1, 1), ends_on=date(2025, 1, 1)) == [
        "The order must end after it is made"
    ]
    assert r.closure_order_latest_end(date(2025, 11, 30), rules=RULES) == date(2026, 5, 29)


# ---------------------------------------------------------------- A.10 ss.77(4), 78, 81, 84


def test_s77_2_inspector_signoff_does_not_make_a_48_hour_notice() -> None:
    assert r.closure_notice_max_hours(IC.INSPECTOR, senior_signoff=True, rules=RULES) == 24
    assert r.closure_notice_max_hours(IC.SUPERINTENDENT, senior_signoff=False, rules=RULES) == 48
    assert r.closure_notice_max_hours(IC.LA_CHIEF_EXECUTIVE, senior_signoff=False, rules=RULES) == 48
    assert r.closure_notice_max_hours(IC.LOCAL_AUTHORITY, senior_signoff=True, rules=RULES) == 48
    assert r.closure_notice_max_hours(IC.LOCAL_AUTHORITY, senior_signoff=False, rules=RULES) == 24
    assert r.closure_notice_max_hours(None, senior_signoff=True, rules=RULES) == 24


def _extn(**over: object) -> list[str]:
    kw: dict[str, object] = {
        "rules": RULES,
        "issuer": IC.SUPERINTENDENT,
        "notice_issuer": IC.INSPECTOR,
        "notice_ends_at": at(2025, 6, 2, 18),
        "extended_at": at(2025, 6, 2, 12),
        "extension_hours": 24,
        "notice_was_24_hour": True,
    }
    kw.update(over)
    return r.closure_extension_notice_blockers(**kw)  # type: ignore[arg-type]


def test_s77_4_extension_notice_adds_up_to_24_hours() -> None:
    assert _extn() == []
    assert _extn(extension_hours=25) == ["An extension notice adds at most 24 hours (s.77(4))"]
    assert _extn(extension_hours=0) == ["Enter how many hours the extension adds"]
    assert _extn(extension_hours=1) == []
    assert _extn(issuer=IC.INSPECTOR) == [
        "An extension notice for a police closure notice needs a superintendent or above"
    ]
    assert _extn(issuer=None) == ["Record who issued the extension notice"]
    assert _extn(notice_issuer=IC.LOCAL_AUTHORITY, issuer=IC.LA_CHIEF_EXECUTIVE) == []
    assert _extn(notice_issuer=IC.LOCAL_AUTHORITY, issuer=IC.LOCAL_AUTHORITY) == [
        "An extension notice for a council closure notice must be signed by the chief executive or designate"
    ]
    assert _extn(notice_issuer=None, issuer=IC.LA_CHIEF_EXECUTIVE) == []
    assert _extn(notice_was_24_hour=False) == [
        "Only a 24-hour closure notice can be extended by an extension notice"
    ]
    assert _extn(extended_at=at(2025, 6, 2, 18)) == [
        "The extension notice must be issued while the closure notice is in force"
    ]
    assert _extn(extended_at=at(2025, 6, 2, 17, 59)) == []


def test_s78_cancellation_and_variation_notices() -> None:
    kw: dict[str, object] = {
        "issuer": IC.INSPECTOR,
        "notice_issuer": IC.SUPERINTENDENT,
        "notice_ends_at": at(2025, 6, 2, 18),
        "changed_at": at(2025, 6, 2, 17, 59),
        "cancel": True,
    }
    assert r.closure_notice_change_blockers(**kw) == []  # type: ignore[arg-type]
    assert r.closure_notice_change_blockers(**{**kw, "changed_at": at(2025, 6, 2, 18)}) == [  # type: ignore[arg-type]
        "The closure notice has ended: it can no longer be cancelled or varied"
    ]
    assert r.closure_notice_change_blockers(**{**kw, "issuer": IC.LOCAL_AUTHORITY}) == [  # type: ignore[arg-type]
        "A police closure notice is cancelled or varied by a police officer"
    ]
    assert r.closure_notice_change_blockers(**{**kw, "notice_issuer": IC.LOCAL_AUTHORITY}) == [  # type: ignore[arg-type]
        "A council closure notice is cancelled or varied by the council"
    ]
    assert r.closure_notice_change_blockers(**{**kw, "issuer": None}) == [  # type: ignore[arg-type]
        "Record who issued the cancellation or variation notice"
    ]
    vary = {**kw, "cancel": False}
    assert r.closure_notice_change_blockers(**vary, new_ends_at=at(2025, 6, 2, 18)) == []  # type: ignore[arg-type]
    assert r.closure_notice_change_blockers(**vary, new_ends_at=at(2025, 6, 2, 18, 1)) == [  # type: ignore[arg-type]
        "A variation notice cannot lengthen the closure notice: use an extension notice"
    ]
    assert r.closure_notice_change_blockers(**{**kw, "new_ends_at": at(2025, 6, 3)}) == []  # type: ignore[arg-type]


def test_s81_adjournment_up_to_14_days_and_continuation() -> None:
    assert (
        r.closure_adjournment_blockers(
            rules=RULES, hearing_on=date(2025, 6, 1), adjourned_to=date(2025, 6, 15)
        )
        == []
    )
    assert r.closure_adjournment_blockers(
        rules=RULES, hearing_on=date(2025, 6, 1), adjourned_to=date(2025, 6, 16)
    ) == ["The hearing can be adjourned for at most 14 days (s.81(3))"]
    assert r.closure_adjournment_blockers(
        rules=RULES, hearing_on=date(2025, 6, 1), adjourned_to=date(2025, 6, 1)
    ) == ["The adjourned hearing must be after the first hearing"]
    decided = at(2025, 6, 1, 12)
    assert (
        r.closure_continuation_blockers(rules=RULES, decided_at=decided, continued_until=at(2025, 6, 3, 12))
        == []
    )
    assert r.closure_continuation_blockers(
        rules=RULES, decided_at=decided, continued_until=at(2025, 6, 3, 12, 1)
    ) == ["The court can continue the notice for at most 48 hours"]
    assert r.closure_continuation_blockers(rules=RULES, decided_at=decided, continued_until=decided) == [
        "The notice must be continued to a time after the court's decision"
    ]
    # On an adjournment: until the adjourned hearing, which may be more than 48 hours away.
    assert (
        r.closure_continuation_blockers(
            rules=RULES,
            decided_at=decided,
            continued_until=at(2025, 6, 15, 23),
            adjourned_to=date(2025, 6, 15),
        )
        == []
    )
    assert r.closure_continuation_blockers(
        rules=RULES, decided_at=decided, continued_until=at(2025, 6, 16, 0), adjourned_to=date(2025, 6, 15)
    ) == ["On an adjournment the notice continues only until the adjourned hearing"]
    # No Christmas disregard for the continuation (plain hours).
    assert (
        r.closure_continuation_blockers(
            rules=RULES, decided_at=at(2025, 12, 24, 12), continued_until=at(2025, 12, 26, 12)
        )
        == []
    )
    assert r.closure_continuation_blockers(
        rules=RULES, decided_at=at(2025, 12, 24, 12), continued_until=at(2025, 12, 26, 13)
    )


def test_s84_closure_order_appeal_within_21_days() -> None:
    assert r.closure_order_appeal_deadline(date(2025, 1, 1), rules=RULES) == date(2025, 1, 21)
    assert r.closure_order_appeal_deadline(date(2025, 2, 20), rules=RULES) == date(2025, 3, 12)
    assert r.can_transition(Power.CLOSURE_ORDER, S.GRANTED, S.APPEALED)
    # s.84(2)(a), (3)(a): a refusal is appealed by the applicant; a refused injunction is not.
    assert r.can_transition(Power.CLOSURE_ORDER, S.REFUSED, S.APPEALED)
    assert not r.can_transition(Power.INJUNCTION, S.REFUSED, S.APPEALED)


def _refusal_appeal(**over: object) -> list[str]:
    kw: dict[str, object] = {
        "rules": RULES,
        "refused_on": date(2025, 1, 1),
        "lodged_on": date(2025, 1, 1),
        "today": date(2025, 3, 31),
        "already_appealed": False,
    }
    return r.closure_refusal_appeal_blockers(**(kw | over))  # type: ignore[arg-type]


def test_s84_3_refusal_appeal_day_21_in_time_day_22_late_beginning_with_the_day_of_decision() -> None:
    """s.84(3)(a) (council) and s.84(2)(a) (police): an appeal against the refusal to make a
    closure order, within 21 days beginning with the date of the decision (s.84(5)): refused on
    1 January 2025, the decision day is day 1, day 21 is 21 January (in time), day 22 is late."""
    assert _refusal_appeal(lodged_on=date(2025, 1, 1)) == []  # day 1: the day of the decision itself
    assert _refusal_appeal(lodged_on=date(2025, 1, 21)) == []  # day 21
    late = _refusal_appeal(lodged_on=date(2025, 1, 22))  # day 22
    assert late == [
        "The time to appeal ended on 21 January 2025: an appeal must be made within 21 days beginning "
        "with the day of the decision (s.84(5)), and the Crown Court cannot extend it"
    ]
    # Across a month end: refused 20 February 2025 → last day 12 March; 13 March is late.
    assert _refusal_appeal(refused_on=date(2025, 2, 20), lodged_on=date(2025, 3, 12)) == []
    assert (
        "ended on 12 March 2025"
        in _refusal_appeal(refused_on=date(2025, 2, 20), lodged_on=date(2025, 3, 13))[0]
    )


def test_s84_3_refusal_appeal_not_before_the_decision_not_in_the_future_and_only_once() -> None:
    assert _refusal_appeal(refused_on=date(2025, 1, 2), lodged_on=date(2025, 1, 1)) == [
        "The appeal cannot be dated before the magistrates refused the order"
    ]
    assert _refusal_appeal(lodged_on=date(2025, 1, 10), today=date(2025, 1, 10)) == []
    assert _refusal_appeal(lodged_on=date(2025, 1, 11), today=date(2025, 1, 10)) == [
        "The date of the appeal must be today or in the past"
    ]
    assert _refusal_appeal(already_appealed=True) == [
        "The refusal has already been appealed to the Crown Court"
    ]


def test_s84_6_order_made_on_the_applicants_appeal_lasts_at_most_3_months_from_the_decision() -> None:
    """s.84(6) with s.80(6): decided 10 January 2025, the 3 months beginning with that day end on
    9 April; 10 April is one day over."""

    def outcome(**over: object) -> list[str]:
        kw: dict[str, object] = {
            "rules": RULES,
            "made_order": True,
            "lodged_on": date(2025, 1, 5),
            "decided_on": date(2025, 1, 10),
            "today": date(2025, 1, 10),
            "ends_on": date(2025, 4, 9),
        }
        return r.closure_refusal_appeal_outcome_blockers(**(kw | over))  # type: ignore[arg-type]

    assert outcome() == []
    assert outcome(ends_on=date(2025, 4, 10)) == ["A closure order cannot last more than 3 months"]
    assert outcome(ends_on=None) == ["Enter the date the closure order made by the Crown Court ends"]
    assert outcome(made_order=False, ends_on=None) == []  # dismissed: no order, no end date
    assert outcome(decided_on=date(2025, 1, 5), ends_on=date(2025, 4, 4)) == []  # the day of the appeal
    assert outcome(decided_on=date(2025, 1, 4), ends_on=date(2025, 4, 3)) == [
        "The decision cannot be dated before the appeal was made"
    ]
    assert outcome(today=date(2025, 1, 9)) == ["The date of the decision must be today or in the past"]


def test_s84_2_and_3_who_appeals_a_refusal_police_or_council() -> None:
    assert r.is_local_authority(IC.LOCAL_AUTHORITY) and r.is_local_authority(IC.LA_CHIEF_EXECUTIVE)
    assert not any(r.is_local_authority(c) for c in (IC.CONSTABLE, IC.INSPECTOR, IC.SUPERINTENDENT))


# ---------------------------------------------------------------- A.5 / A.9 PSPO


def _pspo(**over: object) -> list[str]:
    kw: dict[str, object] = {
        "rules": RULES,
        "issuer": IC.LOCAL_AUTHORITY,
        "made_on": date(2025, 6, 1),
        "expires_on": date(2028, 5, 31),
        "consultation_done": r.PSPO_CONSULTEES,
        "publicised": True,
    }
    kw.update(over)
    return r.pspo_blockers(**kw)  # type: ignore[arg-type]


def test_s72_1_regard_to_freedom_of_expression_and_assembly_recorded() -> None:
    regard = "No protest or assembly in the area is affected"
    assert _pspo(expression_assembly_regard=regard) == []
    assert _pspo(expression_assembly_regard="  ") == [
        "Record how the council had particular regard to the rights of freedom of expression and assembly (s.72(1))"
    ]
    # Three years beginning with 1 June 2025 end on 31 May 2028.
    assert _pspo(expression_assembly_regard=regard, expires_on=date(2028, 6, 1)) == [
        "A PSPO cannot last more than 3 years"
    ]


def test_s60_extension_up_to_three_years_beyond_current_expiry() -> None:
    # Review probe: expiring 30 June 2027, extended on 1 April 2027 to 30 June 2030 → allowed.
    kw: dict[str, object] = {
        "rules": RULES,
        "current_expiry": date(2027, 6, 30),
        "extended_on": date(2027, 4, 1),
    }
    assert r.pspo_extension_blockers(**kw, new_expiry=date(2030, 6, 30)) == []  # type: ignore[arg-type]
    assert r.pspo_extension_blockers(**kw, new_expiry=date(2030, 7, 1)) == [  # type: ignore[arg-type]
        "An extension cannot be for more than 3 years"
    ]
    assert (
        r.pspo_extension_blockers(**{**kw, "extended_on": date(2027, 6, 29)}, new_expiry=date(2030, 6, 30))
        == []
    )  # type: ignore[arg-type]


def test_s60_2_extension_on_the_orders_last_day_is_before_it_expires() -> None:
    """s.60(2): extended "before the time when it would otherwise expire". An order whose last day
    is 30 June 2027 is in force to the end of that day (a breach then is an offence under s.67, and
    it may be discharged that day), so it may be extended on 30 June; from 1 July it has expired."""
    kw: dict[str, object] = {
        "rules": RULES,
        "current_expiry": date(2027, 6, 30),
        "new_expiry": date(2030, 6, 30),
    }
    assert r.pspo_extension_blockers(**kw, extended_on=date(2027, 6, 29)) == []  # type: ignore[arg-type]
    assert r.pspo_extension_blockers(**kw, extended_on=date(2027, 6, 30)) == []  # type: ignore[arg-type]
    assert r.pspo_extension_blockers(**kw, extended_on=date(2027, 7, 1)) == [  # type: ignore[arg-type]
        "The order expired at the end of 30 June 2027: an order can only be extended before it expires"
    ]


def test_s61_variation_of_an_order_in_force_on_its_last_day() -> None:
    """s.61: a PSPO in force may be varied; on its last day it is still in force, the day after not."""
    kw: dict[str, object] = {
        "issuer": IC.LOCAL_AUTHORITY,
        "made_on": date(2024, 7, 1),
        "current_expiry": date(2027, 6, 30),
        "today": date(2027, 7, 1),
        "restrictions_changed": True,
        "consultation_done": r.PSPO_CONSULTEES,
        "publicised": True,
        "expression_assembly_regard": "Considered: the restrictions do not touch lawful protest",
    }
    assert r.pspo_variation_blockers(**kw, varied_on=date(2027, 6, 29)) == []  # type: ignore[arg-type]
    assert r.pspo_variation_blockers(**kw, varied_on=date(2027, 6, 30)) == []  # type: ignore[arg-type]
    assert r.pspo_variation_blockers(**kw, varied_on=date(2027, 7, 1)) == [  # type: ignore[arg-type]
        "The order expired on 30 June 2027: it can no longer be varied"
    ]


def test_s66_extension_opens_no_new_challenge_window() -> None:
    assert S.EXTENDED not in r.PSPO_CHALLENGEABLE_STEPS
    assert r.pspo_challenge_deadline(date(2025, 1, 1), rules=RULES) == date(2025, 2, 11)


def test_s68_fixed_penalty_for_a_pspo_breach() -> None:
    assert r.fpn_blockers(rules=RULES, amount_gbp=100, issuer=IC.PCSO_DESIGNATED, notice_in_force=True) == []
    assert r.fpn_blockers(rules=RULES, amount_gbp=101, issuer=IC.LOCAL_AUTHORITY, notice_in_force=True) == [
        "The fixed penalty cannot be more than £100"
    ]
    assert r.fpn_blockers(rules=RULES, amount_gbp=0, issuer=IC.LOCAL_AUTHORITY, notice_in_force=True) == [
        "Enter the amount of the fixed penalty"
    ]
    assert r.fpn_blockers(rules=RULES, amount_gbp=100, issuer=IC.LOCAL_AUTHORITY, notice_in_force=False) == [
        "A fixed penalty can only follow a breach of a notice that is in force"
    ]
    both = {"rules": RULES, "amount_gbp": 100, "issuer": IC.LOCAL_AUTHORITY, "notice_in_force": True}
    assert r.fpn_blockers(**both, early_amount_gbp=1, early_period_days=1) == []  # type: ignore[arg-type]
    assert r.fpn_blockers(**both, early_amount_gbp=99, early_period_days=13) == []  # type: ignore[arg-type]
    assert r.fpn_blockers(**both, early_amount_gbp=50, early_period_days=14) == [  # type: ignore[arg-type]
        "An early-payment period must be shorter than 14 days"
    ]
    assert r.fpn_blockers(**both, early_amount_gbp=50, early_period_days=0) == [  # type: ignore[arg-type]
        "An early-payment period must be shorter than 14 days"
    ]
    assert r.fpn_blockers(**both, early_amount_gbp=0, early_period_days=7) == [  # type: ignore[arg-type]
        "The early-payment amount must be less than the full amount"
    ]
    assert r.fpn_blockers(**both, early_amount_gbp=100, early_period_days=7) == [  # type: ignore[arg-type]
        "The early-payment amount must be less than the full amount"
    ]
    assert r.fpn_blockers(**both, early_amount_gbp=50) == [  # type: ignore[arg-type]
        "Give both the early-payment amount and its period, or neither"
    ]


def _discharge(**over: object) -> list[str]:
    kw: dict[str, object] = {
        "issuer": IC.LOCAL_AUTHORITY,
        "made_on": date(2025, 1, 1),
        "current_expiry": date(2027, 12, 31),
        "discharged_on": date(2025, 6, 1),
        "today": date(2025, 6, 1),
        "consultation_done": r.PSPO_CONSULTEES,
        "publicised": True,
        "expression_assembly_regard": "Considered",
    }
    kw.update(over)
    return r.pspo_discharge_blockers(**kw)  # type: ignore[arg-type]


def test_s61_pspo_discharge_after_consultation() -> None:
    assert _discharge() == []
    assert _discharge(discharged_on=date(2025, 6, 2)) == [
        "The date of the discharge must be today or in the past"
    ]
    assert _discharge(discharged_on=date(2024, 12, 31)) == [
        "The discharge cannot be dated before the order was made"
    ]
    assert _discharge(discharged_on=date(2025, 1, 1)) == []
    assert _discharge(current_expiry=date(2025, 5, 31)) == [
        "The order expired on 31 May 2025: it can no longer be discharged"
    ]
    assert _discharge(current_expiry=date(2025, 6, 1)) == []
    assert _discharge(publicised=False) == ["Publicise the proposal before discharging the order"]
    assert _discharge(expression_assembly_regard="") == [
        "Record how the council had particular regard to the rights of freedom of expression and assembly (s.72(1))"
    ]
    assert _discharge(issuer=IC.CONSTABLE) == [
        "A police constable cannot issue a public spaces protection order"
    ]
    not_two_tier = [c for c in r.PSPO_CONSULTEES if c != "county_council_notified"]
    assert _discharge(consultation_done=not_two_tier) == [
        "Complete the consultation record: the county council (notified)"
    ]
    assert _discharge(consultation_done=not_two_tier, two_tier=False) == []
    no_parish = [c for c in r.PSPO_CONSULTEES if c != "parish_council_notified"]
    assert _discharge(consultation_done=no_parish) == [
        "Complete the consultation record: the parish or community council (notified)"
    ]
    assert _discharge(consultation_done=no_parish, parished=False) == []


# ---------------------------------------------------------------- A.6 absolute ground


def test_ha1985_s83za_notice_within_12_months_of_conviction_or_3_of_closure() -> None:
    kw: dict[str, object] = {"issuer": IC.LOCAL_AUTHORITY, "rules": RULES}
    conv = r.AbsoluteCondition.SERIOUS_OFFENCE
    assert r.absolute_ground_notice_deadline(conv, date(2025, 1, 1), rules=RULES) == date(2025, 12, 31)
    assert (
        r.absolute_ground_blockers(
            **kw, condition=conv, trigger_on=date(2025, 1, 1), served_on=date(2025, 12, 31)
        )
        == []
    )  # type: ignore[arg-type]
    assert r.absolute_ground_blockers(
        **kw, condition=conv, trigger_on=date(2025, 1, 1), served_on=date(2026, 1, 1)
    ) == [  # type: ignore[arg-type]
        "The notice had to be served by 31 December 2025 (Housing Act 1985 s.83ZA)"
    ]
    closure = r.AbsoluteCondition.CLOSURE_ORDER
    assert r.absolute_ground_notice_deadline(closure, date(2025, 1, 1), rules=RULES) == date(2025, 3, 31)
    okc = {"closure_order_hours_in_force": 72.0, "trigger_on": date(2025, 1, 1)}
    assert r.absolute_ground_blockers(**kw, condition=closure, **okc, served_on=date(2025, 3, 31)) == []  # type: ignore[arg-type]
    assert r.absolute_ground_blockers(**kw, condition=closure, **okc, served_on=date(2025, 4, 1)) == [  # type: ignore[arg-type]
        "The notice had to be served by 31 March 2025 (Housing Act 1985 s.83ZA)"
    ]
    assert r.absolute_ground_blockers(
        **kw, condition=conv, trigger_on=date(2025, 1, 2), served_on=date(2025, 1, 1)
    ) == [  # type: ignore[arg-type]
        "The notice cannot be served before the conviction, finding or closure order"
    ]
    assert r.absolute_ground_blockers(**kw, condition=conv, served_on=date(2025, 1, 1)) == [  # type: ignore[arg-type]
        "Record the date of the conviction, finding or closure order and of service"
    ]
    # Without dates (a caller from before the 2026-11 rule set) only the condition is checked.
    assert r.absolute_ground_blockers(issuer=IC.LOCAL_AUTHORITY, condition=conv) == []
    assert r.absolute_ground_blockers(issuer=IC.LOCAL_AUTHORITY, condition=None) == [
        "Choose which of the five conditions is met"
    ]


def test_ha1985_s84a_7_closure_condition_counts_notice_and_order_hours() -> None:
    # Review example: a 24 h notice followed by a 40 h order qualifies (64 h > 48 h).
    closure = r.AbsoluteCondition.CLOSURE_ORDER
    kw: dict[str, object] = {"issuer": IC.LOCAL_AUTHORITY, "condition": closure, "rules": RULES}
    assert (
        r.absolute_ground_blockers(
            **kw, closure_order_hours_in_force=40, closure_notice_hours_before_order=24
        )
        == []
    )  # type: ignore[arg-type]
    assert r.absolute_ground_blockers(
        **kw, closure_order_hours_in_force=24, closure_notice_hours_before_order=24
    ) == [  # type: ignore[arg-type]
        "The closure-order condition needs access prohibited, under the closure notice and order together, for "
        "more than 48 hours"
    ]
    assert r.absolute_ground_blockers(**kw, closure_order_hours_in_force=48.5) == []  # type: ignore[arg-type]
    assert r.absolute_ground_blockers(**kw)  # type: ignore[arg-type]


def test_ha1985_s85za_review_only_for_local_housing_authorities_and_hats() -> None:
    assert r.absolute_ground_statutory_review(r.Landlord.LOCAL_HOUSING_AUTHORITY)
    assert r.absolute_ground_statutory_review("housing_action_trust")
    assert not r.absolute_ground_statutory_review(r.Landlord.PRIVATE_REGISTERED_PROVIDER)
    served = date(2025, 6, 1)
    assert (
        r.absolute_ground_review_blockers(notice_served_on=served, requested_on=date(2025, 6, 7), rules=RULES)
        == []
    )
    assert r.absolute_ground_review_blockers(notice_served_on=served, requested_on=served, rules=RULES) == []
    assert r.absolute_ground_review_blockers(
        notice_served_on=served, requested_on=date(2025, 6, 8), rules=RULES
    ) == ["The review request was due by 7 June 2025; the landlord has no power to extend the 7-day period"]
    # A private registered provider's review is good practice: a late request is its own matter.
    assert (
        r.absolute_ground_review_blockers(
            notice_served_on=served, requested_on=date(2025, 6, 8), rules=RULES, statutory=False
        )
        == []
    )
    assert r.absolute_ground_review_blockers(
        notice_served_on=served, requested_on=date(2025, 5, 31), rules=RULES, statutory=False
    ) == ["A review request cannot be dated before the notice was served"]


# ---------------------------------------------------------------- A.7 / A.11 injunctions


YOUNG = Recipient("yy", date_of_birth=date(2009, 7, 1))  # 16 in mid 2025; 18 on 1 July 2027


def test_s14_2_without_notice_adjourned_yot_before_the_first_on_notice_hearing() -> None:
    hearing = date(2025, 6, 10)
    assert (
        r.injunction_on_notice_hearing_blockers(
            rules=RULES, recipient=YOUNG, on_notice_hearing_on=hearing, yot_consulted_on=date(2025, 6, 9)
        )
        == []
    )
    assert r.injunction_on_notice_hearing_blockers(
        rules=RULES, recipient=YOUNG, on_notice_hearing_on=hearing, yot_consulted_on=date(2025, 6, 10)
    ) == [
        "The respondent is under 18: record the youth offending team consultation before the date of the "
        "first on-notice hearing (s.14(2))"
    ]
    assert r.injunction_on_notice_hearing_blockers(
        rules=RULES, recipient=YOUNG, on_notice_hearing_on=hearing, yot_consulted_on=None
    )
    assert (
        r.injunction_on_notice_hearing_blockers(
            rules=RULES, recipient=ADULT, on_notice_hearing_on=hearing, yot_consulted_on=None
        )
        == []
    )


def test_s14_3_yot_consulted_before_applying_to_vary_or_discharge() -> None:
    assert (
        r.injunction_change_application_blockers(
            rules=RULES, recipient=YOUNG, applied_on=date(2025, 9, 1), yot_consulted_on=date(2025, 9, 1)
        )
        == []
    )
    assert r.injunction_change_application_blockers(
        rules=RULES, recipient=YOUNG, applied_on=date(2025, 9, 1), yot_consulted_on=date(2025, 9, 2)
    ) == [
        "The respondent is under 18: record the youth offending team consultation before applying to vary "
        "or discharge the injunction (s.14(3))"
    ]
    # Turned 18 by the application: no YOT consultation needed.
    assert (
        r.injunction_change_application_blockers(
            rules=RULES, recipient=YOUNG, applied_on=date(2027, 7, 1), yot_consulted_on=None
        )
        == []
    )
    assert r.injunction_change_application_blockers(
        rules=RULES, recipient=YOUNG, applied_on=date(2027, 6, 30), yot_consulted_on=None
    )


def test_s4_power_of_arrest() -> None:
    assert (
        r.power_of_arrest_blockers(term=r.InjunctionTerm.PROHIBITION, violence_or_significant_risk=True) == []
    )
    assert r.power_of_arrest_blockers(term="requirement", violence_or_significant_risk=True) == []
    assert r.power_of_arrest_blockers(
        term=r.InjunctionTerm.PROHIBITION, violence_or_significant_risk=False
    ) == ["A power of arrest needs violence or threatened violence, or a significant risk of harm (s.4)"]
    assert r.power_of_arrest_blockers(
        term=r.InjunctionTerm.PARTICIPATE_IN_ACTIVITIES, violence_or_significant_risk=True
    ) == ["A power of arrest cannot be attached to a requirement to participate in activities"]


def test_s3_positive_requirements_supervisor_and_evidence() -> None:
    assert r.positive_requirement_blockers(supervisor="YOT", suitability_evidence="Place available") == []
    assert r.positive_requirement_blockers(supervisor=" ", suitability_evidence="x") == [
        "Name the individual or organisation who will supervise the requirement (s.3(1))"
    ]
    assert r.positive_requirement_blockers(supervisor="YOT", suitability_evidence="") == [
        "Record the evidence about the suitability and enforceability of the requirement (s.3(2))"
    ]


def test_s13_exclusion_from_home_adults_only_named_applicants_violence() -> None:
    kw: dict[str, object] = {"rules": RULES, "on": date(2025, 6, 1), "violence_or_significant_risk": True}
    assert r.home_exclusion_blockers(**kw, recipient=ADULT, applicant=IC.HOUSING_PROVIDER) == []  # type: ignore[arg-type]
    assert r.home_exclusion_blockers(**kw, recipient=YOUNG, applicant=IC.LOCAL_AUTHORITY) == [  # type: ignore[arg-type]
        "The respondent is under 18: an injunction cannot exclude them from their home"
    ]
    eighteen = Recipient("e", date_of_birth=date(2007, 6, 1))
    assert r.home_exclusion_blockers(**kw, recipient=eighteen, applicant=IC.CONSTABLE) == []  # type: ignore[arg-type]
    seventeen = Recipient("s", date_of_birth=date(2007, 6, 2))
    assert r.home_exclusion_blockers(**kw, recipient=seventeen, applicant=IC.CONSTABLE)  # type: ignore[arg-type]
    assert r.home_exclusion_blockers(**kw, recipient=Recipient("n"), applicant=IC.CONSTABLE) == [  # type: ignore[arg-type]
        "Record the respondent's date of birth: exclusion from home is for adults only"
    ]
    assert r.home_exclusion_blockers(**kw, recipient=ADULT, applicant=IC.PROSECUTOR) == [  # type: ignore[arg-type]
        "Only the local authority, the police or the housing provider can apply to exclude someone from their home"
    ]
    assert r.home_exclusion_blockers(**kw, recipient=ADULT, applicant=None)  # type: ignore[arg-type]
    assert r.home_exclusion_blockers(
        rules=RULES,
        on=date(2025, 6, 1),
        violence_or_significant_risk=False,
        recipient=ADULT,
        applicant=IC.CONSTABLE,
    ) == ["Exclusion from home needs violence or threatened violence, or a significant risk of harm"]


@pytest.mark.parametrize(
    ("court", "ok"),
    [
        (Court.COUNTY, True),
        (Court.HIGH, True),
        (Court.MAGISTRATES, False),
        (Court.CROWN, False),
        (Court.YOUTH, False),
    ],
)
def test_s1_8_adult_injunction_only_in_the_high_court_or_county_court(court: Court, ok: bool) -> None:
    reasons = r.injunction_blockers(
        rules=RULES,
        recipient=ADULT,
        applied_on=date(2025, 6, 1),
        issuer=IC.LOCAL_AUTHORITY,
        court=court,
        ends_on=None,
        yot_consulted_on=None,
    )
    assert (reasons == []) is ok
    if not ok:
        assert reasons == ["The respondent is 18 or over: apply to the county court or High Court"]


# ---------------------------------------------------------------- D.3 breach of orders


def _breach(**over: object) -> list[str]:
    kw: dict[str, object] = {
        "power": Power.INJUNCTION,
        "status": S.GRANTED,
        "started_on": date(2025, 1, 1),
        "current_end": date(2025, 12, 31),
        "breached_on": date(2025, 6, 1),
        "found_on": date(2025, 6, 20),
        "today": date(2025, 6, 20),
        "court": Court.COUNTY,
    }
    kw.update(over)
    return r.order_breach_blockers(**kw)  # type: ignore[arg-type]


def test_s9_and_sa2020_s339_breach_findings_for_injunctions_and_cbos() -> None:
    assert _breach() == []
    assert _breach(power=Power.CBO, status=S.VARIED, court=Court.MAGISTRATES) == []
    assert _breach(status=S.BREACHED) == [
        "A civil injunction that is breached cannot be recorded as breached"
    ]
    assert _breach(power=Power.CPN) == [
        "Breach findings are recorded for injunctions and criminal behaviour orders"
    ]
    assert _breach(breached_on=date(2025, 1, 1)) == []
    assert _breach(breached_on=date(2024, 12, 31)) == [
        "The breach cannot be before the civil injunction started"
    ]
    assert _breach(breached_on=date(2025, 12, 31), found_on=date(2025, 12, 31), today=date(2026, 1, 5)) == []
    assert _breach(breached_on=date(2026, 1, 1), found_on=date(2026, 1, 2), today=date(2026, 1, 5)) == [
        "The civil injunction ended on 31 December 2025: a later act is not a breach"
    ]
    assert (
        _breach(
            current_end=None, breached_on=date(2026, 1, 1), found_on=date(2026, 1, 2), today=date(2026, 1, 5)
        )
        == []
    )
    assert _breach(found_on=date(2025, 5, 31)) == ["The court's finding cannot be before the breach"]
    assert _breach(found_on=date(2025, 6, 1)) == []
    assert _breach(found_on=date(2025, 6, 21)) == ["The dates must be today or in the past"]
    assert _breach(court=None) == ["Record the court that found the breach"]


def test_cbo_variation_and_discharge_cite_sa2020_s336() -> None:
    assert "s.336" in (r.cbo_variation_blockers.__doc__ or "")
    assert "s.336" in (r.order_discharge_blockers.__doc__ or "")
    assert "s.334" in (r.cbo_duration_blockers.__doc__ or "")
    assert "s.337" in (r.cbo_youth_review_dates.__doc__ or "")


def test_youth_status_and_review_helpers_on_both_sides_of_the_18th_birthday() -> None:
    person = Recipient("p", date_of_birth=date(2007, 6, 1))
    assert r.is_youth(person, date(2025, 5, 31), RULES)
    assert not r.is_youth(person, date(2025, 6, 1), RULES)
    assert not r.is_youth(Recipient("n"), date(2025, 6, 1), RULES)
    assert r.injunction_court(person, date(2025, 5, 31), rules=RULES) is Court.YOUTH
    assert r.injunction_court(person, date(2025, 6, 1), rules=RULES) is Court.COUNTY
    assert r.period_last_day(date(2025, 1, 1), 1) == date(2025, 1, 1)
    assert r.add_hours(at(2025, 1, 1), 1.5) - at(2025, 1, 1) == timedelta(hours=1.5)


# ---------------------------------------------------------------- A.11 s.37 surrender of items


def _surrender(**over: object) -> list[str]:
    given = datetime(2025, 6, 6, 21, 0, tzinfo=r.UK_TZ)
    kw: dict[str, object] = {
        "given_at": given,
        "excluded_until": given + timedelta(hours=24),
        "surrendered_at": given,
        "now": given + timedelta(hours=1),
        "items": "Two bottles of cider",
        "belief": "Drinking and shouting at passers-by",
        "in_writing": True,
        "not_in_writing_reason": "",
        "told_offence": True,
        "not_told_reason": "",
    }
    return r.dispersal_surrender_blockers(**(kw | over))  # type: ignore[arg-type]


def test_s37_surrender_goes_with_a_running_direction_both_ends() -> None:
    """s.37: items are asked for by the officer who gives the s.35 direction, so from the moment it
    is given until its exclusion period ends (given 21:00, excluded until 21:00 next day)."""
    given = datetime(2025, 6, 6, 21, 0, tzinfo=r.UK_TZ)
    assert _surrender() == []  # at the moment the direction is given
    assert _surrender(surrendered_at=given - timedelta(minutes=1)) == [
        "Items can only be asked for with a dispersal direction: not before it was given"
    ]
    late = given + timedelta(hours=24)
    assert _surrender(surrendered_at=late - timedelta(minutes=1), now=late) == []
    assert _surrender(surrendered_at=late, now=late) == [
        "The exclusion period has ended: items can only be asked for while the direction runs"
    ]
    assert _surrender(now=given - timedelta(minutes=1), surrendered_at=given) == [
        "The time the items were surrendered must be now or in the past"
    ]


def test_s37_items_belief_writing_and_offence_warning_are_recorded() -> None:
    assert _surrender(items=" ") == ["Describe each item surrendered"]
    assert "harasses, alarms or distresses members of the public (s.37)" in _surrender(belief="")[0]
    assert _surrender(in_writing=False) == [
        "The direction to surrender must be in writing unless that is not reasonably practicable: say why it "
        "was not (s.37)"
    ]
    assert _surrender(in_writing=False, not_in_writing_reason="Heavy rain, no dry notebook") == []
    assert "(s.37, s.39)" in _surrender(told_offence=False)[0]
    assert _surrender(told_offence=False, not_told_reason="Person ran off after handing the items") == []


def test_s37_item_not_returned_before_the_exclusion_period_ends() -> None:
    given = datetime(2025, 6, 6, 21, 0, tzinfo=r.UK_TZ)
    end = given + timedelta(hours=24)

    def ret(at: datetime, now: datetime | None = None) -> list[str]:
        return r.dispersal_item_return_blockers(
            excluded_until=end, surrendered_at=given, returned_at=at, now=now or end + timedelta(days=2)
        )

    assert ret(end) == []  # the moment the exclusion period ends
    assert ret(end - timedelta(minutes=1)) == [
        "A surrendered item is not returned before the exclusion period ends, at 21:00 on 7 June 2025 (s.37)"
    ]
    assert ret(given - timedelta(minutes=1)) == ["An item cannot be returned before it was surrendered"]
    assert ret(end + timedelta(hours=1), now=end) == [
        "The time the item was returned must be now or in the past"
    ]


# ---------------------------------------------------------------- A.7 s.5(3) housing provider applicant


def test_s5_3_housing_provider_applies_only_for_behaviour_affecting_its_housing_management() -> None:
    assert r.injunction_applicant_blockers(IC.HOUSING_PROVIDER, housing_management_related=False) == [
        "A housing provider may apply only where the behaviour relates to or affects its housing "
        "management functions (s.5(3))"
    ]
    assert r.injunction_applicant_blockers(IC.HOUSING_PROVIDER, housing_management_related=True) == []
    for applicant in (IC.LOCAL_AUTHORITY, IC.CONSTABLE, IC.INSPECTOR):
        assert r.injunction_applicant_blockers(applicant, housing_management_related=False) == []


# ---------------------------------------------------------------- A.5 PSPO publication


def test_pspo_publication_regulations_website_and_notices_not_before_the_decision() -> None:
    made = date(2025, 6, 2)

    def pub(**over: object) -> list[str]:
        kw: dict[str, object] = {
            "decided_on": made,
            "published_on": made,
            "today": date(2025, 6, 30),
            "on_website": True,
            "notices_erected": True,
        }
        return r.pspo_publication_blockers(**(kw | over))  # type: ignore[arg-type]

    assert pub() == []  # the day of the decision
    assert pub(published_on=date(2025, 6, 1)) == [
        "It cannot be published before the council's decision on 2 June 2025"
    ]
    assert pub(published_on=date(2025, 6, 30)) == []
    assert pub(published_on=date(2025, 7, 1)) == ["The date of publication must be today or in the past"]
    assert pub(on_website=False) == ["Publish the order on the council's website"]
    assert pub(notices_erected=False) == [
        "Put up notices on or next to the restricted area drawing attention to the order"
    ]


def test_pspo_latest_decision_is_what_is_published_next() -> None:
    made = date(2025, 1, 1)
    assert r.pspo_latest_decision(made_on=made, extended_on=[], varied_on=[], discharged_on=None) == (
        "made",
        made,
    )
    assert r.pspo_latest_decision(
        made_on=made, extended_on=[date(2027, 12, 1)], varied_on=[date(2026, 3, 1)], discharged_on=None
    ) == ("extended", date(2027, 12, 1))
    assert r.pspo_latest_decision(
        made_on=made,
        extended_on=[date(2026, 3, 1)],
        varied_on=[date(2026, 3, 1)],
        discharged_on=date(2026, 3, 1),
    ) == ("discharged", date(2026, 3, 1))


# ---------------------------------------------------------------- gaps found by mutation testing


def test_calendar_months_keep_the_time_of_day_and_hours_need_an_order() -> None:
    # 31 August + 6 months is the last day of February; the time of day is kept.
    assert r.add_months_dt(at(2025, 8, 31, 14, 30), 6) == at(2026, 2, 28, 14, 30)
    assert r.add_months_dt(at(2027, 8, 31, 9), 6) == at(2028, 2, 29, 9)
    assert r.hours_disregarding_christmas(at(2025, 6, 1, 10), at(2025, 6, 1, 10)) == 0.0
    with pytest.raises(ValueError, match="end is before start"):
        r.hours_disregarding_christmas(at(2025, 6, 1, 10), at(2025, 6, 1, 9, 59))


def test_s35_4_the_exclusion_ends_after_the_direction_and_within_48_hours() -> None:
    given = at(2026, 12, 1, 20)

    def blockers(excluded_until: datetime) -> list[str]:
        return r.dispersal_direction_blockers(
            rules=RULES,
            issuer=IC.CONSTABLE,
            recipient=ADULT,
            given_at=given,
            excluded_until=excluded_until,
            authorisation_window=(at(2026, 12, 1, 18), at(2026, 12, 3, 18)),
            in_writing=True,
            exclusions_checked=r.S36_EXCLUSIONS,
        )

    assert blockers(given) == ["The exclusion must end after the direction is given"]
    assert blockers(given - timedelta(minutes=1)) == ["The exclusion must end after the direction is given"]
    assert blockers(given + timedelta(minutes=1)) == []
    assert blockers(given + timedelta(hours=48)) == []
    assert blockers(given + timedelta(hours=48, minutes=1)) == [
        "The exclusion cannot last more than 48 hours"
    ]


def test_s60_a_pspo_ends_after_the_day_it_is_made() -> None:
    made = date(2026, 12, 1)

    def blockers(expires_on: date) -> list[str]:
        return r.pspo_blockers(
            rules=RULES,
            issuer=IC.LOCAL_AUTHORITY,
            made_on=made,
            expires_on=expires_on,
            consultation_done=r.PSPO_CONSULTEES,
            publicised=True,
        )

    assert blockers(made) == ["The order must end after it is made"]
    assert blockers(made - timedelta(days=1)) == ["The order must end after it is made"]
    assert blockers(made + timedelta(days=1)) == []


def test_s60_s61_extension_and_variation_dated_between_the_making_and_today() -> None:
    made, expiry, today = date(2026, 1, 10), date(2029, 1, 9), date(2026, 6, 1)
    common = {
        "issuer": IC.LOCAL_AUTHORITY,
        "made_on": made,
        "current_expiry": expiry,
        "today": today,
        "consultation_done": r.PSPO_CONSULTEES,
        "publicised": True,
    }

    def extension(on: date) -> list[str]:
        return r.pspo_extension_step_blockers(
            rules=RULES,
            extended_on=on,
            new_expiry=date(2030, 1, 9),
            **common,  # type: ignore[arg-type]
        )

    assert extension(made) == []
    assert extension(made - timedelta(days=1)) == ["The extension cannot be dated before the order was made"]
    assert extension(today) == []
    assert extension(today + timedelta(days=1)) == ["The date of the extension must be today or in the past"]

    def variation(on: date) -> list[str]:
        return r.pspo_variation_blockers(varied_on=on, restrictions_changed=True, **common)  # type: ignore[arg-type]

    assert variation(made) == []
    assert variation(made - timedelta(days=1)) == ["The variation cannot be dated before the order was made"]
    assert variation(today) == []
    assert variation(today + timedelta(days=1)) == ["The date of the variation must be today or in the past"]


def test_s8_a_varied_injunction_records_its_terms() -> None:
    def blockers(requirements: str) -> list[str]:
        return r.injunction_variation_blockers(
            rules=RULES,
            granted_on=date(2026, 1, 10),
            granted_to_youth=False,
            current_end=None,
            varied_on=date(2026, 3, 1),
            new_end=None,
            requirements=requirements,
            today=date(2026, 3, 1),
        )

    assert blockers("Not to enter Market Place") == []
    assert blockers("  ") == ["Record the prohibitions and requirements as varied"]


def test_sa2020_s336_a_cbo_is_varied_while_in_force_and_still_lasts_two_years() -> None:
    start, end = date(2026, 1, 10), date(2028, 1, 10)

    def blockers(**over: object) -> list[str]:
        kw: dict[str, object] = {
            "rules": RULES,
            "made_on_youth": False,
            "starts_on": start,
            "current_end": end,
            "varied_on": end,
            "new_end": date(2029, 1, 10),
            "requirements": "Not to enter Market Place",
            "today": date(2028, 2, 1),
        }
        kw.update(over)
        return r.cbo_variation_blockers(**kw)  # type: ignore[arg-type]

    # Varied on its last day: in force; the day after: ended.
    assert blockers() == []
    assert blockers(varied_on=date(2028, 1, 11), new_end=date(2029, 1, 10)) == [
        "The order ended on 10 January 2028: it can no longer be varied"
    ]
    assert blockers(requirements="") == ["Record the prohibitions and requirements as varied"]
    assert blockers(new_end=end) == ["The varied order must end after the variation"]
    assert blockers(new_end=end + timedelta(days=1)) == []
    # An adult's order still lasts at least 2 years from the start (or is indefinite).
    assert blockers(varied_on=date(2026, 6, 1), new_end=date(2028, 1, 9)) == [
        "An adult's order must last at least 2 years, or be indefinite"
    ]
    assert blockers(varied_on=date(2026, 6, 1), new_end=None) == []


def test_s15_the_crown_courts_decision_is_not_in_the_future() -> None:
    lodged = date(2026, 3, 10)
    assert r.youth_court_appeal_outcome_blockers(lodged_on=lodged, decided_on=lodged, today=lodged) == []
    assert r.youth_court_appeal_outcome_blockers(
        lodged_on=lodged, decided_on=lodged + timedelta(days=1), today=lodged
    ) == ["The date of the decision cannot be in the future"]
    assert r.youth_court_appeal_outcome_blockers(
        lodged_on=lodged, decided_on=lodged - timedelta(days=1), today=lodged
    ) == ["The Crown Court's decision cannot be before the appeal (10 March 2026)"]
    assert r.youth_court_appeal_outcome_blockers(lodged_on=None, decided_on=lodged, today=lodged) == [
        "No appeal to the Crown Court is pending"
    ]


def test_sch2_para1_2_the_order_records_a_date_of_birth_an_end_and_listed_requirements() -> None:
    found = date(2026, 3, 10)

    def blockers(**over: object) -> list[str]:
        kw: dict[str, object] = {
            "recipient": Recipient("y16", date_of_birth=date(2010, 1, 1)),
            "found_on": found,
            "court": "youth_court",
            "order": "supervision",
            "yot_consulted_on": date(2026, 3, 1),
            "ends_on": date(2026, 9, 9),
            "requirements": {"supervision"},
            "activity_days": None,
            "no_other_power_appropriate": False,
        }
        kw.update(over)
        return r.youth_breach_order_blockers(**kw)  # type: ignore[arg-type]

    assert blockers() == []
    assert blockers(recipient=Recipient("u")) == [
        "Record the respondent's date of birth: supervision and detention orders are for under-18s "
        "(Sch 2 para 1(1))"
    ]
    assert blockers(ends_on=None) == ["Enter the day the order ends"]
    # An order may end on the day it is made, not before.
    assert blockers(ends_on=found) == []
    assert blockers(ends_on=found - timedelta(days=1)) == ["The order cannot end before it was made"]
    assert blockers(requirements={"supervision", "tagging"}) == ["Choose requirements from the list"]
    assert blockers(requirements={"curfew"}) == []
    # A detention order: 14 on the day of the finding may be detained, 13 may not.
    detention = {
        "order": "detention",
        "requirements": set(),
        "no_other_power_appropriate": True,
        "ends_on": date(2026, 6, 10),
    }
    assert blockers(**detention, recipient=Recipient("14", date_of_birth=date(2012, 3, 10))) == []
    assert blockers(**detention, recipient=Recipient("13", date_of_birth=date(2012, 3, 11))) == [
        "A detention order cannot be made on someone under 14 (Sch 2 para 1(5))"
    ]


def test_ha1985_s83za_s84a_notice_served_on_the_day_of_the_trigger_and_48_hours_under_the_notice() -> None:
    # Served on the day of the conviction: in time; the day before: not yet possible. Without a rule
    # set the one in force on the day of service applies.
    def served(on: date) -> list[str]:
        return r.absolute_ground_blockers(
            issuer=IC.HOUSING_PROVIDER, condition="cbo_breach", trigger_on=date(2026, 12, 1), served_on=on
        )

    assert served(date(2026, 12, 1)) == []
    assert served(date(2026, 11, 30)) == [
        "The notice cannot be served before the conviction, finding or closure order"
    ]

    # s.84A(7): more than 48 hours under the notice and order together; the notice's hours alone can do it.
    def closure(notice_hours: float) -> list[str]:
        return r.absolute_ground_blockers(
            issuer=IC.HOUSING_PROVIDER,
            condition="closure_order",
            closure_order_hours_in_force=None,
            closure_notice_hours_before_order=notice_hours,
            rules=RULES,
        )

    assert closure(48) == [
        "The closure-order condition needs access prohibited, under the closure notice and order together, "
        "for more than 48 hours"
    ]
    assert closure(48.5) == []


def test_s52_s68_no_fixed_penalty_for_other_powers() -> None:
    with pytest.raises(ValueError, match="no fixed penalty for a breach of a criminal behaviour order"):
        r.fpn_section(Power.CBO)


def test_s43_5_cpn_waits_for_the_warnings_time_to_comply_in_uk_time() -> None:
    comply_by = at(2026, 7, 1, 18)  # 18:00 BST = 17:00 UTC
    cpw = r.WarningFacts("a", "Loud music", at(2026, 6, 1, 9), comply_by, Status.ISSUED)

    def blockers(now: datetime) -> list[str]:
        return r.cpn_blockers(
            rules=RULES,
            cpw=cpw,
            recipient=ADULT,
            conduct="loud  MUSIC",
            now=now,
            issuer=IC.LOCAL_AUTHORITY,
            conduct_persists=True,
            informed_parties=["Housing"],
        )

    assert blockers(comply_by - timedelta(minutes=1)) == [
        "The time to comply with the warning has not passed: you can issue the notice from 1 July 2026 at 18:00"
    ]
    assert blockers(comply_by) == []


def test_s46_3_the_court_may_suspend_a_stop_requirement_pending_the_appeal() -> None:
    kw: dict[str, object] = {
        "power": Power.CPN,
        "status": Status.APPEALED,
        "outcome": Status.BREACHED,
        "issued_on": date(2025, 6, 1),
        "on": date(2025, 6, 5),
        "today": date(2025, 6, 10),
        "breached_requirement": RequirementKind.STOP,
    }
    assert r.compliance_blockers(**kw, suspended_by_court=True) == [  # type: ignore[arg-type]
        "The court ordered that the requirement has no effect while the appeal is pending"
    ]
    assert r.compliance_blockers(**kw, suspended_by_court=False) == []  # type: ignore[arg-type]


def test_s35_8_a_direction_varied_at_the_moment_given_or_now_and_shown_in_uk_time() -> None:
    given = at(2026, 7, 1, 20)

    def blockers(varied_at: datetime, now: datetime, current_until: datetime | None = None) -> list[str]:
        return r.dispersal_variation_step_blockers(
            rules=RULES,
            issuer=IC.CONSTABLE,
            first_given_at=given,
            current_excluded_until=current_until or given + timedelta(hours=24),
            varied_at=varied_at,
            new_excluded_until=given + timedelta(hours=30),
            now=now,
            in_writing=True,
        )

    assert blockers(given, given) == []
    assert blockers(given - timedelta(minutes=1), given) == [
        "The variation cannot be before the direction was given"
    ]
    assert blockers(given + timedelta(hours=1), given + timedelta(hours=1)) == []
    assert blockers(given + timedelta(hours=1), given + timedelta(minutes=59)) == [
        "The time of the variation must be now or in the past"
    ]
    ended = given + timedelta(hours=2)  # 22:00 BST
    assert blockers(ended, ended, current_until=ended)[0] == (
        "The exclusion ended 1 July 2026 at 22:00: a direction that has ended cannot be varied"
    )


def test_s8_an_injunction_is_varied_on_its_last_day_not_after() -> None:
    def blockers(varied_on: date) -> list[str]:
        return r.injunction_variation_blockers(
            rules=RULES,
            granted_on=date(2026, 1, 10),
            granted_to_youth=False,
            current_end=date(2026, 7, 10),
            varied_on=varied_on,
            new_end=date(2026, 12, 31),
            requirements="Not to enter Market Place",
            today=date(2026, 8, 1),
        )

    assert blockers(date(2026, 7, 10)) == []
    assert blockers(date(2026, 7, 11)) == ["The injunction ended on 10 July 2026: it can no longer be varied"]
