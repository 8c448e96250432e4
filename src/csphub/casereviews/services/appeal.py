"""Appeal (the review of the Case Review's outcome): lodged by the applicant, decided by the area."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from csphub.audit.services import audit_record
from csphub.casereviews import rules
from csphub.casereviews.models import Appeal, AppealOutcome, Application
from csphub.casereviews.services._common import _require_manager, _transition
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.errors import ApplicationError


def appeal_lodge(
    *,
    actor: ActorOrUser,
    application: Application,
    received_on: dt.date,
    grounds: str,
    allow_late: bool = False,
) -> Appeal:
    """Record that the applicant asked the appeal body (e.g. the PCC) to look again."""
    _require_manager(actor, application)
    if not grounds.strip():
        raise ApplicationError("Enter the grounds of the appeal", field="grounds")
    closes_on = application.appeal_window_closes_on()
    if closes_on is None:
        raise ApplicationError(
            "An appeal can be made after a threshold decision of 'not met' or after the outcome letter."
        )
    if received_on > timezone.localdate():
        raise ApplicationError("The date received must be today or in the past", field="received_on")
    if received_on > closes_on and not allow_late:
        raise ApplicationError(
            f"The appeal window closed on {closes_on:%d %B %Y}. "
            "Tick 'accept a late appeal' if the appeal body agreed.",
            field="received_on",
        )
    with transaction.atomic():
        _transition(application, rules.Status.APPEALED)
        appeal = Appeal.objects.create(
            application=application,
            appeal_body_name=application.area.appeal_body_name,
            received_on=received_on,
            grounds=grounds.strip(),
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        application.modified_by = acting_user(actor)
        application.save(update_fields=["status", "modified_by", "modified_at"])
        audit_record(actor=actor, verb="casereviewappeal.lodged", target=appeal)
    return appeal


def appeal_decide(
    *, actor: ActorOrUser, appeal: Appeal, decided_on: dt.date, outcome: str, outcome_reasons: str
) -> Appeal:
    application = appeal.application
    _require_manager(actor, application)
    if appeal.decided_on is not None:
        raise ApplicationError("The appeal has already been decided.")
    if outcome not in AppealOutcome.values:
        raise ApplicationError("Select the appeal outcome", field="outcome")
    if not outcome_reasons.strip():
        raise ApplicationError("Enter the appeal body's reasons", field="outcome_reasons")
    if decided_on < appeal.received_on:
        raise ApplicationError("The decision cannot be before the appeal was received", field="decided_on")
    with transaction.atomic():
        appeal.decided_on = decided_on
        appeal.outcome = outcome
        appeal.outcome_reasons = outcome_reasons.strip()
        appeal.modified_by = acting_user(actor)
        appeal.save()
        # B.2: an appeal upheld in whole or part sends the application back for a (further) review,
        # which is counted as a review carried out; one not upheld closes the application.
        after = rules.status_after_appeal(outcome)
        _transition(application, after)
        if after is rules.Status.CLOSED:
            application.closed_on = decided_on
        application.modified_by = acting_user(actor)
        application.save(update_fields=["status", "closed_on", "modified_by", "modified_at"])
        audit_record(
            actor=actor,
            verb="casereviewappeal.decided",
            target=appeal,
            changed_fields=["decided_on", "outcome", "outcome_reasons"],
        )
    return appeal
