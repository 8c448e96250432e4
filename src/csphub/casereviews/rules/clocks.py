"""Service levels: no national deadlines; each partnership sets its own, in working days."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from enum import StrEnum

from csphub.core.calendar import add_working_days, working_days_between

# ---------------------------------------------------------------------------------------------------
# Service levels (no national deadlines; each partnership sets its own, in working days)
# ---------------------------------------------------------------------------------------------------


class Stage(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    THRESHOLD_DECISION = "threshold_decision"
    REVIEW_MEETING = "review_meeting"
    OUTCOME_LETTER = "outcome_letter"
    APPEAL_WINDOW = "appeal_window"
    APPEAL_DECISION = "appeal_decision"


STAGE_LABELS = {
    Stage.ACKNOWLEDGE: "Acknowledge the application",
    Stage.THRESHOLD_DECISION: "Decide whether the threshold is met",
    Stage.REVIEW_MEETING: "Hold the review meeting",
    Stage.OUTCOME_LETTER: "Send the outcome letter",
    Stage.APPEAL_WINDOW: "Applicant may appeal until",
    Stage.APPEAL_DECISION: "Decide the appeal",
}

# What each clock starts from.
STAGE_STARTS = {
    Stage.ACKNOWLEDGE: "application received",
    Stage.THRESHOLD_DECISION: "application received",
    Stage.REVIEW_MEETING: "threshold decided as met",
    Stage.OUTCOME_LETTER: "review meeting held",
    Stage.APPEAL_WINDOW: "outcome letter sent (or threshold decision sent, if not met)",
    Stage.APPEAL_DECISION: "appeal received",
}


@dataclass(frozen=True)
class ServiceLevels:
    """Working days allowed per stage. Defaults are the platform's suggested values (domain rules §2.4)."""

    acknowledge_wd: int = 5
    threshold_decision_wd: int = 15
    review_meeting_wd: int = 20
    outcome_letter_wd: int = 10
    appeal_window_wd: int = 20
    appeal_decision_wd: int = 20

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            if not 0 < value <= 260:
                raise ValueError(f"{name} must be between 1 and 260 working days")

    def working_days(self, stage: Stage) -> int:
        return {
            Stage.ACKNOWLEDGE: self.acknowledge_wd,
            Stage.THRESHOLD_DECISION: self.threshold_decision_wd,
            Stage.REVIEW_MEETING: self.review_meeting_wd,
            Stage.OUTCOME_LETTER: self.outcome_letter_wd,
            Stage.APPEAL_WINDOW: self.appeal_window_wd,
            Stage.APPEAL_DECISION: self.appeal_decision_wd,
        }[stage]


def due_date(stage: Stage, *, started_on: dt.date, levels: ServiceLevels) -> dt.date:
    """The last day on which ``stage`` is in time: ``started_on`` + the stage's working days."""
    return add_working_days(started_on, levels.working_days(stage))


@dataclass(frozen=True)
class Clock:
    stage: Stage
    started_on: dt.date
    due_on: dt.date
    done_on: dt.date | None

    def is_overdue(self, *, today: dt.date) -> bool:
        """Late when done after the due date, or not done and today is past it."""
        if self.done_on is not None:
            return self.done_on > self.due_on
        return today > self.due_on

    def working_days_left(self, *, today: dt.date) -> int:
        return working_days_between(today, self.due_on)

    @property
    def label(self) -> str:
        return STAGE_LABELS[self.stage]


def clock_for(
    stage: Stage, *, started_on: dt.date, levels: ServiceLevels, done_on: dt.date | None = None
) -> Clock:
    return Clock(
        stage=stage,
        started_on=started_on,
        due_on=due_date(stage, started_on=started_on, levels=levels),
        done_on=done_on,
    )
