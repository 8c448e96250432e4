"""Dispersal (ss.34-42): authorisation, directions, surrender and return of items, variation."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from csphub.powers.rules.dates import UK_TZ
from csphub.powers.rules.issuers import IssuerCapacity, issuer_blockers
from csphub.powers.rules.recipients import Recipient
from csphub.powers.rules.ruleset import RuleSet
from csphub.powers.rules.states import Power

# --------------------------------------------------------------------------------------------
# Dispersal (ss.34-42)
# --------------------------------------------------------------------------------------------


def dispersal_authorisation_blockers(
    *,
    rules: RuleSet,
    issuer: IssuerCapacity | str | None,
    locality: str,
    grounds: str,
    starts_at: datetime,
    ends_at: datetime,
    human_rights_considered: str,
    signed: bool,
) -> list[str]:
    """s.34 / rule 11.4: inspector or above, written signed grounds, locality, ≤48 h, Arts 10/11."""
    reasons = issuer_blockers(Power.DISPERSAL_AUTHORISATION, issuer)
    if not locality.strip():
        reasons.append("Describe the locality the authorisation covers")
    if not grounds.strip():
        reasons.append("Give the grounds for the authorisation in writing")
    if not human_rights_considered.strip():
        reasons.append("Record how you had regard to the rights of freedom of expression and assembly")
    if not signed:
        reasons.append("The authorisation must be signed")
    if ends_at <= starts_at:
        reasons.append("The authorisation must end after it starts")
    elif ends_at - starts_at > timedelta(hours=rules.dispersal_max_hours):
        reasons.append(f"An authorisation cannot last more than {rules.dispersal_max_hours} hours")
    return reasons


S36_EXCLUSIONS: tuple[str, ...] = (
    "the place where the person lives",
    "work the person is required or expected to attend",
    "a court order or tribunal obligation",
    "education or training",
    "medical treatment",
    "peaceful picketing or a lawful public procession",
)


def dispersal_direction_blockers(
    *,
    rules: RuleSet,
    issuer: IssuerCapacity | str | None,
    recipient: Recipient,
    given_at: datetime,
    excluded_until: datetime,
    authorisation_window: tuple[datetime, datetime] | None,
    in_writing: bool,
    not_in_writing_reason: str = "",
    exclusions_checked: Iterable[str] = (),
) -> list[str]:
    """s.35-36 / rule 11.4: active authorisation, age ≥ 10, ≤ 48 h, written notice, s.36 check."""
    reasons = issuer_blockers(Power.DISPERSAL_DIRECTION, issuer)
    if authorisation_window is None:
        reasons.append("A direction needs a dispersal authorisation")
    else:
        a_start, a_end = authorisation_window
        if not a_start <= given_at < a_end:
            reasons.append("The dispersal authorisation is not in force at the time of the direction")
    if recipient.is_body:
        reasons.append("A dispersal direction is given to a person")
    else:
        age = recipient.age_on(given_at.date())
        if age is not None and age < rules.dispersal_min_age:
            reasons.append(f"A direction cannot be given to a child under {rules.dispersal_min_age}")
    if excluded_until <= given_at:
        reasons.append("The exclusion must end after the direction is given")
    elif excluded_until - given_at > timedelta(hours=rules.dispersal_max_hours):
        reasons.append(f"The exclusion cannot last more than {rules.dispersal_max_hours} hours")
    if not in_writing and not not_in_writing_reason.strip():
        reasons.append("Give the direction in writing, or say why that was not reasonably practicable")
    missing = set(S36_EXCLUSIONS) - set(exclusions_checked)
    if missing:
        reasons.append(
            "Confirm the direction does not stop the person reaching " + "; ".join(sorted(missing))
        )
    return reasons


def dispersal_removal_allowed(
    recipient: Recipient, on: date, *, rules: RuleSet, believed_under_16: bool = False
) -> bool:
    """s.35(7): a person the officer reasonably believes to be under 16 may be removed home or to a
    place of safety. The officer's recorded belief decides (A.11); a recorded date of birth that
    makes them under 16 on the day is also a reasonable ground for the belief."""
    if believed_under_16:
        return True
    age = recipient.age_on(on)
    return age is not None and age < rules.dispersal_removal_under_age


def dispersal_uniform_blockers(in_uniform: bool) -> list[str]:
    """s.35(1): a direction is given by a constable in uniform (a designated PCSO likewise acts in
    uniform, Police Reform Act 2002 Sch 4)."""
    return [] if in_uniform else ["A dispersal direction is given by an officer in uniform (s.35(1))"]


def dispersal_surrender_blockers(
    *,
    given_at: datetime,
    excluded_until: datetime,
    surrendered_at: datetime,
    now: datetime,
    items: str,
    belief: str,
    in_writing: bool,
    not_in_writing_reason: str,
    told_offence: bool,
    not_told_reason: str,
) -> list[str]:
    """s.37: the constable who gives a s.35 direction may also direct the person to surrender any
    item in their possession or control that the constable reasonably believes has been used, or is
    likely to be used, in behaviour that harasses, alarms or distresses members of the public. The
    direction is in writing unless that is not reasonably practicable, and the person is told
    (unless not reasonably practicable) that failing without reasonable excuse to comply is an
    offence (s.39). It goes with a direction that is running: from when the s.35 direction is given
    until its exclusion period ends."""
    reasons = []
    if not items.strip():
        reasons.append("Describe each item surrendered")
    if not belief.strip():
        reasons.append(
            "Record why you believe the items have been or are likely to be used in behaviour that "
            "harasses, alarms or distresses members of the public (s.37)"
        )
    if surrendered_at < given_at:
        reasons.append("Items can only be asked for with a dispersal direction: not before it was given")
    elif surrendered_at >= excluded_until:
        reasons.append("The exclusion period has ended: items can only be asked for while the direction runs")
    if surrendered_at > now:
        reasons.append("The time the items were surrendered must be now or in the past")
    if not in_writing and not not_in_writing_reason.strip():
        reasons.append(
            "The direction to surrender must be in writing unless that is not reasonably practicable: "
            "say why it was not (s.37)"
        )
    if not told_offence and not not_told_reason.strip():
        reasons.append(
            "Tell the person that failing without reasonable excuse to comply is an offence, unless that is "
            "not reasonably practicable: say why they were not told (s.37, s.39)"
        )
    return reasons


def dispersal_item_return_blockers(
    *, excluded_until: datetime, surrendered_at: datetime, returned_at: datetime, now: datetime
) -> list[str]:
    """s.37: an item surrendered is not returned before the end of the exclusion period of the
    direction it went with (the exclusion period's last moment may be varied, s.35(8))."""
    reasons = []
    if returned_at < surrendered_at:
        reasons.append("An item cannot be returned before it was surrendered")
    elif returned_at < excluded_until:
        end = excluded_until.astimezone(UK_TZ)
        reasons.append(
            f"A surrendered item is not returned before the exclusion period ends, at {end:%H:%M} on "
            f"{end.day} {end:%B %Y} (s.37)"
        )
    if returned_at > now:
        reasons.append("The time the item was returned must be now or in the past")
    return reasons


def dispersal_variation_blockers(
    *, rules: RuleSet, first_given_at: datetime, new_excluded_until: datetime
) -> list[str]:
    """s.35(8): a variation cannot extend the exclusion beyond 48 h from when first given."""
    if new_excluded_until - first_given_at > timedelta(hours=rules.dispersal_max_hours):
        return [
            f"A variation cannot extend the exclusion beyond {rules.dispersal_max_hours} hours "
            "from the direction"
        ]
    return []


def dispersal_variation_step_blockers(
    *,
    rules: RuleSet,
    issuer: IssuerCapacity | str | None,
    first_given_at: datetime,
    current_excluded_until: datetime,
    varied_at: datetime,
    new_excluded_until: datetime,
    now: datetime,
    in_writing: bool,
    not_in_writing_reason: str = "",
) -> list[str]:
    """s.35(8)-(9): any constable may vary a direction still running; never beyond 48 hours from
    when it was first given; notice of the variation in writing unless not reasonably practicable."""
    reasons = issuer_blockers(Power.DISPERSAL_DIRECTION, issuer)
    if varied_at < first_given_at:
        reasons.append("The variation cannot be before the direction was given")
    if varied_at > now:
        reasons.append("The time of the variation must be now or in the past")
    if varied_at >= current_excluded_until:
        reasons.append(
            f"The exclusion ended {current_excluded_until.astimezone(UK_TZ):%-d %B %Y at %H:%M}: "
            "a direction that has ended cannot be varied"
        )
    if new_excluded_until <= varied_at:
        reasons.append("The varied exclusion must end after the variation")
    else:
        reasons += dispersal_variation_blockers(
            rules=rules, first_given_at=first_given_at, new_excluded_until=new_excluded_until
        )
    if not in_writing and not not_in_writing_reason.strip():
        reasons.append(
            "Give notice of the variation in writing, or say why that was not reasonably practicable"
        )
    return reasons
