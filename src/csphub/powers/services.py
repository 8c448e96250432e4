"""Every write of the tools and powers: permission-checked, guarded by ``rules``, audited in the
same transaction, with the rule version stored on the power and on each status change.

Services take ``now`` (default :func:`csphub.powers.clock.now`) so that statutory clocks can be
tested without waiting. Automatic tasks go through ``csphub.cases.services.task_create``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from csphub.agencies.policies import Action, acting_membership, can
from csphub.audit.services import audit_record
from csphub.cases.models import Case, Task, TaskStatus
from csphub.cases.services import task_complete, task_create
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.people.models import Address, Person, PersonKind
from csphub.powers import clock, rules
from csphub.powers.capacities import capacity_blockers
from csphub.powers.models import PowerEvent, PowerUse
from csphub.powers.rules import IssuerCapacity, Power, Recipient, RuleSet, Status

UK = rules.UK_TZ


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else clock.now()


def _local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(UK).date()


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _detail_date(use: PowerUse, key: str) -> dt.date | None:
    value = use.details.get(key)
    return dt.date.fromisoformat(value) if value else None


def _end_of_day(d: dt.date | None) -> dt.datetime | None:
    return dt.datetime.combine(d, dt.time(23, 59), tzinfo=UK) if d is not None else None


def rules_for(moment: dt.datetime) -> RuleSet:
    try:
        return rules.rules_in_force(_local_date(moment))
    except rules.NoRulesInForce as exc:
        raise ApplicationError(str(exc)) from exc


def recipient_facts(person: Person | None) -> Recipient:
    if person is None:
        return Recipient(key="", is_body=False)
    return Recipient(
        key=str(person.pk),
        is_body=person.kind == PersonKind.ORGANISATION,
        date_of_birth=person.date_of_birth,
    )


def _require_change(actor: Any, case: Case) -> None:
    if not can(actor, Action.CHANGE, case):
        raise PermissionDeniedError("You cannot use powers on this case.")
    if not case.is_open:
        raise ApplicationError("The case is closed: reopen it before using a power")


def _require_recipient_on_case(actor: Any, case: Case, person: Person | None) -> None:
    if person is None:
        raise ApplicationError("Choose who the notice is for", field="recipient")
    if not case.parties.filter(person=person).exists():
        raise ApplicationError("The recipient must be a party to the case", field="recipient")


def _block(reasons: Sequence[str], field: str | None = None) -> None:
    if reasons:
        raise ApplicationError("; ".join(reasons), field=field)


def _lines(values: Iterable[str] | str) -> str:
    items = values.splitlines() if isinstance(values, str) else list(values)
    return "\n".join(v.strip() for v in items if v.strip())


def _record_step(
    use: PowerUse,
    from_status: Status,
    to_status: Status,
    *,
    actor: Any,
    now: dt.datetime,
    ruleset: RuleSet,
    note: str,
) -> PowerEvent:
    """One row of the power's history, stamped with the rule version in force at ``now``."""
    return PowerEvent.objects.create(
        power=use,
        from_status=from_status,
        to_status=to_status,
        occurred_at=now,
        rule_version=ruleset.version,
        note=note,
        created_by=actor,
    )


def _create(
    *,
    actor: Any,
    case: Case,
    power: Power,
    to_status: Status,
    now: dt.datetime,
    ruleset: RuleSet,
    issuer_capacity: str,
    note: str = "",
    **fields: Any,
) -> PowerUse:
    membership = acting_membership(actor)
    if membership is None:
        raise PermissionDeniedError("You are not acting for an agency.")
    agency = membership.agency
    _block(capacity_blockers(agency.agency_type, agency.name, issuer_capacity), field="issuer_capacity")
    if not rules.can_transition(power, Status.DRAFT, to_status):
        raise ApplicationError(f"A {rules.POWER_LABELS[power].lower()} cannot start as {to_status.value}")
    use = PowerUse.objects.create(
        case=case,
        power=power,
        status=to_status,
        rule_version=ruleset.version,
        issuing_agency=membership.agency,
        issuer=actor,
        issuer_capacity=IssuerCapacity(issuer_capacity),
        created_by=actor,
        modified_by=actor,
        **fields,
    )
    _record_step(use, Status.DRAFT, to_status, actor=actor, now=now, ruleset=ruleset, note=note)
    audit_record(actor=actor, verb=f"{power.value}.{to_status.value}", target=use)
    return use


def _move(
    use: PowerUse,
    to_status: Status,
    *,
    actor: Any,
    now: dt.datetime,
    note: str = "",
    changed: Sequence[str] = (),
) -> PowerUse:
    """Apply one state-machine step; the caller has checked the guards and is inside atomic()."""
    power = Power(use.power)
    if not rules.can_transition(power, Status(use.status), to_status):
        raise ApplicationError(
            f"A {rules.POWER_LABELS[power].lower()} that is {use.status} cannot become {to_status.value}"
        )
    _record_step(use, Status(use.status), to_status, actor=actor, now=now, ruleset=rules_for(now), note=note)
    use.status = to_status
    use.modified_by = actor
    use.save()
    audit_record(
        actor=actor, verb=f"{power.value}.{to_status.value}", target=use, changed_fields=["status", *changed]
    )
    return use


def _task(*, actor: Any, use: PowerUse, title: str, due_on: dt.date, source: str, details: str = "") -> None:
    task_create(
        actor=actor,
        title=title,
        owner=actor,
        due_on=due_on,
        case=use.case,
        details=details,
        source=source,
        linked=use,
        rule_version=use.rule_version,
    )


def _fmt_date(d: dt.date) -> str:
    return f"{d:%-d %B %Y}"


def _fmt_dt(moment: dt.datetime) -> str:
    return f"{moment.astimezone(UK):%-d %B %Y at %H:%M}"


# --------------------------------------------------------------------------------------------
# CPW, CPN, FPN
# --------------------------------------------------------------------------------------------


