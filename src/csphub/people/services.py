"""Every write about people and addresses: permission-checked, transactional, audited."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import transaction
from django.utils import timezone

from csphub.agencies.policies import Action, acting_membership, can, role_allows
from csphub.audit.services import audit_record, changed_field_names
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.concurrency import lock_for_update
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.people.models import Address, Person, PersonAddress, PersonKind

PERSON_FIELDS = (
    "kind",
    "given_name",
    "family_name",
    "known_as",
    "date_of_birth",
    "gender",
    "ethnicity",
    "phone",
    "email",
    "vulnerability_notes",
    "is_restricted",
)
ADDRESS_FIELDS = ("line_1", "line_2", "town", "postcode", "uprn", "easting_m", "northing_m", "lsoa_code")


def _validate_person(values: dict[str, Any]) -> None:
    kind = values.get("kind", PersonKind.INDIVIDUAL)
    if kind == PersonKind.INDIVIDUAL and not (
        values.get("given_name") or values.get("family_name") or values.get("known_as")
    ):
        raise ApplicationError(
            "Enter the person's first name, last name or how they are known", field="given_name"
        )
    if kind != PersonKind.INDIVIDUAL and not values.get("known_as"):
        raise ApplicationError("Enter the name of the group or organisation", field="known_as")
    dob = values.get("date_of_birth")
    if dob is not None:
        today = timezone.localdate()
        if dob > today:
            raise ApplicationError("Date of birth must be in the past", field="date_of_birth")
        if dob < dt.date(today.year - 120, 1, 1):
            raise ApplicationError("Date of birth must be within the last 120 years", field="date_of_birth")


def person_create(*, actor: ActorOrUser, **values: Any) -> Person:
    unknown = set(values) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    membership = acting_membership(actor)
    if membership is None or not role_allows(actor, Action.CREATE):
        raise PermissionDeniedError("You cannot record people.")
    _validate_person(values)
    with transaction.atomic():
        person = Person.objects.create(
            owning_agency=membership.agency,
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
            **values,
        )
        audit_record(actor=actor, verb="person.created", target=person, changed_fields=values.keys())
        if person.is_restricted:
            _name_restricting_user(actor, person)
    return person


def person_update(
    *, actor: ActorOrUser, person: Person, expected_version: str | None = None, **values: Any
) -> Person:
    """Change a person; only ``values`` are written. ``expected_version`` (from an edit form)
    refuses the change with :class:`~csphub.core.concurrency.EditConflictError` if the record
    changed since it was read."""
    unknown = set(values) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    if not can(actor, Action.CHANGE, person):
        raise PermissionDeniedError("You cannot change this person's record.")
    merged = {name: getattr(person, name) for name in PERSON_FIELDS} | values
    _validate_person(merged)
    with transaction.atomic():
        lock_for_update(person, expected_version)
        changed = changed_field_names(person, values)
        if not changed:
            return person
        for name in changed:
            setattr(person, name, values[name])
        person.modified_by = acting_user(actor)
        person.save(update_fields=[*changed, "modified_by", "modified_at"])
        audit_record(actor=actor, verb="person.updated", target=person, changed_fields=changed)
        if "is_restricted" in changed and person.is_restricted:
            _name_restricting_user(actor, person)
    return person


def _name_restricting_user(actor: ActorOrUser, person: Person) -> None:
    """Whoever restricts a record is named on it: a restricted record is visible to its named
    users only, so otherwise nobody at all could open it again."""
    from csphub.agencies.services import name_user_on_record

    name_user_on_record(actor=actor, obj=person, user=acting_user(actor), reason="restricted the record")


def address_create(*, actor: ActorOrUser, **values: Any) -> Address:
    unknown = set(values) - set(ADDRESS_FIELDS)
    if unknown:
        raise TypeError(f"Unknown address fields: {sorted(unknown)}")
    membership = acting_membership(actor)
    if membership is None or not role_allows(actor, Action.CREATE):
        raise PermissionDeniedError("You cannot record addresses.")
    if not str(values.get("line_1", "")).strip():
        raise ApplicationError("Enter the first line of the address", field="line_1")
    if values.get("postcode"):
        values["postcode"] = normalise_postcode(values["postcode"])
        if not is_postcode(values["postcode"]):
            raise ApplicationError(POSTCODE_MESSAGE, field="postcode")
    with transaction.atomic():
        address = Address.objects.create(
            owning_agency=membership.agency,
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
            **values,
        )
        audit_record(actor=actor, verb="address.created", target=address, changed_fields=values.keys())
    return address


def person_address_link(
    *, actor: ActorOrUser, person: Person, address: Address, valid_from: dt.date | None = None
) -> PersonAddress:
    if not can(actor, Action.CHANGE, person) or not can(actor, Action.VIEW, address):
        raise PermissionDeniedError("You cannot link this person and address.")
    with transaction.atomic():
        link, created = PersonAddress.objects.get_or_create(
            person=person,
            address=address,
            defaults={
                "valid_from": valid_from,
                "created_by": acting_user(actor),
                "modified_by": acting_user(actor),
            },
        )
        if created:
            audit_record(actor=actor, verb="person.address_linked", target=person, changed_fields=["address"])
    return link


# The shape of a UK postcode (outward code, space, inward code), as normalised; and GIR 0AA.
UK_POSTCODE = re.compile(r"^(?:[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}|GIR 0AA)$")
POSTCODE_MESSAGE = "Enter a real postcode, like DE5 3ZZ"


def is_postcode(raw: str) -> bool:
    """Whether ``raw`` is shaped like a UK postcode (security review, note in 25: it was not checked)."""
    return UK_POSTCODE.match(normalise_postcode(raw)) is not None


def normalise_postcode(raw: str) -> str:
    compact = "".join(str(raw).upper().split())
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"
