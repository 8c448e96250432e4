"""Part 1 civil injunctions and criminal behaviour orders: application, the court's decision,
variation and discharge. The injunction in court after the application (an adjourned hearing, the
s.15 appeal to the Crown Court) and breach findings (s.9, Schedule 2; Sentencing Act 2020 s.339) live
in :mod:`csphub.powers.services.injunction_hearings`, re-exported here so that
``from csphub.powers.services.injunction_cbo import X`` keeps working."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from csphub.cases.models import Case, Task, TaskStatus
from csphub.core.actor import ActorOrUser
from csphub.core.errors import ApplicationError
from csphub.people.models import Person
from csphub.powers import rules
from csphub.powers.facts import detail_date, local_date, recipient_facts, rules_for
from csphub.powers.models import PowerUse
from csphub.powers.rules import IssuerCapacity, Power, Status
from csphub.powers.services.common import (
    _block,
    _close_tasks,
    _create,
    _end_date,
    _end_of_day,
    _expiry_task,
    _fmt_date,
    _iso,
    _move,
    _new_terms,
    _start_against,
    _start_on,
    _task,
)
from csphub.powers.services.injunction_hearings import (
    injunction_adjourn,
    injunction_appeal_decide,
    injunction_appeal_lodge,
    order_breach_record,
    youth_court_appeal_pending,
    youth_court_decided_on,
)

__all__ = [
    "INJUNCTION_OUTCOMES",
    "ORDER_CHANGES",
    "cbo_change",
    "cbo_grant",
    "injunction_adjourn",
    "injunction_appeal_decide",
    "injunction_appeal_lodge",
    "injunction_apply",
    "injunction_change",
    "injunction_decide",
    "order_breach_record",
    "youth_court_appeal_pending",
    "youth_court_decided_on",
]

INJUNCTION_OUTCOMES = (Status.GRANTED, Status.REFUSED)


ORDER_CHANGES = (Status.VARIED, Status.DISCHARGED)


def injunction_apply(
    *,
    actor: ActorOrUser,
    case: Case,
    recipient: Person,
    issuer_capacity: str,
    applied_on: dt.date,
    court: str,
    ends_on: dt.date | None,
    yot_consulted_on: dt.date | None,
    requirements: str,
    without_notice: bool = False,
    housing_management_related: bool = False,
    applicant_body: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """Apply for a Part 1 civil injunction; youth rules (s.1(6), (8), s.14) enforced; a housing
    provider only for behaviour affecting its housing management functions (s.5(3))."""
    moment, ruleset = _start_against(actor, case, recipient, now)
    _block(
        rules.injunction_applicant_blockers(
            issuer_capacity,
            housing_management_related=housing_management_related,
            applicant_body=applicant_body,
        ),
        field="applicant_body"
        if issuer_capacity == IssuerCapacity.S5_OTHER_APPLICANT
        else "housing_management_related",
    )
    _block(
        rules.injunction_blockers(
            rules=ruleset,
            recipient=recipient_facts(recipient),
            applied_on=applied_on,
            issuer=issuer_capacity,
            court=court,
            ends_on=ends_on,
            yot_consulted_on=yot_consulted_on,
            without_notice=without_notice,
        ),
        person=recipient,
    )
    with transaction.atomic():
        return _create(
            actor=actor,
            case=case,
            power=Power.INJUNCTION,
            to_status=Status.APPLIED,
            now=moment,
            ruleset=ruleset,
            issuer_capacity=issuer_capacity,
            recipient=recipient,
            requirements=requirements.strip(),
            court=court,
            starts_on=applied_on,
            ends_at=_end_of_day(ends_on),
            details={
                "yot_consulted_on": _iso(yot_consulted_on),
                "without_notice": without_notice,
                "housing_management_related": housing_management_related,
                "applicant_body": applicant_body
                if issuer_capacity == IssuerCapacity.S5_OTHER_APPLICANT
                else "",
            },
        )


def injunction_decide(
    *,
    actor: ActorOrUser,
    injunction: PowerUse,
    outcome: str,
    decided_on: dt.date,
    ends_on: dt.date | None = None,
    requirements: str = "",
    note: str = "",
    yot_consulted_on: dt.date | None = None,
    violence_or_significant_risk: bool = False,
    power_of_arrest: bool = False,
    power_of_arrest_term: str = "",
    power_of_arrest_terms: str = "",
    positive_requirement: bool = False,
    supervisor: str = "",
    suitability_evidence: str = "",
    excludes_from_home: bool = False,
    now: dt.datetime | None = None,
) -> PowerUse:
    """The court granted (with its terms and end date, or until further order) or refused the
    application (s.1). Granted to an under-18: an end date at most 12 months on (s.1(6)).
    After a without-notice application the decision is the on-notice hearing: for an under-18 the
    YOT must have been consulted before its date (s.14(2)).
    What the court attached is recorded and checked (A.7): a power of arrest only with violence or
    threatened violence or a significant risk of harm, never to a requirement to participate in
    activities (s.4); a positive requirement with its supervisor and the evidence of suitability
    (s.3); exclusion from home only for an adult, on the application of the council, the police or
    a housing provider, with violence or a significant risk of harm (s.13).
    A granted injunction with an end date gets a task 28 days before it ends."""
    moment = _start_on(
        actor, injunction, Power.INJUNCTION, "Only an injunction application has this outcome", now
    )
    if outcome not in INJUNCTION_OUTCOMES:
        raise ApplicationError("Choose whether the court granted or refused the injunction", field="outcome")
    to = Status(outcome)
    if not rules.can_transition(Power.INJUNCTION, Status(injunction.status), to):
        raise ApplicationError(
            f"The injunction is {injunction.status}: the court's decision is already recorded"
        )
    assert injunction.starts_on is not None
    ruleset = rules_for(moment)
    facts = recipient_facts(injunction.recipient)
    granted = to is Status.GRANTED
    yot_on = yot_consulted_on or detail_date(injunction, "yot_consulted_on")
    if granted:
        _block(
            rules.injunction_grant_blockers(
                without_notice=bool(injunction.details.get("without_notice")),
                adjourned=injunction.status == Status.ADJOURNED,
            )
        )
    if injunction.details.get("without_notice") and injunction.status == Status.ADJOURNED:
        _block(
            rules.injunction_on_notice_hearing_blockers(
                rules=ruleset, recipient=facts, on_notice_hearing_on=decided_on, yot_consulted_on=yot_on
            ),
            field="yot_consulted_on",
        )
    _block(
        rules.injunction_outcome_blockers(
            rules=ruleset,
            recipient=facts,
            applied_on=injunction.starts_on,
            decided_on=decided_on,
            granted=granted,
            ends_on=ends_on if granted else None,
            requirements=requirements,
            today=local_date(moment),
        )
    )
    attached: dict[str, Any] = {}
    if granted:
        reasons: list[str] = []
        if power_of_arrest:
            if not power_of_arrest_term:
                reasons.append("Choose the kind of term the power of arrest is attached to")
            else:
                reasons += rules.power_of_arrest_blockers(
                    term=power_of_arrest_term, violence_or_significant_risk=violence_or_significant_risk
                )
            if not power_of_arrest_terms.strip():
                reasons.append("Say which terms the power of arrest is attached to")
        if positive_requirement:
            reasons += rules.positive_requirement_blockers(
                supervisor=supervisor, suitability_evidence=suitability_evidence
            )
        if excludes_from_home:
            reasons += rules.home_exclusion_blockers(
                rules=ruleset,
                recipient=facts,
                on=decided_on,
                applicant=injunction.issuer_capacity,
                violence_or_significant_risk=violence_or_significant_risk,
            )
        _block(reasons, person=injunction.recipient)
        attached = {
            "violence_or_significant_risk": violence_or_significant_risk,
            "power_of_arrest": (
                {"term": power_of_arrest_term, "attached_to": power_of_arrest_terms.strip()}
                if power_of_arrest
                else None
            ),
            "positive_requirement": (
                {"supervisor": supervisor.strip(), "suitability_evidence": suitability_evidence.strip()}
                if positive_requirement
                else None
            ),
            "excludes_from_home": excludes_from_home,
        }
    with transaction.atomic():
        details = {**injunction.details, "decided_on": decided_on.isoformat()}
        changed = ["details"]
        if granted:
            details |= {
                "granted_on": decided_on.isoformat(),
                "granted_to_youth": rules.is_youth(facts, decided_on, ruleset),
                "ends_on": _iso(ends_on),
                **attached,
            }
            changed += _new_terms(injunction, requirements, ends_on)
        injunction.details = details
        use = _move(injunction, to, actor=actor, now=moment, note=note.strip(), changed=changed)
        if granted and ends_on is not None:
            _expiry_task(
                actor=actor, use=use, ends_on=ends_on, from_on=decided_on, source="powers.injunction.expiry"
            )
    return use


def injunction_change(
    *,
    actor: ActorOrUser,
    injunction: PowerUse,
    outcome: str,
    decided_on: dt.date,
    ends_on: dt.date | None = None,
    requirements: str = "",
    note: str = "",
    yot_consulted_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> PowerUse:
    """The court varied (new terms and end date; youth: still within 12 months of the grant) or
    discharged an injunction in force (s.8). The end-of-order task follows the new end date. The
    YOT is consulted before applying to vary or discharge if the respondent is under 18 (s.14(3)):
    the decision date stands in for the application date."""
    moment = _start_on(
        actor, injunction, Power.INJUNCTION, "Only an injunction can be varied or discharged here", now
    )
    if outcome not in ORDER_CHANGES:
        raise ApplicationError(
            "Choose whether the court varied or discharged the injunction", field="outcome"
        )
    to = Status(outcome)
    if not rules.can_transition(Power.INJUNCTION, Status(injunction.status), to):
        raise ApplicationError(f"An injunction that is {injunction.status} cannot be {to.value}")
    granted_on = detail_date(injunction, "granted_on")
    if granted_on is None:
        raise ApplicationError("Record the court's decision to grant the injunction first")
    today = local_date(moment)
    current_end = _end_date(injunction)
    _block(
        rules.injunction_change_application_blockers(
            rules=rules.rule_set(injunction.rule_version),
            recipient=recipient_facts(injunction.recipient),
            applied_on=decided_on,
            yot_consulted_on=yot_consulted_on,
        ),
        field="yot_consulted_on",
    )
    if to is Status.VARIED:
        reasons = rules.injunction_variation_blockers(
            rules=rules.rule_set(injunction.rule_version),
            granted_on=granted_on,
            granted_to_youth=bool(injunction.details.get("granted_to_youth")),
            current_end=current_end,
            varied_on=decided_on,
            new_end=ends_on,
            requirements=requirements,
            today=today,
        )
    else:
        reasons = rules.order_discharge_blockers(
            started_on=granted_on,
            current_end=current_end,
            discharged_on=decided_on,
            today=today,
            what="injunction",
        )
    _block(reasons)
    with transaction.atomic():
        changed = ["details"]
        if to is Status.VARIED:
            injunction.details = {
                **injunction.details,
                "varied_on": decided_on.isoformat(),
                "ends_on": _iso(ends_on),
            }
            changed += _new_terms(injunction, requirements, ends_on)
        else:
            injunction.details = {**injunction.details, "discharged_on": decided_on.isoformat()}
        use = _move(injunction, to, actor=actor, now=moment, note=note.strip(), changed=changed)
        _close_tasks(actor=actor, use=use, source="powers.injunction.expiry")
        if to is Status.VARIED and ends_on is not None:
            _expiry_task(
                actor=actor, use=use, ends_on=ends_on, from_on=decided_on, source="powers.injunction.expiry"
            )
    return use


def cbo_grant(
    *,
    actor: ActorOrUser,
    case: Case,
    recipient: Person,
    convicted_on: dt.date,
    disposal: str,
    applied_on: dt.date,
    starts_on: dt.date,
    ends_on: dt.date | None,
    yot_views_on: dt.date | None,
    requirements: str,
    issuer_capacity: str = IssuerCapacity.PROSECUTOR,
    court: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """Record a Criminal Behaviour Order made on conviction; youth orders get annual review tasks.
    ``court``: the Crown Court, a magistrates' court or a youth court (A.8); blank takes the youth
    court for an under-18 and a magistrates' court for an adult."""
    moment, ruleset = _start_against(actor, case, recipient, now)
    facts = recipient_facts(recipient)
    _block(
        rules.cbo_blockers(
            rules=ruleset,
            recipient=facts,
            applied_on=applied_on,
            issuer=issuer_capacity,
            convicted_on=convicted_on,
            disposal=disposal,
            starts_on=starts_on,
            ends_on=ends_on,
            yot_views_on=yot_views_on,
        )
    )
    youth_at_application = rules.is_youth(facts, applied_on, ruleset)
    chosen = court or (rules.Court.YOUTH if youth_at_application else rules.Court.MAGISTRATES)
    _block(
        rules.cbo_court_blockers(rules=ruleset, recipient=facts, applied_on=applied_on, court=chosen),
        field="court",
    )
    with transaction.atomic():
        cbo = _create(
            actor=actor,
            case=case,
            power=Power.CBO,
            to_status=Status.APPLIED,
            now=moment,
            ruleset=ruleset,
            issuer_capacity=issuer_capacity,
            recipient=recipient,
            requirements=requirements.strip(),
            court=rules.Court(chosen),
            starts_on=starts_on,
            details={
                "youth_at_application": youth_at_application,
                "convicted_on": convicted_on.isoformat(),
                "disposal": disposal,
                "yot_views_on": _iso(yot_views_on),
            },
        )
        cbo.ends_at = _end_of_day(ends_on)
        _move(cbo, Status.GRANTED, actor=actor, now=moment, changed=["ends_at"])
        for n, review_on in enumerate(
            rules.cbo_youth_review_dates(
                recipient=facts, starts_on=starts_on, ends_on=ends_on, rules=ruleset
            ),
            start=1,
        ):
            _task(
                actor=actor,
                use=cbo,
                title=f"Youth CBO annual review {n} due {_fmt_date(review_on)}",
                due_on=review_on,
                source="powers.cbo.youth_review",
                details=(
                    "Review before the end of the 12-month period of an order on a person under 18 "
                    "(Sentencing Act 2020 s.337)."
                ),
            )
    return cbo


