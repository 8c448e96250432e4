"""Repeat victims and related records: which incidents and records belong together, and why."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from csphub.core.calendar import months_before

# --------------------------------------------------------------------------------------------
# Repeat victim
# --------------------------------------------------------------------------------------------


class Similarity(enum.StrEnum):
    """What makes two incidents "similar" for the repeat-victim count."""

    ANY = "any"  # every ASB incident counts
    SAME_ASB_TYPE = "same_asb_type"  # personal / nuisance / environmental
    SAME_CATEGORY = "same_category"  # the local category (e.g. "noise", "harassment")


@dataclass(frozen=True)
class RepeatVictimRule:
    """A person is a repeat victim after ``threshold`` similar incidents within ``period_months``.

    The default (3 in 3 months, similar = same ASB type) is the common police-training construct
    [LOCAL]; every partnership can change it, and ``version`` is stored with each flag.
    """

    threshold: int = 3
    period_months: int = 3
    similarity: Similarity = Similarity.SAME_ASB_TYPE
    version: str = "repeat-victim/2026-01 (3 in 3 months, same ASB type)"

    def __post_init__(self) -> None:
        if self.threshold < 2:
            raise ValueError("threshold must be at least 2 incidents")
        if self.period_months < 1:
            raise ValueError("period_months must be at least 1")


@dataclass(frozen=True)
class IncidentFact:
    """The few facts about an incident that the repeat and related rules need."""

    occurred_at: dt.datetime
    asb_type: str = ""
    category: str = ""
    reference: str = ""


@dataclass(frozen=True)
class RepeatDecision:
    is_repeat: bool
    count: int
    window_start: dt.datetime
    matching: tuple[str, ...]
    rule_version: str


def _similar_key(fact: IncidentFact, similarity: Similarity) -> str:
    if similarity is Similarity.SAME_ASB_TYPE:
        return fact.asb_type
    if similarity is Similarity.SAME_CATEGORY:
        return fact.category
    return ""


def is_repeat_victim(
    incidents: Iterable[IncidentFact], *, as_of: dt.datetime, rule: RepeatVictimRule = RepeatVictimRule()
) -> RepeatDecision:
    """Decide whether a victim is a repeat victim on ``as_of``.

    Counts the victim's incidents with ``occurred_at`` in ``[as_of - period_months, as_of]`` and
    groups them by the rule's similarity key; the flag is raised if any group reaches the
    threshold. Incidents after ``as_of`` are ignored (a decision is about what was known then).
    """
    window_start = months_before(as_of, rule.period_months)
    groups: dict[str, list[IncidentFact]] = {}
    for fact in incidents:
        if window_start <= fact.occurred_at <= as_of:
            groups.setdefault(_similar_key(fact, rule.similarity), []).append(fact)
    best: list[IncidentFact] = max(groups.values(), key=len, default=[])
    return RepeatDecision(
        is_repeat=len(best) >= rule.threshold,
        count=len(best),
        window_start=window_start,
        matching=tuple(f.reference for f in sorted(best, key=lambda f: f.occurred_at)),
        rule_version=rule.version,
    )


# --------------------------------------------------------------------------------------------
# Related records
# --------------------------------------------------------------------------------------------


class MatchReason(enum.StrEnum):
    SAME_VICTIM = "same_victim"
    SAME_ADDRESS = "same_address"
    SAME_ALLEGED_PERPETRATOR = "same_alleged_perpetrator"


MATCH_REASON_LABELS: Mapping[MatchReason, str] = {
    MatchReason.SAME_VICTIM: "Same victim",
    MatchReason.SAME_ADDRESS: "Same address",
    MatchReason.SAME_ALLEGED_PERPETRATOR: "Same alleged perpetrator",
}


@dataclass(frozen=True)
class RelatedRecordRule:
    """Records are possibly related when they share a victim, address or alleged perpetrator and
    happened within ``period_days`` of each other (either side)."""

    period_days: int = 365
    version: str = "related/2026-01 (365 days)"

    def __post_init__(self) -> None:
        if self.period_days < 1:
            raise ValueError("period_days must be at least 1")


@dataclass(frozen=True)
class RecordKeys:
    """Identity keys of a record (incident or case) used to find related records.

    ``address_keys`` holds address ids and/or UPRNs as strings ("a:12", "u:100030...") so that
    the same place recorded by two agencies as two Address rows still matches on UPRN.
    """

    when: dt.datetime
    victim_ids: frozenset[int] = frozenset()
    perpetrator_ids: frozenset[int] = frozenset()
    address_keys: frozenset[str] = frozenset()


def related_match_reasons(
    new: RecordKeys, candidate: RecordKeys, *, rule: RelatedRecordRule = RelatedRecordRule()
) -> frozenset[MatchReason]:
    """Why ``candidate`` may be related to ``new``; empty when it is not (or is out of period)."""
    if abs(new.when - candidate.when) > dt.timedelta(days=rule.period_days):
        return frozenset()
    reasons: set[MatchReason] = set()
    if new.victim_ids & candidate.victim_ids:
        reasons.add(MatchReason.SAME_VICTIM)
    if new.perpetrator_ids & candidate.perpetrator_ids:
        reasons.add(MatchReason.SAME_ALLEGED_PERPETRATOR)
    if new.address_keys & candidate.address_keys:
        reasons.add(MatchReason.SAME_ADDRESS)
    return frozenset(reasons)


def address_keys(*, address_id: int | None = None, uprn: str | None = None) -> frozenset[str]:
    keys = set()
    if address_id is not None:
        keys.add(f"a:{address_id}")
    if uprn:
        keys.add(f"u:{uprn.strip()}")
    return frozenset(keys)
