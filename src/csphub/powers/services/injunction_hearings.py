"""Civil injunctions (Part 1) in court after the application: an adjourned hearing with or without
an interim injunction (s.6, s.7), a breach found by the court (injunction s.9 with the youth court's
Schedule 2 orders; CBO Sentencing Act 2020 s.339), and the appeal to the Crown Court against a youth
court's decision (s.15). Re-exported from :mod:`csphub.powers.services.injunction_cbo`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from csphub.audit.services import audit_record
from csphub.core.actor import ActorOrUser
from csphub.core.errors import ApplicationError
from csphub.powers import rules
from csphub.powers.facts import detail_date, local_date, now_or, recipient_facts, rules_for
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.services.common import (
    _block,
    _end_date,
    _fmt_date,
    _iso,
    _move,
    _record_step,
    _require_change,
    _start_on,
    _task,
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
    _block(reasons, person=injunction.recipient)
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
            person=order.recipient,
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