def cbo_change(
    *,
    actor: ActorOrUser,
    cbo: PowerUse,
    outcome: str,
    decided_on: dt.date,
    ends_on: dt.date | None = None,
    requirements: str = "",
    note: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """The court varied or discharged a Criminal Behaviour Order (Sentencing Act 2020 s.336).

    The duration rules still hold after a variation (youth: 1-3 years; adult: ≥ 2 years or
    indefinite). The youth annual review tasks are adjusted: reviews no longer due (after the new
    end, or any after a discharge) are closed; reviews newly due are created.
    """
    moment = _start_on(
        actor, cbo, Power.CBO, "Only a criminal behaviour order can be varied or discharged here", now
    )
    if outcome not in ORDER_CHANGES:
        raise ApplicationError("Choose whether the court varied or discharged the order", field="outcome")
    to = Status(outcome)
    if not rules.can_transition(Power.CBO, Status(cbo.status), to):
        raise ApplicationError(f"A criminal behaviour order that is {cbo.status} cannot be {to.value}")
    assert cbo.starts_on is not None
    today = local_date(moment)
    ruleset = rules.rule_set(cbo.rule_version)
    current_end = _end_date(cbo)
    if to is Status.VARIED:
        reasons = rules.cbo_variation_blockers(
            rules=ruleset,
            made_on_youth=cbo.court == rules.Court.YOUTH,
            starts_on=cbo.starts_on,
            current_end=current_end,
            varied_on=decided_on,
            new_end=ends_on,
            requirements=requirements,
            today=today,
        )
    else:
        reasons = rules.order_discharge_blockers(
            started_on=cbo.starts_on,
            current_end=current_end,
            discharged_on=decided_on,
            today=today,
            what="order",
        )
    _block(reasons)
    with transaction.atomic():
        changed = ["details"]
        review_dates: list[dt.date] = []
        if to is Status.VARIED:
            cbo.details = {**cbo.details, "varied_on": decided_on.isoformat(), "ends_on": _iso(ends_on)}
            changed += _new_terms(cbo, requirements, ends_on)
            review_dates = [
                d
                # s.337(2): a variation starts a new 12-month review period (A.2).
                for d in rules.cbo_youth_review_dates(
                    recipient=recipient_facts(cbo.recipient),
                    starts_on=cbo.starts_on,
                    ends_on=ends_on,
                    rules=ruleset,
                    varied_on=decided_on,
                )
                if d >= decided_on
            ]
        else:
            cbo.details = {**cbo.details, "discharged_on": decided_on.isoformat()}
        use = _move(cbo, to, actor=actor, now=moment, note=note.strip(), changed=changed)
        _close_tasks(actor=actor, use=use, source="powers.cbo.youth_review", keep=review_dates)
        existing = set(
            Task.objects.filter(
                linked_type=f"{PowerUse._meta.app_label}.{PowerUse._meta.model_name}",
                linked_id=use.pk,
                source="powers.cbo.youth_review",
                status=TaskStatus.OPEN,
            ).values_list("due_on", flat=True)
        )
        for review_on in review_dates:
            if review_on not in existing:
                _task(
                    actor=actor,
                    use=use,
                    title=f"Youth CBO annual review due {_fmt_date(review_on)} (order varied)",
                    due_on=review_on,
                    source="powers.cbo.youth_review",
                    details=(
                        "Review before the end of the 12-month period of an order on a person under 18 "
                        "(Sentencing Act 2020 s.337)."
                    ),
                )
    return use
