"""Rule tables: dated, versioned data (``RuleSet``) and the choice of the set in force on a day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

# --------------------------------------------------------------------------------------------
# Rule tables: dated, versioned data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Every statutory number the powers use, in force from ``effective_from``.

    Units sit in the names. Values marked UNCONFIRMED in the research notes are still here,
    as configuration, so that a deployment can correct them with a new dated version.
    """

    version: str
    effective_from: date
    source: str
    cpn_appeal_days: int = 21
    cpn_min_age: int = 16
    fpn_max_gbp: int = 100
    fpn_no_prosecution_days: int = 14
    dispersal_max_hours: int = 48
    dispersal_min_age: int = 10
    dispersal_removal_under_age: int = 16
    pspo_max_years: int = 3
    pspo_challenge_weeks: int = 6
    pspo_review_lead_days: int = 90
    closure_notice_max_hours: int = 24
    closure_notice_extended_max_hours: int = 48
    closure_hearing_within_hours: int = 48
    closure_order_max_months: int = 3
    closure_order_total_max_months: int = 6
    closure_adjourn_max_days: int = 14
    # Fields added by the 2026-11 corrections (legal review). They take the same values in every
    # version, because the law did not change; the version string marks which engine decided.
    closure_order_extension_max_months: int = 3  # s.82(7): each extension at most 3 months
    closure_extension_notice_max_hours: int = 24  # s.77(4): a 24-hour notice extended by ≤ 24 h
    closure_continuation_max_hours: int = 48  # s.81(2): notice continued when no order is made
    closure_order_appeal_days: int = 21  # s.84(5): appeal to the Crown Court (s.84(4))
    absolute_ground_notice_months_conviction: int = 12  # HA 1985 s.83ZA: conditions 1-3 and 5
    absolute_ground_notice_months_closure: int = 3  # HA 1985 s.83ZA: condition 4
    absolute_ground_closure_min_hours: int = 48  # s.84A(7): prohibited for more than 48 hours
    pspo_extension_max_years: int = 3  # s.60(3): each extension at most 3 years
    criminal_responsibility_min_age: int = 10  # CYPA 1933 s.50: a PSPO fixed penalty (s.68)
    injunction_min_age: int = 10
    injunction_youth_max_months: int = 12
    youth_under_age: int = 18
    cbo_youth_years: tuple[int, int] = (1, 3)
    cbo_adult_min_years: int = 2  # UNCONFIRMED in the research notes: kept configurable
    cbo_youth_review_months: int = 12
    absolute_ground_review_days: int = 7


RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet(
        version="2014-act-2014-10",
        effective_from=date(2014, 10, 20),
        source="ASBCPA 2014 as commenced 20 October 2014",
    ),
    RuleSet(
        # The 2022/2023 statutory guidance revisions changed no number; a fresh version marks
        # the guidance the decisions were taken under.
        version="2014-act-2023-03",
        effective_from=date(2023, 3, 1),
        source="ASBCPA 2014; Home Office statutory guidance revised March 2023",
    ),
    RuleSet(
        # Corrections after the November 2026 legal review: the Christmas disregard applies to the
        # 48-hour periods only, youth CBO reviews fall before the end of each 12-month period, a
        # CPN's "stop" requirements can be breached while an appeal is pending, closure-order
        # extensions of at most 3 months each, the absolute ground's notice periods, PSPO
        # extensions of up to 3 years beyond the current expiry, and periods "beginning with".
        # Decisions taken before keep the version they were made under.
        version="2014-act-2026-11",
        effective_from=date(2026, 11, 26),
        source="ASBCPA 2014; Sentencing Act 2020 ss.331-337; corrections after the November 2026 legal review",
    ),
)


class NoRulesInForce(LookupError):
    """No rule set covers the date asked about (before the Act commenced)."""


def rules_in_force(on: date, *, rule_sets: Sequence[RuleSet] = RULE_SETS) -> RuleSet:
    """The rule set with the latest ``effective_from`` on or before ``on``."""
    candidates = [r for r in rule_sets if r.effective_from <= on]
    if not candidates:
        raise NoRulesInForce(f"no ASBCPA 2014 rule set in force on {on.isoformat()}")
    return max(candidates, key=lambda r: r.effective_from)


def rule_set(version: str, *, rule_sets: Sequence[RuleSet] = RULE_SETS) -> RuleSet:
    """The rule set with this version string (used to re-read a stored decision)."""
    for r in rule_sets:
        if r.version == version:
            return r
    raise NoRulesInForce(f"unknown rule set version {version!r}")
