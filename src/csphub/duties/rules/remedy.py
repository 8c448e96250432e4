"""The Community Remedy (Anti-social Behaviour, Crime and Policing Act 2014 ss.101-103): pure rules.

- s.101: the local policing body (the PCC) prepares a community remedy document: a list of actions any
  of which might, in its opinion, be appropriate for a person who has engaged in anti-social behaviour or
  committed an offence to carry out instead of facing formal action. Each action must have one of the
  purposes in s.101(7): to repair harm, to rehabilitate, or to punish (and be proportionate).
- s.102: where a constable (or other person with the power) deals with someone out of court and the
  victim is to be offered a say, the officer must make reasonable efforts to obtain the victim's views
  on which action(s) from the document the offender should carry out, and if the victim expresses the
  view that a particular action should be chosen, choose it unless it seems inappropriate. The views
  are therefore sought *before* the action is chosen; when the victim's choice is not taken, the reason
  is recorded.
"""

from __future__ import annotations

import datetime as dt

RULE_VERSION = "asbcpa2014-ss101-103"

PURPOSES: tuple[tuple[str, str], ...] = (
    ("repair", "Repair the harm caused (s.101(7)(a)(i))"),
    ("rehabilitate", "Rehabilitate the person (s.101(7)(b))"),
    ("punish", "Punish the person (s.101(7)(c))"),
)

VIEWS_GIVEN = "given"  # the victim gave their view
VIEWS_DECLINED = "declined"  # asked, and chose not to give a view
VIEWS_UNREACHABLE = "unreachable"  # reasonable efforts made, could not be reached
NO_VICTIM = "no_victim"  # an offence or behaviour with no identifiable victim


def choice_refusals(
    *,
    views_status: str,
    views_sought_on: dt.date | None,
    chosen_on: dt.date,
    victim_preferred: bool,
    not_preferred_reason: str,
) -> list[str]:
    """Why an action may not be chosen yet (s.102); empty when it may.

    The victim's views must have been sought (or reasonable efforts made) on or before the day the
    action is chosen. When the victim asked for a different action from the document, the reason it
    was inappropriate must be recorded.
    """
    reasons: list[str] = []
    if views_status == NO_VICTIM:
        return reasons
    if views_sought_on is None:
        reasons.append("Record when the victim's views were sought before the action is chosen")
    elif views_sought_on > chosen_on:
        reasons.append("The victim's views must be sought before the action is chosen, not after")
    if views_status == VIEWS_GIVEN and not victim_preferred and not not_preferred_reason.strip():
        reasons.append("Say why the action the victim asked for was not appropriate")
    return reasons
