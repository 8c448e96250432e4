"""The application's workflow: statuses, transitions and the result of an appeal."""

from __future__ import annotations

from enum import StrEnum

# ---------------------------------------------------------------------------------------------------
# Application workflow
# ---------------------------------------------------------------------------------------------------


class Status(StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    THRESHOLD_MET = "threshold_met"
    THRESHOLD_NOT_MET = "threshold_not_met"
    REVIEW_HELD = "review_held"
    OUTCOME_SENT = "outcome_sent"
    APPEALED = "appealed"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


STATUS_LABELS = {
    Status.RECEIVED: "Received",
    Status.ACKNOWLEDGED: "Acknowledged — checking the threshold",
    Status.THRESHOLD_MET: "Threshold met — review being arranged",
    Status.THRESHOLD_NOT_MET: "Threshold not met",
    Status.REVIEW_HELD: "Review held — outcome letter being prepared",
    Status.OUTCOME_SENT: "Review complete — outcome sent",
    Status.APPEALED: "Appeal under consideration",
    Status.CLOSED: "Closed",
    Status.WITHDRAWN: "Withdrawn",
}

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset(
        {Status.ACKNOWLEDGED, Status.THRESHOLD_MET, Status.THRESHOLD_NOT_MET, Status.WITHDRAWN}
    ),
    Status.ACKNOWLEDGED: frozenset({Status.THRESHOLD_MET, Status.THRESHOLD_NOT_MET, Status.WITHDRAWN}),
    Status.THRESHOLD_MET: frozenset({Status.REVIEW_HELD, Status.WITHDRAWN}),
    Status.THRESHOLD_NOT_MET: frozenset({Status.APPEALED, Status.CLOSED}),
    Status.REVIEW_HELD: frozenset({Status.OUTCOME_SENT}),
    Status.OUTCOME_SENT: frozenset({Status.APPEALED, Status.CLOSED}),
    # B.2: an appeal that upholds the applicant reopens the application for a (further) review,
    # which is an ASB Case Review carried out (s.104(10)(c)); one not upheld closes it.
    Status.APPEALED: frozenset({Status.CLOSED, Status.THRESHOLD_MET}),
    Status.CLOSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}


def can_transition(current: Status, *, to: Status) -> bool:
    return to in TRANSITIONS[current]


class AppealResult(StrEnum):
    """The appeal body's outcome (stored values of ``models.AppealOutcome``)."""

    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    NOT_UPHELD = "not_upheld"


def status_after_appeal(outcome: AppealResult | str) -> Status:
    """Sch 4 para 3: the procedures deal with the applicant's dissatisfaction. An appeal upheld in
    whole or part — about the threshold decision, the review or its action plan — sends the
    application back to the partnership to hold a review; one not upheld closes the application."""
    if AppealResult(outcome) is AppealResult.NOT_UPHELD:
        return Status.CLOSED
    return Status.THRESHOLD_MET
