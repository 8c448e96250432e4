"""Incident dates, and addresses in text a partner will read (the panel summary)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from csphub.cases.rules.problems import Problem

# --------------------------------------------------------------------------------------------
# Incident dates
# --------------------------------------------------------------------------------------------

# Clocks on partner laptops drift; allow a few minutes before calling a time "in the future".
FUTURE_TOLERANCE = dt.timedelta(minutes=5)


def incident_date_problems(
    *,
    occurred_at: dt.datetime | None,
    reported_at: dt.datetime | None,
    now: dt.datetime,
    earliest: dt.datetime | None = None,
) -> list[Problem]:
    """GOV.UK-style problems with an incident's dates; empty means they are valid.

    Rules: both are required; neither may be in the future; an incident cannot be reported before
    it happened; optionally neither may precede ``earliest`` (guards typos like year 0202).
    """
    problems: list[Problem] = []
    if occurred_at is None:
        problems.append(Problem("occurred_at", "Enter the date and time the incident happened"))
    if reported_at is None:
        problems.append(Problem("reported_at", "Enter the date and time the incident was reported"))
    limit = now + FUTURE_TOLERANCE
    if occurred_at is not None and occurred_at > limit:
        problems.append(Problem("occurred_at", "The date the incident happened must be today or in the past"))
    if reported_at is not None and reported_at > limit:
        problems.append(
            Problem("reported_at", "The date the incident was reported must be today or in the past")
        )
    if earliest is not None:
        if occurred_at is not None and occurred_at < earliest:
            problems.append(
                Problem("occurred_at", f"The date the incident happened must be after {earliest:%Y}")
            )
        if reported_at is not None and reported_at < earliest:
            problems.append(
                Problem("reported_at", f"The date the incident was reported must be after {earliest:%Y}")
            )
    if occurred_at is not None and reported_at is not None and reported_at < occurred_at:
        problems.append(
            Problem(
                "reported_at",
                "The date the incident was reported must be the same as or after the date it happened",
            )
        )
    return problems


# ---------------------------------------------------------------------------------------------------
# Addresses in text a partner will read (the panel summary)
# ---------------------------------------------------------------------------------------------------

# A UK postcode ("DE5 3BT", "de53bt"), a flat or house number ("Flat 2"), or a number and street.
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
_FLAT = re.compile(r"\b(?:flat|apartment|apt|unit|maisonette)\s+\d+[a-z]?\b", re.IGNORECASE)
_STREET = re.compile(
    r"\b\d+[a-z]?,?\s+(?:[a-z'-]+\s+){0,3}(?:street|road|lane|avenue|close|place|drive|court|way|"
    r"crescent|grove|terrace|gardens|walk|row|square|mews|hill|green|rise|view)\b",
    re.IGNORECASE,
)


def address_in_text(text: str, known_addresses: Iterable[str] = ()) -> str | None:
    """The first part of ``text`` that is, or looks like, an address; None when there is none.

    A case summary is shared with panel partners, and the panel's information sharing agreement keeps
    addresses with the owning agency: a postcode, a flat number, a house number and street, or a line
    of an address recorded for the case's incidents or people is one (a town alone is not).
    """
    for pattern in (_POSTCODE, _FLAT, _STREET):
        found = pattern.search(text)
        if found:
            return found.group(0).strip()
    lowered = " ".join(text.lower().split())
    for address in known_addresses:
        for part in re.split(r"[,\n]", address):
            fragment = " ".join(part.lower().split())
            words = fragment.split()
            if len(fragment) < 4 or not (len(words) >= 2 or any(c.isdigit() for c in fragment)):
                continue
            if re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", lowered):
                return part.strip()
    return None
