"""Recording and editing incidents, and the people involved in them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from csphub.agencies.models import Agency
from csphub.agencies.policies import Action, can, partnership_for_new_record
from csphub.audit.services import audit_record, changed_field_names
from csphub.cases import geo, places, rules
from csphub.cases.models import (
    AsbType,
    Category,
    Channel,
    Incident,
    IncidentParty,
    PartyRole,
)
from csphub.cases.services._common import EARLIEST_INCIDENT, _membership_for_create, _raise_first
from csphub.cases.services.cases import _refresh_search_text
from csphub.cases.signals import incident_recorded
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.concurrency import lock_for_update
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.people.models import Address, Person

# --------------------------------------------------------------------------------------------
# Incidents
# --------------------------------------------------------------------------------------------

INCIDENT_EDITABLE = (
    "occurred_at",
    "reported_at",
    "channel",
    "asb_type",
    "category",
    "description",
    "is_hate_motivated",
    "police_reference",
    "location_description",
    "uprn",
)


def _derive_location(
    *,
    address: Address | None,
    longitude: float | None,
    latitude: float | None,
    easting_m: float | None,
    northing_m: float | None,
) -> dict[str, Any]:
    """Complete the point from whichever form was given, then derive the LSOA from it."""
    if (longitude is None) != (latitude is None):
        raise ApplicationError("Enter both longitude and latitude, or neither", field="longitude")
    if (easting_m is None) != (northing_m is None):
        raise ApplicationError("Enter both easting and northing, or neither", field="easting_m")
    if longitude is None and easting_m is None and address is not None and address.easting_m is not None:
        easting_m, northing_m = address.easting_m, address.northing_m
    entered = "longitude" if longitude is not None else "easting_m" if easting_m is not None else ""
    if longitude is not None and latitude is not None:
        if not (-8.7 <= longitude <= 1.9 and 49.8 <= latitude <= 55.9):
            raise ApplicationError("The point must be in England or Wales", field="longitude")
        easting_m, northing_m = geo.lonlat_to_bng(longitude, latitude)
    elif easting_m is not None and northing_m is not None:
        if not (0 <= easting_m <= 700_000 and 0 <= northing_m <= 1_300_000):
            raise ApplicationError(
                "Easting and northing must be British National Grid metres", field="easting_m"
            )
        longitude, latitude = geo.bng_to_lonlat(easting_m, northing_m)
    lsoa_code = ""
    if longitude is not None and latitude is not None and easting_m is not None and northing_m is not None:
        found = places.lsoa_at(
            longitude=longitude, latitude=latitude, easting_m=easting_m, northing_m=northing_m
        )
        # A point typed in must be in England or Wales (in an LSOA, or just off a generalised
        # coast); an address's stored point is kept as it is.
        if found is None and entered:
            raise ApplicationError("The point must be in England or Wales", field=entered)
        lsoa_code = found or ""
    if not lsoa_code and address is not None:
        lsoa_code = address.lsoa_code
    return {
        "longitude": longitude,
        "latitude": latitude,
        "easting_m": round(easting_m) if easting_m is not None else None,
        "northing_m": round(northing_m) if northing_m is not None else None,
        "lsoa_code": lsoa_code,
    }


def _validate_choices(values: dict[str, Any]) -> None:
    checks = (
        ("asb_type", AsbType, "Select the type of anti-social behaviour"),
        ("category", Category, "Select the category of anti-social behaviour"),
        ("channel", Channel, "Select how the incident was reported"),
    )
    for name, choices, message in checks:
        if name in values and values[name] not in choices.values:
            raise ApplicationError(message, field=name)
    if "description" in values and not str(values["description"]).strip():
        raise ApplicationError("Enter a description of what happened", field="description")


def incident_record(
    *,
    actor: ActorOrUser,
    occurred_at: dt.datetime,
    reported_at: dt.datetime,
    channel: str,
    asb_type: str,
    category: str,
    description: str,
    reporting_agency: Agency | None = None,
    is_hate_motivated: bool = False,
    police_reference: str = "",
    address: Address | None = None,
    location_description: str = "",
    longitude: float | None = None,
    latitude: float | None = None,
    easting_m: float | None = None,
    northing_m: float | None = None,
    uprn: str = "",
    parties: Iterable[tuple[Person, str]] = (),
    now: dt.datetime | None = None,
) -> Incident:
    """Record an incident owned by the actor's agency, with its people in roles.

    Dates are checked by :func:`rules.incident_date_problems`; the LSOA is derived from the point
    (or taken from the address). Sends ``incident_recorded`` inside the transaction.
    """
    membership = _membership_for_create(actor, "incidents")
    _raise_first(
        rules.incident_date_problems(
            occurred_at=occurred_at,
            reported_at=reported_at,
            now=now or timezone.now(),
            earliest=EARLIEST_INCIDENT,
        )
    )
    _validate_choices(
        {"asb_type": asb_type, "category": category, "channel": channel, "description": description}
    )
    if address is not None and not can(actor, Action.VIEW, address):
        raise PermissionDeniedError("You cannot use this address.")
    parties = list(parties)
    for person, role in parties:
        if role not in PartyRole.values:
            raise ApplicationError("Select the person's role", field="role")
        if not can(actor, Action.VIEW, person):
            raise PermissionDeniedError("You cannot link this person.")
    location = _derive_location(
        address=address, longitude=longitude, latitude=latitude, easting_m=easting_m, northing_m=northing_m
    )
    with transaction.atomic():
        incident = Incident.objects.create(
            partnership=partnership_for_new_record(actor),
            owning_agency=membership.agency,
            reporting_agency=reporting_agency or membership.agency,
            occurred_at=occurred_at,
            reported_at=reported_at,
            channel=channel,
            asb_type=asb_type,
            category=category,
            description=description.strip(),
            is_hate_motivated=is_hate_motivated,
            police_reference=police_reference.strip(),
            address=address,
            location_description=location_description.strip(),
            uprn=(uprn or (address.uprn if address else "")).strip(),
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
            **location,
        )
        for person, role in dict.fromkeys(parties):
            IncidentParty.objects.create(
                incident=incident, person=person, role=role, created_by=acting_user(actor)
            )
        audit_record(actor=actor, verb="incident.recorded", target=incident)
        incident_recorded.send(sender=Incident, incident=incident, actor=actor)
    return incident


def incident_update(
    *,
    actor: ActorOrUser,
    incident: Incident,
    now: dt.datetime | None = None,
    expected_version: str | None = None,
    **values: Any,
) -> Incident:
    """Change an incident; the audit event lists the changed field names (never values).

    ``expected_version`` (from an edit form) refuses the change with
    :class:`~csphub.core.concurrency.EditConflictError` if the incident changed since it was read.
    """
    unknown = set(values) - set(INCIDENT_EDITABLE)
    if unknown:
        raise TypeError(f"Unknown incident fields: {sorted(unknown)}")
    if not can(actor, Action.CHANGE, incident):
        raise PermissionDeniedError("You cannot change this incident.")
    merged = {name: getattr(incident, name) for name in INCIDENT_EDITABLE} | values
    _raise_first(
        rules.incident_date_problems(
            occurred_at=merged["occurred_at"],
            reported_at=merged["reported_at"],
            now=now or timezone.now(),
            earliest=EARLIEST_INCIDENT,
        )
    )
    _validate_choices(values)
    with transaction.atomic():
        lock_for_update(incident, expected_version)
        changed = changed_field_names(incident, values)
        if not changed:
            return incident
        for name in changed:
            setattr(incident, name, values[name])
        incident.modified_by = acting_user(actor)
        incident.save(update_fields=[*changed, "modified_by", "modified_at"])
        audit_record(actor=actor, verb="incident.updated", target=incident, changed_fields=changed)
    return incident


def incident_party_add(*, actor: ActorOrUser, incident: Incident, person: Person, role: str) -> IncidentParty:
    if role not in PartyRole.values:
        raise ApplicationError("Select the person's role", field="role")
    if not can(actor, Action.CHANGE, incident) or not can(actor, Action.VIEW, person):
        raise PermissionDeniedError("You cannot link this person to this incident.")
    with transaction.atomic():
        party, created = IncidentParty.objects.get_or_create(
            incident=incident, person=person, role=role, defaults={"created_by": acting_user(actor)}
        )
        if created:
            audit_record(
                actor=actor, verb="incident.party_added", target=incident, changed_fields=["parties"]
            )
            for link in incident.case_links.select_related("case"):
                _refresh_search_text(link.case)
    return party
