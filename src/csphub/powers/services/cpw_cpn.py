"""Community protection warnings and notices (ss.43-46): issue, appeal, court decision,
compliance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from csphub.cases.models import Case
from csphub.core.actor import ActorOrUser
from csphub.core.errors import ApplicationError
from csphub.people.models import Person
from csphub.powers import rules
from csphub.powers.facts import clean_lines, local_date, now_or, recipient_facts, rules_for
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.selectors import cpn_blockers_for, requirement_lines
from csphub.powers.services.common import (
    _block,
    _create,
    _fmt_date,
    _move,
    _require_change,
    _start_against,
    _task,
)


def cpw_issue(
    *,
    actor: ActorOrUser,
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
    moment, ruleset = _start_against(actor, case, recipient, now)
    _block(
        rules.cpw_blockers(
            rules=ruleset,
            recipient=recipient_facts(recipient),
            conduct=conduct,
            requirements=requirements,
            comply_by=comply_by,
            issued_at=moment,
            issuer=issuer_capacity,
        ),
        person=recipient,
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
            informed_parties=clean_lines(informed_parties),
        )


def cpn_issue(
    *,
    actor: ActorOrUser,
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
    moment = now_or(now)
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
        ),
        person=cpw.recipient,
    )
    if not requirements.strip():
        raise ApplicationError("Say what the recipient must do or stop doing", field="requirements")
    ruleset = rules_for(moment)
    deadline = rules.cpn_appeal_deadline(local_date(moment), rules=ruleset)
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
            informed_parties=clean_lines(informed_parties),
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
                f"The 21-day appeal period for {cpn.reference} began on {_fmt_date(local_date(moment))} "
                f"and ends on {_fmt_date(deadline)} (s.46(2))."
            ),
        )
    return cpn


def cpn_appeal_lodge(
    *,
    actor: ActorOrUser,
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
    moment = now_or(now)
    _require_change(actor, cpn.case)
    if cpn.power != Power.CPN:
        raise ApplicationError("Only a community protection notice can be appealed")
    assert cpn.appeal_deadline is not None
    if lodged_on < local_date(cpn.issued_at or moment):
        raise ApplicationError("The appeal cannot be lodged before the notice was issued", field="lodged_on")
    if lodged_on > local_date(moment):
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
    *, actor: ActorOrUser, cpn: PowerUse, outcome: str, note: str = "", now: dt.datetime | None = None
) -> PowerUse:
    _require_change(actor, cpn.case)
    to = Status(outcome)
    if to not in (Status.UPHELD, Status.VARIED, Status.QUASHED):
        raise ApplicationError("Choose whether the court dismissed the appeal, varied or quashed the notice")
    with transaction.atomic():
        return _move(cpn, to, actor=actor, now=now_or(now), note=note)


def power_compliance_record(
    *,
    actor: ActorOrUser,
    power: PowerUse,
    outcome: str,
    on: dt.date,
    note: str = "",
    breached_requirement: str = "",
    suspended_by_court: bool = False,
    now: dt.datetime | None = None,
) -> PowerUse:
    """Record that a warning or notice was complied with, breached (CPN only) or has expired, on
    ``on`` (stored as ``details["<outcome>_on"]``). A breached CPN is in force for a fixed penalty
    (``fpn_issue``) and, through it, prosecution."""
    moment = now_or(now)
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
            issued_on=local_date(power.issued_at),
            on=on,
            today=local_date(moment),
            breached_requirement=breached_requirement or None,
            suspended_by_court=suspended_by_court,
        ),
        field="on",
    )
    to = Status(outcome)
    with transaction.atomic():
        power.details = {**power.details, f"{to.value}_on": on.isoformat()}
        if to is Status.BREACHED and breached_requirement:
            power.details["breached_requirement"] = breached_requirement
        return _move(power, to, actor=actor, now=moment, note=note.strip(), changed=["details"])
