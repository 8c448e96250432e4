"""Legal holds: keep a record past its retention date until the hold is released."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from csphub.audit.models import AuditVerb
from csphub.audit.services import ActorOrUser, audit_record
from csphub.core.errors import ApplicationError
from csphub.governance.models import (
    LegalHold,
)


def legal_hold_place(*, actor: ActorOrUser, target: models.Model, reason: str) -> LegalHold:
    """Keep a record, a person or a case past its retention date until the hold is released."""
    if not reason.strip():
        raise ApplicationError("Give the reason for the legal hold.")
    with transaction.atomic():
        hold = LegalHold.objects.create(
            content_type=ContentType.objects.get_for_model(target),
            object_id=target.pk,
            reason=reason.strip(),
            placed_at=timezone.now(),
        )
        audit_record(actor=actor, verb=AuditVerb.LEGAL_HOLD_PLACED, target=hold)
    return hold


def legal_hold_release(*, actor: ActorOrUser, hold: LegalHold) -> LegalHold:
    if hold.released_at is not None:
        raise ApplicationError("This legal hold has already been released.")
    with transaction.atomic():
        hold.released_at = timezone.now()
        hold.save(update_fields=["released_at", "modified_at"])
        audit_record(
            actor=actor, verb=AuditVerb.LEGAL_HOLD_RELEASED, target=hold, changed_fields=["released_at"]
        )
    return hold
