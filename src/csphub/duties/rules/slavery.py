"""Modern Slavery Act 2015 s.52 (duty to notify) and s.51 (presumption of age): pure rules.

- s.52(1): a specified public authority (a council, the police) that has reasonable grounds to
  believe a person may be a victim of slavery or human trafficking must notify the Secretary of State.
- s.52(3) and the Duty to Notify Regulations: an adult's identifying information may be included only
  with their consent. An adult who consents is referred to the National Referral Mechanism (which
  also discharges the duty); an adult who does not is notified anonymously.
- A child is always referred to the NRM; consent is not needed.
- s.51: where it is uncertain whether the person is under 18 and there are reasonable grounds to
  believe they may be, they are treated as under 18 until their age is assessed.

The Act sets no period for the notification. The task it creates is due on the next working day
after the grounds were formed: a local target (``NOTIFY_TARGET_WORKING_DAYS``), not a statutory one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from csphub.core.calendar import add_working_days, add_years

RULE_VERSION = "msa2015-s52-s51/2015-11-01"
IN_FORCE = dt.date(2015, 11, 1)  # s.52 commenced 1 November 2015
ADULT_AGE = 18
NOTIFY_TARGET_WORKING_DAYS = 1  # local target; the Act sets no period

# Codes shared with the models' choices.
ADULT = "adult"
CHILD = "child"
MAY_BE_CHILD = "uncertain_may_be_child"
UNCERTAIN_ADULT = "uncertain_adult"

CONSENT_GIVEN = "given"
CONSENT_REFUSED = "refused"
CONSENT_NOT_ASKED = "not_asked"

NRM = "nrm"
ANONYMOUS_DTN = "anonymous_dtn"


def eighteenth_birthday(date_of_birth: dt.date) -> dt.date:
    """The day a person turns 18 (29 February births: 28 February in a common year)."""
    return add_years(date_of_birth, ADULT_AGE)


def age_basis_from_date_of_birth(date_of_birth: dt.date, on: dt.date) -> str:
    """A known date of birth decides: under 18 on ``on`` is a child (MSA 2015 s.52(3), s.51)."""
    return ADULT if on >= eighteenth_birthday(date_of_birth) else CHILD


def treated_as_child(age_basis: str) -> bool:
    """s.51 presumption of age: a person who may be under 18 is treated as a child."""
    return age_basis in (CHILD, MAY_BE_CHILD)


def duty_applies(grounds_date: dt.date) -> bool:
    """s.52 applies to grounds formed on or after its commencement (1 November 2015)."""
    return grounds_date >= IN_FORCE


def route_for(age_basis: str, consent: str) -> str:
    """Which notification discharges the s.52 duty.

    A child (or a presumed child under s.51): NRM, whatever the consent. An adult: NRM only with
    consent; otherwise (refused, or not asked) the anonymous duty to notify.
    """
    if treated_as_child(age_basis):
        return NRM
    return NRM if consent == CONSENT_GIVEN else ANONYMOUS_DTN


def notification_due_on(grounds_date: dt.date) -> dt.date:
    """When the notification task is due: the next working day after the grounds (local target)."""
    return add_working_days(grounds_date, NOTIFY_TARGET_WORKING_DAYS)


def count_year(notified_on: dt.date) -> int:
    """The calendar year a notification counts in (the Home Office publishes NRM/DtN by year)."""
    return notified_on.year


def yearly_counts(rows: Iterable[tuple[dt.date, str]]) -> dict[int, dict[str, int]]:
    """(notified on, route) rows -> {year: {route: count}}, every route present in each year."""
    result: dict[int, dict[str, int]] = {}
    for notified_on, route in rows:
        year = result.setdefault(count_year(notified_on), {NRM: 0, ANONYMOUS_DTN: 0})
        year[route] = year.get(route, 0) + 1
    return dict(sorted(result.items(), reverse=True))


# --- what leaves the system ---------------------------------------------------------------------

# Every field a notification may carry, in order, with its label. Which are sent depends on the route.
NOTIFICATION_FIELDS: tuple[tuple[str, str], ...] = (
    ("notifying_authority", "Notifying authority"),
    ("route", "Route"),
    ("grounds_date", "Date reasonable grounds were formed"),
    ("age_group", "Adult or child"),
    ("gender", "Gender"),
    ("nationality", "Nationality"),
    ("exploitation", "Type of exploitation"),
    ("exploitation_area", "Where the exploitation happened (town or district)"),
    ("given_name", "Given name"),
    ("family_name", "Family name"),
    ("known_as", "Also known as"),
    ("date_of_birth", "Date of birth"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("grounds", "Why there are reasonable grounds to believe"),
    ("consent_evidence", "How consent was given"),
)

# The only fields an anonymous duty-to-notify carries (s.52(3)): nothing that identifies the person.
ANONYMOUS_FIELDS: frozenset[str] = frozenset(
    {
        "notifying_authority",
        "route",
        "grounds_date",
        "age_group",
        "gender",
        "nationality",
        "exploitation",
        "exploitation_area",
    }
)


@dataclass(frozen=True)
class ExportRow:
    key: str
    label: str
    value: str


def notification_rows(route: str, values: Mapping[str, str]) -> list[ExportRow]:
    """The rows of the notification for ``route``: an anonymous one keeps only ``ANONYMOUS_FIELDS``.

    A whitelist, so that a field added later is suppressed from an anonymous notification until
    someone decides it does not identify the person.
    """
    allowed = ANONYMOUS_FIELDS if route == ANONYMOUS_DTN else {key for key, _ in NOTIFICATION_FIELDS}
    return [
        ExportRow(key, label, values.get(key, "")) for key, label in NOTIFICATION_FIELDS if key in allowed
    ]
