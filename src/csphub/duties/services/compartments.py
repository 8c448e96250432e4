"""Giving and ending access to a restricted register (a compartment)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from csphub.agencies.models import Agency, Membership, Role
from csphub.agencies.policies import Capability, Compartment
from csphub.audit.models import AccessVerb
from csphub.audit.services import audit_record
from csphub.core.actor import Actor
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.duties.models import CompartmentMember, CompartmentRole


def compartment_member_add(
    *,
    actor: Actor | None,
    compartment: Compartment,
    user: User,
    agency: Agency,
    role: str = CompartmentRole.LEAD,
) -> CompartmentMember:
    """Make ``user`` (acting in ``agency``) a member of ``compartment``.

    Account managers grant access; they do not gain it (the policy never lets an administrator in).
    ``actor`` None: the demo loader or a command run by the operator.
    """
    if actor is not None and not actor.policy.has_capability(Capability.MANAGE_USERS):
        raise PermissionDeniedError("You cannot give access to restricted registers.")
    if actor is not None and (actor.membership is None or actor.membership.agency_id != agency.pk):
        raise PermissionDeniedError("You can only give access to the staff of your own agency.")
    membership = Membership.objects.filter(user=user, agency=agency, is_active=True).first()
    if membership is None:
        raise ApplicationError("The user has no active membership of that agency", field="user")
    if membership.role == Role.ADMINISTRATOR:
        raise ApplicationError(
            "An administrator's membership cannot open a restricted register", field="user"
        )
    with transaction.atomic():
        existing = CompartmentMember.objects.filter(
            compartment=compartment, user=user, agency=agency, ended_at__isnull=True
        ).first()
        if existing is not None:
            return existing
        member = CompartmentMember.objects.create(
            compartment=compartment,
            user=user,
            agency=agency,
            role=role,
            created_by=actor.user if actor else None,
            modified_by=actor.user if actor else None,
        )
        audit_record(
            actor=actor,
            verb=AccessVerb.COMPARTMENTMEMBER_ADDED,
            target=member,
            changed_fields=["compartment", "user", "agency", "role"],
        )
    return member


def compartment_member_end(
    *, actor: Actor | None, member: CompartmentMember, reason: str = ""
) -> CompartmentMember:
    """End a member's access; ``reason`` is kept as the audit event's justification."""
    if actor is not None and not actor.policy.has_capability(Capability.MANAGE_USERS):
        raise PermissionDeniedError("You cannot end access to restricted registers.")
    if actor is not None and (actor.membership is None or actor.membership.agency_id != member.agency_id):
        raise PermissionDeniedError("You can only end access for the staff of your own agency.")
    if member.ended_at is not None:
        raise ApplicationError("This access has already ended")
    with transaction.atomic():
        member.ended_at = timezone.now()
        member.modified_by = actor.user if actor else None
        member.save(update_fields=["ended_at", "modified_by", "modified_at"])
        audit_record(
            actor=actor,
            verb=AccessVerb.COMPARTMENTMEMBER_ENDED,
            target=member,
            changed_fields=["ended_at"],
            justification=reason.strip(),
        )
    return member
