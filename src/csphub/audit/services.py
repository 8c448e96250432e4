"""Recording audit events. Call inside the service's transaction: if this fails, the change fails.

The actor is the request's :class:`~csphub.core.actor.Actor` (which carries the acting membership),
or a user for callers not yet passing the Actor, or None for an event no signed-in user caused
(a public Case Review application, a scheduled reminder). The audit app reads the membership from
the Actor and never asks the policy: it sits below the agencies app on the ground floor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from csphub.audit.chain import seal
from csphub.audit.models import AuditEvent, AuditVerb
from csphub.core.actor import Actor, as_actor

if TYPE_CHECKING:  # types only: audit never imports the agencies app at run time
    from csphub.agencies.models import Agency, Membership

FIELD_NAME_PATTERN = re.compile(r"^[a-z_][a-z0-9_]*$")

ActorOrUser = Actor | AbstractBaseUser | AnonymousUser | None


def _verb(verb: str) -> models.TextChoices:
    try:
        return AuditVerb(verb)
    except ValueError:
        raise ValueError(
            f"Audit verb {verb!r} is not in the closed list csphub.audit.models.AuditVerb: add it "
            "to its sub-domain's module in audit/models/verbs/ with a plain-English label."
        ) from None


def audit_record(
    *,
    actor: ActorOrUser,
    verb: str,
    target: models.Model | None = None,
    justification: str = "",
    changed_fields: Iterable[str] = (),
    acting_agency: Agency | None = None,
) -> AuditEvent:
    """Append one event. ``verb`` is one of :class:`AuditVerb` (dotted past tense, ``person.viewed``).

    An unknown verb is refused (``ValueError``): the list of verbs is closed. ``changed_fields``
    are field names only; anything that is not a plain identifier is refused, so that a value can
    never be logged by mistake.
    """
    known = _verb(verb)
    names = sorted(set(changed_fields))
    for name in names:
        if not isinstance(name, str) or not FIELD_NAME_PATTERN.match(name):
            raise ValueError("Audit changed_fields must be field names, never values.")
    who = as_actor(actor)
    membership = _active_membership(who)
    if acting_agency is None and membership is not None:
        acting_agency = membership.agency
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    # No savepoint: inside a service's transaction a failed audit write fails the whole change.
    with transaction.atomic(savepoint=False):
        return AuditEvent.objects.create(
            actor=who.user if who is not None and who.user.pk else None,
            acting_agency=acting_agency,
            acting_role=membership.role if membership is not None else "",
            verb=known.value,
            target_type=target_type,
            target_id=str(target.pk) if target is not None else "",
            justification=justification,
            changed_fields=names,
        )


def _active_membership(actor: Actor | None) -> Membership | None:
    """The actor's membership while it and the user are active (as the policy sees it), else None."""
    if actor is None or actor.membership is None:
        return None
    if not actor.membership.is_active or not actor.user.is_active:
        return None
    return actor.membership


def audit_viewed(*, actor: ActorOrUser, target: models.Model, justification: str = "") -> AuditEvent:
    """Record one ``<model>.viewed`` event for a page or API response that showed ``target``."""
    verb = f"{target._meta.model_name}.viewed"
    return audit_record(actor=actor, verb=verb, target=target, justification=justification)


def audit_listed(
    *, actor: ActorOrUser, targets: Iterable[models.Model], kind: str = "listed", justification: str = ""
) -> int:
    """Record that each of ``targets`` appeared in a list or search result the actor was shown.

    One ``<model>.listed`` event per record, written in one statement, so that "who has seen this
    person" includes people who saw the name in a list. ``kind="exported"`` records the records an
    export carried (``<model>.exported``), ``justification`` where they were seen (``API``).
    """
    targets = list(targets)
    if not targets:
        return 0
    who = as_actor(actor)
    membership = _active_membership(who)
    rows = [
        AuditEvent(
            actor=who.user if who is not None else None,
            acting_agency=membership.agency if membership else None,
            acting_role=membership.role if membership else "",
            verb=_verb(f"{target._meta.model_name}.{kind}").value,
            target_type=ContentType.objects.get_for_model(target),
            target_id=str(target.pk),
            justification=justification,
        )
        for target in targets
    ]
    with transaction.atomic():
        seal(rows)  # bulk_create does not call save(): chain the rows here
        AuditEvent.objects.bulk_create(rows)
    return len(rows)


def changed_field_names(instance: models.Model, new_values: dict[str, Any]) -> list[str]:
    """Names of the fields whose value in ``new_values`` differs from ``instance``'s."""
    changed = []
    for name, value in new_values.items():
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name) if field.is_relation and not field.many_to_many else name
        current = getattr(instance, attname)
        if field.is_relation and isinstance(value, models.Model):
            value = value.pk
        if current != value:
            changed.append(name)
    return changed
