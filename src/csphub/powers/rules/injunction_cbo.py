"""Civil injunctions (Part 1) and criminal behaviour orders (Part 2): applications, terms, outcomes,
variation, discharge and youth reviews. The injunction in court after the application (hearings
and adjournment, the YOT consultations of s.14(2)-(3), the s.15 appeal) and breach (s.9, Sch 2,
Sentencing Act 2020 s.339) live in :mod:`csphub.powers.rules.injunction_hearings`, and ``Court`` in
:mod:`csphub.powers.rules.courts`; both are re-exported here so that ``injunction_cbo.X`` keeps
working.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from csphub.powers.rules.courts import Court
from csphub.powers.rules.dates import (
    _decision_date_blockers,
    add_months,
    add_years,
    age_on,
    months_period_last_day,
)
from csphub.powers.rules.injunction_hearings import (
    APPEAL_OUTCOMES,
    APPELLANTS,
    SUPERVISION_REQUIREMENTS,
    YouthBreachOrder,
    injunction_adjournment_blockers,
    injunction_change_application_blockers,
    injunction_grant_blockers,
    injunction_on_notice_hearing_blockers,
    order_breach_blockers,
    youth_breach_order_blockers,
    youth_court_appeal_blockers,
    youth_court_appeal_outcome_blockers,
)
from csphub.powers.rules.issuers import _LA, _POLICE, IssuerCapacity, issuer_blockers
from csphub.powers.rules.recipients import Recipient, _age_blockers, is_youth
from csphub.powers.rules.ruleset import RuleSet
from csphub.powers.rules.states import Power

__all__ = [
    "APPEAL_OUTCOMES",
    "APPELLANTS",
    "CBO_COURTS",
    "HOME_EXCLUSION_APPLICANTS",
    "S5_OTHER_APPLICANTS",
    "SUPERVISION_REQUIREMENTS",
    "Court",
    "Disposal",
    "InjunctionTerm",
    "YouthBreachOrder",
    "cbo_blockers",
    "cbo_court_blockers",
    "cbo_duration_blockers",
    "cbo_variation_blockers",
    "cbo_youth_review_dates",
    "home_exclusion_blockers",
    "injunction_adjournment_blockers",
    "injunction_applicant_blockers",
    "injunction_blockers",
    "injunction_change_application_blockers",
    "injunction_court",
    "injunction_grant_blockers",
    "injunction_on_notice_hearing_blockers",
    "injunction_outcome_blockers",
    "injunction_variation_blockers",
    "order_breach_blockers",
    "order_discharge_blockers",
    "positive_requirement_blockers",
    "power_of_arrest_blockers",
    "youth_breach_order_blockers",
    "youth_court_appeal_blockers",
    "youth_court_appeal_outcome_blockers",
]

# --------------------------------------------------------------------------------------------
# Civil injunction (Part 1) and CBO
# --------------------------------------------------------------------------------------------


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
