"""Civil injunctions (Part 1) in court after the application: adjourned hearings and interim
injunctions (s.6, s.7), the grant at the on-notice hearing (s.6(2)), the youth offending team's
consultation before a hearing or a change application (s.14(2), (3)), the appeal to the Crown Court
against a youth court's decision (s.15), and breach: the court's finding on an injunction (s.9) or a
CBO (Sentencing Act 2020 s.339) and the youth court's orders on an under-18's breach (Schedule 2).
Re-exported from :mod:`csphub.powers.rules.injunction_cbo` and :mod:`csphub.powers.rules`.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from csphub.powers.rules.courts import Court
from csphub.powers.rules.dates import months_period_last_day
from csphub.powers.rules.recipients import Recipient, is_youth
from csphub.powers.rules.ruleset import RuleSet
from csphub.powers.rules.states import POWER_LABELS, Power, Status, can_transition


def injunction_adjournment_blockers(
    *,
    applied_on: date,
    hearing_on: date,
    next_hearing_on: date | None,
    today: date,
    without_notice_hearing: bool,
    interim: bool,
    interim_requirements: str,
    interim_excludes_from_home: bool,
) -> list[str]:
    """A hearing of the application adjourned (s.6, s.7).

    s.6(2): at the hearing of a without-notice application the court must adjourn, granting an
    interim injunction (a) or not (b), or dismiss the application (c: recorded as refused); it cannot
    grant the full injunction there. s.7(2): an interim injunction lasts until the final hearing or
    further order. s.7(3): one made at a hearing of which the respondent was not given notice may not
    exclude them from the place where they live."""
    reasons: list[str] = []
    if hearing_on < applied_on:
        reasons.append("The hearing cannot be before the application was made")
    if hearing_on > today:
        reasons.append("The hearing date cannot be in the future")
    if next_hearing_on is not None and next_hearing_on <= hearing_on:
        reasons.append("The next hearing must be after this one")
    if without_notice_hearing and next_hearing_on is None:
        reasons.append(
            "Enter the date of the first on-notice hearing: the respondent must be given notice of it"
        )
    if interim and not interim_requirements.strip():
        reasons.append("Say what the interim injunction prohibits or requires")
    if interim and interim_excludes_from_home and without_notice_hearing:
        reasons.append(
            "An interim injunction made without notice to the respondent cannot exclude them from "
            "their home (s.7(3))"
        )
    return reasons


APPELLANTS = {"respondent": "The respondent", "applicant": "The applicant"}
APPEAL_OUTCOMES = {
    "allowed": "The Crown Court allowed the appeal",
    "dismissed": "The Crown Court dismissed the appeal",
}


def youth_court_appeal_blockers(
    *, court: str, decided_on: date | None, lodged_on: date, today: date, pending: bool
) -> list[str]:
    """s.15(1): an appeal lies to the Crown Court against a decision of a youth court made under
    Part 1 (a grant, a refusal, a variation or a discharge). A county court or High Court decision
    is appealed under the Civil Procedure Rules instead, which this service does not record."""
    reasons: list[str] = []
    if court != Court.YOUTH:
        reasons.append(
            "Only a youth court's decision is appealed to the Crown Court (s.15): a county court or "
            "High Court decision is appealed under the Civil Procedure Rules"
        )
    if decided_on is None:
        reasons.append("Record the youth court's decision first")
    elif lodged_on < decided_on:
        reasons.append(
            f"The appeal cannot be before the decision it appeals ({decided_on.day} {decided_on:%B %Y})"
        )
    if lodged_on > today:
        reasons.append("The date of the appeal cannot be in the future")
    if pending:
        reasons.append("An appeal is already pending: record the Crown Court's decision on it first")
    return reasons


def youth_court_appeal_outcome_blockers(
    *, lodged_on: date | None, decided_on: date, today: date
) -> list[str]:
    """The Crown Court decides an appeal lodged under s.15: on or after the day it was lodged, not in
    the future."""
    if lodged_on is None:
        return ["No appeal to the Crown Court is pending"]
    reasons: list[str] = []
    if decided_on < lodged_on:
        reasons.append(
            f"The Crown Court's decision cannot be before the appeal ({lodged_on.day} {lodged_on:%B %Y})"
        )
    if decided_on > today:
        reasons.append("The date of the decision cannot be in the future")
    return reasons


def injunction_grant_blockers(*, without_notice: bool, adjourned: bool) -> list[str]:
    """s.6(2): a without-notice application is adjourned or dismissed at its first hearing; the
    injunction itself is granted only at a later (on-notice) hearing."""
    if without_notice and not adjourned:
        return [
            "At the hearing of a without-notice application the court adjourns or dismisses it "
            "(s.6(2)): record the adjourned hearing first, then the decision at the on-notice hearing"
        ]
    return []


def _yot_blockers(
    *, recipient: Recipient, rules: RuleSet, under_18_on: date, consulted_on: date | None, by: date, what: str
) -> list[str]:
    if not is_youth(recipient, under_18_on, rules):
        return []
    if consulted_on is None or consulted_on > by:
        return [f"The respondent is under 18: record the youth offending team consultation {what}"]
    return []


def injunction_on_notice_hearing_blockers(
    *, rules: RuleSet, recipient: Recipient, on_notice_hearing_on: date, yot_consulted_on: date | None
) -> list[str]:
    """s.14(2): a without-notice application adjourned — consult the YOT before the date of the
    first on-notice hearing (so on or before the day before it)."""
    return _yot_blockers(
        recipient=recipient,
        rules=rules,
        under_18_on=on_notice_hearing_on,
        consulted_on=yot_consulted_on,
        by=on_notice_hearing_on - timedelta(days=1),
        what="before the date of the first on-notice hearing (s.14(2))",
    )


def injunction_change_application_blockers(
    *, rules: RuleSet, recipient: Recipient, applied_on: date, yot_consulted_on: date | None
) -> list[str]:
    """s.14(3): before applying to vary or discharge an injunction, consult the YOT if the
    respondent will be under 18 when the application is made."""
    return _yot_blockers(
        recipient=recipient,
        rules=rules,
        under_18_on=applied_on,
        consulted_on=yot_consulted_on,
        by=applied_on,
        what="before applying to vary or discharge the injunction (s.14(3))",
    )


def order_breach_blockers(
    *,
    power: Power | str,
    status: Status | str,
    started_on: date,
    current_end: date | None,
    breached_on: date,
    found_on: date,
    today: date,
    court: Court | str | None,
) -> list[str]:
    """A court's finding that an injunction (s.9, Sch 2 for under-18s) or a CBO (Sentencing Act 2020
    s.339) was breached: the breach while the order was in force, the finding on or after the
    breach, not in the future. The finding feeds absolute-ground conditions 2 and 3."""
    p, st = Power(power), Status(status)
    label = POWER_LABELS[p].lower()
    if p not in (Power.INJUNCTION, Power.CBO):
        return ["Breach findings are recorded for injunctions and criminal behaviour orders"]
    reasons = []
    if not can_transition(p, st, Status.BREACHED):
        reasons.append(f"A {label} that is {st.value} cannot be recorded as breached")
    if breached_on < started_on:
        reasons.append(f"The breach cannot be before the {label} started")
    if current_end is not None and breached_on > current_end:
        reasons.append(f"The {label} ended on {current_end:%-d %B %Y}: a later act is not a breach")
    if found_on < breached_on:
        reasons.append("The court's finding cannot be before the breach")
    if found_on > today or breached_on > today:
        reasons.append("The dates must be today or in the past")
    if court is None:
        reasons.append("Record the court that found the breach")
    return reasons


class YouthBreachOrder(StrEnum):
    """What a youth court may make on a breach of an injunction by someone under 18 (Sch 2 para 1)."""

    NONE = "none"
    SUPERVISION = "supervision"  # Part 2: supervision, activity and curfew requirements
    DETENTION = "detention"  # Part 3: youth detention accommodation


SUPERVISION_REQUIREMENTS = {
    "supervision": "A supervision requirement (appointments with the responsible officer)",
    "activity": "An activity requirement",
    "curfew": "A curfew requirement",
}


def youth_breach_order_blockers(
    *,
    recipient: Recipient,
    found_on: date,
    court: str,
    order: str,
    yot_consulted_on: date | None,
    ends_on: date | None,
    requirements: frozenset[str] | set[str],
    activity_days: int | None,
    no_other_power_appropriate: bool,
) -> list[str]:
    """Schedule 2: a youth court satisfied beyond reasonable doubt that a person under 18 is in
    breach of an injunction may make a supervision order or a detention order (para 1(1)), on the
    application of the injunction's applicant, who consults the youth offending team first
    (para 1(3)(a)). A supervision order imposes one or more of a supervision, an activity and a
    curfew requirement (para 2(1)); an activity requirement is for 12 to 24 days in all (para 4(2));
    the order lasts at most 6 months (para 2(5)). A detention order is not made on someone under 14
    (para 1(5)), nor unless the court is satisfied, in view of the severity or extent of the
    breach, that no other power available to it is appropriate (para 1(6)); it lasts at most 3
    months, not counting the day it is made (para 14(2))."""
    chosen = YouthBreachOrder(order)
    if chosen is YouthBreachOrder.NONE:
        return []
    reasons: list[str] = []
    age = recipient.age_on(found_on)
    if age is None:
        reasons.append(
            "Record the respondent's date of birth: supervision and detention orders are for under-18s "
            "(Sch 2 para 1(1))"
        )
    elif age >= 18:
        reasons.append(
            "The respondent was 18 or over when the breach was found: the orders of Schedule 2 are for "
            "under-18s (a breach by an adult is a contempt of court)"
        )
    if court != Court.YOUTH:
        reasons.append(
            "Supervision and detention orders on a breach are made by a youth court (Sch 2 para 1(1))"
        )
    if yot_consulted_on is None or yot_consulted_on > found_on:
        reasons.append(
            "Record the youth offending team consultation made before applying for the order (Sch 2 para 1(3)(a))"
        )
    if ends_on is None:
        reasons.append("Enter the day the order ends")
    elif ends_on < found_on:
        reasons.append("The order cannot end before it was made")
    if chosen is YouthBreachOrder.SUPERVISION:
        if not requirements:
            reasons.append(
                "Choose at least one requirement: supervision, activity or curfew (Sch 2 para 2(1))"
            )
        unknown = set(requirements) - set(SUPERVISION_REQUIREMENTS)
        if unknown:
            reasons.append("Choose requirements from the list")
        if "activity" in requirements and (activity_days is None or not 12 <= activity_days <= 24):
            reasons.append("An activity requirement is for 12 to 24 days in all (Sch 2 para 4(2))")
        if ends_on is not None and ends_on > months_period_last_day(found_on, 6):
            reasons.append(
                f"A supervision order lasts at most 6 months: until {months_period_last_day(found_on, 6):%-d %B %Y} "
                "at the latest (Sch 2 para 2(5))"
            )
    if chosen is YouthBreachOrder.DETENTION:
        if age is not None and age < 14:
            reasons.append("A detention order cannot be made on someone under 14 (Sch 2 para 1(5))")
        last = months_period_last_day(found_on + timedelta(days=1), 3)
        if ends_on is not None and ends_on > last:
            reasons.append(
                f"A detention order lasts at most 3 months, not counting the day it is made: until "
                f"{last:%-d %B %Y} at the latest (Sch 2 para 14(2))"
            )
        if not no_other_power_appropriate:
            reasons.append(
                "Record that the court was satisfied, in view of the severity or extent of the breach, that "
                "no other power available to it was appropriate (Sch 2 para 1(6))"
            )
    return reasons
