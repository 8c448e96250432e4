"""Early and informal interventions on a case (ASB statutory guidance for frontline professionals,
Home Office, 2023, updated 2025): warning letters, acceptable behaviour contracts or agreements,
mediation, restorative approaches and support or diversion. Formal powers are meant to follow
proportionate early intervention, so the record of what was tried, with whom and how it ended is
what a community protection warning or notice is judged against.

Pure: plain values in, ``Problem`` lists out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from csphub.cases.rules.problems import Problem

# Under this age a parent or guardian is named (the powers' youth age: under 18).
ADULT_AGE = 18


class InterventionKind(StrEnum):
    WARNING_LETTER = "warning_letter"
    ABC = "abc"
    MEDIATION = "mediation"
    RESTORATIVE = "restorative"
    SUPPORT = "support"


INTERVENTION_KIND_LABELS: dict[str, str] = {
    InterventionKind.WARNING_LETTER: "Warning letter",
    InterventionKind.ABC: "Acceptable behaviour contract or agreement",
    InterventionKind.MEDIATION: "Mediation referral",
    InterventionKind.RESTORATIVE: "Restorative approach",
    InterventionKind.SUPPORT: "Support or diversion referral",
}


class InterventionOutcome(StrEnum):
    KEPT_TO = "kept_to"
    BROKEN = "broken"
    ENDED_EARLY = "ended_early"
    COMPLETED = "completed"
    DECLINED = "declined"


INTERVENTION_OUTCOME_LABELS: dict[str, str] = {
    InterventionOutcome.KEPT_TO: "Kept to",
    InterventionOutcome.BROKEN: "Broken",
    InterventionOutcome.ENDED_EARLY: "Ended early",
    InterventionOutcome.COMPLETED: "Completed",
    InterventionOutcome.DECLINED: "Declined",
}


class AgreedBy(StrEnum):
    """Who agreed to or signed the intervention ("" when nobody did: a warning letter, say)."""

    PERSON = "person"
    PARENT_GUARDIAN = "parent_guardian"


AGREED_BY_LABELS: dict[str, str] = {
    AgreedBy.PERSON: "The person themselves",
    AgreedBy.PARENT_GUARDIAN: "The person with a parent or guardian",
}


@dataclass(frozen=True)
class InterventionPerson:
    """A person an intervention is with: their name for messages, their age on the start date
    (None when no date of birth is recorded) and whether they are a party to the case."""

    key: int
    name: str
    age: int | None
    on_case: bool = True


def terms_lines(terms: str) -> list[str]:
    """An ABC's agreed terms, one per line, blank lines dropped."""
    return [line.strip() for line in terms.splitlines() if line.strip()]


def early_intervention_problems(
    *,
    kind: str,
    person: InterventionPerson | None,
    other_person: InterventionPerson | None,
    started_on: dt.date | None,
    review_on: dt.date | None,
    terms: str,
    agreed_by: str,
    parent_guardian_name: str,
    today: dt.date,
) -> list[Problem]:
    """Why an early intervention cannot be recorded as given ([] when it can).

    - kind is one of ``InterventionKind``;
    - mediation names both neighbours (two different parties to the case); every other kind is with
      one party to the case;
    - the start date is given and not in the future;
    - an acceptable behaviour contract has its agreed terms (one per line) and a review date;
    - a review date is on or after the start date;
    - someone under 18 on the start date (as the powers count age: completed years; no date of
      birth recorded is not counted as under 18) has a parent or guardian named, who agreed with
      them if it was agreed at all.
    """
    problems: list[Problem] = []
    if kind not in INTERVENTION_KIND_LABELS:
        problems.append(Problem("kind", "Select the kind of early intervention"))
    if kind == InterventionKind.MEDIATION:
        if person is None or not person.on_case:
            problems.append(Problem("person", "Select the first neighbour in the mediation"))
        if other_person is None or not other_person.on_case:
            problems.append(Problem("other_person", "Select the other neighbour in the mediation"))
        elif person is not None and other_person.key == person.key:
            problems.append(Problem("other_person", "Select two different people for the mediation"))
    else:
        if person is None or not person.on_case:
            problems.append(Problem("person", "Select who the early intervention is with"))
        if other_person is not None:
            problems.append(
                Problem("other_person", "Name a second person only for mediation between neighbours")
            )
    if started_on is None:
        problems.append(Problem("started_on", "Enter the date the early intervention started"))
    elif started_on > today:
        problems.append(Problem("started_on", "The start date must be today or in the past"))
    if kind == InterventionKind.ABC:
        if not terms_lines(terms):
            problems.append(Problem("terms", "Enter the terms agreed in the contract, one per line"))
        if review_on is None:
            problems.append(Problem("review_on", "Enter the date the contract will be reviewed"))
    if review_on is not None and started_on is not None and review_on < started_on:
        problems.append(Problem("review_on", "The review date must be on or after the start date"))
    if agreed_by and agreed_by not in AGREED_BY_LABELS:
        problems.append(Problem("agreed_by", "Select who agreed to it"))
    if agreed_by == AgreedBy.PARENT_GUARDIAN and not parent_guardian_name.strip():
        problems.append(Problem("parent_guardian_name", "Enter the name of the parent or guardian"))
    for young in (
        p for p in (person, other_person) if p is not None and p.age is not None and p.age < ADULT_AGE
    ):
        if not parent_guardian_name.strip():
            problems.append(
                Problem(
                    "parent_guardian_name",
                    f"{young.name} was {young.age} on the start date: enter the name of their parent "
                    "or guardian",
                )
            )
        elif agreed_by == AgreedBy.PERSON:
            problems.append(
                Problem(
                    "agreed_by",
                    f"{young.name} was {young.age} on the start date: a parent or guardian agrees with them",
                )
            )
        break
    return problems


def intervention_outcome_problems(
    *, outcome: str, outcome_on: dt.date | None, started_on: dt.date, today: dt.date
) -> list[Problem]:
    """Why an outcome cannot be recorded: one of ``InterventionOutcome``, dated on or after the
    start and not in the future."""
    problems: list[Problem] = []
    if outcome not in INTERVENTION_OUTCOME_LABELS:
        problems.append(Problem("outcome", "Select the outcome"))
    if outcome_on is None:
        problems.append(Problem("outcome_on", "Enter the date of the outcome"))
    elif outcome_on < started_on:
        problems.append(
            Problem(
                "outcome_on",
                f"The date of the outcome must be on or after the start date, {started_on:%-d %B %Y}",
            )
        )
    elif outcome_on > today:
        problems.append(Problem("outcome_on", "The date of the outcome must be today or in the past"))
    return problems
