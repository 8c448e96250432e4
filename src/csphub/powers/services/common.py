"""What every power's services share: the guards, the state-machine step that writes the
history and the audit event, the automatic tasks, withdrawal.

Services take ``now`` (default :func:`csphub.powers.clock.now`) so that statutory clocks can be
tested without waiting. Automatic tasks go through ``csphub.cases.services.task_create``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from csphub.agencies.policies import Action, acting_membership, can
from csphub.audit.services import audit_record
from csphub.cases.models import Case, Task, TaskStatus
from csphub.cases.services import task_cancel, task_create
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.people.models import Person
from csphub.powers import rules
from csphub.powers.capacities import capacity_blockers
from csphub.powers.facts import UK, local_date, now_or, rules_for
from csphub.powers.models import PowerEvent, PowerUse
from csphub.powers.rules import IssuerCapacity, Power, RuleSet, Status


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _end_of_day(d: dt.date | None) -> dt.datetime | None:
    return dt.datetime.combine(d, dt.time(23, 59), tzinfo=UK) if d is not None else None


def _require_change(actor: ActorOrUser, case: Case) -> None:
    if not can(actor, Action.CHANGE, case):
        raise PermissionDeniedError("You cannot use powers on this case.")
    if not case.is_open:
        raise ApplicationError("The case is closed: reopen it before using a power")


def _require_recipient_on_case(actor: ActorOrUser, case: Case, person: Person | None) -> None:
    if person is None:
        raise ApplicationError("Choose who the notice is for", field="recipient")
    if not case.parties.filter(person=person).exists():
        raise ApplicationError("The recipient must be a party to the case", field="recipient")


def _start_against(
    actor: ActorOrUser, case: Case, recipient: Person | None, now: dt.datetime | None
) -> tuple[dt.datetime, RuleSet]:
    """How every power used against a person on a case begins: the moment it is used, the guards
    (the actor may change the case, which is open; the recipient is one of its parties) and the
    rules in force at that moment."""
    moment = now_or(now)
    _require_change(actor, case)
    _require_recipient_on_case(actor, case, recipient)
    return moment, rules_for(moment)


def _block(reasons: Sequence[str], field: str | None = None, person: Any | None = None) -> None:
    """Refuse with every reason; a reason that needs ``person``'s date of birth links to where it is
    recorded (their "Change details" page)."""
    if reasons:
        fix_url = fix_text = ""
        if person is not None and any("date of birth" in reason for reason in reasons):
            fix_url = person_change_url(person)
            fix_text = f"Record {person.display_name}'s date of birth"
        raise ApplicationError("; ".join(reasons), field=field, fix_url=fix_url, fix_text=fix_text)


def person_change_url(person: Any) -> str:
    from django.urls import reverse

    return reverse("people:edit", args=[person.pk])


def _record_step(
    use: PowerUse,
    from_status: Status,
    to_status: Status,
    *,
    actor: ActorOrUser,
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
        created_by=acting_user(actor),
    )


def _create(
    *,
    actor: ActorOrUser,
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
        partnership_id=case.partnership_id,
        case=case,
        power=power,
        status=to_status,
        rule_version=ruleset.version,
        issuing_agency=membership.agency,
        issuer=acting_user(actor),
        issuer_capacity=IssuerCapacity(issuer_capacity),
        created_by=acting_user(actor),
        modified_by=acting_user(actor),
        **fields,
    )
    _record_step(use, Status.DRAFT, to_status, actor=actor, now=now, ruleset=ruleset, note=note)
    audit_record(actor=actor, verb=f"{power.value}.{to_status.value}", target=use)
    return use


def _move(
    use: PowerUse,
    to_status: Status,
    *,
    actor: ActorOrUser,
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
    use.modified_by = acting_user(actor)
    use.save()
    audit_record(
        actor=actor, verb=f"{power.value}.{to_status.value}", target=use, changed_fields=["status", *changed]
    )
    return use


def _task(
    *, actor: ActorOrUser, use: PowerUse, title: str, due_on: dt.date, source: str, details: str = ""
) -> None:
    task_create(
        actor=actor,
        title=title,
        owner=acting_user(actor),
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


def _end_date(use: PowerUse) -> dt.date | None:
    return local_date(use.ends_at) if use.ends_at is not None else None


def _open_tasks(use: PowerUse, source: str) -> list[Task]:
    return list(
        Task.objects.filter(
            linked_type=f"{PowerUse._meta.app_label}.{PowerUse._meta.model_name}",
            linked_id=use.pk,
            source=source,
            status=TaskStatus.OPEN,
        )
    )


def _close_tasks(*, actor: ActorOrUser, use: PowerUse, source: str, keep: Iterable[dt.date] = ()) -> None:
    """Cancel the power's open automatic tasks from ``source`` whose due date is not in ``keep``:
    the decision just recorded (a discharge, variation or extension) makes them moot. Cancelled,
    not "done": nobody did what the task asked."""
    kept = set(keep)
    for task in _open_tasks(use, source):
        if task.due_on not in kept:
            task_cancel(
                actor=actor,
                task=task,
                reason=f"The {use.label.lower()} was {use.get_status_display().lower()}",
                check_permission=False,
            )


def _require_power(use: PowerUse, power: Power, message: str) -> None:
    if use.power != power:
        raise ApplicationError(message)


def _start_on(
    actor: ActorOrUser, use: PowerUse, power: Power, message: str, now: dt.datetime | None
) -> dt.datetime:
    """How every later step of a power begins: the moment it is taken, the guards (the actor may
    change the case, which is open; the record is a ``power``, else ``message``)."""
    moment = now_or(now)
    _require_change(actor, use.case)
    _require_power(use, power, message)
    return moment


def _new_terms(use: PowerUse, requirements: str, ends_on: dt.date | None) -> list[str]:
    """Give an order the court's terms and end date (the end of that day); the fields changed."""
    use.requirements = requirements.strip()
    use.ends_at = _end_of_day(ends_on)
    return ["requirements", "ends_at"]


def _expiry_task(
    *, actor: ActorOrUser, use: PowerUse, ends_on: dt.date, from_on: dt.date, source: str
) -> None:
    _task(
        actor=actor,
        use=use,
        title=f"{use.label} {use.reference} ends {_fmt_date(ends_on)}: decide whether anything further is needed",
        due_on=max(from_on, ends_on - dt.timedelta(days=28)),
        source=source,
    )


def power_withdraw(
    *, actor: ActorOrUser, power: PowerUse, reason: str, now: dt.datetime | None = None
) -> PowerUse:
    _require_change(actor, power.case)
    if not reason.strip():
        raise ApplicationError("Give the reason for withdrawing", field="reason")
    with transaction.atomic():
        return _move(power, Status.WITHDRAWN, actor=actor, now=now_or(now), note=reason.strip())


def power_letter_issued(*, actor: ActorOrUser, power: PowerUse, fmt: str) -> None:
    """Audit that the letter or notice was produced (the document holds personal data)."""
    if not can(actor, Action.VIEW, power.case):
        raise PermissionDeniedError("You cannot see this notice.")
    with transaction.atomic():
        audit_record(
            actor=actor,
            verb=f"{power.power}.letter_{'pdf' if fmt == 'pdf' else 'html'}_produced",
            target=power,
        )
