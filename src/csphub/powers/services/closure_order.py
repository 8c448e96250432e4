"""Closure orders (ss.80-84): the order the magistrates make after a closure notice, or their
refusal to make it (with the notice continued for up to 48 hours, s.81(2)), its extension with the
authority and consultation recorded (s.82), discharge (s.83) and the appeals to the Crown Court
(s.84): the occupier's against the order or an extension (s.84(1)), the police's or council's
against a refusal (s.84(2)(a), (3)(a)), each within 21 days beginning with the day of the decision
(s.84(5))."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from csphub.core.actor import ActorOrUser
from csphub.core.errors import ApplicationError
from csphub.powers import rules
from csphub.powers.facts import detail_date, local_date, now_or, rules_for
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.services.common import (
    _block,
    _close_tasks,
    _create,
    _end_of_day,
    _fmt_date,
    _move,
    _require_change,
    _require_power,
    _start_on,
    _task,
)


def _existing_order(notice: PowerUse) -> PowerUse | None:
    return (
        notice.children.filter(power=Power.CLOSURE_ORDER)
        .exclude(status=Status.WITHDRAWN)
        .order_by("pk")
        .first()
    )


def _order_applied_for(
    *,
    actor: ActorOrUser,
    notice: PowerUse,
    now: dt.datetime,
    ruleset: rules.RuleSet,
    details: dict[str, str],
    starts_on: dt.date | None = None,
) -> PowerUse:
    """The closure order the notice's applicant asked the magistrates for (s.80): it takes the notice's
    case, premises, conduct and issuer, whether the court then makes it or refuses it."""
    extra: dict[str, Any] = {"starts_on": starts_on} if starts_on is not None else {}
    return _create(
        actor=actor,
        case=notice.case,
        power=Power.CLOSURE_ORDER,
        to_status=Status.APPLIED,
        now=now,
        ruleset=ruleset,
        issuer_capacity=notice.issuer_capacity,
        parent=notice,
        premises=notice.premises,
        conduct=notice.conduct,
        court=rules.Court.MAGISTRATES,
        details=details,
        **extra,
    )


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
    existing = _existing_order(notice)
    if existing is not None and existing.status in (Status.REFUSED, Status.APPEALED):
        raise ApplicationError(
            f"The magistrates refused the closure order ({existing.reference}): only the Crown Court can "
            "now make it, on an appeal by the police or council (s.84)"
        )
    ruleset = rules_for(moment)
    _block(rules.closure_order_blockers(rules=ruleset, made_on=made_on, ends_on=ends_on), field="ends_on")
    with transaction.atomic():
        _move(notice, Status.ESCALATED, actor=actor, now=moment, note="Closure order made")
        order = _order_applied_for(
            actor=actor,
            notice=notice,
            now=moment,
            ruleset=ruleset,
            starts_on=made_on,
            details={"first_made_on": made_on.isoformat(), "ends_on": ends_on.isoformat()},
        )
        order.ends_at = _end_of_day(ends_on)
        # s.84(5): an appeal to the Crown Court within 21 days beginning with the day of the order.
        order.appeal_deadline = rules.closure_order_appeal_deadline(made_on, rules=ruleset)
        _move(order, Status.GRANTED, actor=actor, now=moment, changed=["ends_at", "appeal_deadline"])
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
    extended_on: dt.date | None = None,
    authorised_by: str = "",
    consulted: str = "",
    consulted_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.82: applied for before expiry; each extension at most 3 months (s.82(7)) and never beyond
    6 months in total (s.82(8)); a police application authorised by a superintendent or above after
    consulting the local authority, a council application after consulting the chief officer of
    police (s.82(3)-(4)). ``extended_on`` is the day the court extended it (default: the day of the
    application); a new 21-day Crown Court appeal period runs from it (s.84)."""
    moment = now_or(now)
    _require_change(actor, order.case)
    _require_power(order, Power.CLOSURE_ORDER, "Only a closure order can be extended here")
    ruleset = rules.rule_set(order.rule_version)
    first = dt.date.fromisoformat(order.details["first_made_on"])
    current_end = dt.date.fromisoformat(order.details["ends_on"])
    decided = extended_on or applied_on
    _block(
        rules.closure_order_extension_authority_blockers(
            applicant=order.issuer_capacity,
            authorised_by=authorised_by or None,
            consulted=consulted,
            consulted_on=consulted_on,
            applied_on=applied_on,
        ),
        field="consulted",
    )
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
    reasons = []
    if decided < applied_on:
        reasons.append("The court cannot extend the order before the application was made")
    if decided > local_date(moment):
        reasons.append("The date the court extended the order must be today or in the past")
    _block(reasons, field="extended_on")
    with transaction.atomic():
        order.details = {
            **order.details,
            "ends_on": new_end.isoformat(),
            "extensions": [
                *order.details.get("extensions", []),
                {
                    "applied_on": applied_on.isoformat(),
                    "extended_on": decided.isoformat(),
                    "previous_end": current_end.isoformat(),
                    "ends_on": new_end.isoformat(),
                    "authorised_by": authorised_by,
                    "consulted": consulted.strip(),
                    "consulted_on": consulted_on.isoformat() if consulted_on else None,
                },
            ],
        }
        order.ends_at = _end_of_day(new_end)
        order.appeal_deadline = rules.closure_order_appeal_deadline(decided, rules=ruleset)
        return _move(
            order,
            Status.EXTENDED,
            actor=actor,
            now=moment,
            changed=["details", "ends_at", "appeal_deadline"],
        )


