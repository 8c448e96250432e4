"""The closed list of audit verbs: every kind of event the audit trail records, with its label.

Each sub-domain keeps its verbs in its own module (``access``, ``casework``, ``powers``,
``casereviews``, ``duties``, ``planning``, ``governance``), as one ``TextChoices`` enum each; code
that records an event names the verb through its sub-domain's enum (``DutyVerb.CHANNELCASE_OPENED``)
or by its value (``"case.opened"``).

``AuditVerb`` joins them into the one closed list: ``audit_record`` refuses a verb that is not in
it, so the list is the whole answer to "what does the system record about people" (the question a
DPIA asks). Pages show the label, never the code. A new workflow adds its verbs to its sub-domain's
module; ``tests/audit/test_verbs.py`` names any verb passed to the audit functions in ``src/`` that
is missing.

``<model>.viewed`` and ``<model>.listed`` are written by ``audit_viewed``/``audit_listed``;
``<model>.shared``, ``.share_revoked`` and ``.user_named`` by the agencies sharing services;
``<power>.<status>`` by the tools-and-powers services when a power use moves to that status.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, cast

from django.db import models

from csphub.audit.models.verbs.access import AccessVerb
from csphub.audit.models.verbs.casereviews import CaseReviewVerb
from csphub.audit.models.verbs.casework import CaseworkVerb
from csphub.audit.models.verbs.duties import DutyVerb
from csphub.audit.models.verbs.governance import GovernanceVerb
from csphub.audit.models.verbs.planning import PlanningVerb
from csphub.audit.models.verbs.powers import PowersVerb

SUB_DOMAINS: tuple[type[models.TextChoices], ...] = (
    AccessVerb,
    CaseworkVerb,
    PowersVerb,
    CaseReviewVerb,
    DutyVerb,
    PlanningVerb,
    GovernanceVerb,
)


def _join(parts: tuple[type[models.TextChoices], ...]) -> type[models.TextChoices]:
    """One ``TextChoices`` enum holding every sub-domain's verbs, in value order.

    A name or a value in two sub-domains is refused here, at import: Python's enums would make the
    second an alias of the first, and one of the two labels would silently disappear.
    """
    members = sorted(
        ((member.name, (member.value, str(member.label))) for part in parts for member in part),
        key=lambda item: item[1][0],
    )
    for what, counts in (
        ("name", Counter(name for name, _ in members)),
        ("value", Counter(value for _, (value, _) in members)),
    ):
        twice = sorted(key for key, count in counts.items() if count > 1)
        if twice:
            raise ImportError(f"Audit verb {what}s in two sub-domains: {', '.join(twice)}")
    # Enum's functional API; django-stubs types only the members' constructor under this name.
    functional: Any = models.TextChoices
    joined = functional("AuditVerb", members, module=__name__, qualname="AuditVerb")
    return cast(type[models.TextChoices], joined)


AuditVerb = _join(SUB_DOMAINS)

__all__ = [
    "AccessVerb",
    "AuditVerb",
    "CaseReviewVerb",
    "CaseworkVerb",
    "DutyVerb",
    "GovernanceVerb",
    "PlanningVerb",
    "PowersVerb",
]
