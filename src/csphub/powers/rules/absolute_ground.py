"""The absolute ground for possession (Housing Act 1985 s.84A, s.85ZA): conditions, notice and review."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from csphub.powers.rules.dates import months_period_last_day, period_last_day
from csphub.powers.rules.issuers import IssuerCapacity, issuer_blockers
from csphub.powers.rules.ruleset import RULE_SETS, RuleSet, rules_in_force
from csphub.powers.rules.states import Power

# --------------------------------------------------------------------------------------------
# Absolute ground for possession (HA 1985 s.84A, s.85ZA)
# --------------------------------------------------------------------------------------------


class AbsoluteCondition(StrEnum):
    SERIOUS_OFFENCE = "serious_offence"
    INJUNCTION_BREACH = "injunction_breach"
    CBO_BREACH = "cbo_breach"
    CLOSURE_ORDER = "closure_order"
    NOISE_ABATEMENT_BREACH = "noise_abatement_breach"


def absolute_ground_review_deadline(notice_served_on: date, *, rules: RuleSet) -> date:
    """Last day to request a review: 7 days beginning with service; no extension is possible."""
    return period_last_day(notice_served_on, rules.absolute_ground_review_days)


class Landlord(StrEnum):
    """Who is seeking possession: the s.85ZA statutory review exists only for secure tenancies of a
    local housing authority or a housing action trust. A private registered provider (assured
    tenancy, HA 1988 Ground 7A) offers a review as good practice under Home Office guidance."""

    LOCAL_HOUSING_AUTHORITY = "local_housing_authority"
    HOUSING_ACTION_TRUST = "housing_action_trust"
    PRIVATE_REGISTERED_PROVIDER = "private_registered_provider"


STATUTORY_REVIEW_LANDLORDS: frozenset[Landlord] = frozenset(
    {Landlord.LOCAL_HOUSING_AUTHORITY, Landlord.HOUSING_ACTION_TRUST}
)


def absolute_ground_statutory_review(landlord: Landlord | str) -> bool:
    """s.85ZA: True for a local housing authority or a housing action trust only."""
    return Landlord(landlord) in STATUTORY_REVIEW_LANDLORDS


def absolute_ground_review_blockers(
    *, notice_served_on: date, requested_on: date, rules: RuleSet, statutory: bool = True
) -> list[str]:
    """s.85ZA(2): the request within 7 days beginning with service; no power to extend. For a
    landlord with no statutory review (``statutory`` False) a late request is a matter for its own
    good-practice procedure, so only the date order is checked."""
    deadline = absolute_ground_review_deadline(notice_served_on, rules=rules)
    if requested_on < notice_served_on:
        return ["A review request cannot be dated before the notice was served"]
    if statutory and requested_on > deadline:
        return [
            f"The review request was due by {deadline:%-d %B %Y}; the landlord has no power to extend the "
            f"{rules.absolute_ground_review_days}-day period"
        ]
    return []


def absolute_ground_notice_deadline(
    condition: AbsoluteCondition | str, trigger_on: date, *, rules: RuleSet
) -> date:
    """HA 1985 s.83ZA: the notice of proceedings is served within 12 months beginning with the
    conviction or finding (conditions 1-3 and 5), or within 3 months beginning with the closure
    order (condition 4)."""
    months = (
        rules.absolute_ground_notice_months_closure
        if AbsoluteCondition(condition) is AbsoluteCondition.CLOSURE_ORDER
        else rules.absolute_ground_notice_months_conviction
    )
    return months_period_last_day(trigger_on, months)


def absolute_ground_blockers(
    *,
    issuer: IssuerCapacity | str | None,
    condition: AbsoluteCondition | str | None,
    closure_order_hours_in_force: float | None = None,
    closure_notice_hours_before_order: float = 0,
    trigger_on: date | None = None,
    served_on: date | None = None,
    rules: RuleSet | None = None,
) -> list[str]:
    """HA 1985 s.84A: one of the five conditions, and the notice served in time (s.83ZA).

    Condition 4 needs access prohibited for a continuous period of more than 48 hours "under the
    closure order or under a closure notice" (s.84A(7)): the notice's hours before the order count.
    ``trigger_on`` is the date of the conviction, finding or closure order; with ``served_on`` the
    s.83ZA deadline is checked (both None: a caller from before the 2026-11 rule set).
    """
    reasons = issuer_blockers(Power.ABSOLUTE_GROUND, issuer)
    if condition is None:
        reasons.append("Choose which of the five conditions is met")
        return reasons
    cond = AbsoluteCondition(condition)
    r = rules or (rules_in_force(served_on) if served_on is not None else RULE_SETS[-1])
    prohibited = (closure_order_hours_in_force or 0) + closure_notice_hours_before_order
    if cond is AbsoluteCondition.CLOSURE_ORDER and prohibited <= r.absolute_ground_closure_min_hours:
        reasons.append(
            "The closure-order condition needs access prohibited, under the closure notice and order "
            f"together, for more than {r.absolute_ground_closure_min_hours} hours"
        )
    if served_on is not None or trigger_on is not None:
        if trigger_on is None or served_on is None:
            reasons.append("Record the date of the conviction, finding or closure order and of service")
        elif served_on < trigger_on:
            reasons.append("The notice cannot be served before the conviction, finding or closure order")
        else:
            deadline = absolute_ground_notice_deadline(cond, trigger_on, rules=r)
            if served_on > deadline:
                reasons.append(
                    f"The notice had to be served by {deadline:%-d %B %Y} (Housing Act 1985 s.83ZA)"
                )
    return reasons
