"""What makes an information sharing agreement valid, reviewable and endable. Pure: no Django.

The agreement is in force from its start date to its review date inclusive unless ended earlier
(agencies.models.InformationSharingAgreement.is_in_force); sharing stops the day after it lapses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from enum import Enum

# Lists warn this many days before an agreement's review date, so that it is reviewed before the
# records shared under it stop being visible to the partners.
REVIEW_WARNING_DAYS = 60


class Standing(Enum):
    NOT_YET = "Not yet in force"
    IN_FORCE = "In force"
    REVIEW_DUE = "Review due"
    LAPSED = "Lapsed: not reviewed"
    ENDED = "Ended"


def standing(*, start: dt.date, review: dt.date, ended: dt.date | None, today: dt.date) -> Standing:
    """Where the agreement stands today."""
    if ended is not None and today > ended:
        return Standing.ENDED
    if today < start:
        return Standing.NOT_YET
    if today > review:
        return Standing.LAPSED
    if (review - today).days <= REVIEW_WARNING_DAYS:
        return Standing.REVIEW_DUE
    return Standing.IN_FORCE


def record_problems(
    *,
    start: dt.date,
    review: dt.date,
    parties: Collection[int],
    acting_agency: int,
    partnerships: Collection[int],
    acting_partnership: int | None,
) -> list[tuple[str, str]]:
    """(field, message) for each reason the agreement cannot be recorded as asked."""
    problems: list[tuple[str, str]] = []
    if review <= start:
        problems.append(("review_date", "The review date must be after the start date"))
    if len(set(parties)) < 2:
        problems.append(("parties", "Select at least two agencies: an agreement is between partners"))
    elif acting_agency not in parties:
        problems.append(("parties", "Your agency must be a party to an agreement you record"))
    if partnerships and acting_partnership is not None and acting_partnership not in partnerships:
        problems.append(
            ("partnerships", "Include your own partnership, or name no partnership to share within it")
        )
    return problems


def review_problems(*, new_review: dt.date, ended: dt.date | None, today: dt.date) -> list[tuple[str, str]]:
    """A review sets the next review date: it must be after today, and the agreement not ended."""
    if ended is not None and today > ended:
        return [("review_date", "This agreement has ended: record a new agreement instead")]
    if new_review <= today:
        return [("review_date", "The next review date must be after today")]
    return []


def end_problems(
    *, ends_on: dt.date, start: dt.date, ended: dt.date | None, today: dt.date
) -> list[tuple[str, str]]:
    """An agreement ends from today or a later day: what partners saw under it before stays lawful."""
    if ended is not None and today > ended:
        return [("ends_on", "This agreement has already ended")]
    if ends_on < today:
        return [
            ("ends_on", "The end date must be today or later: sharing that has happened cannot be undone")
        ]
    if ends_on < start:
        return [("ends_on", "The end date must be on or after the start date")]
    return []
