"""Compartment membership: the facts the policy asks for (registered in ``apps.py``)."""

from __future__ import annotations

from csphub.core.actor import Actor
from csphub.duties.models import CompartmentMember


def compartments_of(actor: Actor) -> frozenset[str]:
    """The compartments ``actor`` is a member of in their acting agency (one query)."""
    if actor.membership is None:
        return frozenset()
    return frozenset(
        CompartmentMember.objects.filter(
            user_id=actor.user.pk, agency_id=actor.membership.agency_id, ended_at__isnull=True
        ).values_list("compartment", flat=True)
    )
