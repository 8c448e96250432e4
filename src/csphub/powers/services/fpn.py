"""Fixed penalty notices for breach of a community protection notice (s.52) or of a public
spaces protection order (s.68)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from csphub.core.actor import ActorOrUser
from csphub.core.errors import ApplicationError
from csphub.people.models import Person
from csphub.powers import rules
from csphub.powers.facts import detail_date, local_date, now_or, recipient_facts, rules_for
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, RuleSet, Status
from csphub.powers.selectors import cpn_in_force, fpn_prosecution_blockers_for
from csphub.powers.services.common import (
    _block,
    _create,
    _fmt_date,
    _move,
    _require_change,
    _require_power,
    _require_recipient_on_case,
    _task,
)


def fpn_issue(
    *,
    actor: ActorOrUser,
    cpn: PowerUse,
    issuer_capacity: str,
    amount_gbp: int,
    early_amount_gbp: int | None = None,
    early_period_days: int | None = None,
    breach: str,
    breached_requirement: str = "",
    suspended_by_court: bool = False,
    now: dt.datetime | None = None,
) -> PowerUse:
    """A fixed penalty for breach of a CPN (s.52): amount ≤ the rule set's maximum, 14-day bar.
    Under appeal, only for a breach of a "stop" requirement (s.46(3))."""
    moment = now_or(now)
    _require_change(actor, cpn.case)
    ruleset = rules_for(moment)
    in_force = cpn_in_force(
        cpn,
        breached_requirement=breached_requirement or cpn.details.get("breached_requirement", ""),
        suspended_by_court=suspended_by_court,
    )
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
    with transaction.atomic():
        if cpn.status != Status.BREACHED:
            _move(cpn, Status.BREACHED, actor=actor, now=moment, note=breach.strip())
        return _issue(
            actor=actor,
            parent=cpn,
            recipient=cpn.recipient,
            issuer_capacity=issuer_capacity,
            amount_gbp=amount_gbp,
            early_amount_gbp=early_amount_gbp,
            early_period_days=early_period_days,
            breach=breach,
            moment=moment,
            ruleset=ruleset,
            bar="s.52(5)",
        )


def pspo_fpn_issue(
    *,
    actor: ActorOrUser,
    pspo: PowerUse,
    recipient: Person | None,
    issuer_capacity: str,
    breach_on: dt.date,
    breach: str,
    amount_gbp: int,
    early_amount_gbp: int | None = None,
    early_period_days: int | None = None,
    now: dt.datetime | None = None,
) -> PowerUse:
    """A fixed penalty for breach of a PSPO (s.68): to a person on the case believed to have
    committed the s.67 offence while the order was in force; amount ≤ the rule set's maximum
    (s.68(6)); no proceedings during the 14 days following the notice (s.68(4)). The order's status
    does not change: a breach by one person is not a change to the order."""
    moment = now_or(now)
    _require_change(actor, pspo.case)
    _require_power(pspo, Power.PSPO, "A fixed penalty under s.68 follows a public spaces protection order")
    _require_recipient_on_case(actor, pspo.case, recipient)
    assert recipient is not None and pspo.starts_on is not None
    ruleset = rules_for(moment)
    today = local_date(moment)
    expiry = detail_date(pspo, "expires_on")
    assert expiry is not None
    _block(
        rules.pspo_fpn_blockers(
            rules=ruleset,
            recipient=recipient_facts(recipient),
            pspo_status=pspo.status,
            made_on=pspo.starts_on,
            current_expiry=expiry,
            breach_on=breach_on,
            today=today,
        ),
        field="breach_on",
        person=recipient,
    )
    _block(
        rules.fpn_blockers(
            rules=ruleset,
            amount_gbp=amount_gbp,
            early_amount_gbp=early_amount_gbp,
            early_period_days=early_period_days,
            issuer=issuer_capacity,
            notice_in_force=True,  # checked above against the order's dates
        ),
        field="amount_gbp",
    )
    if not breach.strip():
        raise ApplicationError("Describe the breach", field="breach")
    with transaction.atomic():
        return _issue(
            actor=actor,
            parent=pspo,
            recipient=recipient,
            issuer_capacity=issuer_capacity,
            amount_gbp=amount_gbp,
            early_amount_gbp=early_amount_gbp,
            early_period_days=early_period_days,
            breach=breach,
            moment=moment,
            ruleset=ruleset,
            bar="s.68(4)",
            details={"section": "s.68", "breach_on": breach_on.isoformat()},
        )


def _issue(
    *,
    actor: ActorOrUser,
    parent: PowerUse,
    recipient: Person | None,
    issuer_capacity: str,
    amount_gbp: int,
    early_amount_gbp: int | None,
    early_period_days: int | None,
    breach: str,
    moment: dt.datetime,
    ruleset: RuleSet,
    bar: str,
    details: dict[str, Any] | None = None,
) -> PowerUse:
    """The notice itself, for a CPN (s.52) or a PSPO (s.68): payment and prosecution dates from the
    day of issue, and the payment-check task for the day proceedings may start (``bar``: s.52(5) or
    s.68(4))."""
    today = local_date(moment)
    pay_by = rules.fpn_payment_deadline(today, rules=ruleset)
    earliest = rules.fpn_prosecution_earliest(today, rules=ruleset)
    fpn = _create(
        actor=actor,
        case=parent.case,
        power=Power.FPN,
        to_status=Status.ISSUED,
        now=moment,
        ruleset=ruleset,
        issuer_capacity=issuer_capacity,
        parent=parent,
        recipient=recipient,
        conduct=breach.strip(),
        issued_at=moment,
        served_at=moment,
        amount_gbp=amount_gbp,
        details={
            **(details or {}),
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
        details=f"No proceedings before {_fmt_date(earliest)} ({bar}).",
    )
    return fpn


def fpn_record_payment(
    *, actor: ActorOrUser, fpn: PowerUse, paid_on: dt.date, now: dt.datetime | None = None
) -> PowerUse:
    _require_change(actor, fpn.case)
    assert fpn.issued_at is not None
    if paid_on < local_date(fpn.issued_at):
        raise ApplicationError(
            "The payment date cannot be before the fixed penalty was issued", field="paid_on"
        )
    if paid_on > local_date(now_or(now)):
        raise ApplicationError("The payment date must be today or in the past", field="paid_on")
    with transaction.atomic():
        fpn.details = {**fpn.details, "paid_on": paid_on.isoformat()}
        return _move(fpn, Status.PAID, actor=actor, now=now_or(now), changed=["details"])


def fpn_prosecute(*, actor: ActorOrUser, fpn: PowerUse, now: dt.datetime | None = None) -> PowerUse:
    moment = now_or(now)
    _require_change(actor, fpn.case)
    _block(fpn_prosecution_blockers_for(fpn, now=moment))
    with transaction.atomic():
        return _move(fpn, Status.PROSECUTED, actor=actor, now=moment)
