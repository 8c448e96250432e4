"""Which partnership's records of the duty registers an actor reads and writes (ADR 0008).

The compartment registers (modern slavery, Prevent and Channel, Domestic Homicide Reviews) are
policy-guarded records: the policy's partnership gate applies to them by itself. The partnership
registers without personal data (s.17, s.17A, scrutiny, the Serious Violence Duty) are read
directly, so their selectors filter with :func:`of_actors_partnership`: the records of the
partnership the actor acts in, and no other (an agreement lets personal records cross, and these
are the partnership's own business, not shared casework).
"""

from __future__ import annotations

from django.db.models import Q

from csphub.agencies.models import Partnership
from csphub.core.actor import Actor
from csphub.core.errors import PermissionDeniedError


def of_actors_partnership(actor: Actor) -> Q:
    """The records of the partnership the actor acts in; none when they act in no partnership."""
    partnership = actor.partnership
    return Q(partnership_id=partnership.pk) if partnership is not None else Q(pk__in=[])


def register_partnership(actor: Actor) -> Partnership:
    """The partnership a new record of a partnership register belongs to: the one the actor acts in
    (a county board keeps its own strategic registers, unlike case records)."""
    partnership = actor.partnership
    if partnership is None:
        raise PermissionDeniedError(
            "Your agency is not part of a community safety partnership here, so nothing can be "
            "recorded. Ask an administrator to add it to its partnership."
        )
    return partnership
