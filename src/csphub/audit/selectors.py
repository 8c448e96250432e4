"""Reading the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

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
