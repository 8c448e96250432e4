"""Rule-table tests for every 2014 Act power: guards, clocks (Christmas Day, month ends), youth rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csphub.powers import rules as r
from csphub.powers.rules import IssuerCapacity as IC
from csphub.powers.rules import Power, Recipient, Status

RULES = r.rules_in_force(date(2025, 6, 1))
LON = r.UK_TZ


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LON)


ADULT = Recipient(key="p1", date_of_birth=date(1990, 5, 1))
BODY = Recipient(key="org1", is_body=True)


# ---------------------------------------------------------------- rule tables


def test_rules_in_force_picks_latest_effective_version() -> None:
    assert r.rules_in_force(date(2020, 1, 1)).version == "2014-act-2014-10"
    assert r.rules_in_force(date(2023, 3, 1)).version == "2014-act-2023-03"
    assert r.rules_in_force(date(2023, 2, 28)).version == "2014-act-2014-10"


def test_no_rules_before_commencement() -> None:
    with pytest.raises(r.NoRulesInForce):
        r.rules_in_force(date(2014, 10, 19))


def test_a_future_version_applies_only_from_its_date() -> None:
    bill = r.RuleSet(version="bill-2026", effective_from=date(2026, 6, 1), source="test", fpn_max_gbp=500)
    sets = (*r.RULE_SETS, bill)
    assert r.rules_in_force(date(2026, 5, 31), rule_sets=sets).fpn_max_gbp == 100
    assert r.rules_in_force(date(2026, 6, 1), rule_sets=sets).fpn_max_gbp == 500


def test_rule_set_lookup_by_version() -> None:
    assert r.rule_set("2014-act-2023-03").cpn_appeal_days == 21
    with pytest.raises(r.NoRulesInForce):
        r.rule_set("nope")


def test_statutory_numbers() -> None:
    assert (RULES.cpn_appeal_days, RULES.fpn_max_gbp, RULES.fpn_no_prosecution_days) == (21, 100, 14)
    assert (RULES.dispersal_max_hours, RULES.dispersal_min_age, RULES.pspo_max_years) == (48, 10, 3)
    assert (RULES.closure_notice_max_hours, RULES.closure_notice_extended_max_hours) == (24, 48)
    assert (RULES.closure_order_max_months, RULES.closure_order_total_max_months) == (3, 6)
    assert (RULES.injunction_youth_max_months, RULES.cbo_youth_years) == (12, (1, 3))
    assert RULES.absolute_ground_review_days == 7


# ---------------------------------------------------------------- state machines


@pytest.mark.parametrize("power", list(Power))
def test_every_power_starts_in_draft_and_terminal_states_are_final(power: Power) -> None:
    table = r.TRANSITIONS[power]
    assert Status.DRAFT in table
    for status in r.TERMINAL:
        if (power, status) == (Power.CLOSURE_ORDER, Status.REFUSED):
            # The one exception: the police or council appeal a refusal (s.84(2)(a), (3)(a)).
            assert r.allowed_transitions(power, status) == frozenset({Status.APPEALED})
            continue
        assert r.allowed_transitions(power, status) == frozenset()
    assert r.can_transition(power, Status.DRAFT, Status.WITHDRAWN)


@pytest.mark.parametrize(
    ("power", "src", "dst", "ok"),
    [
        (Power.CPW, Status.DRAFT, Status.ISSUED, True),
        (Power.CPW, Status.ISSUED, Status.ESCALATED, True),
        (Power.CPW, Status.ISSUED, Status.APPEALED, False),  # no appeal against a warning
        (Power.CPN, Status.ISSUED, Status.APPEALED, True),
        (Power.CPN, Status.APPEALED, Status.QUASHED, True),
        (Power.CPN, Status.QUASHED, Status.ISSUED, False),
        (Power.CPN, Status.DRAFT, Status.BREACHED, False),
        (Power.FPN, Status.ISSUED, Status.PAID, True),
        (Power.FPN, Status.PAID, Status.PROSECUTED, False),
        (Power.INJUNCTION, Status.DRAFT, Status.GRANTED, False),
        (Power.INJUNCTION, Status.APPLIED, Status.GRANTED, True),
        (Power.CBO, Status.APPLIED, Status.REFUSED, True),
        (Power.DISPERSAL_AUTHORISATION, Status.DRAFT, Status.AUTHORISED, True),
        (Power.DISPERSAL_DIRECTION, Status.ISSUED, Status.VARIED, True),
        (Power.PSPO, Status.MADE, Status.EXTENDED, True),
        (Power.PSPO, Status.EXPIRED, Status.EXTENDED, False),
        (Power.CLOSURE_NOTICE, Status.ISSUED, Status.ESCALATED, True),
        (Power.CLOSURE_ORDER, Status.GRANTED, Status.EXTENDED, True),
        (Power.CLOSURE_ORDER, Status.REFUSED, Status.EXTENDED, False),
        (Power.ABSOLUTE_GROUND, Status.ISSUED, Status.REVIEW_REQUESTED, True),
        (Power.ABSOLUTE_GROUND, Status.REVIEW_REQUESTED, Status.ESCALATED, False),
    ],
)
def test_can_transition(power: Power, src: Status, dst: Status, ok: bool) -> None:
    assert r.can_transition(power, src, dst) is ok


@given(st.sampled_from(list(Power)), st.sampled_from(list(Status)), st.sampled_from(list(Status)))
def test_can_transition_agrees_with_table(power: Power, src: Status, dst: Status) -> None:
    assert r.can_transition(power, src, dst) == (dst in r.TRANSITIONS[power].get(src, frozenset()))
    assert not r.can_transition(power, src, Status.DRAFT)


@pytest.mark.parametrize("power", list(Power))
def test_every_power_has_label_section_and_issuers(power: Power) -> None:
    assert r.POWER_LABELS[power] and r.POWER_SECTIONS[power] and r.AUTHORISED_ISSUERS[power]
    assert r.statuses_of(power) >= {Status.DRAFT, Status.WITHDRAWN}


# ---------------------------------------------------------------- calendar helpers


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),  # leap year
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
        (date(2024, 5, 31), -3, date(2024, 2, 29)),
    ],
)
def test_add_months_clamps_month_end(start: date, months: int, expected: date) -> None:
    assert r.add_months(start, months) == expected


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 48))
def test_add_months_properties(start: date, months: int) -> None:
    end = r.add_months(start, months)
    assert (end.year - start.year) * 12 + end.month - start.month == months
    assert end.day <= start.day
    assert end >= start


@pytest.mark.parametrize(
    ("dob", "on", "age"),
    [
        (date(2008, 3, 10), date(2024, 3, 9), 15),
        (date(2008, 3, 10), date(2024, 3, 10), 16),
        (date(2008, 2, 29), date(2024, 2, 28), 15),
        (date(2008, 2, 29), date(2024, 2, 29), 16),
        (date(2008, 2, 29), date(2025, 2, 28), 16),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
    ],
)
def test_age_on(dob: date, on: date, age: int) -> None:
    assert r.age_on(dob, on) == age


def test_period_last_day_includes_first_day() -> None:
    assert r.period_last_day(date(2025, 1, 1), 1) == date(2025, 1, 1)
    assert r.period_last_day(date(2025, 1, 1), 21) == date(2025, 1, 21)
    with pytest.raises(ValueError):
        r.period_last_day(date(2025, 1, 1), 0)


# ---------------------------------------------------------------- Christmas Day clock


def test_hours_without_christmas_are_plain_hours() -> None:
    assert r.add_hours_disregarding_christmas(at(2025, 6, 1, 10), 48) == at(2025, 6, 3, 10)


def test_christmas_day_not_counted_when_spanning_it() -> None:
    # Served 24 Dec 10:00: 14 h to midnight, skip 25 Dec, 34 h more → 27 Dec 10:00.
    assert r.add_hours_disregarding_christmas(at(2025, 12, 24, 10), 48) == at(2025, 12, 27, 10)


def test_served_on_christmas_day_clock_starts_on_boxing_day() -> None:
    assert r.add_hours_disregarding_christmas(at(2025, 12, 25, 15), 48) == at(2025, 12, 28, 0)


def test_period_ending_exactly_at_christmas_midnight() -> None:
    assert r.add_hours_disregarding_christmas(at(2025, 12, 23, 0), 48) == at(2025, 12, 25, 0)


def test_period_ending_before_christmas_unaffected() -> None:
    assert r.add_hours_disregarding_christmas(at(2025, 12, 22, 9), 24) == at(2025, 12, 23, 9)


def test_served_after_christmas_unaffected_and_next_year_counted() -> None:
    assert r.add_hours_disregarding_christmas(at(2025, 12, 26, 9), 48) == at(2025, 12, 28, 9)
    assert r.add_hours_disregarding_christmas(at(2025, 12, 26, 9), 24 * 365) == at(2026, 12, 27, 9)


def test_christmas_is_uk_local_time_even_for_utc_input() -> None:
    served = datetime(2025, 12, 24, 10, tzinfo=UTC)  # GMT = UTC in December
    assert r.add_hours_disregarding_christmas(served, 48) == datetime(2025, 12, 27, 10, tzinfo=UTC)


def test_naive_datetimes_rejected() -> None:
    with pytest.raises(ValueError):
        r.add_hours_disregarding_christmas(datetime(2025, 1, 1), 1)
    with pytest.raises(ValueError):
        r.add_hours_disregarding_christmas(at(2025, 1, 1), -1)


def test_clock_across_dst_change_counts_elapsed_hours() -> None:
    # Clocks go forward 30 March 2025: 48 elapsed hours from 29 March 12:00 GMT is 31 March 13:00 BST.
    assert r.add_hours_disregarding_christmas(at(2025, 3, 29, 12), 48) == at(2025, 3, 31, 13)


@given(
    st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)),
    st.integers(min_value=0, max_value=24 * 30),
)
def test_christmas_clock_inverse(start: datetime, hours: int) -> None:
    end = r.add_hours_disregarding_christmas(start, hours)
    assert end >= start + timedelta(hours=hours)
    assert end - start <= timedelta(hours=hours + 24)
    assert r.hours_disregarding_christmas(start, end) == pytest.approx(hours)


def test_closure_hearing_due() -> None:
    assert r.closure_hearing_due(at(2025, 7, 1, 14)) == at(2025, 7, 3, 14)
    assert r.closure_hearing_due(at(2025, 12, 24, 18, 30)) == at(2025, 12, 27, 18, 30)
    assert r.closure_hearing_due(at(2025, 12, 23, 18, 30)) == at(2025, 12, 26, 18, 30)


def test_closure_notice_expiry_skips_christmas_only_for_48_hour_notices() -> None:
    # s.77(3): only the 48-hour period disregards Christmas Day; a 24-hour notice runs plain hours.
    assert r.closure_notice_expiry(at(2025, 12, 24, 12), 24) == at(2025, 12, 25, 12)
    assert r.closure_notice_expiry(at(2025, 12, 24, 12), 48) == at(2025, 12, 27, 12)
    assert r.closure_notice_expiry(at(2025, 12, 20, 12), 24) == at(2025, 12, 21, 12)


# ---------------------------------------------------------------- issuers


def test_issuer_blockers() -> None:
    assert r.issuer_blockers(Power.CPN, IC.CONSTABLE) == []
    assert r.issuer_blockers(Power.CPN, IC.LA_DESIGNATED_PERSON) == []
    assert r.issuer_blockers(Power.CPN, IC.PROSECUTOR)
    assert r.issuer_blockers(Power.CPN, None) == ["Record the capacity in which the issuer acts"]
    assert r.issuer_blockers(Power.DISPERSAL_AUTHORISATION, IC.CONSTABLE)
    assert r.issuer_blockers(Power.DISPERSAL_AUTHORISATION, IC.INSPECTOR) == []
    assert r.issuer_blockers(Power.PSPO, IC.CONSTABLE)
    assert r.issuer_blockers(Power.CBO, IC.LOCAL_AUTHORITY)
    assert r.issuer_blockers(Power.CLOSURE_NOTICE, IC.CONSTABLE)


# ---------------------------------------------------------------- CPW / CPN


def _cpw(**over: object) -> list[str]:
    kw: dict[str, object] = {
        "rules": RULES,
        "recipient": ADULT,
        "conduct": "Loud music at night",
        "requirements": "Stop it",
        "comply_by": at(2025, 6, 15),
        "issued_at": at(2025, 6, 1, 10),
        "issuer": IC.LOCAL_AUTHORITY,
    }
    kw.update(over)
    return r.cpw_blockers(**kw)  # type: ignore[arg-type]


def test_cpw_ok() -> None:
    assert _cpw() == []


def test_cpw_guards() -> None:
    assert any("16 or over" in m for m in _cpw(recipient=Recipient("k", date_of_birth=date(2010, 1, 1))))
    assert any("date of birth" in m for m in _cpw(recipient=Recipient("k")))
    assert _cpw(recipient=BODY) == []
    assert any("conduct" in m for m in _cpw(conduct=" "))
    assert any("must do" in m for m in _cpw(requirements=""))
    assert any("date by which" in m for m in _cpw(comply_by=None))
    assert any("after the warning" in m for m in _cpw(comply_by=at(2025, 6, 1, 9)))
    assert _cpw(issuer=IC.PROSECUTOR)


def _warning(**over: object) -> r.WarningFacts:
    kw: dict[str, object] = {
        "recipient_key": "p1",
        "conduct": "Loud music at night",
        "issued_at": at(2025, 6, 1, 10),
        "comply_by": at(2025, 6, 15, 10),
        "status": Status.ISSUED,
    }
    kw.update(over)
    return r.WarningFacts(**kw)  # type: ignore[arg-type]


def _cpn(**over: object) -> list[str]:
    kw: dict[str, object] = {
        "rules": RULES,
        "cpw": _warning(),
        "recipient": ADULT,
        "conduct": "loud  music at NIGHT",
        "now": at(2025, 6, 16),
        "issuer": IC.CONSTABLE,
        "conduct_persists": True,
        "informed_parties": ["Housing provider"],
    }
    kw.update(over)
    return r.cpn_blockers(**kw)  # type: ignore[arg-type]


def test_cpn_ok_after_time_to_comply() -> None:
    assert _cpn() == []
    assert _cpn(now=at(2025, 6, 15, 10)) == []  # exactly at the end of the time to comply


def test_cpn_blocked_before_time_to_comply() -> None:
    reasons = _cpn(now=at(2025, 6, 15, 9, 59))
    assert len(reasons) == 1 and "time to comply" in reasons[0] and "15 June 2025" in reasons[0]


def test_cpn_needs_a_warning() -> None:
    assert any("warning first" in m for m in _cpn(cpw=None))


def test_cpn_same_recipient_and_conduct() -> None:
    assert any("different recipient" in m for m in _cpn(cpw=_warning(recipient_key="p2")))
    assert any("same conduct" in m for m in _cpn(conduct="Dog fouling"))


def test_cpn_warning_must_be_live() -> None:
    assert any("withdrawn" in m for m in _cpn(cpw=_warning(status=Status.WITHDRAWN)))
    assert _cpn(cpw=_warning(status=Status.ESCALATED)) == []


def test_cpn_age_gate() -> None:
    fifteen = Recipient("p1", date_of_birth=date(2009, 6, 17))
    assert any("is 15" in m for m in _cpn(recipient=fifteen))
    sixteen_today = Recipient("p1", date_of_birth=date(2009, 6, 16))
    assert _cpn(recipient=sixteen_today) == []
    assert _cpn(recipient=Recipient("p1", is_body=True)) == []


def test_cpn_issuer_persistence_and_informed_parties() -> None:
    assert _cpn(issuer=IC.HOUSING_PROVIDER)
    assert any("continued" in m for m in _cpn(conduct_persists=False))
    assert any("s.43(6)" in m for m in _cpn(informed_parties=[" "]))


@pytest.mark.parametrize(
    ("issued", "deadline"),
    [
        (date(2025, 6, 1), date(2025, 6, 21)),
        (date(2025, 2, 10), date(2025, 3, 2)),
        (date(2024, 2, 10), date(2024, 3, 1)),  # leap year
        (date(2025, 12, 20), date(2026, 1, 9)),
    ],
)
def test_cpn_appeal_deadline(issued: date, deadline: date) -> None:
    assert r.cpn_appeal_deadline(issued) == deadline


@given(st.dates(min_value=date(2015, 1, 1), max_value=date(2060, 1, 1)))
def test_cpn_appeal_window_is_21_days_including_issue_day(issued: date) -> None:
    deadline = r.cpn_appeal_deadline(issued)
    assert (deadline - issued).days + 1 == 21


def test_requirements_during_appeal() -> None:
    assert r.requirement_in_effect("stop", appeal_pending=True)
    assert not r.requirement_in_effect("do", appeal_pending=True)
    assert not r.requirement_in_effect(r.RequirementKind.ACHIEVE, appeal_pending=True)
    assert r.requirement_in_effect("do", appeal_pending=False)


# ---------------------------------------------------------------- FPN


def test_fpn_amounts() -> None:
    ok = {"rules": RULES, "issuer": IC.LOCAL_AUTHORITY, "notice_in_force": True}
    assert r.fpn_blockers(amount_gbp=100, **ok) == []  # type: ignore[arg-type]
    assert any("£100" in m for m in r.fpn_blockers(amount_gbp=101, **ok))  # type: ignore[arg-type]
    assert r.fpn_blockers(amount_gbp=0, **ok)  # type: ignore[arg-type]
    assert r.fpn_blockers(amount_gbp=100, early_amount_gbp=75, early_period_days=10, **ok) == []  # type: ignore[arg-type]
    assert r.fpn_blockers(amount_gbp=100, early_amount_gbp=75, early_period_days=14, **ok)  # type: ignore[arg-type]
    assert r.fpn_blockers(amount_gbp=100, early_amount_gbp=100, early_period_days=10, **ok)  # type: ignore[arg-type]
    assert r.fpn_blockers(amount_gbp=100, early_amount_gbp=75, **ok)  # type: ignore[arg-type]
    assert r.fpn_blockers(amount_gbp=100, rules=RULES, issuer=IC.LOCAL_AUTHORITY, notice_in_force=False)


def test_fpn_max_follows_rule_version() -> None:
    bill = r.RuleSet(version="bill", effective_from=date(2026, 1, 1), source="t", fpn_max_gbp=500)
    assert r.fpn_blockers(amount_gbp=400, rules=bill, issuer=IC.CONSTABLE, notice_in_force=True) == []


def test_fpn_prosecution_clock() -> None:
    issued = date(2025, 6, 1)
    assert r.fpn_payment_deadline(issued, rules=RULES) == date(2025, 6, 15)
    assert r.fpn_prosecution_earliest(issued, rules=RULES) == date(2025, 6, 16)
    assert r.fpn_prosecution_blockers(issued_on=issued, today=date(2025, 6, 15), paid_on=None, rules=RULES)
    assert (
        r.fpn_prosecution_blockers(issued_on=issued, today=date(2025, 6, 16), paid_on=None, rules=RULES) == []
    )
    paid = r.fpn_prosecution_blockers(
        issued_on=issued, today=date(2025, 7, 1), paid_on=date(2025, 6, 15), rules=RULES
    )
    assert any("paid in time" in m for m in paid)
    late = r.fpn_prosecution_blockers(
        issued_on=issued, today=date(2025, 7, 1), paid_on=date(2025, 6, 20), rules=RULES
    )
    assert late == []


# ---------------------------------------------------------------- injunction (youth rules)

YOUTH = Recipient("y1", date_of_birth=date(2009, 9, 1))  # 15 on 1 June 2025


def _inj(**over: object) -> list[str]:
    kw: dict[str, object] = {
        "rules": RULES,
        "recipient": ADULT,
        "applied_on": date(2025, 6, 1),
        "issuer": IC.LOCAL_AUTHORITY,
        "court": r.Court.COUNTY,
        "ends_on": None,
        "yot_consulted_on": None,
    }
    kw.update(over)
    return r.injunction_blockers(**kw)  # type: ignore[arg-type]


def test_injunction_adult_until_further_order() -> None:
    assert _inj() == []
    assert any("county court" in m for m in _inj(court=r.Court.YOUTH))
    assert r.injunction_court(ADULT, date(2025, 6, 1), rules=RULES) is r.Court.COUNTY


def test_injunction_youth_rules() -> None:
    assert r.injunction_court(YOUTH, date(2025, 6, 1), rules=RULES) is r.Court.YOUTH
    ok = {
        "recipient": YOUTH,
        "court": r.Court.YOUTH,
        "ends_on": date(2026, 6, 1),
        "yot_consulted_on": date(2025, 5, 20),
    }
    assert _inj(**ok) == []
    assert any("youth court" in m for m in _inj(**{**ok, "court": r.Court.COUNTY}))
    assert any("end date" in m for m in _inj(**{**ok, "ends_on": None}))
    assert any("12 months" in m for m in _inj(**{**ok, "ends_on": date(2026, 6, 2)}))
    assert any("youth offending team" in m for m in _inj(**{**ok, "yot_consulted_on": None}))
    assert any("youth offending team" in m for m in _inj(**{**ok, "yot_consulted_on": date(2025, 6, 2)}))
    # Without notice the consultation comes before the first on-notice hearing instead.
    assert _inj(**{**ok, "yot_consulted_on": None, "without_notice": True}) == []


def test_injunction_youth_twelve_months_month_end() -> None:
    youth = Recipient("y", date_of_birth=date(2010, 1, 1))
    common = {
        "recipient": youth,
        "court": r.Court.YOUTH,
        "yot_consulted_on": date(2024, 2, 1),
        "applied_on": date(2024, 2, 29),
    }
    assert _inj(**common, ends_on=date(2025, 2, 28)) == []
    assert _inj(**common, ends_on=date(2025, 3, 1))


def test_injunction_minimum_age_and_bodies() -> None:
    nine = Recipient("c", date_of_birth=date(2016, 1, 1))
    assert any("10 or over" in m for m in _inj(recipient=nine, court=r.Court.YOUTH))
    assert _inj(recipient=BODY)
    assert _inj(issuer=IC.PROSECUTOR)
    assert _inj(ends_on=date(2025, 6, 1))


# ---------------------------------------------------------------- CBO


def _cbo(**over: object) -> list[str]:
    kw: dict[str, object] = {
        "rules": RULES,
        "recipient": ADULT,
        "applied_on": date(2025, 6, 1),
        "issuer": IC.PROSECUTOR,
        "convicted_on": date(2025, 5, 1),
        "disposal": r.Disposal.SENTENCE,
        "starts_on": date(2025, 6, 1),
        "ends_on": None,
        "yot_views_on": None,
    }
    kw.update(over)
    return r.cbo_blockers(**kw)  # type: ignore[arg-type]


def test_cbo_adult() -> None:
    assert _cbo() == []
    assert _cbo(ends_on=date(2027, 6, 1)) == []
    assert any("at least 2 years" in m for m in _cbo(ends_on=date(2027, 5, 31)))


def test_cbo_needs_conviction_and_qualifying_disposal() -> None:
    assert any("conviction" in m for m in _cbo(convicted_on=None))
    assert any("before the application" in m for m in _cbo(convicted_on=date(2025, 6, 2)))
    assert _cbo(disposal=r.Disposal.CONDITIONAL_DISCHARGE) == []
    assert _cbo(disposal=r.Disposal.ABSOLUTE_DISCHARGE)
    assert _cbo(disposal=r.Disposal.BIND_OVER)
    assert _cbo(disposal=None)
    assert _cbo(issuer=IC.LOCAL_AUTHORITY)


def test_cbo_youth_one_to_three_years_and_yot_views() -> None:
    ok = {"recipient": YOUTH, "yot_views_on": date(2025, 5, 25)}
    assert _cbo(**ok, ends_on=date(2026, 6, 1)) == []
    assert _cbo(**ok, ends_on=date(2028, 6, 1)) == []
    assert any("between 1 and 3" in m for m in _cbo(**ok, ends_on=date(2026, 5, 31)))
    assert any("between 1 and 3" in m for m in _cbo(**ok, ends_on=date(2028, 6, 2)))
    assert any("fixed period" in m for m in _cbo(**ok, ends_on=None))
    assert any("views" in m for m in _cbo(recipient=YOUTH, ends_on=date(2027, 6, 1), yot_views_on=None))


def test_cbo_youth_annual_reviews_stop_at_eighteen() -> None:
    # Born 1 Sep 2009; order 1 Jun 2025 - 1 Jun 2028; 18 on 1 Sep 2027.
    dates = r.cbo_youth_review_dates(
        recipient=YOUTH, starts_on=date(2025, 6, 1), ends_on=date(2028, 6, 1), rules=RULES
    )
    # s.337: before the end of each 12-month period; 18 on 1 Sep 2027, so period 2 (to 31 May 2027)
    # ends while under 18 and period 3 (to 31 May 2028) does not.
    assert dates == [date(2026, 5, 31), date(2027, 5, 31)]
    assert (
        r.cbo_youth_review_dates(recipient=ADULT, starts_on=date(2025, 6, 1), ends_on=None, rules=RULES) == []
    )
    short = r.cbo_youth_review_dates(
        recipient=YOUTH, starts_on=date(2025, 6, 1), ends_on=date(2026, 5, 31), rules=RULES
    )
    assert short == [date(2026, 5, 31)]  # a 1-year order still has its review (s.337(1))
    shorter = r.cbo_youth_review_dates(
        recipient=YOUTH, starts_on=date(2025, 6, 1), ends_on=date(2026, 5, 30), rules=RULES
    )
    assert shorter == []
    assert (
        r.cbo_youth_review_dates(recipient=BODY, starts_on=date(2025, 6, 1), ends_on=None, rules=RULES) == []
    )


def test_cbo_youth_review_month_end() -> None:
    kid = Recipient("k", date_of_birth=date(2012, 1, 1))
    dates = r.cbo_youth_review_dates(
        recipient=kid, starts_on=date(2024, 2, 29), ends_on=date(2027, 2, 28), rules=RULES
    )
    # Periods beginning with 29 Feb 2024 end on the last day of February when it has no 29th; the
    # third period ends on 28 Feb 2027, the order's last day, so it is reviewed too (s.337(1)).
    assert dates == [date(2025, 2, 28), date(2026, 2, 28), date(2027, 2, 28)]


# ---------------------------------------------------------------- dispersal


def _auth(**over: object) -> list[str]:
    kw: dict[str, object] = {
        "rules": RULES,
        "issuer": IC.INSPECTOR,
        "locality": "Market Place, Ripley",
        "grounds": "Fights",
        "starts_at": at(2025, 6, 6, 18),
        "ends_at": at(2025, 6, 8, 18),
        "human_rights_considered": "No protest",
        "signed": True,
    }
    kw.update(over)
    return r.dispersal_authorisation_blockers(**kw)  # type: ignore[arg-type]


def test_dispersal_authorisation() -> None:
    assert _auth() == []
    assert any("48 hours" in m for m in _auth(ends_at=at(2025, 6, 8, 18, 1)))
    assert _auth(issuer=IC.CONSTABLE)
    assert _auth(issuer=IC.SUPERINTENDENT) == []
    assert _auth(locality="")
    assert _auth(grounds="")
    assert _auth(human_rights_considered="")
    assert _auth(signed=False)
    assert _auth(ends_at=at(2025, 6, 6, 18))


def _direction(**over: object) -> list[str]:
    kw: dict[str, object] = {
        "rules": RULES,
        "issuer": IC.CONSTABLE,
        "recipient": Recipient("d", date_of_birth=date(2012, 1, 1)),
        "given_at": at(2025, 6, 7, 20),
        "excluded_until": at(2025, 6, 9, 20),
        "authorisation_window": (at(2025, 6, 6, 18), at(2025, 6, 8, 18)),
        "in_writing": True,
        "exclusions_checked": r.S36_EXCLUSIONS,
    }
    kw.update(over)
    return r.dispersal_direction_blockers(**kw)  # type: ignore[arg-type]


def test_dispersal_direction() -> None:
    # The exclusion may outlast the authorisation when given during it (s.35(4)).
    assert _direction() == []
    assert any("48 hours" in m for m in _direction(excluded_until=at(2025, 6, 9, 20, 1)))
    assert any("under 10" in m for m in _direction(recipient=Recipient("c", date_of_birth=date(2015, 6, 8))))
    assert _direction(recipient=Recipient("c", date_of_birth=date(2015, 6, 7))) == []
    assert any(
        "not in force" in m for m in _direction(given_at=at(2025, 6, 8, 18), excluded_until=at(2025, 6, 9))
    )
    assert any("needs a dispersal authorisation" in m for m in _direction(authorisation_window=None))
    assert any("writing" in m for m in _direction(in_writing=False))
    assert _direction(in_writing=False, not_in_writing_reason="Crowd; no forms to hand") == []
    assert any("education" in m for m in _direction(exclusions_checked=r.S36_EXCLUSIONS[:3]))
    assert _direction(issuer=IC.LOCAL_AUTHORITY)
    assert _direction(recipient=BODY)


def test_dispersal_removal_under_16_and_variation_cap() -> None:
    assert r.dispersal_removal_allowed(
        Recipient("a", date_of_birth=date(2010, 1, 1)), date(2025, 6, 1), rules=RULES
    )
    assert not r.dispersal_removal_allowed(
        Recipient("a", date_of_birth=date(2009, 6, 1)), date(2025, 6, 1), rules=RULES
    )
    first = at(2025, 6, 7, 20)
    assert (
        r.dispersal_variation_blockers(
            rules=RULES, first_given_at=first, new_excluded_until=at(2025, 6, 9, 20)
        )
        == []
    )
    assert r.dispersal_variation_blockers(
        rules=RULES, first_given_at=first, new_excluded_until=at(2025, 6, 9, 21)
    )


# ---------------------------------------------------------------- PSPO


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


def test_pspo_making() -> None:
    assert _pspo() == []
    assert any("3 years" in m for m in _pspo(expires_on=date(2028, 6, 1)))
    assert any(
        "police and crime commissioner" in m for m in _pspo(consultation_done=["chief_officer_of_police"])
    )
    assert _pspo(publicised=False)
    assert _pspo(issuer=IC.CONSTABLE)
    done = [c for c in r.PSPO_CONSULTEES if c not in {"county_council_notified", "parish_council_notified"}]
    assert _pspo(consultation_done=done)
    assert _pspo(consultation_done=done, two_tier=False, parished=False) == []


def test_pspo_leap_day_three_years() -> None:
    assert _pspo(made_on=date(2024, 2, 29), expires_on=date(2027, 2, 28)) == []
    assert _pspo(made_on=date(2024, 2, 29), expires_on=date(2027, 3, 1))


def test_pspo_clocks() -> None:
    assert r.pspo_challenge_deadline(date(2025, 6, 1), rules=RULES) == date(2025, 7, 12)
    assert r.pspo_review_due(date(2028, 6, 1), rules=RULES) == date(2028, 3, 3)


def test_pspo_extension() -> None:
    assert (
        r.pspo_extension_blockers(
            rules=RULES,
            current_expiry=date(2028, 6, 1),
            extended_on=date(2028, 5, 1),
            new_expiry=date(2031, 6, 1),
        )
        == []
    )
    assert r.pspo_extension_blockers(  # the day after its last day: expired (s.60(2))
        rules=RULES,
        current_expiry=date(2028, 6, 1),
        extended_on=date(2028, 6, 2),
        new_expiry=date(2031, 5, 1),
    )
    assert r.pspo_extension_blockers(
        rules=RULES,
        current_expiry=date(2028, 6, 1),
        extended_on=date(2028, 5, 1),
        new_expiry=date(2031, 6, 2),
    )
    assert r.pspo_extension_blockers(
        rules=RULES,
        current_expiry=date(2028, 6, 1),
        extended_on=date(2028, 5, 1),
        new_expiry=date(2028, 6, 1),
    )


# ---------------------------------------------------------------- closure notice / order


def _closure(**over: object) -> list[str]:
    kw: dict[str, object] = {
        "rules": RULES,
        "issuer": IC.INSPECTOR,
        "senior_signoff": False,
        "duration_hours": 24,
        "residents_informed": True,
        "excludes_residents_or_owner": False,
        "hearing_details_given": True,
    }
    kw.update(over)
    return r.closure_notice_blockers(**kw)  # type: ignore[arg-type]


def test_closure_notice_duration_and_signoff() -> None:
    assert _closure() == []
    assert any("superintendent" in m for m in _closure(duration_hours=25))
    # s.77(2): 48 hours for a superintendent, or a council notice signed by the chief executive;
    # an inspector's sign-off tick does not make a 48-hour notice (s.77(4) extension notice instead).
    assert _closure(duration_hours=48, senior_signoff=True)
    assert _closure(duration_hours=48, senior_signoff=True, issuer=IC.LOCAL_AUTHORITY) == []
    assert _closure(duration_hours=48, issuer=IC.SUPERINTENDENT) == []
    assert _closure(duration_hours=48, issuer=IC.LA_CHIEF_EXECUTIVE) == []
    assert any("48 hours" in m for m in _closure(duration_hours=49, issuer=IC.SUPERINTENDENT))
    assert _closure(duration_hours=0)
    assert r.closure_notice_max_hours(IC.LOCAL_AUTHORITY, senior_signoff=False, rules=RULES) == 24


def test_closure_notice_content_guards() -> None:
    assert any("live at the premises" in m for m in _closure(excludes_residents_or_owner=True))
    assert _closure(residents_informed=False)
    assert _closure(hearing_details_given=False)
    assert _closure(issuer=IC.CONSTABLE)


def test_closure_order_three_months_month_end() -> None:
    assert r.closure_order_blockers(rules=RULES, made_on=date(2024, 11, 30), ends_on=date(2025, 2, 28)) == []
    assert r.closure_order_blockers(rules=RULES, made_on=date(2024, 11, 30), ends_on=date(2025, 3, 1))
    assert r.closure_order_blockers(rules=RULES, made_on=date(2024, 11, 30), ends_on=date(2024, 11, 30))


def test_closure_order_extensions_never_beyond_six_months() -> None:
    first = date(2024, 8, 31)
    assert r.closure_order_latest_end(first, rules=RULES) == date(2025, 2, 28)
    ok = r.closure_order_extension_blockers(
        rules=RULES,
        first_made_on=first,
        current_end=date(2024, 11, 30),
        applied_on=date(2024, 11, 20),
        new_end=date(2025, 2, 28),
    )
    assert ok == []
    over = r.closure_order_extension_blockers(
        rules=RULES,
        first_made_on=first,
        current_end=date(2024, 11, 30),
        applied_on=date(2024, 11, 20),
        new_end=date(2025, 3, 1),
    )
    assert any("6 months in total" in m and "28 February 2025" in m for m in over)
    late = r.closure_order_extension_blockers(
        rules=RULES,
        first_made_on=first,
        current_end=date(2024, 11, 30),
        applied_on=date(2024, 12, 1),
        new_end=date(2025, 1, 31),
    )
    assert any("before the order ends" in m for m in late)


@given(st.dates(min_value=date(2015, 1, 1), max_value=date(2050, 1, 1)), st.integers(1, 400))
def test_closure_extension_total_property(first: date, extra_days: int) -> None:
    # s.82: each extension at most 3 months beyond the current end, 6 months in total.
    current_end = r.months_period_last_day(first, 3)
    new_end = current_end + timedelta(days=extra_days)
    blocked = r.closure_order_extension_blockers(
        rules=RULES, first_made_on=first, current_end=current_end, applied_on=current_end, new_end=new_end
    )
    too_long = new_end > r.months_period_last_day(first, 6) or new_end > r.add_months(current_end, 3)
    assert bool(blocked) == too_long


# ---------------------------------------------------------------- absolute ground


def test_absolute_ground_review_window_no_extension() -> None:
    served = date(2025, 6, 2)
    assert r.absolute_ground_review_deadline(served, rules=RULES) == date(2025, 6, 8)
    assert (
        r.absolute_ground_review_blockers(notice_served_on=served, requested_on=date(2025, 6, 8), rules=RULES)
        == []
    )
    late = r.absolute_ground_review_blockers(
        notice_served_on=served, requested_on=date(2025, 6, 9), rules=RULES
    )
    assert any("no power to extend" in m for m in late)
    assert r.absolute_ground_review_blockers(
        notice_served_on=served, requested_on=date(2025, 6, 1), rules=RULES
    )


def test_absolute_ground_conditions() -> None:
    assert r.absolute_ground_blockers(issuer=IC.HOUSING_PROVIDER, condition="cbo_breach") == []
    assert r.absolute_ground_blockers(issuer=IC.HOUSING_PROVIDER, condition=None)
    assert r.absolute_ground_blockers(issuer=IC.CONSTABLE, condition="cbo_breach")
    assert r.absolute_ground_blockers(
        issuer=IC.HOUSING_PROVIDER, condition="closure_order", closure_order_hours_in_force=48
    )
    assert (
        r.absolute_ground_blockers(
            issuer=IC.HOUSING_PROVIDER, condition="closure_order", closure_order_hours_in_force=49
        )
        == []
    )
