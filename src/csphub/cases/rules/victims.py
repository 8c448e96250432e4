"""The victim: telling them the case has closed, and keeping them updated as agreed with them."""

from __future__ import annotations

import datetime as dt

from csphub.cases.rules.problems import Problem

# --------------------------------------------------------------------------------------------
# Telling the victim the case has closed (ASB statutory guidance 2025; review finding D.3)
# --------------------------------------------------------------------------------------------

VICTIM_TOLD_HOW: dict[str, str] = {
    "phone": "By phone",
    "letter": "By letter",
    "email": "By email",
    "in_person": "In person",
}


def victim_told_problems(
    *, told_on: dt.date | None, how: str, opened_on: dt.date, today: dt.date
) -> list[Problem]:
    """The 2025 statutory guidance: the victim is told when and why their case is closed. The
    telling is recorded with its date (not before the case was opened, not in the future) and how."""
    problems = []
    if told_on is None:
        problems.append(Problem("victim_told_on", "Enter the date the victim was told"))
    elif told_on < opened_on:
        problems.append(
            Problem("victim_told_on", "The victim cannot have been told before the case was opened")
        )
    elif told_on > today:
        problems.append(
            Problem("victim_told_on", "The date the victim was told must be today or in the past")
        )
    if how not in VICTIM_TOLD_HOW:
        problems.append(Problem("victim_told_how", "Select how the victim was told"))
    return problems


# --------------------------------------------------------------------------------------------
# Keeping the victim updated (ASB statutory guidance for frontline professionals, 2025 revision:
# the victim's single point of contact keeps them updated as agreed with them, and consults them
# on the action plan before it is finalised). No period is set nationally: the victim and the
# single point of contact agree it, between a day and three months.
# --------------------------------------------------------------------------------------------

VICTIM_UPDATE_MIN_DAYS = 1
VICTIM_UPDATE_MAX_DAYS = 90


def victim_update_due(*, agreed_on: dt.date, last_update_on: dt.date | None, every_days: int) -> dt.date:
    """The day the next update is due: ``every_days`` after the last update, or after the day the
    schedule was agreed when no update has been given yet (or the last one predates the agreement)."""
    start = max(agreed_on, last_update_on) if last_update_on else agreed_on
    return start + dt.timedelta(days=every_days)


def victim_update_overdue(*, due_on: dt.date, today: dt.date) -> bool:
    """Overdue from the day after it was due: an update given on the due day is on time."""
    return today > due_on


def victim_schedule_problems(
    *, every_days: int | None, agreed_on: dt.date | None, today: dt.date
) -> list[Problem]:
    problems = []
    if every_days is None or not VICTIM_UPDATE_MIN_DAYS <= every_days <= VICTIM_UPDATE_MAX_DAYS:
        problems.append(
            Problem(
                "update_every_days",
                f"Enter how often to update the victim, from {VICTIM_UPDATE_MIN_DAYS} to "
                f"{VICTIM_UPDATE_MAX_DAYS} days",
            )
        )
    if agreed_on is None:
        problems.append(Problem("agreed_on", "Enter the date the schedule was agreed with the victim"))
    elif agreed_on > today:
        problems.append(Problem("agreed_on", "The date agreed must be today or in the past"))
    return problems
