"""Reading the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet

from csphub.audit.models import AuditEvent


def audit_events_for(
    *,
    target: models.Model,
    verbs_ending: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    agency_id: Any = None,
) -> QuerySet[AuditEvent]:
    """Events about ``target``, newest first, optionally filtered by date range and agency."""
    qs = AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(type(target)), target_id=str(target.pk)
    ).select_related("actor", "acting_agency")
    if verbs_ending:
        qs = qs.filter(verb__endswith=verbs_ending)
    if date_from:
        qs = qs.filter(occurred_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(occurred_at__date__lte=date_to)
    if agency_id:
        qs = qs.filter(acting_agency_id=agency_id)
    return qs


def audit_events_about(
    *,
    records: list[tuple[type[models.Model], list[Any]]],
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    agency_id: Any = None,
) -> QuerySet[AuditEvent]:
    """Events about any of ``records`` (pairs of a model and primary keys), newest first: one query
    however many records, for "who has seen this person" across the records that show them."""
    condition = Q(pk__in=[])
    for model, pks in records:
        if pks:
            condition |= Q(
                target_type=ContentType.objects.get_for_model(model), target_id__in=[str(pk) for pk in pks]
            )
    qs = AuditEvent.objects.filter(condition).select_related("actor", "acting_agency", "target_type")
    if date_from:
        qs = qs.filter(occurred_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(occurred_at__date__lte=date_to)
    if agency_id:
        qs = qs.filter(acting_agency_id=agency_id)
    return qs


def audit_search(
    *,
    actor_id: Any = None,
    agency_id: Any = None,
    records: list[tuple[type[models.Model], list[Any]]] | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """The audit trail filtered by member of staff, acting agency, records and dates, newest first."""
    qs = (
        audit_events_about(records=records, date_from=date_from, date_to=date_to)
        if records is not None
        else AuditEvent.objects.select_related("actor", "acting_agency", "target_type")
    )
    if actor_id:
        qs = qs.filter(actor_id=actor_id)
    if agency_id:
        qs = qs.filter(acting_agency_id=agency_id)
    if records is None:
        if date_from:
            qs = qs.filter(occurred_at__date__gte=date_from)
        if date_to:
            qs = qs.filter(occurred_at__date__lte=date_to)
    return qs


SCOPE_LABELS = {
    "scope=full": "Full record",
    "scope=summary": "Summary shared for a panel",
    "API": "Read through the API",
    "panel agenda": "On a panel meeting's agenda",
    "CSV export": "In a CSV export",
}


def describe_targets(events: list[AuditEvent]) -> None:
    """Give each event ``record_label`` ("Case ASB-000024") and ``scope_label``: one query per kind
    of record on the page, never one per event."""
    wanted: dict[int, set[str]] = {}
    for event in events:
        if event.target_type_id is not None and event.target_id:
            wanted.setdefault(event.target_type_id, set()).add(event.target_id)
    names: dict[tuple[int, str], str] = {}
    for type_id, ids in wanted.items():
        content_type = ContentType.objects.get_for_id(type_id)
        model = content_type.model_class()
        if model is None:
            continue
        kind = str(model._meta.verbose_name).capitalize()
        numeric = [i for i in ids if i.isdigit()]
        for obj in model._default_manager.filter(pk__in=numeric):
            text = str(obj)
            names[(type_id, str(obj.pk))] = (
                text if text.lower().startswith(kind.lower()) else f"{kind} {text}"
            )
        for missing in ids:
            names.setdefault((type_id, missing), f"{kind} (deleted)")
    for event in events:
        event.record_label = names.get((event.target_type_id or 0, event.target_id), "")  # type: ignore[attr-defined]
        event.scope_label = SCOPE_LABELS.get(event.justification, "")  # type: ignore[attr-defined]
        model = (
            ContentType.objects.get_for_id(event.target_type_id).model_class()
            if event.target_type_id
            else None
        )
        event.changed_labels = ", ".join(field_label(model, name) for name in event.changed_fields or [])  # type: ignore[attr-defined]


def field_label(model: type[models.Model] | None, name: str) -> str:
    """A changed field in words: the model field's verbose name ("date of birth"), never its code."""
    try:
        field = model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        field = None
    return str(field.verbose_name) if isinstance(field, models.Field) else name.replace("_", " ")
