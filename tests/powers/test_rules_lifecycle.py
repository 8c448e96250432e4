"""Rule tests for the later lifecycle steps: injunction outcome and variation, CBO variation,
order discharge, dispersal direction variation, PSPO extension and variation, CPW/CPN compliance.
Edges: the 12-month youth limit to the day, 48 hours from the first direction to the minute,
3 years from the extension date, a leap day, dates in the future or before the order."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from csphub.powers import rules as r
from csphub.powers.rules import IssuerCapacity as IC
from csphub.powers.rules import Power, Recipient, Status

RULES = r.rules_in_force(date(2025, 6, 1))
LON = r.UK_TZ
ADULT = Recipient(key="p1", date_of_birth=date(1990, 5, 1))
# 17 on 1 June 2025, 18 on 1 December 2025.
YOUTH = Recipient(key="p2", date_of_birth=date(2007, 12, 1))
TODAY = date(2025, 6, 10)


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LON)


# ---------------------------------------------------------------- state machine


@pytest.mark.parametrize(
    ("power", "frm", "to"),
    [
        (Power.INJUNCTION, Status.APPLIED, Status.GRANTED),
        (Power.INJUNCTION, Status.APPLIED, Status.REFUSED),
        (Power.INJUNCTION, Status.GRANTED, Status.VARIED),
        (Power.INJUNCTION, Status.VARIED, Status.VARIED),
        (Power.INJUNCTION, Status.VARIED, Status.DISCHARGED),
        (Power.CBO, Status.GRANTED, Status.VARIED),
        (Power.CBO, Status.GRANTED, Status.DISCHARGED),
        (Power.DISPERSAL_DIRECTION, Status.ISSUED, Status.VARIED),
        (Power.DISPERSAL_DIRECTION, Status.VARIED, Status.VARIED),
        (Power.PSPO, Status.MADE, Status.EXTENDED),
        (Power.PSPO, Status.EXTENDED, Status.VARIED),
        (Power.CLOSURE_ORDER, Status.EXTENDED, Status.DISCHARGED),
        (Power.CPW, Status.ISSUED, Status.COMPLIED),
        (Power.CPW, Status.ISSUED, Status.EXPIRED),
        (Power.CPN, Status.UPHELD, Status.BREACHED),
        (Power.CPN, Status.BREACHED, Status.COMPLIED),
    ],
)
def test_lifecycle_transitions_allowed(power: Power, frm: Status, to: Status) -> None:
    assert r.can_transition(power, frm, to)


@pytest.mark.parametrize(
    ("power", "frm", "to"),
    [
        (Power.INJUNCTION, Status.REFUSED, Status.VARIED),
        (Power.INJUNCTION, Status.APPLIED, Status.VARIED),
        (Power.INJUNCTION, Status.DISCHARGED, Status.VARIED),
        (Power.CBO, Status.DISCHARGED, Status.VARIED),
        (Power.DISPERSAL_DIRECTION, Status.BREACHED, Status.VARIED),
        (Power.PSPO, Status.EXPIRED, Status.EXTENDED),
        (Power.CLOSURE_ORDER, Status.APPLIED, Status.DISCHARGED),
        (Power.CPW, Status.ESCALATED, Status.COMPLIED),
        (Power.CPW, Status.ISSUED, Status.BREACHED),
        (Power.CPN, Status.COMPLIED, Status.BREACHED),
    ],
)
def test_lifecycle_transitions_refused(power: Power, frm: Status, to: Status) -> None:
    assert not r.can_transition(power, frm, to)


# ---------------------------------------------------------------- injunction


def _outcome(**over: Any) -> list[str]:
    kw: dict[str, Any] = {
        "rules": RULES,
        "recipient": ADULT,
        "applied_on": date(2025, 6, 1),
        "decided_on": date(2025, 6, 8),
        "granted": True,
        "ends_on": None,
        "requirements": "Not to enter Market Place",
        "today": TODAY,
    }
    kw.update(over)
    return r.injunction_outcome_blockers(**kw)


def test_injunction_outcome_adult_until_further_order_or_end_date() -> None:
    assert _outcome() == []
    assert _outcome(ends_on=date(2027, 6, 8)) == []
    assert any("must end after it is granted" in m for m in _outcome(ends_on=date(2025, 6, 8)))
    assert any("prohibitions and requirements" in m for m in _outcome(requirements=" "))


def test_injunction_outcome_youth_12_months_to_the_day() -> None:
    assert _outcome(recipient=YOUTH, ends_on=date(2026, 6, 8)) == []
    assert any(
        "cannot last more than 12 months" in m for m in _outcome(recipient=YOUTH, ends_on=date(2026, 6, 9))
    )
    assert any("must have an end date" in m for m in _outcome(recipient=YOUTH, ends_on=None))
    # Age is taken on the day of the grant: 18 by then, the adult rules apply.
    assert (
        _outcome(
            recipient=YOUTH,
            applied_on=date(2025, 11, 20),
            decided_on=date(2025, 12, 1),
            today=date(2025, 12, 2),
        )
        == []
    )


def test_injunction_outcome_dates_and_refusal() -> None:
    assert any("before the application" in m for m in _outcome(decided_on=date(2025, 5, 31)))
    assert any("today or in the past" in m for m in _outcome(decided_on=date(2025, 6, 11)))
    # A refusal needs no terms or end date.
    assert _outcome(granted=False, requirements="", recipient=YOUTH) == []


def _ivary(**over: Any) -> list[str]:
    kw: dict[str, Any] = {
        "rules": RULES,
        "granted_on": date(2025, 1, 31),
        "granted_to_youth": True,
        "current_end": date(2025, 12, 31),
        "varied_on": date(2025, 6, 1),
        "new_end": date(2026, 1, 31),
        "requirements": "Not to enter Market Place",
        "today": TODAY,
    }
    kw.update(over)
    return r.injunction_variation_blockers(**kw)


def test_injunction_variation_youth_never_beyond_12_months_from_grant() -> None:
    assert _ivary() == []
    assert any("latest end 31 January 2026" in m for m in _ivary(new_end=date(2026, 2, 1)))
    assert any("must keep an end date" in m for m in _ivary(new_end=None))
    assert _ivary(granted_to_youth=False, new_end=None) == []
    assert any("can no longer be varied" in m for m in _ivary(current_end=date(2025, 5, 31)))
    assert any("after the variation" in m for m in _ivary(new_end=date(2025, 6, 1)))
    assert any("before the injunction was granted" in m for m in _ivary(varied_on=date(2025, 1, 30)))


def test_order_discharge_dates() -> None:
    kw: dict[str, Any] = {
        "started_on": date(2025, 1, 1),
        "current_end": date(2025, 6, 30),
        "discharged_on": date(2025, 6, 1),
        "today": TODAY,
        "what": "closure order",
    }
    assert r.order_discharge_blockers(**kw) == []
    assert r.order_discharge_blockers(**kw | {"discharged_on": date(2025, 1, 1)}) == []
    assert r.order_discharge_blockers(**kw | {"discharged_on": date(2024, 12, 31)})
    assert r.order_discharge_blockers(**kw | {"discharged_on": date(2025, 6, 11)})
    assert any(
        "cannot be discharged" in m
        for m in r.order_discharge_blockers(**kw | {"current_end": date(2025, 5, 31)})
    )
    assert r.order_discharge_blockers(**kw | {"current_end": None}) == []


# ---------------------------------------------------------------- CBO


def _cvary(**over: Any) -> list[str]:
    kw: dict[str, Any] = {
        "rules": RULES,
        "made_on_youth": True,
        "starts_on": date(2025, 1, 1),
        "current_end": date(2027, 1, 1),
        "varied_on": date(2025, 6, 1),
        "new_end": date(2028, 1, 1),
        "requirements": "Not to enter Ripley",
        "today": TODAY,
    }
    kw.update(over)
    return r.cbo_variation_blockers(**kw)


def test_cbo_variation_keeps_youth_one_to_three_years() -> None:
    assert _cvary() == []
    assert _cvary(new_end=date(2026, 1, 1)) == []
    assert any("between 1 and 3 years" in m for m in _cvary(new_end=date(2028, 1, 2)))
    assert any("between 1 and 3 years" in m for m in _cvary(new_end=date(2025, 12, 31)))
    assert any("fixed period" in m for m in _cvary(new_end=None))


def test_cbo_variation_adult_two_years_or_indefinite() -> None:
    assert _cvary(made_on_youth=False, new_end=None) == []
    assert _cvary(made_on_youth=False, new_end=date(2027, 1, 1)) == []
    assert any("at least 2 years" in m for m in _cvary(made_on_youth=False, new_end=date(2026, 12, 31)))
    assert any("can no longer be varied" in m for m in _cvary(current_end=date(2025, 5, 1)))
    assert any("today or in the past" in m for m in _cvary(varied_on=date(2025, 6, 11)))


def test_youth_review_dates_after_variation_shorten_and_stop_at_18() -> None:
    starts = date(2025, 1, 1)
    before = r.cbo_youth_review_dates(
        recipient=YOUTH, starts_on=starts, ends_on=date(2028, 1, 1), rules=RULES
    )
    assert before == []  # 18 on 1 December 2025, before the first period ends on 31 December 2025
    young = Recipient(key="p3", date_of_birth=date(2012, 3, 1))
    long = r.cbo_youth_review_dates(recipient=young, starts_on=starts, ends_on=date(2028, 1, 1), rules=RULES)
    short = r.cbo_youth_review_dates(recipient=young, starts_on=starts, ends_on=date(2026, 6, 1), rules=RULES)
    assert long == [date(2025, 12, 31), date(2026, 12, 31), date(2027, 12, 31)]
    assert short == [date(2025, 12, 31)]


# ---------------------------------------------------------------- dispersal


def _dvary(**over: Any) -> list[str]:
    kw: dict[str, Any] = {
        "rules": RULES,
        "issuer": IC.CONSTABLE,
        "first_given_at": at(2025, 6, 7, 20),
        "current_excluded_until": at(2025, 6, 8, 20),
        "varied_at": at(2025, 6, 8, 10),
        "new_excluded_until": at(2025, 6, 9, 20),
        "now": at(2025, 6, 8, 11),
        "in_writing": True,
    }
    kw.update(over)
    return r.dispersal_variation_step_blockers(**kw)


def test_dispersal_variation_never_beyond_48_hours_from_the_first_direction() -> None:
    assert _dvary() == []
    assert any("beyond 48 hours" in m for m in _dvary(new_excluded_until=at(2025, 6, 9, 20, 1)))
    # Shortening is a variation too.
    assert _dvary(new_excluded_until=at(2025, 6, 8, 12)) == []
    assert any("must end after the variation" in m for m in _dvary(new_excluded_until=at(2025, 6, 8, 10)))


def test_dispersal_variation_checks() -> None:
    assert any("has ended cannot be varied" in m for m in _dvary(varied_at=at(2025, 6, 8, 20)))
    assert any("before the direction" in m for m in _dvary(varied_at=at(2025, 6, 7, 19)))
    assert any("now or in the past" in m for m in _dvary(now=at(2025, 6, 8, 9)))
    assert any("in writing" in m for m in _dvary(in_writing=False))
    assert _dvary(in_writing=False, not_in_writing_reason="Radio only") == []
    assert _dvary(issuer=IC.LOCAL_AUTHORITY)


# ---------------------------------------------------------------- PSPO


def _extend(**over: Any) -> list[str]:
    kw: dict[str, Any] = {
        "rules": RULES,
        "issuer": IC.LOCAL_AUTHORITY,
        "made_on": date(2022, 7, 1),
        "current_expiry": date(2025, 6, 30),
        "extended_on": date(2025, 6, 10),
        "new_expiry": date(2028, 6, 30),
        "today": TODAY,
        "consultation_done": r.PSPO_CONSULTEES,
        "publicised": True,
    }
    kw.update(over)
    return r.pspo_extension_step_blockers(**kw)


def test_pspo_extension_three_years_beyond_current_expiry_and_consultation() -> None:
    # s.60(3): up to 3 years beyond the expiry it replaces (A.9)
    assert _extend() == []
    assert any("more than 3 years" in m for m in _extend(new_expiry=date(2028, 7, 1)))
    assert any(
        "police and crime commissioner" in m for m in _extend(consultation_done=["chief_officer_of_police"])
    )
    assert any("Publicise the proposal before extending" in m for m in _extend(publicised=False))
    # Its last day is still before it expires (s.60(2)); the day after is not.
    assert not any("before it expires" in m for m in _extend(current_expiry=date(2025, 6, 10)))
    assert any("before it expires" in m for m in _extend(current_expiry=date(2025, 6, 9)))
    assert any(
        "today or in the past" in m
        for m in _extend(extended_on=date(2025, 6, 11), new_expiry=date(2028, 6, 1))
    )
    assert _extend(issuer=IC.CONSTABLE)


def test_pspo_extension_leap_day() -> None:
    kw = {"made_on": date(2021, 3, 1), "current_expiry": date(2024, 3, 1), "today": date(2024, 2, 29)}
    assert _extend(**kw, extended_on=date(2024, 2, 29), new_expiry=date(2027, 3, 1)) == []
    assert _extend(**kw, extended_on=date(2024, 2, 29), new_expiry=date(2027, 3, 2))


def _pvary(**over: Any) -> list[str]:
    kw: dict[str, Any] = {
        "issuer": IC.LOCAL_AUTHORITY,
        "made_on": date(2025, 1, 1),
        "current_expiry": date(2028, 1, 1),
        "varied_on": date(2025, 6, 1),
        "today": TODAY,
        "restrictions_changed": True,
        "consultation_done": r.PSPO_CONSULTEES,
        "publicised": True,
    }
    kw.update(over)
    return r.pspo_variation_blockers(**kw)


def test_pspo_variation() -> None:
    assert _pvary() == []
    assert any("Complete the consultation record" in m for m in _pvary(consultation_done=[]))
    assert any("Publicise the proposal before varying" in m for m in _pvary(publicised=False))
    assert any("Change the restricted area" in m for m in _pvary(restrictions_changed=False))
    # Varied on its last day: in force (s.61); the day after: expired.
    assert _pvary(current_expiry=date(2025, 6, 1)) == []
    assert any("no longer be varied" in m for m in _pvary(current_expiry=date(2025, 5, 31)))
    assert _pvary(varied_on=date(2024, 12, 31))
    done = [c for c in r.PSPO_CONSULTEES if c != "parish_council_notified"]
    assert _pvary(consultation_done=done, parished=False) == []


def test_new_challenge_window_after_a_variation() -> None:
    assert r.pspo_challenge_deadline(date(2025, 6, 1), rules=RULES) == date(2025, 6, 1) + timedelta(days=41)


# ---------------------------------------------------------------- compliance


def _comply(**over: Any) -> list[str]:
    kw: dict[str, Any] = {
        "power": Power.CPN,
        "status": Status.ISSUED,
        "outcome": Status.BREACHED,
        "issued_on": date(2025, 6, 1),
        "on": date(2025, 6, 5),
        "today": TODAY,
    }
    kw.update(over)
    return r.compliance_blockers(**kw)


def test_compliance_outcomes_per_power() -> None:
    assert _comply() == []
    assert _comply(outcome=Status.COMPLIED) == []
    assert _comply(power=Power.CPW, outcome=Status.EXPIRED) == []
    assert any("can be recorded as complied or expired" in m for m in _comply(power=Power.CPW))
    # s.46(3): a breach while the appeal is pending only of a "stop" requirement
    assert any("which requirement" in m for m in _comply(status=Status.APPEALED))
    assert _comply(status=Status.APPEALED, breached_requirement=r.RequirementKind.STOP) == []
    assert _comply(status=Status.BREACHED, outcome=Status.COMPLIED) == []
    assert _comply(power=Power.FPN, outcome=Status.COMPLIED)


def test_compliance_dates() -> None:
    assert _comply(on=date(2025, 6, 1)) == []
    assert any(
        "before the community protection notice was issued" in m for m in _comply(on=date(2025, 5, 31))
    )
    assert any("today or in the past" in m for m in _comply(on=date(2025, 6, 11)))
    assert _comply(on=TODAY) == []
