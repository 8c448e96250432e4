"""Domestic Homicide Reviews (Domestic Violence, Crime and Victims Act 2004 s.9): pure rules.

- s.9(1): a review of the circumstances in which the death of a person aged 16 or over has, or
  appears to have, resulted from violence, abuse or neglect by a person to whom they were related,
  with whom they were or had been in an intimate personal relationship, or a member of the same
  household. Since the 2016 statutory guidance this includes a suicide where there was abuse.
- Multi-agency Statutory Guidance for the Conduct of Domestic Homicide Reviews (2016): the police
  inform the Community Safety Partnership in writing; the CSP decides whether to hold a review
  within one month of that notification and tells the Home Office of the decision either way; an
  independent chair and a review panel are appointed; the overview report, executive summary and
  action plan are completed within six months of the decision (the CSP may extend, recording why);
  the report goes to the Home Office Quality Assurance Panel and is published, anonymised, only once
  the Panel has said it may be.
- Victims and Prisoners Act 2024 s.19 renames the reviews "Domestic Abuse Related Death Reviews"
  (DARDR) from its commencement. Not commenced when this was written: ``DARDR_COMMENCEMENT`` is None
  and becomes the commencement date by a dated rule change; reviews notified on or after it carry
  the new name and rule version.

Dates: "within one month of" a day runs to the same day of the next month (5 January: decision by
5 February), clamped to the month's end (31 January: by 28 or 29 February); the report's six months
run from the decision the same way. Both come from the one calendar module.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from csphub.core.calendar import add_months

RULE_VERSION_DHR = "dvcva2004-s9/dhr-guidance-2016"
RULE_VERSION_DARDR = "dvcva2004-s9/vpa2024-s19-dardr"
# Victims and Prisoners Act 2024 s.19: not yet commenced (a dated rule change sets the day).
DARDR_COMMENCEMENT: dt.date | None = None

MINIMUM_AGE = 16  # s.9(1): "a person aged 16 or over"
DECISION_MONTHS = 1
REPORT_MONTHS = 6

# Codes shared with the models' choices.
RELATIONSHIP_PARTNER = "partner"  # current or former intimate partner
RELATIONSHIP_RELATIVE = "relative"
RELATIONSHIP_HOUSEHOLD = "household"  # a member of the same household
RELATIONSHIP_NONE = "none"  # none of these: outside s.9(1)
QUALIFYING_RELATIONSHIPS = frozenset({RELATIONSHIP_PARTNER, RELATIONSHIP_RELATIVE, RELATIONSHIP_HOUSEHOLD})

DECISION_CONDUCT = "conduct"
DECISION_NOT_CONDUCT = "not_conduct"

QA_APPROVED = "approved"  # the Panel has said the report may be published
QA_RESUBMIT = "resubmit"  # the Panel asks for changes and a resubmission
QA_OUTCOMES = frozenset({QA_APPROVED, QA_RESUBMIT})


def rule_version(notified_on: dt.date, commencement: dt.date | None = DARDR_COMMENCEMENT) -> str:
    """The rule a review notified on ``notified_on`` is held under (VPA 2024 s.19 once commenced)."""
    if commencement is not None and notified_on >= commencement:
        return RULE_VERSION_DARDR
    return RULE_VERSION_DHR


def review_name(version: str) -> str:
    return (
        "Domestic Abuse Related Death Review" if version == RULE_VERSION_DARDR else "Domestic Homicide Review"
    )


def in_scope(age_at_death: int | None, relationship: str) -> bool:
    """s.9(1): aged 16 or over and a qualifying relationship. An unknown age is not ruled out
    (the police notification may not give it; the decision asks)."""
    if age_at_death is not None and age_at_death < MINIMUM_AGE:
        return False
    return relationship in QUALIFYING_RELATIONSHIPS


def decision_due(notified_on: dt.date) -> dt.date:
    """The last day for the decision whether to hold a review: one month after notification."""
    return add_months(notified_on, DECISION_MONTHS)


def decision_in_time(notified_on: dt.date, decided_on: dt.date) -> bool:
    return decided_on <= decision_due(notified_on)


def report_due(decided_on: dt.date) -> dt.date:
    """The target for the overview report, executive summary and action plan: six months after
    the decision to hold the review."""
    return add_months(decided_on, REPORT_MONTHS)


def extension_valid(current_due: dt.date, new_due: dt.date, reason: str) -> bool:
    """An extension moves the target later and says why (the guidance: record the reason)."""
    return new_due > current_due and bool(reason.strip())


def may_publish(qa_outcome: str, report_completed_on: dt.date | None, anonymised: bool) -> bool:
    """Publication only after the Home Office Quality Assurance Panel has approved the report, and
    only anonymised."""
    return qa_outcome == QA_APPROVED and report_completed_on is not None and anonymised


def publication_blocked_reason(qa_outcome: str, report_completed_on: dt.date | None, anonymised: bool) -> str:
    """Why the report may not be published yet, in words for the page ("" when it may)."""
    if report_completed_on is None:
        return "The overview report is not complete."
    if qa_outcome != QA_APPROVED:
        return "The Home Office Quality Assurance Panel has not said the report may be published."
    if not anonymised:
        return "Confirm that the report is anonymised."
    return ""


def action_overdue(due_on: dt.date, completed: bool, today: dt.date) -> bool:
    return not completed and today > due_on


# --- The anonymised publication (2016 statutory guidance, section 8 and Annex: the report is
# published with the victim, perpetrator and family given pseudonyms and nothing that identifies
# them). The chair agrees a pseudonym for each real name; the published text replaces every name,
# and every part of it (a surname alone, a first name alone), whole words, any letter case.
PSEUDONYM_VICTIM = "victim"
PSEUDONYM_PERPETRATOR = "perpetrator"
PSEUDONYM_FAMILY = "family"
PSEUDONYM_OTHER = "other"
NAME_REMOVED = "[name removed]"
_MIN_PART = 2  # a part of one letter (an initial) is not replaced on its own


def name_parts(name: str) -> list[str]:
    """The full name and each word of it that could identify the person on its own."""
    full = " ".join(name.split())
    words = [w.strip(".,'") for w in full.split(" ")]
    parts = [full] if full else []
    parts += [w for w in words if len(w) >= _MIN_PART and w.lower() != full.lower()]
    return list(dict.fromkeys(parts))


def _replacements(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """(text to find, replacement), longest first. A part two people share (a family surname) has
    no single pseudonym, so it is removed rather than guessed."""
    found: dict[str, str] = {}
    for real, pseudonym in pairs:
        for part in name_parts(real):
            key = part.lower()
            if key in found and found[key] != pseudonym:
                found[key] = NAME_REMOVED
            else:
                found.setdefault(key, pseudonym)
    return sorted(found.items(), key=lambda item: (-len(item[0]), item[0]))


def _pattern(part: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){re.escape(part)}(?![\w])", re.IGNORECASE)


def anonymise(text: str, pairs: Sequence[tuple[str, str]]) -> str:
    """``text`` with every real name of ``pairs`` (real name, pseudonym) and each part of it replaced."""
    replacements = _replacements(pairs)
    if not replacements or not text:
        return text
    # One pass over the text, so that a pseudonym put in is never itself replaced.
    combined = re.compile(
        "|".join(f"(?<![\\w]){re.escape(part)}(?![\\w])" for part, _ in replacements), re.IGNORECASE
    )
    lookup = dict(replacements)
    return combined.sub(lambda match: lookup[match.group(0).lower()], text)


def names_left(text: str, real_names: Sequence[str], pseudonyms: Sequence[str] = ()) -> list[str]:
    """The real names, or parts of them, still in ``text`` (a pseudonym that happens to contain the
    same word is not counted)."""
    shown = text
    for pseudonym in pseudonyms:
        shown = _pattern(pseudonym).sub(" ", shown) if pseudonym.strip() else shown
    left = []
    for name in real_names:
        for part in name_parts(name):
            if _pattern(part).search(shown) and part not in left:
                left.append(part)
    return left


def pseudonym_problem(real_name: str, pseudonym: str, real_names: Sequence[str]) -> str:
    """Why ``pseudonym`` cannot stand for ``real_name`` ("" when it can): it must not contain any
    real name of the review, or a part of one."""
    if not pseudonym.strip():
        return "Enter the pseudonym"
    words = {w.lower() for w in re.findall(r"\w+", pseudonym)}
    for name in (real_name, *real_names):
        for part in name_parts(name):
            if part.lower() in words or part.lower() == pseudonym.strip().lower():
                return "The pseudonym must not contain a real name or part of one"
    return ""


def month_year(day: dt.date | None) -> str:
    """A date as the published report gives it: month and year only, never the day."""
    return f"{day:%B %Y}" if day is not None else ""
