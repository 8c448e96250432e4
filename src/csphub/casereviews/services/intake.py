"""Intake: the single point of contact, acknowledgement, withdrawal and closing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from csphub.audit.services import audit_record
from csphub.casereviews import rules
from csphub.casereviews.models import Application
from csphub.casereviews.services._common import _require_manager, _transition
from csphub.casereviews.services.configuration import spoc_candidates
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.errors import ApplicationError


def application_assign_spoc(*, actor: ActorOrUser, application: Application, spoc: Any) -> Application:
    """Make ``spoc`` the applicant's single point of contact; the applicant is e-mailed on commit.

    The SPoC must be Case Review staff of the agency that owns the application.
    """
    _require_manager(actor, application)
    if spoc is None or not spoc_candidates(application.owning_agency).filter(pk=spoc.pk).exists():
        raise ApplicationError(
            f"Choose someone who works on Case Reviews at {application.owning_agency.name}", field="spoc"
        )
    if spoc.pk == application.spoc_id:
        raise ApplicationError(
            "This person is already the single point of contact: choose someone else", field="spoc"
        )
    if application.status in (rules.Status.CLOSED, rules.Status.WITHDRAWN):
        raise ApplicationError("This application is closed: its single point of contact cannot change.")
    with transaction.atomic():
        application.spoc = spoc
        application.modified_by = acting_user(actor)
        application.save(update_fields=["spoc", "modified_by", "modified_at"])
        audit_record(
            actor=actor,
            verb="casereviewapplication.spoc_assigned",
            target=application,
            changed_fields=["spoc"],
        )
        if application.applicant_email:
            pk = application.pk
            transaction.on_commit(lambda: _send_spoc_changed(pk))
    return application


def _send_spoc_changed(application_pk: int) -> None:
    application = Application.objects.select_related("area", "spoc").get(pk=application_pk)
    with translation.override(application.language):
        body = render_to_string("casereviews/email/spoc_changed.txt", {"application": application})
        subject = gettext("Your ASB Case Review %(reference)s: new contact") % {
            "reference": application.reference
        }
    send_mail(
        subject=subject,
        message=body,
        from_email=None,
        recipient_list=[application.applicant_email],
    )


def application_acknowledge(
    *, actor: ActorOrUser, application: Application, on: dt.date | None = None
) -> Application:
    _require_manager(actor, application)
    on = on or timezone.localdate()
    if on < application.received_on:
        raise ApplicationError(
            "The acknowledgement date cannot be before the application was received", field="on"
        )
    with transaction.atomic():
        _transition(application, rules.Status.ACKNOWLEDGED)
        application.acknowledged_on = on
        application.modified_by = acting_user(actor)
        application.save(update_fields=["status", "acknowledged_on", "modified_by", "modified_at"])
        audit_record(
            actor=actor,
            verb="casereviewapplication.acknowledged",
            target=application,
            changed_fields=["status", "acknowledged_on"],
        )
    return application


def application_withdraw(
    *, actor: ActorOrUser, application: Application, on: dt.date | None = None
) -> Application:
    _require_manager(actor, application)
    with transaction.atomic():
        _transition(application, rules.Status.WITHDRAWN)
        application.closed_on = on or timezone.localdate()
        application.modified_by = acting_user(actor)
        application.save(update_fields=["status", "closed_on", "modified_by", "modified_at"])
        audit_record(
            actor=actor, verb="casereviewapplication.withdrawn", target=application, changed_fields=["status"]
        )
    return application


def application_close(
    *, actor: ActorOrUser, application: Application, on: dt.date | None = None
) -> Application:
    _require_manager(actor, application)
    with transaction.atomic():
        _transition(application, rules.Status.CLOSED)
        application.closed_on = on or timezone.localdate()
        application.modified_by = acting_user(actor)
        application.save(update_fields=["status", "closed_on", "modified_by", "modified_at"])
        audit_record(
            actor=actor, verb="casereviewapplication.closed", target=application, changed_fields=["status"]
        )
    return application
