"""A partnership's public pages: its privacy notice (Data Protection Officer, retention) and whether
they are offered in Welsh (issue #15: "configured per partnership"; "the partnership chooses whether
Welsh is offered"). Set by a coordinator or administrator acting in the partnership."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from csphub.audit.models import GovernanceVerb
from csphub.audit.services import ActorOrUser, audit_record
from csphub.core.errors import ApplicationError

FIELDS = ("dpo_name", "dpo_email", "dpo_address", "privacy_retention", "offer_welsh")


def public_pages_can_configure(actor: ActorOrUser) -> bool:
    from csphub.agencies.policies import Capability
    from csphub.core.actor import as_actor

    who = as_actor(actor)
    return (
        who is not None
        and who.agency is not None
        and who.partnership is not None
        and who.policy.has_capability(Capability.CONFIGURE_PUBLIC_PAGES)
    )


def public_pages_set(
    *,
    actor: ActorOrUser,
    dpo_name: str,
    dpo_email: str,
    dpo_address: str,
    privacy_retention: str,
    offer_welsh: bool,
) -> Any:
    """Set the acting partnership's privacy notice and Welsh offer. A part left empty falls back to
    the deployment's setting; the notice's "last updated" date becomes today when a part changes."""
    from csphub.core.actor import as_actor
    from csphub.core.errors import PermissionDeniedError

    if not public_pages_can_configure(actor):
        raise PermissionDeniedError("You cannot change the partnership's public pages.")
    who = as_actor(actor)
    assert who is not None and who.partnership is not None  # checked above
    partnership = who.partnership
    values = {
        "dpo_name": dpo_name.strip(),
        "dpo_email": dpo_email.strip(),
        "dpo_address": dpo_address.strip(),
        "privacy_retention": privacy_retention.strip(),
    }
    if values["dpo_email"] and not values["dpo_name"]:
        raise ApplicationError("Enter who the Data Protection Officer is, as well as their e-mail address")
    changed = [name for name, value in values.items() if getattr(partnership, name) != value]
    if partnership.offer_welsh != offer_welsh:
        changed.append("offer_welsh")
    if not changed:
        return partnership
    with transaction.atomic():
        for name, value in values.items():
            setattr(partnership, name, value)
        partnership.offer_welsh = offer_welsh
        update = [*changed, "modified_at", "modified_by"]
        if any(name != "offer_welsh" for name in changed):
            partnership.privacy_updated_on = timezone.localdate()
            update.append("privacy_updated_on")
        partnership.modified_by = who.user
        partnership.save(update_fields=update)
        audit_record(
            actor=who, verb=GovernanceVerb.PUBLIC_PAGES_SET, target=partnership, changed_fields=changed
        )
    return partnership
