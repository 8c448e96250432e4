"""Retention rules: pure Python (no Django).

A record is kept for its retention period after its trigger date (for a case, the day it closed):
"6 years after the case closes" keeps it up to and including the sixth anniversary of that day, and
it may be disposed of from the next day (UK GDPR Art 5(1)(e), storage limitation: no longer than
necessary for the purpose). A record on legal hold is never disposed of, whatever its date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from csphub.core.calendar import add_months

DEFAULT_YEARS = 6
DEFAULT_REASON = "Partnership default: closed ASB case records are kept for 6 years after closure."
DEFAULT_SOURCE = "Partnership information sharing agreement, retention clause"


def retained_until(trigger: dt.date, years: int) -> dt.date:
    """The last day the record is kept: the anniversary ``years`` after ``trigger`` (29 February
    becomes 28 February in a year that has none)."""
    if years < 1:
        raise ValueError("A retention period is at least one year.")
    return add_months(trigger, 12 * years)


def is_due(trigger: dt.date, years: int, today: dt.date) -> bool:
    """Whether the retention period has ended: true from the day after ``retained_until``."""
    return today > retained_until(trigger, years)


class Action(Enum):
    DISPOSE = "dispose"
    HOLD = "hold"
    KEEP = "keep"


@dataclass(frozen=True)
class Decision:
    action: Action
    retained_until: dt.date
    reason: str


def decide(*, trigger: dt.date, years: int, today: dt.date, holds: tuple[str, ...]) -> Decision:
    """Dispose of, keep, or hold one record, with the reason in words."""
    until = retained_until(trigger, years)
    if not is_due(trigger, years, today):
        return Decision(Action.KEEP, until, f"kept until {until:%d %B %Y} ({years} years)")
    if holds:
        return Decision(Action.HOLD, until, "past its date but on legal hold: " + "; ".join(holds))
    return Decision(Action.DISPOSE, until, f"retention of {years} years ended on {until:%d %B %Y}")
