"""The case status workflow as a transition table: statuses, outcomes, allowed moves and their problems."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from csphub.cases.rules.problems import Problem

# --------------------------------------------------------------------------------------------
# Case status workflow
# --------------------------------------------------------------------------------------------


class CaseStatus(enum.StrEnum):
    OPEN = "open"
    INVESTIGATING = "investigating"
    ACTION = "action"
    MONITORING = "monitoring"
    CLOSED = "closed"


CASE_STATUS_LABELS: Mapping[CaseStatus, str] = {
    CaseStatus.OPEN: "Open",
    CaseStatus.INVESTIGATING: "Investigating",
    CaseStatus.ACTION: "Action",
    CaseStatus.MONITORING: "Monitoring",
    CaseStatus.CLOSED: "Closed",
}


class CaseOutcome(enum.StrEnum):
    """Closure outcomes. Kept short and reportable (they feed the next Strategic Assessment)."""

    RESOLVED = "resolved"
    RESOLVED_WITH_ENFORCEMENT = "resolved_with_enforcement"
    PARTIALLY_RESOLVED = "partially_resolved"
    NOT_RESOLVED = "not_resolved"
    NO_FURTHER_ACTION = "no_further_action"
    REFERRED_ELSEWHERE = "referred_elsewhere"
    VICTIM_WITHDREW = "victim_withdrew"


CASE_OUTCOME_LABELS: Mapping[CaseOutcome, str] = {
    CaseOutcome.RESOLVED: "Resolved",
    CaseOutcome.RESOLVED_WITH_ENFORCEMENT: "Resolved with enforcement action",
    CaseOutcome.PARTIALLY_RESOLVED: "Partially resolved",
    CaseOutcome.NOT_RESOLVED: "Not resolved",
    CaseOutcome.NO_FURTHER_ACTION: "No further action possible",
    CaseOutcome.REFERRED_ELSEWHERE: "Referred to another agency or process",
    CaseOutcome.VICTIM_WITHDREW: "Victim withdrew or no longer engaging",
}


@dataclass(frozen=True)
class TransitionRule:
    """What a move from one status to another needs from the person making it."""

    reason_required: bool = False
    outcome_required: bool = False
    label: str = ""


_S = CaseStatus
# The workflow as data. Any pair not in this table is forbidden (deny by default).
# Forward moves may skip steps (a case can go straight to action); backward moves between open
# statuses are allowed with a reason so the chronology explains them; closing needs reason and
# outcome from any open status; the only way out of CLOSED is a reopen to OPEN with a reason.
TRANSITIONS: Mapping[tuple[CaseStatus, CaseStatus], TransitionRule] = {
    (_S.OPEN, _S.INVESTIGATING): TransitionRule(label="Start investigating"),
    (_S.OPEN, _S.ACTION): TransitionRule(label="Move to action"),
    (_S.OPEN, _S.MONITORING): TransitionRule(reason_required=True, label="Move to monitoring"),
    (_S.INVESTIGATING, _S.ACTION): TransitionRule(label="Move to action"),
    (_S.INVESTIGATING, _S.MONITORING): TransitionRule(label="Move to monitoring"),
    (_S.INVESTIGATING, _S.OPEN): TransitionRule(reason_required=True, label="Return to open"),
    (_S.ACTION, _S.MONITORING): TransitionRule(label="Move to monitoring"),
    (_S.ACTION, _S.INVESTIGATING): TransitionRule(reason_required=True, label="Return to investigating"),
    (_S.MONITORING, _S.ACTION): TransitionRule(reason_required=True, label="Return to action"),
    (_S.MONITORING, _S.INVESTIGATING): TransitionRule(reason_required=True, label="Return to investigating"),
    (_S.OPEN, _S.CLOSED): TransitionRule(reason_required=True, outcome_required=True, label="Close case"),
    (_S.INVESTIGATING, _S.CLOSED): TransitionRule(
        reason_required=True, outcome_required=True, label="Close case"
    ),
    (_S.ACTION, _S.CLOSED): TransitionRule(reason_required=True, outcome_required=True, label="Close case"),
    (_S.MONITORING, _S.CLOSED): TransitionRule(
        reason_required=True, outcome_required=True, label="Close case"
    ),
    (_S.CLOSED, _S.OPEN): TransitionRule(reason_required=True, label="Reopen case"),
}

OPEN_STATUSES: frozenset[CaseStatus] = frozenset(s for s in CaseStatus if s is not CaseStatus.CLOSED)


def can_transition(from_status: str, to: str) -> bool:
    """True when the table allows ``from_status`` → ``to`` (before asking for reasons)."""
    try:
        key = (CaseStatus(from_status), CaseStatus(to))
    except ValueError:
        return False
    return key in TRANSITIONS


def allowed_transitions(from_status: str) -> list[tuple[CaseStatus, TransitionRule]]:
    """The moves offered from ``from_status``, in workflow order."""
    order = list(CaseStatus)
    moves = [(to, rule) for (frm, to), rule in TRANSITIONS.items() if frm == from_status]
    return sorted(moves, key=lambda m: order.index(m[0]))


def transition_problems(from_status: str, to: str, *, reason: str = "", outcome: str = "") -> list[Problem]:
    """Every reason the move cannot be made as given; empty means it may go ahead."""
    if not can_transition(from_status, to):
        return [Problem("to_status", f"A case cannot move from {from_status} to {to}")]
    rule = TRANSITIONS[(CaseStatus(from_status), CaseStatus(to))]
    problems: list[Problem] = []
    if rule.reason_required and not reason.strip():
        if to == CaseStatus.CLOSED:
            problems.append(Problem("reason", "Enter the reason for closing the case"))
        elif from_status == CaseStatus.CLOSED:
            problems.append(Problem("reason", "Enter the reason for reopening the case"))
        else:
            problems.append(Problem("reason", "Enter the reason for changing the status"))
    if rule.outcome_required:
        if not outcome:
            problems.append(Problem("outcome", "Select the outcome of the case"))
        elif outcome not in {o.value for o in CaseOutcome}:
            problems.append(Problem("outcome", "Select an outcome from the list"))
    return problems
