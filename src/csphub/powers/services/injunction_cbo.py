"""Part 1 civil injunctions and criminal behaviour orders: application, the court's decision,
variation and discharge."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from csphub.audit.services import audit_record
from csphub.cases.models import Case, Task, TaskStatus
from csphub.core.actor import ActorOrUser
from csphub.core.errors import ApplicationError
from csphub.people.models import Person
from csphub.powers import rules
from csphub.powers.facts import detail_date, local_date, now_or, recipient_facts, rules_for
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
    _record_step,
    _require_change,
    _start_against,
    _start_on,
    _task,
)

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


def injunction_adjourn(
    *,
    actor: ActorOrUser,
    injunction: PowerUse,
    hearing_on: dt.date,
    next_hearing_on: dt.date | None = None,
    interim: bool = False,
    interim_requirements: str = "",
    interim_excludes_from_home: bool = False,
    violence_or_significant_risk: bool = False,
    note: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """The court adjourned a hearing of the application, granting an interim injunction or not
    (s.6(2)(a)-(b) at a without-notice hearing; s.7 at any adjourned hearing). The interim injunction
    lasts until the final hearing or further order (s.7(2)); one made without notice to the respondent
    cannot exclude them from their home (s.7(3)); otherwise exclusion from home is checked as for the
    injunction itself (s.13). An under-18 respondent's YOT must be consulted before the first
    on-notice hearing (s.14(2)): when it has not been, a task is due the day before that hearing.
    Dismissal at a without-notice hearing (s.6(2)(c)) is recorded as the court's decision: refused."""
    moment = _start_on(
        actor, injunction, Power.INJUNCTION, "Only an injunction application can be adjourned", now
    )
    if not rules.can_transition(Power.INJUNCTION, Status(injunction.status), Status.ADJOURNED):
        raise ApplicationError(f"The injunction is {injunction.status}: its application has been decided")
    assert injunction.starts_on is not None
    ruleset = rules_for(moment)
    facts = recipient_facts(injunction.recipient)
    without_notice_hearing = (
        bool(injunction.details.get("without_notice")) and injunction.status == Status.APPLIED
    )
    reasons = rules.injunction_adjournment_blockers(
        applied_on=injunction.starts_on,
        hearing_on=hearing_on,
        next_hearing_on=next_hearing_on,
        today=local_date(moment),
        without_notice_hearing=without_notice_hearing,
        interim=interim,
        interim_requirements=interim_requirements,
        interim_excludes_from_home=interim_excludes_from_home,
    )
    if interim and interim_excludes_from_home and not without_notice_hearing:
        reasons += rules.home_exclusion_blockers(
            rules=ruleset,
            recipient=facts,
            on=hearing_on,
            applicant=injunction.issuer_capacity,
            violence_or_significant_risk=violence_or_significant_risk,
        )
    _block(reasons)
    hearing: dict[str, Any] = {
        "hearing_on": hearing_on.isoformat(),
        "next_hearing_on": _iso(next_hearing_on),
        "without_notice": without_notice_hearing,
        "interim": interim,
    }
    details = {**injunction.details, "hearings": [*injunction.details.get("hearings", []), hearing]}
    if interim:
        # s.7(2): until the final hearing or further order; a later interim replaces it.
        details["interim"] = {
            "granted_on": hearing_on.isoformat(),
            "requirements": interim_requirements.strip(),
            "excludes_from_home": interim_excludes_from_home,
            "violence_or_significant_risk": violence_or_significant_risk,
            "made_without_notice": without_notice_hearing,
        }
    with transaction.atomic():
        injunction.details = details
        use = _move(
            injunction, Status.ADJOURNED, actor=actor, now=moment, note=note.strip(), changed=["details"]
        )
        yot_on = detail_date(injunction, "yot_consulted_on")
        if (
            without_notice_hearing
            and next_hearing_on is not None
            and rules.is_youth(facts, next_hearing_on, ruleset)
            and (yot_on is None or yot_on >= next_hearing_on)
        ):
            _task(
                actor=actor,
                use=use,
                title=f"Consult the youth offending team before the on-notice hearing on {_fmt_date(next_hearing_on)}",
                due_on=next_hearing_on - dt.timedelta(days=1),
                source="powers.injunction.yot_before_on_notice_hearing",
                details="Anti-social Behaviour, Crime and Policing Act 2014 s.14(2).",
            )
    return use


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
        _block(reasons)
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


