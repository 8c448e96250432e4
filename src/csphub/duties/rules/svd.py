"""Serious Violence Duty (Police, Crime, Sentencing and Courts Act 2022, Part 2 Chapter 1): pure rules.

- s.8(1)-(2): the specified authorities for a local government area must collaborate, and plan
  together, to prevent and reduce serious violence in the area.
- s.8(3)(a)-(b): identify the kinds of serious violence that occur in the area and their causes (the
  local definition of serious violence and the strategic needs assessment);
  s.8(3)(c): prepare and implement a strategy.
- s.8(4): in preparing the strategy, each educational, prison and youth custody authority for the
  area is consulted ("relevant authorities", s.12 and Sch 2).
- s.11 and Sch 1: the specified authorities (chief officer of police, fire and rescue authority,
  Integrated Care Board or Local Health Board, local authority, youth offending team, probation).
- The strategy is published and kept under review (the Prevention and Reduction of Serious Violence
  (Strategies etc.) Regulations 2022; the statutory guidance of December 2022, updated June 2023).
  The partnership reviews it, with the needs assessment, every year: a local rule, set here.
"""

from __future__ import annotations

import datetime as dt

from csphub.core.calendar import add_years

RULE_VERSION = "pcsca2022-part2-ch1/svd-guidance-2023"
REVIEW_YEARS = 1

# Codes shared with the models' choices.
DEFINITION = "definition"
NEEDS_ASSESSMENT = "needs_assessment"
STRATEGY = "strategy"
DOCUMENT_SECTIONS = {
    DEFINITION: "s.8(3)(a)",
    NEEDS_ASSESSMENT: "s.8(3)(a)-(b)",
    STRATEGY: "s.8(3)(c)",
}

# s.11 and Sch 1: every specified authority must take part; s.12 and Sch 2: consulted (s.8(4)).
SPECIFIED = frozenset(
    {"police", "fire_and_rescue", "health", "local_authority", "youth_offending", "probation"}
)
RELEVANT = frozenset({"education", "prison", "youth_custody"})


def review_due(published_on: dt.date) -> dt.date:
    """A year after publication (the anniversary; 29 February reviews on 28 February)."""
    return add_years(published_on, REVIEW_YEARS)


def review_overdue(published_on: dt.date, today: dt.date) -> bool:
    return today > review_due(published_on)


def next_version(existing: list[int]) -> int:
    return max(existing, default=0) + 1


def publication_valid(agreed_on: dt.date, published_on: dt.date) -> bool:
    """A document is published on or after the day the partnership agreed it."""
    return published_on >= agreed_on


def missing_specified(authority_types_taking_part: set[str]) -> list[str]:
    """The specified authorities (s.11, Sch 1) the partnership has not recorded as taking part."""
    return sorted(SPECIFIED - authority_types_taking_part)
