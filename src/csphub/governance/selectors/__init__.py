"""Every read of the governance app, by sub-domain: the public pages (``public``), retention
(``retention``), legal holds (``holds``) and data subjects' requests (``rights``). The names are
re-exported here, so ``selectors.<name>`` keeps working."""

from csphub.governance.selectors.holds import (
    HOLDABLE_LABELS,
    active_holds,
    hold_get,
    hold_target_find,
    hold_target_label,
    holds_for,
)
from csphub.governance.selectors.public import (
    Cookie,
    LawfulBasisRow,
    accessibility_settings,
    controllers,
    essential_cookies,
    lawful_bases,
    privacy_settings,
)
from csphub.governance.selectors.retention import (
    AgencyRule,
    Candidate,
    RuleInForce,
    agency_rules,
    closed_cases,
    disposal_candidates,
    holds_by_case,
    person_reference,
    retention_rules,
    schedule_rows,
    tombstones_recent,
)
from csphub.governance.selectors.rights import (
    Found,
    disclosure_log,
    request_get,
    requests_for,
    subject_choices,
    subject_records,
)

__all__ = [
    "HOLDABLE_LABELS",
    "AgencyRule",
    "Candidate",
    "Cookie",
    "Found",
    "LawfulBasisRow",
    "RuleInForce",
    "accessibility_settings",
    "active_holds",
    "agency_rules",
    "closed_cases",
    "controllers",
    "disclosure_log",
    "disposal_candidates",
    "essential_cookies",
    "hold_get",
    "hold_target_find",
    "hold_target_label",
    "holds_by_case",
    "holds_for",
    "lawful_bases",
    "person_reference",
    "privacy_settings",
    "request_get",
    "requests_for",
    "retention_rules",
    "schedule_rows",
    "subject_choices",
    "subject_records",
    "tombstones_recent",
]
