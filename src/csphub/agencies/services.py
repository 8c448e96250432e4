"""Writes about agencies, memberships and sharing. Every write is audited in its transaction."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from csphub.agencies.models import (
    Agency,
    InformationSharingAgreement,
    Membership,
    Partnership,
    RecordNamedUser,
    RecordShare,
    ShareScope,
)
from csphub.agencies.policies import Action, acting_membership, can, policy_facts_changed
from csphub.audit.services import audit_record
from csphub.core.actor import Actor, as_actor, user_of
from csphub.core.errors import ApplicationError, PermissionDeniedError

# The one acting (an Actor, or a user for callers not yet passing one), or None for the system.
ActorArg = Actor | User | None


def share_record(
    *,
    actor: ActorArg,
    obj: models.Model,
    agency: Agency,
    agreement: InformationSharingAgreement,
    scope: str = ShareScope.FULL,
    reason: str,
    check_permission: bool = True,
) -> RecordShare:
    """Share ``obj`` with ``agency`` under ``agreement``.

    The agreement must be in force and name both the owning and the receiving agency. With
    ``check_permission`` False the caller has already decided (e.g. a panel the owner placed the
    case on); the share is still audited.
    """
    if check_permission and not can(actor, Action.SHARE, obj):
        raise PermissionDeniedError("You cannot share this record.")
    if not reason.strip():
        raise ApplicationError("Enter the reason for sharing", field="reason")
    if not agreement.is_in_force():
        raise ApplicationError(f"Information sharing agreement {agreement.reference} is not in force")
    party_ids = set(agreement.parties.values_list("pk", flat=True))
    owning_agency_id = getattr(obj, "owning_agency_id", None)
    if agency.pk not in party_ids or (owning_agency_id is not None and owning_agency_id not in party_ids):
        raise ApplicationError(
            f"{agency.short_name} and the owning agency must both be parties to {agreement.reference}"
        )
    content_type = ContentType.objects.get_for_model(type(obj))
    with transaction.atomic():
        share, created = RecordShare.objects.get_or_create(
            content_type=content_type,
            object_id=obj.pk,
            agency=agency,
            agreement=agreement,
            scope=scope,
            revoked_at=None,
            defaults={"reason": reason, "created_by": user_of(actor), "modified_by": user_of(actor)},
        )
        if created:
            audit_record(
                actor=actor,
                verb=f"{obj._meta.model_name}.shared",
                target=obj,
                justification=f"Shared with {agency.short_name} ({scope}) under {agreement.reference}: {reason}",
            )
    return share


def share_revoke(*, actor: ActorArg, share: RecordShare, reason: str) -> None:
    obj = share.record
    if obj is None or not can(actor, Action.SHARE, obj):
        raise PermissionDeniedError("You cannot change how this record is shared.")
    with transaction.atomic():
        RecordShare.objects.filter(pk=share.pk).update(revoked_at=timezone.now(), modified_by=user_of(actor))
        policy_facts_changed()  # update() sends no signal
        audit_record(
            actor=actor,
            verb=f"{obj._meta.model_name}.share_revoked",
            target=obj,
            justification=f"Sharing with {share.agency.short_name} revoked: {reason}",
        )


def name_user_on_record(
    *, actor: ActorArg, obj: models.Model, user: User, reason: str = ""
) -> RecordNamedUser:
    """Name ``user`` on ``obj`` so that they see it (the only way to see a restricted record)."""
    if actor is not None and user_of(actor) != user and not can(actor, Action.SHARE, obj):
        raise PermissionDeniedError("You cannot name users on this record.")
    content_type = ContentType.objects.get_for_model(type(obj))
    with transaction.atomic():
        named, created = RecordNamedUser.objects.get_or_create(
            content_type=content_type,
            object_id=obj.pk,
            user=user,
            defaults={"reason": reason, "created_by": user_of(actor), "modified_by": user_of(actor)},
        )
        if created:
            audit_record(
                actor=actor, verb=f"{obj._meta.model_name}.user_named", target=obj, justification=reason
            )
    return named


def membership_switch(*, actor: Actor | User, membership: Membership) -> Membership:
    """The actor chooses which of their memberships to act in; audited."""
    if membership.user_id != actor.pk or not membership.is_active:
        raise PermissionDeniedError("You can only act in one of your own memberships.")
    with transaction.atomic():
        audit_record(
            actor=actor,
            verb="membership.switched",
            target=membership,
            acting_agency=membership.agency,
        )
    return membership


def current_agency(actor: Actor | User | None) -> Agency:
    membership = acting_membership(actor)
    if membership is None:
        raise PermissionDeniedError("Choose the agency you are acting for.")
    return membership.agency


def partnership_choose(*, actor: Actor | User, partnership: Partnership) -> Partnership:
    """The actor chooses which partnership to work in (one their acting agency sits in); audited."""
    who = as_actor(actor)
    agency = who.agency if who is not None else None
    if agency is None or not partnership.agencies.filter(pk=agency.pk).exists():
        raise PermissionDeniedError("You can only work in a partnership your agency sits in.")
    with transaction.atomic():
        audit_record(actor=actor, verb="partnership.chosen", target=partnership)
    return partnership
