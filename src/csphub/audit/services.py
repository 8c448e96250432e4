"""Recording audit events. Call inside the service's transaction: if this fails, the change fails."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from csphub.agencies.models import Agency
from csphub.agencies.policies import acting_membership
from csphub.audit.chain import seal
from csphub.audit.models import AuditEvent

VERB_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
FIELD_NAME_PATTERN = re.compile(r"^[a-z_][a-z0-9_]*$")


def audit_record(
    *,
    actor: Any,
    verb: str,
    target: models.Model | None = None,
    justification: str = "",
    changed_fields: Iterable[str] = (),
    acting_agency: Agency | None = None,
) -> AuditEvent:
    """Append one event. ``verb`` is dotted past tense (``person.viewed``).

    ``changed_fields`` are field names only; anything that is not a plain identifier is refused,
    so that a value can never be logged by mistake.
    """
    if not VERB_PATTERN.match(verb):
        raise ValueError(f"Audit verb {verb!r} is not dotted lower case, e.g. 'person.viewed'.")
    names = sorted(set(changed_fields))
    for name in names:
        if not isinstance(name, str) or not FIELD_NAME_PATTERN.match(name):
            raise ValueError("Audit changed_fields must be field names, never values.")
    membership = acting_membership(actor) if actor is not None else None
    if acting_agency is None and membership is not None:
        acting_agency = membership.agency
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    with transaction.atomic():
        return AuditEvent.objects.create(
            actor=actor if actor is not None and getattr(actor, "pk", None) else None,
            acting_agency=acting_agency,
            acting_role=membership.role if membership is not None else "",
            verb=verb,
            target_type=target_type,
            target_id=str(target.pk) if target is not None else "",
            justification=justification,
            changed_fields=names,
        )


def audit_viewed(*, actor: Any, target: models.Model, justification: str = "") -> AuditEvent:
    """Record one ``<model>.viewed`` event for a page or API response that showed ``target``."""
    verb = f"{target._meta.model_name}.viewed"
    return audit_record(actor=actor, verb=verb, target=target, justification=justification)


def audit_listed(*, actor: Any, targets: Iterable[models.Model]) -> int:
    """Record that each of ``targets`` appeared in a list or search result the actor was shown.

    One ``<model>.listed`` event per record, written in one statement, so that "who has seen this
    person" includes people who saw the name in a list.
    """
    targets = list(targets)
    if not targets:
        return 0
    membership = acting_membership(actor)
    rows = [
        AuditEvent(
            actor=actor,
            acting_agency=membership.agency if membership else None,
            acting_role=membership.role if membership else "",
            verb=f"{target._meta.model_name}.listed",
            target_type=ContentType.objects.get_for_model(target),
            target_id=str(target.pk),
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
