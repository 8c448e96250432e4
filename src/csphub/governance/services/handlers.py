"""Who may act on the data protection pages: staff with ``MANAGE_DATA_PROTECTION`` in their acting
agency (team managers and partnership coordinators; ADR 0010)."""

from __future__ import annotations

from typing import Any

from csphub.audit.services import ActorOrUser


def _may_handle(actor: ActorOrUser) -> Any:
    from csphub.agencies.policies import Capability
    from csphub.core.actor import as_actor
    from csphub.core.errors import PermissionDeniedError

    who = as_actor(actor)
    if who is None or who.agency is None or not who.policy.has_capability(Capability.MANAGE_DATA_PROTECTION):
        raise PermissionDeniedError("You cannot handle data protection requests.")
    return who
