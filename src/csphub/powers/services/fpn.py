"""Fixed penalty notices for breach of a community protection notice (s.52)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from csphub.core.actor import ActorOrUser
from csphub.core.errors import ApplicationError
from csphub.powers import rules
from csphub.powers.facts import local_date, now_or, rules_for
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.selectors import cpn_in_force, fpn_prosecution_blockers_for
from csphub.powers.services.common import (
    _block,
    _create,
    _fmt_date,
    _move,
    _require_change,
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
    today = local_date(moment)
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
