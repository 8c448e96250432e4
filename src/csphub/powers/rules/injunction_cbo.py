"""Civil injunctions (Part 1) and criminal behaviour orders (Part 2): applications, terms, outcomes,
variation, discharge, breach and youth reviews.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from csphub.powers.rules.dates import (
    _decision_date_blockers,
    add_months,
    add_years,
    age_on,
    months_period_last_day,
)
from csphub.powers.rules.issuers import _LA, _POLICE, IssuerCapacity, issuer_blockers
from csphub.powers.rules.recipients import Recipient, _age_blockers, is_youth
from csphub.powers.rules.ruleset import RuleSet
from csphub.powers.rules.states import POWER_LABELS, Power, Status, can_transition

# --------------------------------------------------------------------------------------------
# Civil injunction (Part 1) and CBO
# --------------------------------------------------------------------------------------------


class Court(StrEnum):
    YOUTH = "youth_court"
    COUNTY = "county_court"
    HIGH = "high_court"
    MAGISTRATES = "magistrates_court"
    CROWN = "crown_court"


def injunction_court(recipient: Recipient, on: date, *, rules: RuleSet) -> Court:
    """s.1(8): youth court for an under-18 respondent, otherwise the county court."""
    return Court.YOUTH if is_youth(recipient, on, rules) else Court.COUNTY


def injunction_blockers(
    *,
    rules: RuleSet,
    recipient: Recipient,
    applied_on: date,
    issuer: IssuerCapacity | str | None,
    court: Court | str,
    ends_on: date | None,
    yot_consulted_on: date | None,
    without_notice: bool = False,
) -> list[str]:
    """Guard for an injunction application (s.1, s.14; rule 11.7).

    Youth: youth court; a fixed term of at most 12 months; the YOT consulted before applying
    (s.14(1)); for a without-notice application, before the first on-notice hearing (s.14(2),
    checked by ``injunction_on_notice_hearing_blockers``). Adults: the High Court or the county
    court only (s.1(8)).
    """
    reasons = issuer_blockers(Power.INJUNCTION, issuer)
    if recipient.is_body:
        reasons.append("A civil injunction is made against a person, not a body")
        return reasons
    reasons += _age_blockers(recipient, applied_on, min_age=rules.injunction_min_age, what="civil injunction")
    youth = is_youth(recipient, applied_on, rules)
    if youth:
        if Court(court) is not Court.YOUTH:
            reasons.append("The respondent is under 18: apply to the youth court")
        if ends_on is None:
            reasons.append("The respondent is under 18: the injunction needs an end date")
        elif ends_on > add_months(applied_on, rules.injunction_youth_max_months):
            reasons.append(
                f"The respondent is under 18: the injunction cannot last more than "
                f"{rules.injunction_youth_max_months} months"
            )
        if not without_notice and (yot_consulted_on is None or yot_consulted_on > applied_on):
            reasons.append("Record the youth offending team consultation before applying")
    elif Court(court) not in (Court.COUNTY, Court.HIGH):
        reasons.append("The respondent is 18 or over: apply to the county court or High Court")
    if ends_on is not None and ends_on <= applied_on:
        reasons.append("The end date must be after the application date")
    return reasons


# s.5(1)(d)-(i): the applicants besides a local authority, a housing provider and a chief officer
# of police.
S5_OTHER_APPLICANTS: dict[str, str] = {
    "btp": "the Chief Constable of the British Transport Police Force (s.5(1)(d))",
    "tfl": "Transport for London (s.5(1)(e))",
    "environment_agency": "the Environment Agency (s.5(1)(f))",
    "nrw": "the Natural Resources Body for Wales (s.5(1)(g))",
    "nhs_england": "the Secretary of State, or a Special Health Authority, exercising security "
    "management functions (s.5(1)(h))",
    "nhs_wales": "a Local Health Board exercising security management functions (s.5(1)(i))",
}


def injunction_applicant_blockers(
    issuer: IssuerCapacity | str | None, *, housing_management_related: bool, applicant_body: str = ""
) -> list[str]:
    """s.5(1): who may apply. Another body than the council, a housing provider or the police names
    which of s.5(1)(d)-(i) it is. s.5(3): a housing provider may apply only where the application
    concerns anti-social behaviour that directly or indirectly relates to or affects its housing
    management functions. The council and the police have no such limit."""
    if issuer is not None and IssuerCapacity(issuer) is IssuerCapacity.S5_OTHER_APPLICANT:
        if applicant_body not in S5_OTHER_APPLICANTS:
            return ["Choose which body is applying: only those named in s.5(1) may apply for an injunction"]
        return []
    if (
        issuer is not None
        and IssuerCapacity(issuer) is IssuerCapacity.HOUSING_PROVIDER
        and not housing_management_related
    ):
        return [
            "A housing provider may apply only where the behaviour relates to or affects its housing "
            "management functions (s.5(3))"
        ]
    return []


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


class InjunctionTerm(StrEnum):
    """The kind of term a court attaches (s.1(4)): a prohibition, or a requirement to do something;
    a positive requirement to participate in particular activities is the one s.4(1) excludes
    from a power of arrest."""

    PROHIBITION = "prohibition"
    REQUIREMENT = "requirement"
    PARTICIPATE_IN_ACTIVITIES = "participate_in_activities"


def power_of_arrest_blockers(*, term: InjunctionTerm | str, violence_or_significant_risk: bool) -> list[str]:
    """s.4(1): a power of arrest may be attached to a prohibition or requirement only where the
    conduct consisted of or included the use or threatened use of violence, or there is a
    significant risk of harm; never to a requirement to participate in particular activities."""
    reasons = []
    if InjunctionTerm(term) is InjunctionTerm.PARTICIPATE_IN_ACTIVITIES:
        reasons.append("A power of arrest cannot be attached to a requirement to participate in activities")
    if not violence_or_significant_risk:
        reasons.append(
            "A power of arrest needs violence or threatened violence, or a significant risk of harm (s.4)"
        )
    return reasons


def positive_requirement_blockers(*, supervisor: str, suitability_evidence: str) -> list[str]:
    """s.3: a positive requirement names the person responsible for supervising compliance, and
    the court receives evidence about its suitability and enforceability."""
    reasons = []
    if not supervisor.strip():
        reasons.append("Name the individual or organisation who will supervise the requirement (s.3(1))")
    if not suitability_evidence.strip():
        reasons.append(
            "Record the evidence about the suitability and enforceability of the requirement (s.3(2))"
        )
    return reasons


HOME_EXCLUSION_APPLICANTS: frozenset[IssuerCapacity] = frozenset(
    _POLICE | _LA | {IssuerCapacity.HOUSING_PROVIDER}
)


def home_exclusion_blockers(
    *,
    rules: RuleSet,
    recipient: Recipient,
    on: date,
    applicant: IssuerCapacity | str | None,
    violence_or_significant_risk: bool,
) -> list[str]:
    """s.13: an injunction may exclude the respondent from the place where they normally live only
    if they are 18 or over, the applicant is the local authority, the police or the housing
    provider, and there is violence or threatened violence or a significant risk of harm."""
    reasons = []
    if recipient.is_body or recipient.date_of_birth is None:
        reasons.append("Record the respondent's date of birth: exclusion from home is for adults only")
    elif is_youth(recipient, on, rules):
        reasons.append("The respondent is under 18: an injunction cannot exclude them from their home")
    if applicant is None or IssuerCapacity(applicant) not in HOME_EXCLUSION_APPLICANTS:
        reasons.append(
            "Only the local authority, the police or the housing provider can apply to exclude someone "
            "from their home"
        )
    if not violence_or_significant_risk:
        reasons.append(
            "Exclusion from home needs violence or threatened violence, or a significant risk of harm"
        )
    return reasons


class Disposal(StrEnum):
    SENTENCE = "sentence"
    CONDITIONAL_DISCHARGE = "conditional_discharge"
    ABSOLUTE_DISCHARGE = "absolute_discharge"
    BIND_OVER = "bind_over"


def cbo_blockers(
    *,
    rules: RuleSet,
    recipient: Recipient,
    applied_on: date,
    issuer: IssuerCapacity | str | None,
    convicted_on: date | None,
    disposal: Disposal | str | None,
    starts_on: date,
    ends_on: date | None,
    yot_views_on: date | None,
    made_on: date | None = None,
) -> list[str]:
    """Guard for a CBO (Sentencing Act 2020 s.331; 2014 Act s.22 before December 2020; rule 11.7).

    ``ends_on`` None means an indefinite order (adults only). The YOT's views are needed when the
    offender is under 18 at the application (s.331(6)); the duration rule (s.334) depends on
    whether the offender is under 18 when the order is *made* (``made_on``, default ``starts_on``).
    """
    reasons = issuer_blockers(Power.CBO, issuer)
    if convicted_on is None:
        reasons.append("A criminal behaviour order needs a conviction: record the conviction date")
    elif convicted_on > applied_on:
        reasons.append("The conviction must come before the application")
    if disposal is None:
        reasons.append("Record the sentence or conditional discharge")
    elif Disposal(disposal) in (Disposal.ABSOLUTE_DISCHARGE, Disposal.BIND_OVER):
        reasons.append("A criminal behaviour order cannot follow an absolute discharge or a bind-over")
    if is_youth(recipient, applied_on, rules) and (yot_views_on is None or yot_views_on > applied_on):
        reasons.append("Record the youth offending team's views before applying")
    made_youth = is_youth(recipient, made_on or starts_on, rules)
    reasons += cbo_duration_blockers(
        rules=rules, made_on_youth=made_youth, starts_on=starts_on, ends_on=ends_on
    )
    return reasons


CBO_COURTS: frozenset[Court] = frozenset({Court.YOUTH, Court.MAGISTRATES, Court.CROWN})


def cbo_court_blockers(
    *, rules: RuleSet, recipient: Recipient, applied_on: date, court: Court | str
) -> list[str]:
    """SA 2020 s.330-331: a CBO is made by the court dealing with the offender for the offence: the
    Crown Court, a magistrates' court, or for someone under 18 a youth court (or the Crown Court when
    the youth was sent there for trial). Youth is taken on the day of the application."""
    c = Court(court)
    if c not in CBO_COURTS:
        return [
            "A criminal behaviour order is made by the Crown Court, a magistrates' court or a youth court"
        ]
    youth = is_youth(recipient, applied_on, rules)
    if youth and c is Court.MAGISTRATES:
        return ["The offender is under 18: the order is made by the youth court or the Crown Court"]
    if not youth and c is Court.YOUTH:
        return ["The offender is 18 or over: the order is made by a magistrates' court or the Crown Court"]
    return []


def cbo_youth_review_dates(
    *,
    recipient: Recipient,
    starts_on: date,
    ends_on: date | None,
    rules: RuleSet,
    varied_on: date | None = None,
) -> list[date]:
    """Last days by which each annual review must be carried out (Sentencing Act 2020 s.337).

    s.337(2): review periods are of 12 months beginning with the day the order takes effect or,
    once varied, the day it was varied. s.337(1): a review must be carried out before the end of
    a period when the offender will be under 18 at its end, the order runs to the end of the
    period or beyond, and it has not been discharged. The date returned is the period's last day.
    Reviews of the original cycle that fell due before the variation are kept.
    """
    if recipient.date_of_birth is None or recipient.is_body:
        return []
    dates = _cbo_review_cycle(recipient, starts_on, ends_on, rules)
    if varied_on is None:
        return dates
    kept = [d for d in dates if d <= varied_on]  # a review due on the day of variation stays due
    return kept + _cbo_review_cycle(recipient, varied_on, ends_on, rules)


def _cbo_review_cycle(recipient: Recipient, start: date, ends_on: date | None, rules: RuleSet) -> list[date]:
    assert recipient.date_of_birth is not None
    dates: list[date] = []
    n = 1
    while True:
        last_day = months_period_last_day(start, rules.cbo_youth_review_months * n)
        if ends_on is not None and ends_on < last_day:
            return dates
        if age_on(recipient.date_of_birth, last_day) >= rules.youth_under_age:
            return dates
        dates.append(last_day)
        n += 1


def injunction_outcome_blockers(
    *,
    rules: RuleSet,
    recipient: Recipient,
    applied_on: date,
    decided_on: date,
    granted: bool,
    ends_on: date | None,
    requirements: str,
    today: date,
) -> list[str]:
    """The court's decision on an application (s.1). Granted before the respondent is 18: a fixed
    period of at most 12 months from the grant (s.1(6)); adults: an end date or until further order."""
    reasons = _decision_date_blockers(
        on=decided_on,
        not_before=applied_on,
        not_before_what="the application",
        today=today,
        what="decision",
    )
    if not granted:
        return reasons
    if not requirements.strip():
        reasons.append("Record the prohibitions and requirements the court granted")
    if ends_on is not None and ends_on <= decided_on:
        reasons.append("The injunction must end after it is granted")
    elif is_youth(recipient, decided_on, rules):
        limit = add_months(decided_on, rules.injunction_youth_max_months)
        if ends_on is None:
            reasons.append("The respondent is under 18: the injunction must have an end date")
        elif ends_on > limit:
            reasons.append(
                f"The respondent is under 18: the injunction cannot last more than "
                f"{rules.injunction_youth_max_months} months (latest end {limit:%-d %B %Y})"
            )
    return reasons


def injunction_variation_blockers(
    *,
    rules: RuleSet,
    granted_on: date,
    granted_to_youth: bool,
    current_end: date | None,
    varied_on: date,
    new_end: date | None,
    requirements: str,
    today: date,
) -> list[str]:
    """s.8: the court varies an injunction in force. One granted to an under-18 keeps a fixed end
    no later than 12 months from the grant (s.1(6) read with s.8(3); a conservative reading kept as
    ``injunction_youth_max_months`` in the rule set)."""
    reasons = _decision_date_blockers(
        on=varied_on,
        not_before=granted_on,
        not_before_what="the injunction was granted",
        today=today,
        what="variation",
    )
    if current_end is not None and varied_on > current_end:
        reasons.append(f"The injunction ended on {current_end:%-d %B %Y}: it can no longer be varied")
    if not requirements.strip():
        reasons.append("Record the prohibitions and requirements as varied")
    if new_end is not None and new_end <= varied_on:
        reasons.append("The varied injunction must end after the variation")
    elif granted_to_youth:
        limit = add_months(granted_on, rules.injunction_youth_max_months)
        if new_end is None:
            reasons.append("The injunction was granted to someone under 18: it must keep an end date")
        elif new_end > limit:
            reasons.append(
                f"The injunction was granted to someone under 18: it cannot run beyond "
                f"{rules.injunction_youth_max_months} months from the grant (latest end {limit:%-d %B %Y})"
            )
    return reasons


def order_discharge_blockers(
    *, started_on: date, current_end: date | None, discharged_on: date, today: date, what: str
) -> list[str]:
    """The court discharged an order in force (injunction s.8, CBO Sentencing Act 2020 s.336,
    closure order s.83): on or after it started, not after it ended, not in the future."""
    reasons = _decision_date_blockers(
        on=discharged_on,
        not_before=started_on,
        not_before_what=f"the {what} started",
        today=today,
        what="discharge",
    )
    if current_end is not None and discharged_on > current_end:
        reasons.append(
            f"The {what} ended on {current_end:%-d %B %Y}: an order that has ended cannot be discharged"
        )
    return reasons


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
    the order lasts at most 6 months (para 2). A detention order is not made on someone under 14
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
                "at the latest (Sch 2 para 2)"
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


def cbo_duration_blockers(
    *, rules: RuleSet, made_on_youth: bool, starts_on: date, ends_on: date | None
) -> list[str]:
    """Sentencing Act 2020 s.334 (2014 Act s.25): made on an offender under 18, a fixed 1-3 years;
    otherwise at least 2 years, or indefinite."""
    low, high = rules.cbo_youth_years
    if made_on_youth:
        if ends_on is None:
            return ["The order was made on someone under 18: it must be for a fixed period"]
        if not add_years(starts_on, low) <= ends_on <= add_years(starts_on, high):
            return [f"An order made on someone under 18 must last between {low} and {high} years"]
        return []
    if ends_on is not None and ends_on < add_years(starts_on, rules.cbo_adult_min_years):
        return [f"An adult's order must last at least {rules.cbo_adult_min_years} years, or be indefinite"]
    return []


def cbo_variation_blockers(
    *,
    rules: RuleSet,
    made_on_youth: bool,
    starts_on: date,
    current_end: date | None,
    varied_on: date,
    new_end: date | None,
    requirements: str,
    today: date,
) -> list[str]:
    """Sentencing Act 2020 s.336: the court varies an order in force; the duration rules still hold."""
    reasons = _decision_date_blockers(
        on=varied_on,
        not_before=starts_on,
        not_before_what="the order started",
        today=today,
        what="variation",
    )
    if current_end is not None and varied_on > current_end:
        reasons.append(f"The order ended on {current_end:%-d %B %Y}: it can no longer be varied")
    if not requirements.strip():
        reasons.append("Record the prohibitions and requirements as varied")
    if new_end is not None and new_end <= varied_on:
        reasons.append("The varied order must end after the variation")
    else:
        reasons += cbo_duration_blockers(
            rules=rules, made_on_youth=made_on_youth, starts_on=starts_on, ends_on=new_end
        )
    return reasons
