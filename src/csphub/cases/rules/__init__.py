"""Pure domain rules for ASB casework: tables and functions, no database, no Django.

Everything here takes plain values and returns plain values so that it can be unit-tested
(and property-tested) without a database. Services call these rules and turn a violation into an
``ApplicationError``; views never re-implement them.

Contents
- case status workflow as a transition table (``TRANSITIONS``, ``can_transition``,
  ``transition_problems``);
- repeat-victim rule (``RepeatVictimRule``, ``is_repeat_victim``);
- related-record matching (``RelatedRecordRule``, ``related_match_reasons``);
- incident date validation (``incident_date_problems``);
- evidence upload limits by extension AND magic bytes (``UploadPolicy``, ``upload_problems``).

Each configurable rule carries a ``version`` string that decisions store, so that a flag raised
under "3 in 3 months" can be told apart from one raised after the partnership changed it.

One module per topic (``workflow``, ``victims``, ``interventions``, ``matching``, ``incidents``, ``uploads``) over
``problems`` (the ``Problem`` they all return); everything is re-exported here so that
``cases.rules.X`` keeps working.
"""

from __future__ import annotations

from csphub.cases.rules.incidents import FUTURE_TOLERANCE, address_in_text, incident_date_problems
from csphub.cases.rules.interventions import (
    ADULT_AGE,
    AGREED_BY_LABELS,
    INTERVENTION_KIND_LABELS,
    INTERVENTION_OUTCOME_LABELS,
    AgreedBy,
    InterventionKind,
    InterventionOutcome,
    InterventionPerson,
    early_intervention_problems,
    intervention_outcome_problems,
    terms_lines,
)
from csphub.cases.rules.matching import (
    MATCH_REASON_LABELS,
    IncidentFact,
    MatchReason,
    RecordKeys,
    RelatedRecordRule,
    RepeatDecision,
    RepeatVictimRule,
    Similarity,
    address_keys,
    is_repeat_victim,
    related_match_reasons,
)
from csphub.cases.rules.problems import Problem, messages_for
from csphub.cases.rules.uploads import (
    DEFAULT_FILE_TYPES,
    FileType,
    UploadPolicy,
    detect_file_type,
    upload_problems,
)
from csphub.cases.rules.victims import (
    VICTIM_TOLD_HOW,
    VICTIM_UPDATE_MAX_DAYS,
    VICTIM_UPDATE_MIN_DAYS,
    victim_schedule_problems,
    victim_told_problems,
    victim_update_due,
    victim_update_overdue,
)
from csphub.cases.rules.workflow import (
    CASE_OUTCOME_LABELS,
    CASE_STATUS_LABELS,
    OPEN_STATUSES,
    TRANSITIONS,
    CaseOutcome,
    CaseStatus,
    TransitionRule,
    allowed_transitions,
    can_transition,
    transition_problems,
)

# ``months_before`` (the same wall-clock time N calendar months earlier, clamped) lives in core.calendar.
from csphub.core.calendar import months_before  # re-exported for selectors

__all__ = [
    "ADULT_AGE",
    "AGREED_BY_LABELS",
    "CASE_OUTCOME_LABELS",
    "CASE_STATUS_LABELS",
    "DEFAULT_FILE_TYPES",
    "FUTURE_TOLERANCE",
    "INTERVENTION_KIND_LABELS",
    "INTERVENTION_OUTCOME_LABELS",
    "MATCH_REASON_LABELS",
    "OPEN_STATUSES",
    "TRANSITIONS",
    "VICTIM_TOLD_HOW",
    "VICTIM_UPDATE_MAX_DAYS",
    "VICTIM_UPDATE_MIN_DAYS",
    "AgreedBy",
    "CaseOutcome",
    "CaseStatus",
    "FileType",
    "IncidentFact",
    "InterventionKind",
    "InterventionOutcome",
    "InterventionPerson",
    "MatchReason",
    "Problem",
    "RecordKeys",
    "RelatedRecordRule",
    "RepeatDecision",
    "RepeatVictimRule",
    "Similarity",
    "TransitionRule",
    "UploadPolicy",
    "address_in_text",
    "address_keys",
    "allowed_transitions",
    "can_transition",
    "detect_file_type",
    "early_intervention_problems",
    "incident_date_problems",
    "intervention_outcome_problems",
    "is_repeat_victim",
    "messages_for",
    "months_before",
    "related_match_reasons",
    "terms_lines",
    "transition_problems",
    "upload_problems",
    "victim_schedule_problems",
    "victim_told_problems",
    "victim_update_due",
    "victim_update_overdue",
]
