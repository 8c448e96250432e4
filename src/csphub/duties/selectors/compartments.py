"""Compartment membership: the facts the policy asks for (registered in ``apps.py``)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from csphub.agencies.models import Membership, Role
from csphub.agencies.policies import Capability, Compartment
from csphub.core.actor import Actor, as_actor
from csphub.duties.models import CompartmentMember
from csphub.duties.models.compartments import COMPARTMENT_LABELS


def compartments_of(actor: Actor) -> frozenset[str]:
    """The compartments ``actor`` is a member of in their acting agency (one query)."""
    if actor.membership is None:
        return frozenset()
    return frozenset(
        CompartmentMember.objects.filter(
            user_id=actor.user.pk, agency_id=actor.membership.agency_id, ended_at__isnull=True
        ).values_list("compartment", flat=True)
    )


def manage_nav_visible(user: Any) -> bool:
    """Account managers give and end access to the restricted registers (they cannot open them)."""
    actor = as_actor(user)
    return actor is not None and actor.policy.has_capability(Capability.MANAGE_USERS)


def may_manage(actor: Actor) -> bool:
    return actor.policy.has_capability(Capability.MANAGE_USERS)


def members_by_compartment(actor: Actor) -> list[tuple[str, str, list[CompartmentMember]]]:
    """(compartment code, label, current members) for every compartment; the members of the
    actor's own agency only (an administrator manages their agency's accounts)."""
    assert actor.membership is not None
    members = (
        CompartmentMember.objects.filter(ended_at__isnull=True, agency_id=actor.membership.agency_id)
        .select_related("user", "agency")
        .order_by("user__last_name", "user__first_name", "id")
    )
    grouped: dict[str, list[CompartmentMember]] = {c.value: [] for c in Compartment}
    for member in members:
        grouped.setdefault(member.compartment, []).append(member)
    return [(c.value, COMPARTMENT_LABELS[c], grouped[c.value]) for c in Compartment]


def member_get(actor: Actor, pk: int) -> CompartmentMember:
    """A current member of the actor's agency, or 404."""
    assert actor.membership is not None
    return get_object_or_404(
        CompartmentMember.objects.select_related("user", "agency"),
        pk=pk,
        ended_at__isnull=True,
        agency_id=actor.membership.agency_id,
    )


def eligible_users(actor: Actor) -> list[Membership]:
    """The active, non-administrator memberships of the actor's agency (who may be given access)."""
    assert actor.membership is not None
    return list(
        Membership.objects.filter(agency_id=actor.membership.agency_id, is_active=True, user__is_active=True)
        .exclude(role=Role.ADMINISTRATOR)
        .select_related("user", "agency")
        .order_by("user__last_name", "user__first_name", "id")
    )
