"""Modern Slavery Act 2015 s.52: record the grounds, notify the Home Office, export the notification."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from csphub.agencies.models import ShareScope
from csphub.agencies.policies import Action, partnership_for_new_record
from csphub.agencies.services import name_user_on_record
from csphub.audit.models import DutyVerb
from csphub.audit.services import audit_record
from csphub.cases.models import Case, TaskStatus
from csphub.cases.services import task_complete, task_create
from csphub.core.actor import Actor
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.duties.models import AgeBasis, Consent, NotificationStatus, SlaveryConcern
from csphub.duties.rules import slavery as rules
from csphub.duties.selectors.slavery import notification_values
from csphub.people.models import Person

TASK_SOURCE = "duties.modern_slavery.s52"


def slavery_concern_record(
    *,
    actor: Actor,
    grounds_date: dt.date,
    grounds: str,
    exploitation: str,
    age_basis: str,
    consent: str = "",
    consent_evidence: str = "",
    exploitation_area: str = "",
    gender: str = "",
    nationality: str = "",
    person: Person | None = None,
    case: Case | None = None,
) -> SlaveryConcern:
    """Record reasonable grounds to believe ``person`` may be a victim (s.52(1)).

    Decides the route (``rules.route_for``), names the recorder on the concern (so that they keep
    seeing it in the restricted register) and creates their notification task.
    """
    policy = actor.policy
    if not policy.role_allows(Action.CREATE) or actor.membership is None:
        raise PermissionDeniedError("You cannot record a modern slavery concern.")
    if case is not None and policy.share_scope(case) != ShareScope.FULL:
        raise PermissionDeniedError("You cannot record a concern on this case.")
    if person is not None and not policy.can(Action.VIEW, person):
        raise PermissionDeniedError("You cannot record a concern about this person.")
    errors: list[tuple[str, str]] = []
    today = timezone.localdate()
    if grounds_date > today:
        errors.append(("grounds_date", "The date the grounds were formed must be today or in the past"))
    elif not rules.duty_applies(grounds_date):
        errors.append(("grounds_date", "The duty to notify applies from 1 November 2015"))
    if not grounds.strip():
        errors.append(("grounds", "Enter why there are reasonable grounds to believe"))
    if person is not None and person.date_of_birth is not None:
        by_birth = rules.age_basis_from_date_of_birth(person.date_of_birth, grounds_date)
        if by_birth == rules.CHILD and not rules.treated_as_child(age_basis):
            errors.append(("age_basis", "Their recorded date of birth shows they were under 18 on that date"))
    child = rules.treated_as_child(age_basis)
    if child:
        consent, consent_evidence = "", ""  # a child is always referred: consent is not needed
    elif consent not in Consent.values:
        errors.append(("consent", "Select whether they consent to a referral that names them"))
    elif consent == Consent.GIVEN and not consent_evidence.strip():
        errors.append(("consent_evidence", "Enter how and when they gave their consent"))
    if errors:
        raise ApplicationError("; ".join(message for _, message in errors), field=errors[0][0])
    if age_basis not in AgeBasis.values:
        raise ApplicationError("Select their age", field="age_basis")

    route = rules.route_for(age_basis, consent)
    with transaction.atomic():
        concern = SlaveryConcern.objects.create(
            owning_agency=actor.membership.agency,
            # The case's or the person's partnership when it is about one, else the recorder's.
            partnership_id=(
                case.partnership_id
                if case is not None
                else person.partnership_id
                if person is not None
                else partnership_for_new_record(actor).pk
            ),
            person=person,
            case=case,
            grounds_date=grounds_date,
            grounds=grounds.strip(),
            exploitation=exploitation,
            exploitation_area=exploitation_area.strip(),
            gender=gender.strip(),
            nationality=nationality.strip(),
            age_basis=age_basis,
            consent=consent,
            consent_evidence=consent_evidence.strip(),
            route=route,
            rule_version=rules.RULE_VERSION,
            created_by=actor.user,
            modified_by=actor.user,
        )
        audit_record(
            actor=actor,
            verb=DutyVerb.SLAVERYCONCERN_RECORDED,
            target=concern,
            changed_fields=["grounds_date", "grounds", "exploitation", "age_basis", "consent", "route"],
        )
        name_user_on_record(actor=actor, obj=concern, user=actor.user, reason="Recorded the concern")
        concern.notification_task = task_create(
            actor=actor.user,  # the cases services take the user (the request's Actor rides on it)
            title=f"Make the modern slavery notification for {concern.reference}",
            details="The Modern Slavery Act 2015 s.52 duty to notify the Home Office. Open the concern "
            "in the modern slavery register to see which notification to make.",
            owner=actor.user,
            due_on=rules.notification_due_on(grounds_date),
            source=TASK_SOURCE,
            linked=concern,
            rule_version=rules.RULE_VERSION,
        )
        concern.save(update_fields=["notification_task", "modified_at"])
    return concern


def slavery_notification_record(
    *, actor: Actor, concern: SlaveryConcern, notified_on: dt.date, home_office_reference: str
) -> SlaveryConcern:
    """Record that the notification was made, with the reference the Home Office gave."""
    if not actor.policy.can(Action.CHANGE, concern):
        raise PermissionDeniedError("You cannot record the notification for this concern.")
    if concern.status != NotificationStatus.DUE:
        raise ApplicationError("The Home Office notification is already recorded")
    errors: list[tuple[str, str]] = []
    if notified_on > timezone.localdate():
        errors.append(("notified_on", "The date of the notification must be today or in the past"))
    elif notified_on < concern.grounds_date:
        errors.append(
            ("notified_on", "The date of the notification cannot be before the grounds were formed")
        )
    if not home_office_reference.strip():
        errors.append(("home_office_reference", "Enter the reference the Home Office gave"))
    if errors:
        raise ApplicationError("; ".join(message for _, message in errors), field=errors[0][0])
    with transaction.atomic():
        concern.status = NotificationStatus.NOTIFIED
        concern.notified_on = notified_on
        concern.home_office_reference = home_office_reference.strip()
        concern.modified_by = actor.user
        concern.save(
            update_fields=["status", "notified_on", "home_office_reference", "modified_by", "modified_at"]
        )
        audit_record(
            actor=actor,
            verb=DutyVerb.SLAVERYCONCERN_NOTIFIED,
            target=concern,
            changed_fields=["status", "notified_on", "home_office_reference"],
        )
        task = concern.notification_task
        if task is not None and task.status == TaskStatus.OPEN:
            task_complete(actor=actor.user, task=task)
    return concern


def slavery_notification_export(*, actor: Actor, concern: SlaveryConcern) -> list[rules.ExportRow]:
    """The notification to send, as rows: an anonymous one carries no identifying field (s.52(3))."""
    if not actor.policy.can(Action.EXPORT, concern):
        raise PermissionDeniedError("You cannot produce the notification for this concern.")
    rows = rules.notification_rows(concern.route, notification_values(concern))
    audit_record(
        actor=actor,
        verb=DutyVerb.SLAVERYCONCERN_EXPORTED,
        target=concern,
        changed_fields=[row.key for row in rows],
    )
    return rows