def order_breach_record(
    *,
    actor: ActorOrUser,
    order: PowerUse,
    breached_on: dt.date,
    found_on: dt.date,
    court: str,
    note: str = "",
    youth_order: str = "none",
    youth_order_ends_on: dt.date | None = None,
    youth_requirements: Iterable[str] = (),
    activity_days: int | None = None,
    yot_consulted_on: dt.date | None = None,
    no_other_power_appropriate: bool = False,
    now: dt.datetime | None = None,
) -> PowerUse:
    """A court found that an injunction (s.9; Sch 2 for under-18s) or a CBO (Sentencing Act 2020
    s.339) was breached (D.3). The finding feeds absolute-ground conditions 2 and 3. For an
    injunction breached by someone under 18, the youth court's supervision or detention order
    (Schedule 2) is recorded with it and checked (``rules.youth_breach_order_blockers``)."""
    moment = now_or(now)
    _require_change(actor, order.case)
    if order.power not in (Power.INJUNCTION, Power.CBO):
        raise ApplicationError("Breach findings are recorded for injunctions and criminal behaviour orders")
    started = detail_date(order, "granted_on") or order.starts_on
    if started is None:
        raise ApplicationError("Record the court's decision to grant the order first")
    _block(
        rules.order_breach_blockers(
            power=order.power,
            status=order.status,
            started_on=started,
            current_end=_end_date(order),
            breached_on=breached_on,
            found_on=found_on,
            today=local_date(moment),
            court=court or None,
        ),
        field="breached_on",
    )
    requirements = sorted(set(youth_requirements))
    breach: dict[str, Any] = {
        "breached_on": breached_on.isoformat(),
        "found_on": found_on.isoformat(),
        "court": court,
    }
    if youth_order not in rules.YouthBreachOrder.__members__.values():
        raise ApplicationError("Choose what the youth court ordered", field="youth_order")
    if youth_order != rules.YouthBreachOrder.NONE:
        if order.power != Power.INJUNCTION:
            raise ApplicationError(
                "Supervision and detention orders follow a breach of an injunction (Sch 2)",
                field="youth_order",
            )
        _block(
            rules.youth_breach_order_blockers(
                recipient=recipient_facts(order.recipient),
                found_on=found_on,
                court=court,
                order=youth_order,
                yot_consulted_on=yot_consulted_on,
                ends_on=youth_order_ends_on,
                requirements=set(requirements),
                activity_days=activity_days,
                no_other_power_appropriate=no_other_power_appropriate,
            ),
            field="youth_order",
        )
        breach["youth_order"] = {
            "order": youth_order,
            "ends_on": _iso(youth_order_ends_on),
            "requirements": requirements if youth_order == rules.YouthBreachOrder.SUPERVISION else [],
            "activity_days": activity_days if "activity" in requirements else None,
            "yot_consulted_on": _iso(yot_consulted_on),
            "no_other_power_appropriate": no_other_power_appropriate,
        }
    with transaction.atomic():
        order.details = {**order.details, "breaches": [*order.details.get("breaches", []), breach]}
        return _move(order, Status.BREACHED, actor=actor, now=moment, note=note.strip(), changed=["details"])


# --- s.15: an appeal to the Crown Court against a youth court's decision ---------------------------


