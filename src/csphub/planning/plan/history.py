"""What the Plan document says about itself: the partners of the partnership, and the narrative's
version history (who changed which sections, and when), read from the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from csphub.planning.models import CspPlan

# The narrative sections, as the document heads them.
SECTION_LABELS = {
    "foreword": "Introduction",
    "about": "The Community Safety Partnership",
    "governance": "Governance",
    "contacts": "Contacts",
}


@dataclass(frozen=True)
class NarrativeVersion:
    number: int
    changed_on: Any  # a date
    changed_by: str  # the person's name and agency (never a user name)
    sections: tuple[str, ...]  # the sections' headings


def partners(plan: CspPlan) -> list[dict[str, Any]]:
    """The partnership's agencies, responsible authorities first (the statutory partners under
    s.5 of the Crime and Disorder Act 1998), then the others, each by name."""
    agencies = sorted(plan.partnership.agencies.all(), key=lambda a: (not a.is_responsible_authority, a.name))
    return [{"name": a.name, "responsible_authority": a.is_responsible_authority} for a in agencies]


def _who(event: Any) -> str:
    name = event.actor.get_full_name().strip() if event.actor is not None else ""
    agency = event.acting_agency.name if event.acting_agency is not None else ""
    return ", ".join(part for part in (name, agency) if part) or "Not recorded"


def narrative_history(plan: CspPlan) -> list[NarrativeVersion]:
    """Each change of the narrative, oldest first, numbered as the plan's narrative versions (the
    last change made the current version)."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from csphub.audit.models import AuditEvent

    events = list(
        AuditEvent.objects.filter(
            verb="plan.narrative_changed",
            target_type=ContentType.objects.get_for_model(CspPlan),
            target_id=str(plan.pk),
        )
        .select_related("actor", "acting_agency")
        .order_by("occurred_at", "pk")
    )
    first = plan.narrative_version - len(events) + 1
    return [
        NarrativeVersion(
            number=first + i,
            changed_on=timezone.localtime(event.occurred_at).date(),
            changed_by=_who(event),
            sections=tuple(SECTION_LABELS.get(f, f) for f in event.changed_fields if f in SECTION_LABELS),
        )
        for i, event in enumerate(events)
    ]