def cpw_issue(
    *,
    actor: Any,
    case: Case,
    recipient: Person,
    issuer_capacity: str,
    conduct: str,
    requirements: str,
    comply_by: dt.datetime,
    informed_parties: Iterable[str] | str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """Issue a Community Protection Warning (s.43(5)). No appeal lies against a warning."""
    moment = _now(now)
    _require_change(actor, case)
    _require_recipient_on_case(actor, case, recipient)
    ruleset = rules_for(moment)
    _block(
        rules.cpw_blockers(
            rules=ruleset,
            recipient=recipient_facts(recipient),
            conduct=conduct,
            requirements=requirements,
            comply_by=comply_by,
            issued_at=moment,
            issuer=issuer_capacity,
        )
    )
    with transaction.atomic():
        return _create(
            actor=actor,
            case=case,
            power=Power.CPW,
            to_status=Status.ISSUED,
            now=moment,
            ruleset=ruleset,
            issuer_capacity=issuer_capacity,
            recipient=recipient,
            conduct=conduct.strip(),
            requirements=requirements.strip(),
            comply_by=comply_by,
            issued_at=moment,
            served_at=moment,
            informed_parties=_lines(informed_parties),
        )


def warning_facts(cpw: PowerUse) -> rules.WarningFacts:
    assert cpw.comply_by is not None and cpw.issued_at is not None
    return rules.WarningFacts(
        recipient_key=str(cpw.recipient_id),
        conduct=cpw.conduct,
        issued_at=cpw.issued_at,
        comply_by=cpw.comply_by,
        status=Status(cpw.status),
    )


def cpn_blockers_for(
    *,
    cpw: PowerUse,
    issuer_capacity: str | None,
    conduct_persists: bool,
    informed_parties: Iterable[str] | str,
    now: dt.datetime | None = None,
) -> list[str]:
    """The reasons, today, that a CPN cannot follow ``cpw`` (shown before the form is filled in)."""
    moment = _now(now)
    already = cpw.children.filter(power=Power.CPN).exclude(status=Status.WITHDRAWN).exists()
    reasons = ["A notice has already been issued after this warning"] if already else []
    reasons += rules.cpn_blockers(
        rules=rules_for(moment),
        cpw=warning_facts(cpw) if cpw.power == Power.CPW else None,
        recipient=recipient_facts(cpw.recipient),
        conduct=cpw.conduct,
        now=moment,
        issuer=issuer_capacity,
        conduct_persists=conduct_persists,
        informed_parties=_lines(informed_parties).splitlines(),
    )
    return reasons


def cpn_issue(
    *,
    actor: Any,
    cpw: PowerUse,
    issuer_capacity: str,
    requirements: str,
    conduct_persists: bool,
    informed_parties: Iterable[str] | str,
    comply_by: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> PowerUse:
    """Issue a Community Protection Notice after ``cpw`` (rule 11.1) and set the appeal clock.

    The notice is about the warning's recipient and conduct; the warning becomes "escalated".
    Creates the task that marks the end of the 21-day appeal window.
    """
    moment = _now(now)
    case = cpw.case
    _require_change(actor, case)
    if cpw.power != Power.CPW:
        raise ApplicationError("A community protection notice must follow a warning")
    _block(
        cpn_blockers_for(
            cpw=cpw,
            issuer_capacity=issuer_capacity,
            conduct_persists=conduct_persists,
            informed_parties=informed_parties,
            now=moment,
        )
    )
    if not requirements.strip():
        raise ApplicationError("Say what the recipient must do or stop doing", field="requirements")
    ruleset = rules_for(moment)
    deadline = rules.cpn_appeal_deadline(_local_date(moment), rules=ruleset)
    with transaction.atomic():
        cpn = _create(
            actor=actor,
            case=case,
            power=Power.CPN,
            to_status=Status.ISSUED,
            now=moment,
            ruleset=ruleset,
            issuer_capacity=issuer_capacity,
            parent=cpw,
            recipient=cpw.recipient,
            conduct=cpw.conduct,
            requirements=requirements.strip(),
            comply_by=comply_by,
            issued_at=moment,
            served_at=moment,
            appeal_deadline=deadline,
            informed_parties=_lines(informed_parties),
            details={"conduct_persists": True},
        )
        if cpw.status == Status.ISSUED:
            _move(cpw, Status.ESCALATED, actor=actor, now=moment, note=f"Followed by {cpn.reference}")
        _task(
            actor=actor,
            use=cpn,
            title=f"CPN appeal deadline {_fmt_date(deadline)}: check for an appeal to the magistrates",
            due_on=deadline,
            source="powers.cpn.appeal_deadline",
            details=(
                f"The 21-day appeal period for {cpn.reference} began on {_fmt_date(_local_date(moment))} "
                f"and ends on {_fmt_date(deadline)} (s.46(2))."
            ),
        )
    return cpn


def requirement_lines(use: PowerUse) -> list[str]:
    """The notice's requirements, one per line (how the forms and letters list them)."""
    return [line.strip() for line in use.requirements.splitlines() if line.strip()]


def cpn_requirements_in_effect(cpn: PowerUse) -> list[tuple[str, bool]]:
    """Each requirement with whether it has effect now (s.46(3): only "stop doing" ones while an
    appeal is pending). Which lines are "stop doing" is recorded when the appeal is lodged."""
    pending = cpn.status == Status.APPEALED
    stops = set(cpn.details.get("stop_requirements", []))
    return [
        (
            line,
            rules.requirement_in_effect(
                rules.RequirementKind.STOP if line in stops else rules.RequirementKind.DO,
                appeal_pending=pending,
            ),
        )
        for line in requirement_lines(cpn)
    ]


def cpn_appeal_lodge(
    *,
    actor: Any,
    cpn: PowerUse,
    lodged_on: dt.date,
    stop_requirements: Iterable[str] = (),
    note: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """Record an appeal; only "stop doing" requirements stay in effect meanwhile (s.46(3)).

    ``stop_requirements`` are the requirement lines that tell the recipient to stop doing
    something; every other line is suspended until the court decides.
    """
    moment = _now(now)
    _require_change(actor, cpn.case)
    if cpn.power != Power.CPN:
        raise ApplicationError("Only a community protection notice can be appealed")
    assert cpn.appeal_deadline is not None
    if lodged_on < _local_date(cpn.issued_at or moment):
        raise ApplicationError("The appeal cannot be lodged before the notice was issued", field="lodged_on")
    if lodged_on > _local_date(moment):
        raise ApplicationError(
            "The date the appeal was lodged must be today or in the past", field="lodged_on"
        )
    if lodged_on > cpn.appeal_deadline:
        raise ApplicationError(
            f"The appeal period ended on {_fmt_date(cpn.appeal_deadline)}", field="lodged_on"
        )
    lines = requirement_lines(cpn)
    stops = [line for line in stop_requirements if line in lines]
    with transaction.atomic():
        cpn.details = {
            **cpn.details,
            "appeal_lodged_on": lodged_on.isoformat(),
            "stop_requirements": stops,
        }
        return _move(cpn, Status.APPEALED, actor=actor, now=moment, note=note, changed=["details"])


def cpn_appeal_decide(
    *, actor: Any, cpn: PowerUse, outcome: str, note: str = "", now: dt.datetime | None = None
) -> PowerUse:
    _require_change(actor, cpn.case)
    to = Status(outcome)
    if to not in (Status.UPHELD, Status.VARIED, Status.QUASHED):
        raise ApplicationError("Choose whether the court dismissed the appeal, varied or quashed the notice")
    with transaction.atomic():
        return _move(cpn, to, actor=actor, now=_now(now), note=note)


def cpn_in_force(cpn: PowerUse) -> bool:
    """Whether a fixed penalty can follow this notice (issued, upheld, varied or breached)."""
    return cpn.power == Power.CPN and cpn.status in (
        Status.ISSUED,
        Status.UPHELD,
        Status.VARIED,
        Status.BREACHED,
    )


def fpn_issue(
    *,
    actor: Any,
    cpn: PowerUse,
    issuer_capacity: str,
    amount_gbp: int,
    early_amount_gbp: int | None = None,
    early_period_days: int | None = None,
    breach: str,
    now: dt.datetime | None = None,
) -> PowerUse:
    """A fixed penalty for breach of a CPN (s.52): amount ≤ the rule set's maximum, 14-day bar."""
    moment = _now(now)
    _require_change(actor, cpn.case)
    ruleset = rules_for(moment)
    in_force = cpn_in_force(cpn)
    _block(
        rules.fpn_blockers(
            rules=ruleset,
            amount_gbp=amount_gbp,
            early_amount_gbp=early_amount_gbp,
            early_period_days=early_period_days,
            issuer=issuer_capacity,
            notice_in_force=in_force,
        ),
        field="amount_gbp",
    )
    if not breach.strip():
        raise ApplicationError("Describe the breach", field="breach")
    today = _local_date(moment)
    pay_by = rules.fpn_payment_deadline(today, rules=ruleset)
    earliest = rules.fpn_prosecution_earliest(today, rules=ruleset)
    with transaction.atomic():
        if cpn.status != Status.BREACHED:
            _move(cpn, Status.BREACHED, actor=actor, now=moment, note=breach.strip())
        fpn = _create(
            actor=actor,
            case=cpn.case,
            power=Power.FPN,
            to_status=Status.ISSUED,
            now=moment,
            ruleset=ruleset,
            issuer_capacity=issuer_capacity,
            parent=cpn,
            recipient=cpn.recipient,
            conduct=breach.strip(),
            issued_at=moment,
            served_at=moment,
            amount_gbp=amount_gbp,
            details={
                "early_amount_gbp": early_amount_gbp,
                "early_period_days": early_period_days,
                "pay_by": pay_by.isoformat(),
                "prosecution_earliest": earliest.isoformat(),
            },
        )
        _task(
            actor=actor,
            use=fpn,
            title=f"Fixed penalty: check payment (due by {_fmt_date(pay_by)})",
            due_on=earliest,
            source="powers.fpn.payment_check",
            details=f"No proceedings before {_fmt_date(earliest)} (s.52(5)).",
        )
    return fpn


def fpn_record_payment(
    *, actor: Any, fpn: PowerUse, paid_on: dt.date, now: dt.datetime | None = None
) -> PowerUse:
    _require_change(actor, fpn.case)
    assert fpn.issued_at is not None
    if paid_on < _local_date(fpn.issued_at):
        raise ApplicationError(
            "The payment date cannot be before the fixed penalty was issued", field="paid_on"
        )
    if paid_on > _local_date(_now(now)):
        raise ApplicationError("The payment date must be today or in the past", field="paid_on")
    with transaction.atomic():
        fpn.details = {**fpn.details, "paid_on": paid_on.isoformat()}
        return _move(fpn, Status.PAID, actor=actor, now=_now(now), changed=["details"])


def fpn_prosecution_blockers_for(fpn: PowerUse, *, now: dt.datetime | None = None) -> list[str]:
    """The reasons, today, that proceedings cannot be started for this fixed penalty."""
    assert fpn.issued_at is not None
    paid = fpn.details.get("paid_on")
    return rules.fpn_prosecution_blockers(
        issued_on=_local_date(fpn.issued_at),
        today=_local_date(_now(now)),
        paid_on=dt.date.fromisoformat(paid) if paid else None,
        rules=rules.rule_set(fpn.rule_version),
    )


def fpn_prosecute(*, actor: Any, fpn: PowerUse, now: dt.datetime | None = None) -> PowerUse:
    moment = _now(now)
    _require_change(actor, fpn.case)
    _block(fpn_prosecution_blockers_for(fpn, now=moment))
    with transaction.atomic():
        return _move(fpn, Status.PROSECUTED, actor=actor, now=moment)


# --------------------------------------------------------------------------------------------
# Closure notice and order
# --------------------------------------------------------------------------------------------


def closure_notice_issue(
    *,
    actor: Any,
    case: Case,
    premises: Address,
    issuer_capacity: str,
    duration_hours: int,
    senior_signoff: bool,
    conduct: str,
    served_at: dt.datetime,
    residents_informed: bool,
    excludes_residents_or_owner: bool,
    hearing_details: str,
    informed_parties: Iterable[str] | str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """Issue a closure notice (s.76) and create the magistrates' hearing task (s.80(3)-(4))."""
    moment = _now(now)
    _require_change(actor, case)
    if premises is None:
        raise ApplicationError("Choose the premises", field="premises")
    if not conduct.strip():
        raise ApplicationError("Describe the nuisance or disorder", field="conduct")
    ruleset = rules_for(served_at)
    _block(
        rules.closure_notice_blockers(
            rules=ruleset,
            issuer=issuer_capacity,
            senior_signoff=senior_signoff,
            duration_hours=duration_hours,
            residents_informed=residents_informed,
            excludes_residents_or_owner=excludes_residents_or_owner,
            hearing_details_given=bool(hearing_details.strip()),
        ),
        field="duration_hours",
    )
    hearing_due = rules.closure_hearing_due(served_at, rules=ruleset)
    with transaction.atomic():
        notice = _create(
            actor=actor,
            case=case,
            power=Power.CLOSURE_NOTICE,
            to_status=Status.ISSUED,
            now=moment,
            ruleset=ruleset,
            issuer_capacity=issuer_capacity,
            premises=premises,
            conduct=conduct.strip(),
            issued_at=served_at,
            served_at=served_at,
            ends_at=rules.closure_notice_expiry(served_at, duration_hours),
            hearing_due_at=hearing_due,
            court=rules.Court.MAGISTRATES,
            informed_parties=_lines(informed_parties),
            details={
                "duration_hours": duration_hours,
                "senior_signoff": senior_signoff,
                "hearing_details": hearing_details.strip(),
            },
        )
        _task(
            actor=actor,
            use=notice,
            title=f"Closure order hearing by {_fmt_dt(hearing_due)}: apply to the magistrates",
            due_on=_local_date(hearing_due),
            source="powers.closure_notice.hearing",
            details=(
                "The application must be heard within 48 hours of service, Christmas Day not counted (s.80)."
            ),
        )
    return notice


def closure_order_grant(
    *, actor: Any, notice: PowerUse, made_on: dt.date, ends_on: dt.date, now: dt.datetime | None = None
) -> PowerUse:
    """The magistrates made a closure order (s.80): at most 3 months."""
    moment = _now(now)
    _require_change(actor, notice.case)
    if notice.power != Power.CLOSURE_NOTICE:
        raise ApplicationError("A closure order follows a closure notice")
    ruleset = rules_for(moment)
    _block(rules.closure_order_blockers(rules=ruleset, made_on=made_on, ends_on=ends_on), field="ends_on")
    with transaction.atomic():
        _move(notice, Status.ESCALATED, actor=actor, now=moment, note="Closure order made")
        order = _create(
            actor=actor,
            case=notice.case,
            power=Power.CLOSURE_ORDER,
            to_status=Status.APPLIED,
            now=moment,
            ruleset=ruleset,
            issuer_capacity=notice.issuer_capacity,
            parent=notice,
            premises=notice.premises,
            conduct=notice.conduct,
            court=rules.Court.MAGISTRATES,
            starts_on=made_on,
            details={"first_made_on": made_on.isoformat(), "ends_on": ends_on.isoformat()},
        )
        order.ends_at = _end_of_day(ends_on)
        _move(order, Status.GRANTED, actor=actor, now=moment, changed=["ends_at"])
        review_on = max(made_on, ends_on - dt.timedelta(days=14))
        _task(
            actor=actor,
            use=order,
            title=f"Closure order ends {_fmt_date(ends_on)}: decide whether to apply for an extension",
            due_on=review_on,
            source="powers.closure_order.expiry",
        )
    return order


def closure_order_extend(
    *, actor: Any, order: PowerUse, applied_on: dt.date, new_end: dt.date, now: dt.datetime | None = None
) -> PowerUse:
    """s.82: extension applied for before expiry; never beyond 6 months in total."""
    moment = _now(now)
    _require_change(actor, order.case)
    ruleset = rules.rule_set(order.rule_version)
    first = dt.date.fromisoformat(order.details["first_made_on"])
    current_end = dt.date.fromisoformat(order.details["ends_on"])
    _block(
        rules.closure_order_extension_blockers(
            rules=ruleset,
            first_made_on=first,
            current_end=current_end,
            applied_on=applied_on,
            new_end=new_end,
        ),
        field="new_end",
    )
    with transaction.atomic():
        order.details = {**order.details, "ends_on": new_end.isoformat()}
        order.ends_at = _end_of_day(new_end)
        return _move(order, Status.EXTENDED, actor=actor, now=moment, changed=["details", "ends_at"])


# --------------------------------------------------------------------------------------------
# Injunction and CBO
# --------------------------------------------------------------------------------------------


def injunction_apply(
    *,
    actor: Any,
    case: Case,
    recipient: Person,
    issuer_capacity: str,
    applied_on: dt.date,
    court: str,
    ends_on: dt.date | None,
    yot_consulted_on: dt.date | None,
    requirements: str,
    without_notice: bool = False,
    now: dt.datetime | None = None,
) -> PowerUse:
    """Apply for a Part 1 civil injunction; youth rules (s.1(6), (8), s.14) enforced."""
    moment = _now(now)
    _require_change(actor, case)
    _require_recipient_on_case(actor, case, recipient)
    ruleset = rules_for(moment)
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
        )
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
            },
        )


def cbo_grant(
    *,
    actor: Any,
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
    now: dt.datetime | None = None,
) -> PowerUse:
    """Record a Criminal Behaviour Order made on conviction; youth orders get annual review tasks."""
    moment = _now(now)
    _require_change(actor, case)
    _require_recipient_on_case(actor, case, recipient)
    ruleset = rules_for(moment)
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
            court=rules.Court.YOUTH
            if rules.is_youth(facts, applied_on, ruleset)
            else rules.Court.MAGISTRATES,
            starts_on=starts_on,
            details={
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
                details="Review of an order on a person under 18 (Sentencing Act 2020 s.337).",
            )
    return cbo


# --------------------------------------------------------------------------------------------
# Dispersal
# --------------------------------------------------------------------------------------------


def dispersal_authorise(
    *,
    actor: Any,
    case: Case,
    issuer_capacity: str,
    locality: str,
    grounds: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    human_rights_considered: str,
    signed: bool,
    now: dt.datetime | None = None,
) -> PowerUse:
    moment = _now(now)
    _require_change(actor, case)
    ruleset = rules_for(starts_at)
    _block(
        rules.dispersal_authorisation_blockers(
            rules=ruleset,
            issuer=issuer_capacity,
            locality=locality,
            grounds=grounds,
            starts_at=starts_at,
            ends_at=ends_at,
            human_rights_considered=human_rights_considered,
            signed=signed,
        )
    )
    with transaction.atomic():
        return _create(
            actor=actor,
            case=case,
            power=Power.DISPERSAL_AUTHORISATION,
            to_status=Status.AUTHORISED,
            now=moment,
            ruleset=ruleset,
            issuer_capacity=issuer_capacity,
            locality=locality.strip(),
            conduct=grounds.strip(),
            issued_at=starts_at,
            ends_at=ends_at,
            details={"human_rights_considered": human_rights_considered.strip(), "signed": signed},
        )


def dispersal_direction_give(
    *,
    actor: Any,
    authorisation: PowerUse,
    recipient: Person,
    issuer_capacity: str,
    given_at: dt.datetime,
    excluded_until: dt.datetime,
    in_writing: bool,
    exclusions_checked: Iterable[str],
    not_in_writing_reason: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    moment = _now(now)
    case = authorisation.case
    _require_change(actor, case)
    _require_recipient_on_case(actor, case, recipient)
    ruleset = rules_for(given_at)
    window = None
    if (
        authorisation.power == Power.DISPERSAL_AUTHORISATION
        and authorisation.status == Status.AUTHORISED
        and authorisation.issued_at is not None
        and authorisation.ends_at is not None
    ):
        window = (authorisation.issued_at, authorisation.ends_at)
    checked = list(exclusions_checked)
    _block(
        rules.dispersal_direction_blockers(
            rules=ruleset,
            issuer=issuer_capacity,
            recipient=recipient_facts(recipient),
            given_at=given_at,
            excluded_until=excluded_until,
            authorisation_window=window,
            in_writing=in_writing,
            not_in_writing_reason=not_in_writing_reason,
            exclusions_checked=checked,
        )
    )
    with transaction.atomic():
        return _create(
            actor=actor,
            case=case,
            power=Power.DISPERSAL_DIRECTION,
            to_status=Status.ISSUED,
            now=moment,
            ruleset=ruleset,
            issuer_capacity=issuer_capacity,
            parent=authorisation,
            recipient=recipient,
            locality=authorisation.locality,
            issued_at=given_at,
            served_at=given_at,
            ends_at=excluded_until,
            details={
                "in_writing": in_writing,
                "not_in_writing_reason": not_in_writing_reason.strip(),
                "exclusions_checked": checked,
                "removal_allowed": rules.dispersal_removal_allowed(
                    recipient_facts(recipient), _local_date(given_at), rules=ruleset
                ),
            },
        )


# --------------------------------------------------------------------------------------------
# PSPO
# --------------------------------------------------------------------------------------------


def pspo_make(
    *,
    actor: Any,
    case: Case,
    issuer_capacity: str,
    locality: str,
    requirements: str,
    made_on: dt.date,
    expires_on: dt.date,
    consultation_done: Iterable[str],
    publicised: bool,
    two_tier: bool = True,
    parished: bool = True,
    now: dt.datetime | None = None,
) -> PowerUse:
    """Make a PSPO (s.59): ≤ 3 years, consultation record, 6-week challenge window, review task."""
    moment = _now(now)
    _require_change(actor, case)
    if not locality.strip():
        raise ApplicationError("Describe the restricted area", field="locality")
    ruleset = rules_for(moment)
    done = list(consultation_done)
    _block(
        rules.pspo_blockers(
            rules=ruleset,
            issuer=issuer_capacity,
            made_on=made_on,
            expires_on=expires_on,
            consultation_done=done,
            publicised=publicised,
            two_tier=two_tier,
            parished=parished,
        )
    )
    review_on = rules.pspo_review_due(expires_on, rules=ruleset)
    with transaction.atomic():
        pspo = _create(
            actor=actor,
            case=case,
            power=Power.PSPO,
            to_status=Status.MADE,
            now=moment,
            ruleset=ruleset,
            issuer_capacity=issuer_capacity,
            locality=locality.strip(),
            requirements=requirements.strip(),
            starts_on=made_on,
            ends_at=_end_of_day(expires_on),
            appeal_deadline=rules.pspo_challenge_deadline(made_on, rules=ruleset),
            details={
                "consultation_done": done,
                "publicised": publicised,
                "expires_on": expires_on.isoformat(),
            },
        )
        _task(
            actor=actor,
            use=pspo,
            title=f"Review the PSPO before it expires on {_fmt_date(expires_on)}",
            due_on=review_on,
            source="powers.pspo.review",
            details="An extension must be made before expiry, after consultation (s.60, s.72).",
        )
    return pspo


# --------------------------------------------------------------------------------------------
# Absolute ground for possession
# --------------------------------------------------------------------------------------------


def absolute_ground_notice_serve(
    *,
    actor: Any,
    case: Case,
    recipient: Person,
    issuer_capacity: str,
    condition: str,
    served_on: dt.date,
    closure_order_hours_in_force: float | None = None,
    now: dt.datetime | None = None,
) -> PowerUse:
    moment = _now(now)
    _require_change(actor, case)
    _require_recipient_on_case(actor, case, recipient)
    ruleset = rules_for(moment)
    _block(
        rules.absolute_ground_blockers(
            issuer=issuer_capacity,
            condition=condition,
            closure_order_hours_in_force=closure_order_hours_in_force,
        )
    )
    deadline = rules.absolute_ground_review_deadline(served_on, rules=ruleset)
    with transaction.atomic():
        use = _create(
            actor=actor,
            case=case,
            power=Power.ABSOLUTE_GROUND,
            to_status=Status.ISSUED,
            now=moment,
            ruleset=ruleset,
            issuer_capacity=issuer_capacity,
            recipient=recipient,
            starts_on=served_on,
            appeal_deadline=deadline,
            details={"condition": condition},
        )
        _task(
            actor=actor,
            use=use,
            title=f"Absolute ground: tenant's review request window closes {_fmt_date(deadline)}",
            due_on=deadline,
            source="powers.absolute_ground.review_window",
        )
    return use


def absolute_ground_review_request(
    *, actor: Any, notice: PowerUse, requested_on: dt.date, now: dt.datetime | None = None
) -> PowerUse:
    _require_change(actor, notice.case)
    assert notice.starts_on is not None
    _block(
        rules.absolute_ground_review_blockers(
            notice_served_on=notice.starts_on,
            requested_on=requested_on,
            rules=rules.rule_set(notice.rule_version),
        ),
        field="requested_on",
    )
    with transaction.atomic():
        notice.details = {**notice.details, "review_requested_on": requested_on.isoformat()}
        return _move(notice, Status.REVIEW_REQUESTED, actor=actor, now=_now(now), changed=["details"])


# --------------------------------------------------------------------------------------------
# Later lifecycle steps: court outcomes, variations, extensions, discharges, compliance
# --------------------------------------------------------------------------------------------


def _end_date(use: PowerUse) -> dt.date | None:
    return _local_date(use.ends_at) if use.ends_at is not None else None


def _open_tasks(use: PowerUse, source: str) -> list[Task]:
    return list(
        Task.objects.filter(
            linked_type=f"{PowerUse._meta.app_label}.{PowerUse._meta.model_name}",
            linked_id=use.pk,
            source=source,
            status=TaskStatus.OPEN,
        )
    )


def _close_tasks(*, actor: Any, use: PowerUse, source: str, keep: Iterable[dt.date] = ()) -> None:
    """Close the power's open automatic tasks from ``source`` whose due date is not in ``keep``:
    the decision just recorded answers them or makes them moot (cases offers completion only)."""
    kept = set(keep)
    for task in _open_tasks(use, source):
        if task.due_on not in kept:
            task_complete(actor=actor, task=task)


def _require_power(use: PowerUse, power: Power, message: str) -> None:
    if use.power != power:
        raise ApplicationError(message)


def _expiry_task(*, actor: Any, use: PowerUse, ends_on: dt.date, from_on: dt.date, source: str) -> None:
    _task(
        actor=actor,
        use=use,
        title=f"{use.label} {use.reference} ends {_fmt_date(ends_on)}: decide whether anything further is needed",
        due_on=max(from_on, ends_on - dt.timedelta(days=28)),
        source=source,
    )


INJUNCTION_OUTCOMES = (Status.GRANTED, Status.REFUSED)
ORDER_CHANGES = (Status.VARIED, Status.DISCHARGED)


def injunction_decide(
    *,
    actor: Any,
    injunction: PowerUse,
    outcome: str,
    decided_on: dt.date,
    ends_on: dt.date | None = None,
    requirements: str = "",
    note: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """The court granted (with its terms and end date, or until further order) or refused the
    application (s.1). Granted to an under-18: an end date at most 12 months on (s.1(6)).
    A granted injunction with an end date gets a task 28 days before it ends."""
    moment = _now(now)
    _require_change(actor, injunction.case)
    _require_power(injunction, Power.INJUNCTION, "Only an injunction application has this outcome")
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
    _block(
        rules.injunction_outcome_blockers(
            rules=ruleset,
            recipient=facts,
            applied_on=injunction.starts_on,
            decided_on=decided_on,
            granted=granted,
            ends_on=ends_on if granted else None,
            requirements=requirements,
            today=_local_date(moment),
        )
    )
    with transaction.atomic():
        details = {**injunction.details, "decided_on": decided_on.isoformat()}
        changed = ["details"]
        if granted:
            details |= {
                "granted_on": decided_on.isoformat(),
                "granted_to_youth": rules.is_youth(facts, decided_on, ruleset),
                "ends_on": _iso(ends_on),
            }
            injunction.requirements = requirements.strip()
            injunction.ends_at = _end_of_day(ends_on)
            changed += ["requirements", "ends_at"]
        injunction.details = details
        use = _move(injunction, to, actor=actor, now=moment, note=note.strip(), changed=changed)
        if granted and ends_on is not None:
            _expiry_task(
                actor=actor, use=use, ends_on=ends_on, from_on=decided_on, source="powers.injunction.expiry"
            )
    return use


def injunction_change(
    *,
    actor: Any,
    injunction: PowerUse,
    outcome: str,
    decided_on: dt.date,
    ends_on: dt.date | None = None,
    requirements: str = "",
    note: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """The court varied (new terms and end date; youth: still within 12 months of the grant) or
    discharged an injunction in force (s.8). The end-of-order task follows the new end date."""
    moment = _now(now)
    _require_change(actor, injunction.case)
    _require_power(injunction, Power.INJUNCTION, "Only an injunction can be varied or discharged here")
    if outcome not in ORDER_CHANGES:
        raise ApplicationError(
            "Choose whether the court varied or discharged the injunction", field="outcome"
        )
    to = Status(outcome)
    if not rules.can_transition(Power.INJUNCTION, Status(injunction.status), to):
        raise ApplicationError(f"An injunction that is {injunction.status} cannot be {to.value}")
    granted_on = _detail_date(injunction, "granted_on")
    if granted_on is None:
        raise ApplicationError("Record the court's decision to grant the injunction first")
    today = _local_date(moment)
    current_end = _end_date(injunction)
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
            injunction.requirements = requirements.strip()
            injunction.ends_at = _end_of_day(ends_on)
            changed += ["requirements", "ends_at"]
        else:
            injunction.details = {**injunction.details, "discharged_on": decided_on.isoformat()}
        use = _move(injunction, to, actor=actor, now=moment, note=note.strip(), changed=changed)
        _close_tasks(actor=actor, use=use, source="powers.injunction.expiry")
        if to is Status.VARIED and ends_on is not None:
            _expiry_task(
                actor=actor, use=use, ends_on=ends_on, from_on=decided_on, source="powers.injunction.expiry"
            )
    return use


def cbo_change(
    *,
    actor: Any,
    cbo: PowerUse,
    outcome: str,
    decided_on: dt.date,
    ends_on: dt.date | None = None,
    requirements: str = "",
    note: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """The court varied or discharged a Criminal Behaviour Order (Sentencing Act 2020 s.340).

    The duration rules still hold after a variation (youth: 1-3 years; adult: ≥ 2 years or
    indefinite). The youth annual review tasks are adjusted: reviews no longer due (after the new
    end, or any after a discharge) are closed; reviews newly due are created.
    """
    moment = _now(now)
    _require_change(actor, cbo.case)
    _require_power(cbo, Power.CBO, "Only a criminal behaviour order can be varied or discharged here")
    if outcome not in ORDER_CHANGES:
        raise ApplicationError("Choose whether the court varied or discharged the order", field="outcome")
    to = Status(outcome)
    if not rules.can_transition(Power.CBO, Status(cbo.status), to):
        raise ApplicationError(f"A criminal behaviour order that is {cbo.status} cannot be {to.value}")
    assert cbo.starts_on is not None
    today = _local_date(moment)
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
            cbo.requirements = requirements.strip()
            cbo.ends_at = _end_of_day(ends_on)
            changed += ["requirements", "ends_at"]
            review_dates = [
                d
                for d in rules.cbo_youth_review_dates(
                    recipient=recipient_facts(cbo.recipient),
                    starts_on=cbo.starts_on,
                    ends_on=ends_on,
                    rules=ruleset,
                )
                if d > decided_on
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
                    details="Review of an order on a person under 18 (Sentencing Act 2020 s.337).",
                )
    return use


def dispersal_direction_vary(
    *,
    actor: Any,
    direction: PowerUse,
    issuer_capacity: str,
    varied_at: dt.datetime,
    excluded_until: dt.datetime,
    in_writing: bool,
    not_in_writing_reason: str = "",
    note: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.35(8)-(9): vary the exclusion of a direction still running; never beyond 48 hours from
    when the direction was first given. Each variation is kept in ``details["variations"]``."""
    moment = _now(now)
    _require_change(actor, direction.case)
    _require_power(direction, Power.DISPERSAL_DIRECTION, "Only a dispersal direction can be varied here")
    if not rules.can_transition(Power.DISPERSAL_DIRECTION, Status(direction.status), Status.VARIED):
        raise ApplicationError(f"A dispersal direction that is {direction.status} cannot be varied")
    assert direction.issued_at is not None and direction.ends_at is not None
    ruleset = rules.rule_set(direction.rule_version)
    _block(
        rules.dispersal_variation_step_blockers(
            rules=ruleset,
            issuer=issuer_capacity,
            first_given_at=direction.issued_at,
            current_excluded_until=direction.ends_at,
            varied_at=varied_at,
            new_excluded_until=excluded_until,
            now=moment,
            in_writing=in_writing,
            not_in_writing_reason=not_in_writing_reason,
        ),
        field="excluded_until",
    )
    with transaction.atomic():
        variation = {
            "varied_at": varied_at.isoformat(),
            "previous_excluded_until": direction.ends_at.isoformat(),
            "excluded_until": excluded_until.isoformat(),
            "issuer_capacity": issuer_capacity,
            "in_writing": in_writing,
            "not_in_writing_reason": not_in_writing_reason.strip(),
        }
        direction.details = {
            **direction.details,
            "variations": [*direction.details.get("variations", []), variation],
        }
        direction.ends_at = excluded_until
        return _move(
            direction,
            Status.VARIED,
            actor=actor,
            now=moment,
            note=note.strip(),
            changed=["details", "ends_at"],
        )


def _pspo_dates(pspo: PowerUse) -> tuple[dt.date, dt.date]:
    made_on = pspo.starts_on
    expires_on = _detail_date(pspo, "expires_on")
    assert made_on is not None and expires_on is not None
    return made_on, expires_on


def pspo_extend(
    *,
    actor: Any,
    pspo: PowerUse,
    issuer_capacity: str,
    extended_on: dt.date,
    expires_on: dt.date,
    consultation_done: Iterable[str],
    publicised: bool,
    two_tier: bool = True,
    parished: bool = True,
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.60: extend before expiry, for at most 3 years from the extension, after a completed
    consultation record (s.72; rule 11.6). A new 6-week challenge window runs from the extension;
    the review task moves to before the new expiry."""
    moment = _now(now)
    _require_change(actor, pspo.case)
    _require_power(pspo, Power.PSPO, "Only a PSPO can be extended")
    if not rules.can_transition(Power.PSPO, Status(pspo.status), Status.EXTENDED):
        raise ApplicationError(f"A PSPO that is {pspo.status} cannot be extended")
    made_on, current_expiry = _pspo_dates(pspo)
    ruleset = rules_for(moment)
    done = list(consultation_done)
    _block(
        rules.pspo_extension_step_blockers(
            rules=ruleset,
            issuer=issuer_capacity,
            made_on=made_on,
            current_expiry=current_expiry,
            extended_on=extended_on,
            new_expiry=expires_on,
            today=_local_date(moment),
            consultation_done=done,
            publicised=publicised,
            two_tier=two_tier,
            parished=parished,
        )
    )
    with transaction.atomic():
        pspo.details = {
            **pspo.details,
            "expires_on": expires_on.isoformat(),
            "extensions": [
                *pspo.details.get("extensions", []),
                {
                    "extended_on": extended_on.isoformat(),
                    "previous_expiry": current_expiry.isoformat(),
                    "expires_on": expires_on.isoformat(),
                    "consultation_done": done,
                    "publicised": publicised,
                    "rule_version": ruleset.version,
                },
            ],
        }
        pspo.ends_at = _end_of_day(expires_on)
        pspo.appeal_deadline = rules.pspo_challenge_deadline(extended_on, rules=ruleset)
        use = _move(
            pspo,
            Status.EXTENDED,
            actor=actor,
            now=moment,
            changed=["details", "ends_at", "appeal_deadline"],
        )
        _close_tasks(actor=actor, use=use, source="powers.pspo.review")
        _task(
            actor=actor,
            use=use,
            title=f"Review the PSPO before it expires on {_fmt_date(expires_on)}",
            due_on=max(extended_on, rules.pspo_review_due(expires_on, rules=ruleset)),
            source="powers.pspo.review",
            details="A further extension must be made before expiry, after consultation (s.60, s.72).",
        )
    return use


def pspo_vary(
    *,
    actor: Any,
    pspo: PowerUse,
    issuer_capacity: str,
    varied_on: dt.date,
    locality: str,
    requirements: str,
    consultation_done: Iterable[str],
    publicised: bool,
    two_tier: bool = True,
    parished: bool = True,
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.61: change the restricted area or the prohibitions and requirements, after consultation
    (s.72). A new 6-week High Court challenge window runs from the variation (s.66)."""
    moment = _now(now)
    _require_change(actor, pspo.case)
    _require_power(pspo, Power.PSPO, "Only a PSPO can be varied here")
    if not rules.can_transition(Power.PSPO, Status(pspo.status), Status.VARIED):
        raise ApplicationError(f"A PSPO that is {pspo.status} cannot be varied")
    if not locality.strip():
        raise ApplicationError("Describe the restricted area", field="locality")
    if not requirements.strip():
        raise ApplicationError("Say what the order prohibits or requires", field="requirements")
    made_on, current_expiry = _pspo_dates(pspo)
    ruleset = rules_for(moment)
    done = list(consultation_done)
    _block(
        rules.pspo_variation_blockers(
            issuer=issuer_capacity,
            made_on=made_on,
            current_expiry=current_expiry,
            varied_on=varied_on,
            today=_local_date(moment),
            restrictions_changed=(
                locality.strip() != pspo.locality or _lines(requirements) != _lines(pspo.requirements)
            ),
            consultation_done=done,
            publicised=publicised,
            two_tier=two_tier,
            parished=parished,
        )
    )
    with transaction.atomic():
        pspo.details = {
            **pspo.details,
            "variations": [
                *pspo.details.get("variations", []),
                {
                    "varied_on": varied_on.isoformat(),
                    "previous_locality": pspo.locality,
                    "previous_requirements": pspo.requirements,
                    "consultation_done": done,
                    "publicised": publicised,
                    "rule_version": ruleset.version,
                },
            ],
        }
        pspo.locality = locality.strip()
        pspo.requirements = requirements.strip()
        pspo.appeal_deadline = rules.pspo_challenge_deadline(varied_on, rules=ruleset)
        return _move(
            pspo,
            Status.VARIED,
            actor=actor,
            now=moment,
            changed=["details", "locality", "requirements", "appeal_deadline"],
        )


def closure_order_discharge(
    *, actor: Any, order: PowerUse, discharged_on: dt.date, note: str = "", now: dt.datetime | None = None
) -> PowerUse:
    """s.83: the court discharged the closure order before it ended; the expiry task is closed."""
    moment = _now(now)
    _require_change(actor, order.case)
    _require_power(order, Power.CLOSURE_ORDER, "Only a closure order can be discharged here")
    if not rules.can_transition(Power.CLOSURE_ORDER, Status(order.status), Status.DISCHARGED):
        raise ApplicationError(f"A closure order that is {order.status} cannot be discharged")
    first = _detail_date(order, "first_made_on")
    assert first is not None
    _block(
        rules.order_discharge_blockers(
            started_on=first,
            current_end=_detail_date(order, "ends_on"),
            discharged_on=discharged_on,
            today=_local_date(moment),
            what="closure order",
        ),
        field="discharged_on",
    )
    with transaction.atomic():
        order.details = {**order.details, "discharged_on": discharged_on.isoformat()}
        use = _move(order, Status.DISCHARGED, actor=actor, now=moment, note=note.strip(), changed=["details"])
        _close_tasks(actor=actor, use=use, source="powers.closure_order.expiry")
    return use


def power_compliance_record(
    *, actor: Any, power: PowerUse, outcome: str, on: dt.date, note: str = "", now: dt.datetime | None = None
) -> PowerUse:
    """Record that a warning or notice was complied with, breached (CPN only) or has expired, on
    ``on`` (stored as ``details["<outcome>_on"]``). A breached CPN is in force for a fixed penalty
    (``fpn_issue``) and, through it, prosecution."""
    moment = _now(now)
    _require_change(actor, power.case)
    if power.power not in rules.COMPLIANCE_OUTCOMES:
        raise ApplicationError("Compliance is recorded on a community protection warning or notice")
    if not outcome:
        raise ApplicationError("Choose what happened", field="outcome")
    assert power.issued_at is not None
    _block(
        rules.compliance_blockers(
            power=power.power,
            status=power.status,
            outcome=outcome,
            issued_on=_local_date(power.issued_at),
            on=on,
            today=_local_date(moment),
        ),
        field="on",
    )
    to = Status(outcome)
    with transaction.atomic():
        power.details = {**power.details, f"{to.value}_on": on.isoformat()}
        return _move(power, to, actor=actor, now=moment, note=note.strip(), changed=["details"])


# --------------------------------------------------------------------------------------------
# Generic steps
# --------------------------------------------------------------------------------------------


def rehearse(perform: Callable[[], object]) -> ApplicationError | None:
    """Run a write and roll it back: the error it would raise, or None when it would succeed.

    The check-answers page is shown only for a submission the service would accept, so the user
    never confirms something that is then refused. Everything the write did (the power, its
    events, tasks, audit events, on-commit e-mail) is rolled back with the transaction.
    """
    try:
        with transaction.atomic():
            perform()
            transaction.set_rollback(True)
    except ApplicationError as error:  # PermissionDeniedError included
        return error
    return None


def power_withdraw(*, actor: Any, power: PowerUse, reason: str, now: dt.datetime | None = None) -> PowerUse:
    _require_change(actor, power.case)
    if not reason.strip():
        raise ApplicationError("Give the reason for withdrawing", field="reason")
    with transaction.atomic():
        return _move(power, Status.WITHDRAWN, actor=actor, now=_now(now), note=reason.strip())


def power_letter_issued(*, actor: Any, power: PowerUse, fmt: str) -> None:
    """Audit that the letter or notice was produced (the document holds personal data)."""
    if not can(actor, Action.VIEW, power.case):
        raise PermissionDeniedError("You cannot see this notice.")
    with transaction.atomic():
        audit_record(
            actor=actor,
            verb=f"{power.power}.letter_{'pdf' if fmt == 'pdf' else 'html'}_produced",
            target=power,
        )


def today() -> dt.date:
    return timezone.localdate(clock.now())
