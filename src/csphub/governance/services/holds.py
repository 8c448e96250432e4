"""Legal holds: keep a record past its retention date until the hold is released.

Placed and released by the data protection staff of the agency that controls the record (capability
``MANAGE_DATA_PROTECTION``) on the *Legal holds* page, or by the operator from ``csphub retention``
(``actor=None``: the system). Every placing and release is audited with its reason."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from csphub.audit.models import GovernanceVerb
from csphub.audit.services import ActorOrUser, audit_record
from csphub.core.errors import ApplicationError
from csphub.governance.models import LegalHold
from csphub.governance.services.handlers import _may_handle


def _handler_or_system(actor: ActorOrUser) -> Any:
    """The acting handler (checked), or None for the operator's command line."""
    return None if actor is None else _may_handle(actor)


def legal_hold_place(
    *, actor: ActorOrUser, target: models.Model, reason: str, reference: str = ""
) -> LegalHold:
    """Keep a record, a person or a case past its retention date until the hold is released. A
    member of staff may hold only their own agency's records."""
    who = _handler_or_system(actor)
    agency_id = getattr(target, "owning_agency_id", None)
    if who is not None and agency_id != who.agency.pk:
        raise ApplicationError("Choose a record your agency holds.")
    if not reason.strip():
        raise ApplicationError("Give the reason for the legal hold.")
    content_type = ContentType.objects.get_for_model(target)
    if LegalHold.objects.filter(
        content_type=content_type, object_id=target.pk, released_at__isnull=True
    ).exists():
        raise ApplicationError("This record is already on legal hold.")
    with transaction.atomic():
        hold = LegalHold.objects.create(
            content_type=content_type,
            object_id=target.pk,
            owning_agency_id=agency_id,
            reason=reason.strip(),
            reference=reference.strip(),
            placed_at=timezone.now(),
            placed_by=who.user if who is not None else None,
        )
        audit_record(actor=who, verb=GovernanceVerb.LEGAL_HOLD_PLACED, target=hold)
    return hold


def legal_hold_release(*, actor: ActorOrUser, hold: LegalHold, reason: str) -> LegalHold:
    """End a hold, with the reason (the claim settled, the inquiry closed). The record is then
    disposed of at the next run if it is past its date."""
    who = _handler_or_system(actor)
    if who is not None and hold.owning_agency_id != who.agency.pk:
        raise ApplicationError("This legal hold is not on your agency's records.")
    if hold.released_at is not None:
        raise ApplicationError("This legal hold has already been released.")
    if not reason.strip():
        raise ApplicationError("Give the reason for releasing the legal hold.")
    with transaction.atomic():
        hold.released_at = timezone.now()
        hold.released_by = who.user if who is not None else None
        hold.release_reason = reason.strip()
        hold.save(update_fields=["released_at", "released_by", "release_reason", "modified_at"])
        audit_record(
            actor=who,
            verb=GovernanceVerb.LEGAL_HOLD_RELEASED,
            target=hold,
            changed_fields=["released_at", "released_by", "release_reason"],
        )
    return hold
