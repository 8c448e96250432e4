"""What risk adds to other apps' pages: the case-page section, a home panel, the menu item.

Registered in :class:`csphub.risk.apps.RiskConfig.ready`; ``cases`` and ``frontend`` never
import this app.
"""

from __future__ import annotations

from typing import Any

from csphub.agencies.models import ShareScope
from csphub.agencies.policies import Action, role_allows, visible_in_full_to, visible_to
from csphub.cases.models import Case, CaseStatus
from csphub.core.actor import Actor
from csphub.core.together import fetch_together
from csphub.risk import selectors
from csphub.risk.models import Assessment, ReassessmentRequirement


def case_section_context(actor: Actor, case: Case) -> dict[str, Any] | None:
    """The case's assessments and pending re-assessments, for someone who sees it in full.

    Asks the request's policy (``actor.policy``), which the case page has already asked; the
    assessments, the pending re-assessments and the questionnaires are read in one query."""
    policy = actor.policy
    if policy.share_scope(case) != ShareScope.FULL:
        return None
    assessments, pending, questionnaires = fetch_together(
        selectors.case_assessments(actor, case),
        selectors.pending_reassessments(actor, case).select_related("incident"),
        selectors.questionnaires_in_force(),
    )
    return {
        "case": case,
        "assessments": assessments,
        "pending": pending,
        "questionnaires": selectors.latest_versions(questionnaires),
        "can_change": policy.can(Action.CHANGE, case) and case.is_open,
    }


def home_context(user: Any) -> dict[str, Any] | None:
    """Re-assessments waiting on open cases the user can change (casework roles only)."""
    if not role_allows(user, Action.VIEW):
        return None
    pending = (
        visible_to(user, Action.CHANGE, ReassessmentRequirement)
        .filter(satisfied_by__isnull=True)
        .exclude(case__status=CaseStatus.CLOSED)
        .select_related("case", "incident")
        .order_by("created_at")[:10]
    )
    return {"pending": list(pending)}


def nav_visible(user: Any) -> bool:
    return user.is_authenticated


def person_section_context(user: Any, person: Any) -> dict[str, Any] | None:
    """The person page's risk assessments of this person, on cases the user sees in full."""
    if not role_allows(user, Action.VIEW):
        return None
    assessments = list(
        visible_in_full_to(user, Assessment)
        .filter(subject=person)
        .select_related("questionnaire", "case", "assessing_agency")
        .order_by("-assessed_at")[:100]
    )
    return {"assessments": assessments}
