"""Recording audit events. Call inside the service's transaction: if this fails, the change fails.

The actor is the request's :class:`~csphub.core.actor.Actor` (which carries the acting membership),
or a user for callers not yet passing the Actor, or None for an event no signed-in user caused
(a public Case Review application, a scheduled reminder). The audit app reads the membership from
the Actor and never asks the policy: it sits below the agencies app on the ground floor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction

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
    actor_id = who.user.pk if who is not None else None
    agency_id = membership.agency_id if membership else None
    role = membership.role if membership else ""
    # One verb and content type per model, not per row (a list is usually of one model).
    kinds: dict[type[models.Model], tuple[str, int]] = {}
    rows = []
    for target in targets:
        model = type(target)
        if model not in kinds:
            kinds[model] = (
                _verb(f"{target._meta.model_name}.{kind}").value,
                ContentType.objects.get_for_model(target).pk,
            )
        verb, type_id = kinds[model]
        rows.append(_ListedRow(actor_id, agency_id, role, verb, type_id, str(target.pk), justification))
    with transaction.atomic():
        seal(rows)  # takes the chain lock, then times and chains the rows in insertion order
        _insert(rows)
    return len(rows)


@dataclass
class _ListedRow:
    """An event of a list, as :func:`csphub.audit.chain.canonical` reads it (no model instance: a
    list of 50 rows built 50 ``AuditEvent`` objects and let ``bulk_create`` prepare each field)."""

    actor_id: int | None
    acting_agency_id: int | None
    acting_role: str
    verb: str
    target_type_id: int
    target_id: str
    justification: str
    changed_fields: tuple[str, ...] = ()
    occurred_at: Any = None
    prev_hash: str = ""
    row_hash: str = ""


# The columns a list's events share (sent once) and those that vary by row (sent per row).
_SHARED_FIELDS = ("occurred_at", "actor", "acting_agency", "acting_role", "justification", "changed_fields")
_VARYING_FIELDS = ("verb", "target_type", "target_id", "prev_hash", "row_hash")


def _insert(rows: list[_ListedRow]) -> None:
    """INSERT the sealed rows, ids in the rows' order (the chain's order).

    The values every row shares (actor, agency, role, time, justification, no changed fields) are
    sent once. On PostgreSQL one statement takes the varying ones as five arrays (``unnest ... WITH
    ORDINALITY``, inserted in that order): binding 550 parameters for a 50-row list took about three
    times as long. On SQLite, rows of ``VALUES`` in as few statements as its parameter limit allows.
    """
    fields = {
        name: cast("models.Field[Any, Any]", AuditEvent._meta.get_field(name))
        for name in _SHARED_FIELDS + _VARYING_FIELDS
    }
    quote = connection.ops.quote_name
    table = quote(AuditEvent._meta.db_table)
    first = rows[0]
    occurred = fields["occurred_at"].get_db_prep_save(first.occurred_at, connection)
    no_fields = fields["changed_fields"].get_db_prep_save([], connection)
    shared = [
        occurred,
        first.actor_id,
        first.acting_agency_id,
        first.acting_role,
        first.justification,
        no_fields,
    ]
    columns = ", ".join(quote(str(field.column)) for field in fields.values())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT %s, %s, %s, %s, %s, %s, "
                "v.verb, v.target_type, v.target_id, v.prev_hash, v.row_hash "
                "FROM unnest(%s::text[], %s::integer[], %s::text[], %s::text[], %s::text[]) "
                "WITH ORDINALITY AS v(verb, target_type, target_id, prev_hash, row_hash, n) ORDER BY v.n",
                [
                    *shared,
                    [r.verb for r in rows],
                    [r.target_type_id for r in rows],
                    [r.target_id for r in rows],
                    [r.prev_hash for r in rows],
                    [r.row_hash for r in rows],
                ],
            )
            return
        placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
        size = max(1, connection.ops.bulk_batch_size(list(fields.values()), rows))
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            params: list[Any] = []
            for row in batch:
                params += (*shared, row.verb, row.target_type_id, row.target_id, row.prev_hash, row.row_hash)
            values = ", ".join([placeholder] * len(batch))
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)


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
