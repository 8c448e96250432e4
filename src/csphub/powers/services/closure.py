"""Closure notices and orders (ss.76-83): notice, order, extension, discharge."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from csphub.cases.models import Case
from csphub.core.actor import ActorOrUser
from csphub.core.errors import ApplicationError
from csphub.people.models import Address
from csphub.powers import rules
from csphub.powers.facts import clean_lines, detail_date, local_date, now_or, rules_for
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.services.common import (
    _block,
    _close_tasks,
    _create,
    _end_of_day,
    _fmt_date,
    _fmt_dt,
    _move,
    _require_change,
    _start_on,
    _task,
)


def closure_notice_issue(
    *,
    actor: ActorOrUser,
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
    moment = now_or(now)
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
    # A.1: only a notice under the 48-hour regime (s.77(2)-(3)) disregards Christmas Day.
    ends_at = rules.closure_notice_expiry(served_at, duration_hours, rules=ruleset)
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
            ends_at=ends_at,
            hearing_due_at=hearing_due,
            court=rules.Court.MAGISTRATES,
            informed_parties=clean_lines(informed_parties),
            details={
                "duration_hours": duration_hours,
                "senior_signoff": senior_signoff,
                "hearing_details": hearing_details.strip(),
                "christmas_disregarded": rules.closure_notice_mentions_christmas(
                    served_at, duration_hours, ends_at
                ),
            },
        )
        _task(
            actor=actor,
            use=notice,
            title=f"Closure order hearing by {_fmt_dt(hearing_due)}: apply to the magistrates",
            due_on=local_date(hearing_due),
            source="powers.closure_notice.hearing",
            details=(
                "The application must be heard within 48 hours of service, Christmas Day not counted (s.80)."
            ),
        )
    return notice


def closure_order_grant(
    *,
    actor: ActorOrUser,
    notice: PowerUse,
    made_on: dt.date,
    ends_on: dt.date,
    now: dt.datetime | None = None,
) -> PowerUse:
    """The magistrates made a closure order (s.80): at most 3 months."""
    moment = now_or(now)
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
    *,
    actor: ActorOrUser,
    order: PowerUse,
    applied_on: dt.date,
    new_end: dt.date,
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.82: extension applied for before expiry; never beyond 6 months in total."""
    moment = now_or(now)
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


def closure_order_discharge(
    *,
    actor: ActorOrUser,
    order: PowerUse,
    discharged_on: dt.date,
    note: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.83: the court discharged the closure order before it ended; the expiry task is closed."""
    moment = _start_on(actor, order, Power.CLOSURE_ORDER, "Only a closure order can be discharged here", now)
    if not rules.can_transition(Power.CLOSURE_ORDER, Status(order.status), Status.DISCHARGED):
        raise ApplicationError(f"A closure order that is {order.status} cannot be discharged")
    first = detail_date(order, "first_made_on")
    assert first is not None
    _block(
        rules.order_discharge_blockers(
            started_on=first,
            current_end=detail_date(order, "ends_on"),
            discharged_on=discharged_on,
            today=local_date(moment),
            what="closure order",
        ),
        field="discharged_on",
    )
    with transaction.atomic():
        order.details = {**order.details, "discharged_on": discharged_on.isoformat()}
        use = _move(order, Status.DISCHARGED, actor=actor, now=moment, note=note.strip(), changed=["details"])
        _close_tasks(actor=actor, use=use, source="powers.closure_order.expiry")
    return use
