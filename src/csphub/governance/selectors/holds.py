"""Legal holds: those in force and what each is on."""

from __future__ import annotations

from typing import Any


def active_holds() -> list[Any]:
    """The legal holds in force, newest first, with what each is on (in words)."""
    from csphub.governance.models import LegalHold

    return list(
        LegalHold.objects.filter(released_at__isnull=True)
        .select_related("content_type")
        .order_by("-placed_at")
    )


def hold_target_label(hold: Any) -> str:
    """What a hold is on, as staff read it: a case or incident reference, or a person's number."""
    model = hold.content_type.model
    if model == "case":
        return f"Case ASB-{hold.object_id:06d}"
    if model == "incident":
        return f"Incident INC-{hold.object_id:06d}"
    if model == "person":
        return f"Person PER-{hold.object_id:06d}"
    return f"{hold.content_type.name} {hold.object_id}"
