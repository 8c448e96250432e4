"""Public spaces protection orders (ss.59-75): consultation, content, publication, challenge, extension,
variation and discharge.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from csphub.powers.rules.dates import (
    _decision_date_blockers,
    add_years,
    months_period_last_day,
    period_last_day,
)
from csphub.powers.rules.issuers import IssuerCapacity, issuer_blockers
from csphub.powers.rules.ruleset import RuleSet
from csphub.powers.rules.states import Power, Status

# --------------------------------------------------------------------------------------------
# PSPO (ss.59-75)
# --------------------------------------------------------------------------------------------

PSPO_CONSULTEES: tuple[str, ...] = (
    "chief_officer_of_police",
    "local_policing_body",
    "community_representatives",
    "owners_occupiers",
    "county_council_notified",
    "parish_council_notified",
)

PSPO_CONSULTEE_LABELS: dict[str, str] = {
    "chief_officer_of_police": "the chief officer of police",
    "local_policing_body": "the police and crime commissioner",
    "community_representatives": "community representatives",
    "owners_occupiers": "owners and occupiers of the land",
    "county_council_notified": "the county council (notified)",
    "parish_council_notified": "the parish or community council (notified)",
}


def pspo_blockers(
    *,
    rules: RuleSet,
    issuer: IssuerCapacity | str | None,
    made_on: date,
    expires_on: date,
    consultation_done: Iterable[str],
    publicised: bool,
    two_tier: bool = True,
    parished: bool = True,
    council_land_only: bool = False,
    expression_assembly_regard: str | None = None,
) -> list[str]:
    """s.59, s.60, s.72 / rule 11.6: making a PSPO.

    At most 3 years: the last day is the day before the third anniversary (a period "beginning
    with" the day made). ``expression_assembly_regard`` is the s.72(1) record of the particular
    regard had to the rights of freedom of expression and assembly (Arts 10 and 11); None means the
    caller does not collect it (decisions taken before the 2026-11 rule set).
    """
    reasons = issuer_blockers(Power.PSPO, issuer)
    if expires_on <= made_on:
        reasons.append("The order must end after it is made")
    elif expires_on > months_period_last_day(made_on, 12 * rules.pspo_max_years):
        reasons.append(f"A PSPO cannot last more than {rules.pspo_max_years} years")
    reasons += pspo_expression_regard_blockers(expression_assembly_regard)
    reasons += pspo_consultation_blockers(
        consultation_done=consultation_done,
        publicised=publicised,
        two_tier=two_tier,
        parished=parished,
        council_land_only=council_land_only,
        doing="making",
    )
    return reasons


def pspo_content_blockers(requirements: str) -> list[str]:
    """s.59(7)(a): the order must identify the activities it prohibits, or the things it requires
    people carrying on activities to do (s.59(2)-(4)): at least one line. The other content of
    s.59(7) (the effect of s.63 and s.67, the period) is in the letter the order is published as."""
    if not any(line.strip() for line in requirements.splitlines()):
        return [
            "The order must identify the activities it prohibits or the requirements it imposes (s.59(7))"
        ]
    return []


def pspo_prohibits_alcohol(requirements: str) -> bool:
    """Whether the order restricts drinking alcohol, so its text must explain s.63 (s.59(7)(b))."""
    return "alcohol" in requirements.lower()


def pspo_latest_decision(
    *, made_on: date, extended_on: Iterable[date], varied_on: Iterable[date], discharged_on: date | None
) -> tuple[str, date]:
    """The council's latest decision on an order (made, extended, varied or discharged) and its
    date: what must be published next (the PSPO publication regulations, review A.5). On one day a
    discharge is latest, then a variation, then an extension."""
    decisions = [("made", made_on)]
    decisions += [("extended", d) for d in extended_on]
    decisions += [("varied", d) for d in varied_on]
    if discharged_on is not None:
        decisions.append(("discharged", discharged_on))
    order = {"made": 0, "extended": 1, "varied": 2, "discharged": 3}
    return max(decisions, key=lambda d: (d[1], order[d[0]]))


def pspo_publication_blockers(
    *, decided_on: date, published_on: date, today: date, on_website: bool, notices_erected: bool
) -> list[str]:
    """The PSPO publication regulations (2014), review A.5: an order made, extended, varied or
    discharged is published on the council's website, and notices drawing attention to it are put
    up on or next to the restricted area. Not before the decision, not in the future."""
    reasons = []
    if not on_website:
        reasons.append("Publish the order on the council's website")
    if not notices_erected:
        reasons.append("Put up notices on or next to the restricted area drawing attention to the order")
    if published_on < decided_on:
        reasons.append(
            f"It cannot be published before the council's decision on {decided_on.day} {decided_on:%B %Y}"
        )
    if published_on > today:
        reasons.append("The date of publication must be today or in the past")
    return reasons


def pspo_expression_regard_blockers(regard: str | None) -> list[str]:
    """s.72(1): in deciding to make, extend, vary or discharge a PSPO the council must have
    particular regard to the rights of freedom of expression and assembly (ECHR Arts 10 and 11)."""
    if regard is not None and not regard.strip():
        return [
            "Record how the council had particular regard to the rights of freedom of expression "
            "and assembly (s.72(1))"
        ]
    return []


def pspo_consultation_blockers(
    *,
    consultation_done: Iterable[str],
    publicised: bool,
    two_tier: bool = True,
    parished: bool = True,
    council_land_only: bool = False,
    doing: str = "making",
) -> list[str]:
    """s.72(3)-(5): before making, extending, varying or discharging, consult, notify, publicise."""
    reasons = []
    needed = set(PSPO_CONSULTEES)
    if not two_tier:
        needed.discard("county_council_notified")
    if not parished:
        needed.discard("parish_council_notified")
    if council_land_only:
        # s.72(5): no owner or occupier to consult where the council owns and occupies the land.
        needed.discard("owners_occupiers")
    missing = needed - set(consultation_done)
    if missing:
        reasons.append(
            "Complete the consultation record: "
            + "; ".join(PSPO_CONSULTEE_LABELS[m] for m in sorted(missing))
        )
    if not publicised:
        reasons.append(f"Publicise the proposal before {doing} the order")
    return reasons


def pspo_challenge_deadline(made_on: date, *, rules: RuleSet) -> date:
    """Last day for a High Court challenge: 6 weeks beginning with the day made or varied (s.66).

    An extension (s.60) opens no s.66 window: keep the deadline of the order or last variation."""
    return period_last_day(made_on, rules.pspo_challenge_weeks * 7)


# s.66(1), (3): a challenge lies against the order or a variation; an extension opens no window.
PSPO_CHALLENGEABLE_STEPS: frozenset[Status] = frozenset({Status.MADE, Status.VARIED})


def pspo_review_due(expires_on: date, *, rules: RuleSet) -> date:
    """When to review whether to extend (an extension must be made before expiry)."""
    return expires_on - timedelta(days=rules.pspo_review_lead_days)


def pspo_extension_blockers(
    *, rules: RuleSet, current_expiry: date, extended_on: date, new_expiry: date
) -> list[str]:
    """s.60(2)-(4): extended before it expires, each time for at most 3 years beyond the expiry
    it replaces (s.60(3)); the order then runs to the day before that third anniversary.

    ``current_expiry`` is the order's last day in force (it ends at the end of that day, as a
    breach on that day is an offence and the order may be discharged on it), so an extension made
    on that day is made before the order expires; from the day after, it has expired."""
    reasons = []
    if extended_on > current_expiry:
        reasons.append(
            f"The order expired at the end of {current_expiry:%-d %B %Y}: "
            "an order can only be extended before it expires"
        )
    if new_expiry <= current_expiry:
        reasons.append("The new expiry must be later than the current one")
    elif new_expiry > add_years(current_expiry, rules.pspo_extension_max_years):
        reasons.append(f"An extension cannot be for more than {rules.pspo_extension_max_years} years")
    return reasons


def pspo_extension_step_blockers(
    *,
    rules: RuleSet,
    issuer: IssuerCapacity | str | None,
    made_on: date,
    current_expiry: date,
    extended_on: date,
    new_expiry: date,
    today: date,
    consultation_done: Iterable[str],
    publicised: bool,
    two_tier: bool = True,
    parished: bool = True,
    council_land_only: bool = False,
    expression_assembly_regard: str | None = None,
) -> list[str]:
    """Rule 11.6: an extension needs the issuer, the dates, a completed consultation record and
    the s.72(1) regard to freedom of expression and assembly."""
    reasons = issuer_blockers(Power.PSPO, issuer)
    reasons += pspo_expression_regard_blockers(expression_assembly_regard)
    if extended_on < made_on:
        reasons.append("The extension cannot be dated before the order was made")
    if extended_on > today:
        reasons.append("The date of the extension must be today or in the past")
    reasons += pspo_extension_blockers(
        rules=rules, current_expiry=current_expiry, extended_on=extended_on, new_expiry=new_expiry
    )
    reasons += pspo_consultation_blockers(
        consultation_done=consultation_done,
        publicised=publicised,
        two_tier=two_tier,
        parished=parished,
        council_land_only=council_land_only,
        doing="extending",
    )
    return reasons


def pspo_variation_blockers(
    *,
    issuer: IssuerCapacity | str | None,
    made_on: date,
    current_expiry: date,
    varied_on: date,
    today: date,
    restrictions_changed: bool,
    consultation_done: Iterable[str],
    publicised: bool,
    two_tier: bool = True,
    parished: bool = True,
    council_land_only: bool = False,
    expression_assembly_regard: str | None = None,
) -> list[str]:
    """s.61, s.72: a variation changes the restricted area or the requirements of an order in force;
    consultation first. (Changing how long it lasts is an extension, s.60.)"""
    reasons = issuer_blockers(Power.PSPO, issuer)
    reasons += pspo_expression_regard_blockers(expression_assembly_regard)
    if varied_on < made_on:
        reasons.append("The variation cannot be dated before the order was made")
    if varied_on > today:
        reasons.append("The date of the variation must be today or in the past")
    if varied_on > current_expiry:  # in force to the end of its last day
        reasons.append(f"The order expired on {current_expiry:%-d %B %Y}: it can no longer be varied")
    if not restrictions_changed:
        reasons.append("Change the restricted area or the prohibitions and requirements")
    reasons += pspo_consultation_blockers(
        consultation_done=consultation_done,
        publicised=publicised,
        two_tier=two_tier,
        parished=parished,
        council_land_only=council_land_only,
        doing="varying",
    )
    return reasons


def pspo_discharge_blockers(
    *,
    issuer: IssuerCapacity | str | None,
    made_on: date,
    current_expiry: date,
    discharged_on: date,
    today: date,
    consultation_done: Iterable[str],
    publicised: bool,
    expression_assembly_regard: str,
    two_tier: bool = True,
    parished: bool = True,
    council_land_only: bool = False,
) -> list[str]:
    """s.61(1)(b), s.72: the council discharges an order in force, after the s.72 consultation,
    publicity and notification, having had regard to freedom of expression and assembly."""
    reasons = issuer_blockers(Power.PSPO, issuer)
    reasons += _decision_date_blockers(
        on=discharged_on,
        not_before=made_on,
        not_before_what="the order was made",
        today=today,
        what="discharge",
    )
    if discharged_on > current_expiry:
        reasons.append(f"The order expired on {current_expiry:%-d %B %Y}: it can no longer be discharged")
    reasons += pspo_expression_regard_blockers(expression_assembly_regard)
    reasons += pspo_consultation_blockers(
        consultation_done=consultation_done,
        publicised=publicised,
        two_tier=two_tier,
        parished=parished,
        council_land_only=council_land_only,
        doing="discharging",
    )
    return reasons
