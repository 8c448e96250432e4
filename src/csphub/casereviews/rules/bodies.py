"""The relevant bodies: complaints the applicant named that are not linked (s.104(6)), consultation on
the procedures (Sch 4) and who can be a relevant body (s.105, Sch 4 para 5).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from csphub.casereviews.rules.applications import Problem
from csphub.casereviews.rules.wording import _fmt

# ---------------------------------------------------------------------------------------------------
# Complaints the applicant named that are not linked (s.104(6): the relevant bodies' complaints count)
# ---------------------------------------------------------------------------------------------------

# Words an applicant uses for a kind of relevant body ("rang 101", "told my landlord", "my GP").
BODY_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "police": ("police", "101", "pcso", "officer", "constable"),
    "housing_provider": ("housing", "landlord", "housing association", "housing officer"),
    "health": ("nhs", "gp", "doctor", "hospital", "health", "a&e"),
    "district_council": ("council", "environmental health"),
    "county_council": ("county council",),
    "fire_and_rescue": ("fire",),
}


@dataclass(frozen=True)
class NamedBody:
    """A relevant body as the applicant might name it."""

    key: str
    name: str
    short_name: str
    kind: str


def _mentions(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(phrase.lower())}(?![\w])", text) is not None


def bodies_named_not_linked(
    reports_described: str, bodies: Iterable[NamedBody], linked_keys: Iterable[str]
) -> list[NamedBody]:
    """The relevant bodies the applicant says they reported to that have no linked complaint.

    s.104(6) counts complaints made to any relevant body, so a decision taken without a body the
    applicant named may be wrong. A body counts as named when the applicant's account mentions its
    name, its short name or a word for its kind ("101", "landlord", "GP"); a warning, not a rule.
    """
    text = reports_described.lower()
    linked = set(linked_keys)
    named = []
    for body in bodies:
        if body.key in linked:
            continue
        # "Amber Valley Homes (social housing provider)" is named as "Amber Valley Homes"
        plain_name = body.name.split(" (")[0]
        phrases = [body.name, plain_name, body.short_name, *BODY_KIND_WORDS.get(body.kind, ())]
        if any(phrase and _mentions(text, phrase) for phrase in phrases):
            named.append(body)
    return named


# ---------------------------------------------------------------------------------------------------
# Consultation on the procedures (Sch 4)
# ---------------------------------------------------------------------------------------------------


def procedure_consultation_problems(
    *,
    pcc_consulted_on: dt.date | None,
    housing_consulted_on: dt.date | None,
    effective_from: dt.date,
    today: dt.date,
) -> list[Problem]:
    """Sch 4 (B.5): in making and revising the review procedures the relevant bodies consult the
    local policing body (the PCC) and the providers of social housing they think appropriate. A new
    threshold rule version records when each was consulted: on or before the day it takes effect,
    and not in the future."""
    problems = []
    for name, when, who, was in (
        ("pcc_consulted_on", pcc_consulted_on, "the police and crime commissioner", "was"),
        ("housing_consulted_on", housing_consulted_on, "the housing providers", "were"),
    ):
        if when is None:
            problems.append(Problem(name, f"Enter the date {who} {was} consulted on the change (Sch 4)"))
        elif when > today:
            problems.append(Problem(name, f"The date {who} {was} consulted must be today or in the past"))
        elif when > effective_from:
            problems.append(
                Problem(name, f"Consult {who} before the rules take effect on {_fmt(effective_from)}")
            )
    return problems


# ---------------------------------------------------------------------------------------------------
# Relevant bodies (s.105, Sch 4 para 5)
# ---------------------------------------------------------------------------------------------------

# Agency types (``agencies.AgencyType`` values) and the s.105 relevant body each can be.
RELEVANT_BODY_KINDS: dict[str, tuple[str, ...]] = {
    "council": ("district_council",),  # the district council, or the unitary authority
    "police": ("police",),  # the chief officer of police
    "health": ("health",),  # each integrated care board for the area
}
RELEVANT_BODY_LABELS = {
    "council": "the district or unitary council",
    "police": "the police",
    "health": "the integrated care board (health)",
}


def relevant_body_problems(agency_types: Iterable[str]) -> list[str]:
    """s.105(1): the relevant bodies in an area are the council, the chief officer of police and each
    integrated care board (plus any housing provider co-opted). An area whose relevant bodies leave
    one out cannot pass applications to all of them (s.104(3))."""
    present = set(agency_types)
    return [
        f"The relevant bodies must include {RELEVANT_BODY_LABELS[kind]} (s.105)"
        for kind, types in RELEVANT_BODY_KINDS.items()
        if not present.intersection(types)
    ]


def pass_on_problems(*, agreement_in_force: bool, bodies_not_party: Iterable[str]) -> list[str]:
    """s.104(3)(b): every application is passed to all the relevant bodies. Why that cannot happen
    now (no sharing agreement in force, or relevant bodies not party to it): each reason becomes a
    task and an audit entry, so the duty never silently fails (B.4)."""
    problems = []
    if not agreement_in_force:
        problems.append(
            "The area's information sharing agreement is missing or not in force: pass the application "
            "to the relevant bodies another way, and renew the agreement"
        )
    missing = sorted(set(bodies_not_party))
    if missing:
        problems.append(
            "These relevant bodies are not party to the information sharing agreement: " + ", ".join(missing)
        )
    return problems
