"""ASB casework data: incidents and their parties, cases, tasks, notes, documents and panels.

Data and constraints only. Every write goes through :mod:`csphub.cases.services`; every read
through :mod:`csphub.cases.selectors` (which asks :mod:`csphub.agencies.policies`). Each model
classifies its fields next to them (``PERSONAL_DATA`` / ``SPECIAL_CATEGORY_DATA`` /
``NOT_PERSONAL_DATA``): descriptions of what someone did are criminal-offence data (UK GDPR Art 10)
because they carry allegations.

One module per part of the casework (``casework``: incidents and cases with their parties, status
history and links; ``tasks``; ``notes``: notes and documents; ``panels``; ``victims``: the victim's
single point of contact, updates and the closure survey; ``interventions``: early
intervention (warning letters, ABCs, mediation, restorative approaches, support); ``sharing``: share requests). Every model
is imported here, so Django finds them and ``cases.models.X`` keeps working.
"""

from __future__ import annotations

from csphub.cases.models.casework import (
    AsbType,
    Case,
    CaseIncident,
    CaseLink,
    CaseOutcome,
    CaseParty,
    CaseStatus,
    CaseStatusChange,
    CaseSubject,
    Category,
    Channel,
    Incident,
    IncidentParty,
    PartyRole,
)
from csphub.cases.models.interventions import (
    AgreedBy,
    EarlyIntervention,
    InterventionKind,
    InterventionOutcome,
)
from csphub.cases.models.notes import Document, Note, NoteVisibility
from csphub.cases.models.panels import AgendaItem, Panel, PanelKind, PanelMeeting
from csphub.cases.models.sharing import ShareRequest, ShareRequestDecision, ShareRequestStatus
from csphub.cases.models.tasks import TASK_SOURCE_LABELS, Task, TaskReminder, TaskStatus
from csphub.cases.models.victims import (
    ClosureSurvey,
    ContactMethod,
    SurveyAnswer,
    VictimContact,
    VictimUpdate,
)

__all__ = [
    "TASK_SOURCE_LABELS",
    "AgendaItem",
    "AgreedBy",
    "AsbType",
    "Case",
    "CaseIncident",
    "CaseLink",
    "CaseOutcome",
    "CaseParty",
    "CaseStatus",
    "CaseStatusChange",
    "CaseSubject",
    "Category",
    "Channel",
    "ClosureSurvey",
    "ContactMethod",
    "Document",
    "EarlyIntervention",
    "Incident",
    "IncidentParty",
    "InterventionKind",
    "InterventionOutcome",
    "Note",
    "NoteVisibility",
    "Panel",
    "PanelKind",
    "PanelMeeting",
    "PartyRole",
    "ShareRequest",
    "ShareRequestDecision",
    "ShareRequestStatus",
    "SurveyAnswer",
    "Task",
    "TaskReminder",
    "TaskStatus",
    "VictimContact",
    "VictimUpdate",
]
