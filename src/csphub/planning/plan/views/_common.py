"""What every plan page asks first: may the actor read plans, manage them, and change this one;
and where on the plan page each kind of priority is."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from csphub.core.actor import SignedInRequest
from csphub.planning.models import PriorityKind
from csphub.planning.plan import selectors


def _viewer(request: SignedInRequest) -> None:
    if not selectors.may_view(request.actor):
        raise PermissionDenied


def _manager(request: SignedInRequest) -> None:
    if not selectors.may_manage(request.actor):
        raise PermissionDenied


def _keeps(request: SignedInRequest, plan: Any) -> None:
    """Only the coordinator of the plan's own partnership changes it (a district reads the county
    board's plan, and a board its districts', without changing them)."""
    if not selectors.may_manage_plan(request.actor, plan):
        raise PermissionDenied


_KIND_ANCHOR: dict[str, str] = {
    PriorityKind.PRIORITY: "priority-{pk}",
    PriorityKind.EVERYDAY: "everyday",
    PriorityKind.GOLDEN_THREAD: "golden-threads",
}