CLOSURE_APPEAL_OUTCOMES = {
    Status.UPHELD.value: "Appeal dismissed: the order stands",
    Status.VARIED.value: "Order varied by the Crown Court",
    Status.QUASHED.value: "Order quashed",
}


def closure_order_appeal_lodge(
    *,
    actor: ActorOrUser,
    order: PowerUse,
    appellant: str,
    lodged_on: dt.date,
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.84: an appeal to the Crown Court against the order or its extension, by a person on whom
    the notice was served or anyone else with an interest in the premises, within 21 days beginning
    with the day of the decision (s.84(5)). The order stays in force while the appeal is pending.
    A refusal is appealed by the applicant instead (``closure_refusal_appeal_lodge``); an order the
    Crown Court itself made on appeal has no further appeal to the Crown Court."""
    moment = now_or(now)
    _require_change(actor, order.case)
    _require_power(order, Power.CLOSURE_ORDER, "Only a closure order can be appealed here")
    if order.status == Status.REFUSED or not rules.can_transition(
        Power.CLOSURE_ORDER, Status(order.status), Status.APPEALED
    ):
        raise ApplicationError(
            f"A closure order that is {order.get_status_display().lower()} cannot be appealed"
        )
    if order.appeal_deadline is None:
        raise ApplicationError(
            "The Crown Court made this order on appeal: it cannot be appealed to the Crown Court again (s.84)"
        )
    reasons = []
    if not appellant.strip():
        reasons.append("Say who is appealing and their interest in the premises")
    first = detail_date(order, "first_made_on")
    assert first is not None and order.appeal_deadline is not None
    if lodged_on < first:
        reasons.append("The appeal cannot be dated before the order was made")
    if lodged_on > local_date(moment):
        reasons.append("The date of the appeal must be today or in the past")
    if lodged_on > order.appeal_deadline:
        reasons.append(
            f"The time to appeal ended on {_fmt_date(order.appeal_deadline)}: 21 days beginning with the day "
            "of the decision (s.84(5))"
        )
    _block(reasons, field="lodged_on")
    with transaction.atomic():
        order.details = {
            **order.details,
            "appeal": {"appellant": appellant.strip(), "lodged_on": lodged_on.isoformat()},
            "appeal_lodged_on": lodged_on.isoformat(),
        }
        court_before = order.court
        order.details["court_before_appeal"] = court_before
        order.court = rules.Court.CROWN
        return _move(
            order,
            Status.APPEALED,
            actor=actor,
            now=moment,
            note=f"Appeal to the Crown Court by {appellant.strip()} (s.84)",
            changed=["details", "court"],
        )


def closure_order_appeal_decide(
    *,
    actor: ActorOrUser,
    order: PowerUse,
    outcome: str,
    decided_on: dt.date,
    new_end: dt.date | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """The Crown Court's decision on a s.84 appeal: dismissed (the order stands), varied (a new end
    date, never later than the current one nor beyond 6 months in total) or quashed."""
    moment = now_or(now)
    _require_change(actor, order.case)
    _require_power(order, Power.CLOSURE_ORDER, "Only a closure order appeal can be decided here")
    if order.status != Status.APPEALED or "refusal_appeal" in order.details:
        raise ApplicationError(f"No appeal against {order.reference} by the occupier is pending")
    if outcome not in CLOSURE_APPEAL_OUTCOMES:
        raise ApplicationError("Choose the Crown Court's decision", field="outcome")
    lodged = detail_date(order, "appeal_lodged_on")
    assert lodged is not None
    reasons = []
    if decided_on < lodged:
        reasons.append("The decision cannot be dated before the appeal was lodged")
    if decided_on > local_date(moment):
        reasons.append("The date of the decision must be today or in the past")
    current_end = detail_date(order, "ends_on")
    assert current_end is not None
    if outcome == Status.VARIED:
        if new_end is None:
            reasons.append("Enter the end date of the order as varied")
        elif new_end > current_end:
            reasons.append("A variation on appeal cannot make the order end later than it does now")
        elif new_end < decided_on:
            reasons.append("The order as varied cannot end before the court's decision")
    _block(reasons, field="new_end" if outcome == Status.VARIED else "decided_on")
    to = Status(outcome)
    with transaction.atomic():
        details = {
            **order.details,
            "appeal": {
                **order.details.get("appeal", {}),
                "decided_on": decided_on.isoformat(),
                "outcome": outcome,
            },
        }
        changed = ["details"]
        if to == Status.VARIED and new_end is not None:
            details["ends_on"] = new_end.isoformat()
            order.ends_at = _end_of_day(new_end)
            changed.append("ends_at")
        if to == Status.QUASHED:
            order.ends_at = _end_of_day(decided_on)
            changed.append("ends_at")
        order.details = details
        use = _move(order, to, actor=actor, now=moment, note=note.strip(), changed=changed)
        if to == Status.QUASHED:
            _close_tasks(actor=actor, use=use, source="powers.closure_order.expiry")
    return use


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


# --------------------------------------------------------------------------------------------
# A refusal, and the applicant's appeal against it (s.84(2)(a), (3)(a))
# --------------------------------------------------------------------------------------------

REFUSAL_APPEAL_TASK = "powers.closure_order.refusal_appeal"

CLOSURE_REFUSAL_APPEAL_OUTCOMES = {
    Status.GRANTED.value: "Appeal allowed: the Crown Court made a closure order",
    Status.REFUSED.value: "Appeal dismissed: the refusal stands",
}


def _applicant(use: PowerUse) -> str:
    """Who may appeal a refusal: a constable for a police application (s.84(2)), the council for
    its own (s.84(3))."""
    return "the council" if rules.is_local_authority(use.issuer_capacity) else "the police"


def closure_order_refuse(
    *,
    actor: ActorOrUser,
    notice: PowerUse,
    refused_at: dt.datetime,
    continued_until: dt.datetime | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """The magistrates heard the application (s.80) and did not make a closure order. They may
    still continue the notice for at most 48 more hours (s.81(2), plain hours). The refusal is a
    closure order record in "refused" with its appeal clock: the police or council that applied may
    appeal to the Crown Court within 21 days beginning with the day of the decision (s.84(2)(a),
    (3)(a), (5)); a task reminds the applicant before the last day."""
    moment = now_or(now)
    _require_change(actor, notice.case)
    _require_power(notice, Power.CLOSURE_NOTICE, "A refusal follows a closure notice")
    if not rules.can_transition(Power.CLOSURE_NOTICE, Status(notice.status), Status.ESCALATED):
        raise ApplicationError(
            f"A closure notice that is {notice.get_status_display().lower()} has no application to refuse"
        )
    if _existing_order(notice) is not None:
        raise ApplicationError("The court's decision on this application is already recorded")
    ruleset = rules.rule_set(notice.rule_version)
    assert notice.served_at is not None
    reasons = []
    if refused_at < notice.served_at:
        reasons.append("The court's decision cannot be before the notice was served")
    if refused_at > moment:
        reasons.append("The court's decision must be now or in the past")
    _block(reasons, field="refused_at")
    if continued_until is not None:
        _block(
            rules.closure_continuation_blockers(
                rules=ruleset, decided_at=refused_at, continued_until=continued_until
            ),
            field="continued_until",
        )
    refused_on = local_date(refused_at)
    deadline = rules.closure_order_appeal_deadline(refused_on, rules=ruleset)
    with transaction.atomic():
        if continued_until is not None:
            notice.details = {
                **notice.details,
                "continuations": [
                    *notice.details.get("continuations", []),
                    {
                        "decided_at": refused_at.isoformat(),
                        "adjourned_to": None,
                        "continued_until": continued_until.isoformat(),
                    },
                ],
            }
            notice.ends_at = continued_until
        _move(
            notice,
            Status.ESCALATED,
            actor=actor,
            now=moment,
            note=(
                "Closure order refused; notice continued by the court (s.81(2))"
                if continued_until
                else "Closure order refused"
            ),
            changed=["details", "ends_at"] if continued_until else [],
        )
        _close_tasks(actor=actor, use=notice, source="powers.closure_notice.hearing")
        order = _order_applied_for(
            actor=actor,
            notice=notice,
            now=moment,
            ruleset=ruleset,
            details={"refused_on": refused_on.isoformat(), "refusal_note": note.strip()},
        )
        order.appeal_deadline = deadline
        _move(
            order,
            Status.REFUSED,
            actor=actor,
            now=moment,
            note=note.strip() or "The magistrates did not make a closure order",
            changed=["appeal_deadline"],
        )
        _task(
            actor=actor,
            use=order,
            title=(
                f"Closure order refused: decide by {_fmt_date(deadline)} whether {_applicant(order)} "
                "appeals to the Crown Court"
            ),
            due_on=deadline,
            source=REFUSAL_APPEAL_TASK,
            details="21 days beginning with the day of the decision (s.84(5)); the time cannot be extended.",
        )
    return order


def closure_refusal_appeal_lodge(
    *,
    actor: ActorOrUser,
    order: PowerUse,
    lodged_on: dt.date,
    note: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """s.84(2)(a), (3)(a): the police or council that applied appeal the refusal to the Crown Court
    (s.84(4)) within 21 days beginning with the day of the decision (s.84(5)). A late appeal is
    refused with the last day named."""
    moment = now_or(now)
    _require_change(actor, order.case)
    _require_power(order, Power.CLOSURE_ORDER, "Only a refused closure order can be appealed here")
    refused_on = detail_date(order, "refused_on")
    if order.status not in (Status.REFUSED, Status.APPEALED) or refused_on is None:
        raise ApplicationError(
            f"Closure order {order.reference} was not refused: the occupier's appeal is recorded separately"
        )
    _block(
        rules.closure_refusal_appeal_blockers(
            rules=rules.rule_set(order.rule_version),
            refused_on=refused_on,
            lodged_on=lodged_on,
            today=local_date(moment),
            already_appealed="refusal_appeal" in order.details,
        ),
        field="lodged_on",
    )
    with transaction.atomic():
        order.details = {
            **order.details,
            "refusal_appeal": {
                "by": _applicant(order),
                "lodged_on": lodged_on.isoformat(),
                "note": note.strip(),
            },
            "appeal_lodged_on": lodged_on.isoformat(),
        }
        order.court = rules.Court.CROWN
        use = _move(
            order,
            Status.APPEALED,
            actor=actor,
            now=moment,
            note=f"Appeal to the Crown Court against the refusal by {_applicant(order)} (s.84)",
            changed=["details", "court"],
        )
        _close_tasks(actor=actor, use=use, source=REFUSAL_APPEAL_TASK)
    return use


def closure_refusal_appeal_decide(
    *,
    actor: ActorOrUser,
    order: PowerUse,
    outcome: str,
    decided_on: dt.date,
    ends_on: dt.date | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> PowerUse:
    """The Crown Court's decision on the applicant's appeal (s.84(6)): it made a closure order (at
    most 3 months from its decision, s.80(6); no further appeal to the Crown Court lies against it)
    or dismissed the appeal, so the refusal stands."""
    moment = now_or(now)
    _require_change(actor, order.case)
    _require_power(order, Power.CLOSURE_ORDER, "Only a closure order appeal can be decided here")
    appeal = order.details.get("refusal_appeal")
    if order.status != Status.APPEALED or not appeal:
        raise ApplicationError(f"No appeal against the refusal of {order.reference} is pending")
    if outcome not in CLOSURE_REFUSAL_APPEAL_OUTCOMES:
        raise ApplicationError("Choose the Crown Court's decision", field="outcome")
    made_order = outcome == Status.GRANTED
    ruleset = rules.rule_set(order.rule_version)
    _block(
        rules.closure_refusal_appeal_outcome_blockers(
            rules=ruleset,
            made_order=made_order,
            lodged_on=dt.date.fromisoformat(appeal["lodged_on"]),
            decided_on=decided_on,
            today=local_date(moment),
            ends_on=ends_on,
        ),
        field="ends_on" if made_order else "decided_on",
    )
    with transaction.atomic():
        details = {
            **order.details,
            "refusal_appeal": {**appeal, "decided_on": decided_on.isoformat(), "outcome": outcome},
        }
        changed = ["details"]
        if made_order and ends_on is not None:
            details |= {
                "first_made_on": decided_on.isoformat(),
                "ends_on": ends_on.isoformat(),
                "made_by_crown_court": True,
            }
            order.starts_on = decided_on
            order.ends_at = _end_of_day(ends_on)
            # No appeal to the Crown Court against the Crown Court's own order; an extension by the
            # magistrates (s.82) starts a new s.84 clock.
            order.appeal_deadline = None
            changed += ["starts_on", "ends_at", "appeal_deadline"]
        else:
            # The refusal stands and its one appeal is spent: no clock is left to show.
            order.appeal_deadline = None
            changed.append("appeal_deadline")
        order.details = details
        use = _move(
            order,
            Status(outcome),
            actor=actor,
            now=moment,
            note=note.strip() or CLOSURE_REFUSAL_APPEAL_OUTCOMES[outcome],
            changed=changed,
        )
        if made_order and ends_on is not None:
            _task(
                actor=actor,
                use=use,
                title=f"Closure order ends {_fmt_date(ends_on)}: decide whether to apply for an extension",
                due_on=max(decided_on, ends_on - dt.timedelta(days=14)),
                source="powers.closure_order.expiry",
            )
    return use