def youth_court_decided_on(injunction: PowerUse) -> dt.date | None:
    """The day of the youth court's latest decision on the injunction under Part 1: the grant or
    refusal, a variation or a discharge."""
    days = [detail_date(injunction, key) for key in ("decided_on", "varied_on", "discharged_on")]
    found = [d for d in days if d is not None]
    return max(found) if found else None


def youth_court_appeal_pending(injunction: PowerUse) -> bool:
    appeal = injunction.details.get("crown_court_appeal")
    return bool(appeal) and not appeal.get("decided_on")


def _appeal_step(
    injunction: PowerUse, *, actor: ActorOrUser, now: dt.datetime, note: str, verb: str
) -> PowerUse:
    """An appeal changes no status: one history row at the same status, the record saved, audited."""
    status = Status(injunction.status)
    _record_step(injunction, status, status, actor=actor, now=now, ruleset=rules_for(now), note=note)
    injunction.save(update_fields=["details", "modified_at"])
    audit_record(actor=actor, verb=verb, target=injunction, changed_fields=["details"])
    return injunction


def injunction_appeal_lodge(
    *,
    actor: ActorOrUser,
    injunction: PowerUse,
    lodged_on: dt.date,
    appellant: str,
    note: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.15(1): the respondent or the applicant appealed to the Crown Court against the youth court's
    decision. The decision stands while the appeal is pending; its outcome is recorded next."""
    moment = _start_on(actor, injunction, Power.INJUNCTION, "Only an injunction is appealed here", now)
    if appellant not in rules.APPELLANTS:
        raise ApplicationError("Choose who appealed", field="appellant")
    _block(
        rules.youth_court_appeal_blockers(
            court=injunction.court,
            decided_on=youth_court_decided_on(injunction),
            lodged_on=lodged_on,
            today=local_date(moment),
            pending=youth_court_appeal_pending(injunction),
        ),
        field="lodged_on",
    )
    with transaction.atomic():
        earlier = list(injunction.details.get("crown_court_appeals", []))
        injunction.details = {
            **injunction.details,
            "crown_court_appeal": {"lodged_on": lodged_on.isoformat(), "appellant": appellant},
            "crown_court_appeals": earlier,
        }
        return _appeal_step(
            injunction,
            actor=actor,
            now=moment,
            note=f"Appeal to the Crown Court (s.15) by the {appellant}"
            + (f": {note.strip()}" if note.strip() else ""),
            verb="injunction.appeal_lodged",
        )


def injunction_appeal_decide(
    *,
    actor: ActorOrUser,
    injunction: PowerUse,
    decided_on: dt.date,
    outcome: str,
    note: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """The Crown Court allowed or dismissed the s.15 appeal. When it allowed it and changed the
    order, the new terms (or the discharge) are recorded next as a variation or discharge."""
    moment = _start_on(actor, injunction, Power.INJUNCTION, "Only an injunction is appealed here", now)
    if outcome not in rules.APPEAL_OUTCOMES:
        raise ApplicationError("Choose what the Crown Court decided", field="outcome")
    appeal = injunction.details.get("crown_court_appeal") if youth_court_appeal_pending(injunction) else None
    lodged_on = dt.date.fromisoformat(appeal["lodged_on"]) if appeal else None
    _block(
        rules.youth_court_appeal_outcome_blockers(
            lodged_on=lodged_on, decided_on=decided_on, today=local_date(moment)
        ),
        field="decided_on",
    )
    assert appeal is not None
    with transaction.atomic():
        done = {**appeal, "decided_on": decided_on.isoformat(), "outcome": outcome}
        injunction.details = {
            **injunction.details,
            "crown_court_appeal": done,
            "crown_court_appeals": [*injunction.details.get("crown_court_appeals", []), done],
        }
        return _appeal_step(
            injunction,
            actor=actor,
            now=moment,
            note=rules.APPEAL_OUTCOMES[outcome] + (f": {note.strip()}" if note.strip() else ""),
            verb="injunction.appeal_decided",
        )
