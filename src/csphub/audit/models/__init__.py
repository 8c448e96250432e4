"""The append-only audit trail: who did what to which record, when, in which agency.

No code path edits or deletes an event: ``save`` refuses an update and ``delete`` refuses, and on
PostgreSQL a trigger rejects UPDATE and DELETE (migration 0002). Events carry field *names*,
never personal values.

``verbs``: the closed list of verbs (``AuditVerb``, joined from one enum per sub-domain); ``events``:
the event model. Both are re-exported here, so ``audit.models.X`` keeps working and Django finds
the model.
"""

from __future__ import annotations

from csphub.audit.models.events import AuditEvent, AuditEventQuerySet
from csphub.audit.models.verbs import (
    AccessVerb,
    AuditVerb,
    CaseReviewVerb,
    CaseworkVerb,
    DutyVerb,
    GovernanceVerb,
    PlanningVerb,
    PowersVerb,
)

__all__ = [
    "AccessVerb",
    "AuditEvent",
    "AuditEventQuerySet",
    "AuditVerb",
    "CaseReviewVerb",
    "CaseworkVerb",
    "DutyVerb",
    "GovernanceVerb",
    "PlanningVerb",
    "PowersVerb",
]
