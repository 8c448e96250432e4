"""Writing the CSP Plan: actions (with RAG and its reason), the narrative (versioned) and
publication (a frozen copy of the document). Every write is audited; edits carry the version
they were read at, so nobody's change is silently overwritten."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from csphub.agencies.models import Agency
from csphub.audit.services import audit_record, changed_field_names
from csphub.core.actor import acting_user
from csphub.core.concurrency import lock_for_update
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.planning import rules
from csphub.planning.models import ActionStatus, CspPlan, KeyArea, PlanAction, PlanPublication, Rag
from csphub.planning.plan import selectors

ACTION_FIELDS = (
    "title",
    "owner_agency",
    "lead",
    "due_on",
    "status",
    "rag",
    "rag_reason",
    "assessment_finding",
)
NARRATIVE_FIELDS = ("foreword", "about", "governance", "contacts")


def _require_manager(actor: Any) -> None:
    if not selectors.may_manage(actor):
        raise PermissionDeniedError("Only the partnership coordinator can change the plan.")


def _check_action(plan: CspPlan, values: dict[str, Any]) -> None:
    if not str(values.get("title", "")).strip():
        raise ApplicationError("Enter what will be done", field="title")
    if not str(values.get("lead", "")).strip():
        raise ApplicationError("Enter the post that leads the action", field="lead")
    if values.get("status") not in ActionStatus.values:
        raise ApplicationError("Select the action's status", field="status")
    if values.get("rag") not in Rag.values:
        raise ApplicationError("Select red, amber or green", field="rag")
    for name, message in rules.action_problems(
        rag=values["rag"],
        rag_reason=str(values.get("rag_reason", "")),
        due_on=values.get("due_on"),
        starts_on=plan.starts_on,
        ends_on=plan.ends_on,
    ):
        raise ApplicationError(message, field=name)


def action_add(
    *,
    actor: Any,
    key_area: KeyArea,
    title: str,
    owner_agency: Agency,
    lead: str,
    due_on: dt.date,
    status: str = ActionStatus.NOT_STARTED,
    rag: str = Rag.GREEN,
    rag_reason: str = "",
    assessment_finding: str = "",
) -> PlanAction:
    _require_manager(actor)
    values = {
        "title": title.strip(), "owner_agency": owner_agency, "lead": lead.strip(), "due_on": due_on,
        "status": status, "rag": rag, "rag_reason": rag_reason.strip(),
        "assessment_finding": assessment_finding.strip(),
    }  # fmt: skip
    _check_action(key_area.priority.plan, values)
    with transaction.atomic():
        action = PlanAction.objects.create(
            key_area=key_area, created_by=acting_user(actor), modified_by=acting_user(actor), **values
        )
        audit_record(actor=actor, verb="plan.action_added", target=action)
    return action


def action_update(
    *, actor: Any, action: PlanAction, expected_version: str | None = None, **values: Any
) -> PlanAction:
    """Change an action; only the fields given are written (the audit lists their names)."""
    _require_manager(actor)
    unknown = set(values) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown action fields: {sorted(unknown)}")
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    merged = {name: getattr(action, name) for name in ACTION_FIELDS} | values
    _check_action(action.key_area.priority.plan, merged)
    with transaction.atomic():
        lock_for_update(action, expected_version)
        changed = changed_field_names(action, values)
        if not changed:
            return action
        for name in changed:
            setattr(action, name, values[name])
        action.modified_by = acting_user(actor)
        action.save(update_fields=[*changed, "modified_by", "modified_at"])
        audit_record(actor=actor, verb="plan.action_changed", target=action, changed_fields=changed)
    return action


def narrative_update(
    *, actor: Any, plan: CspPlan, expected_version: str | None = None, **values: Any
) -> CspPlan:
    """Change the narrative sections; each change is a new narrative version."""
    _require_manager(actor)
    unknown = set(values) - set(NARRATIVE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown narrative fields: {sorted(unknown)}")
    with transaction.atomic():
        lock_for_update(plan, expected_version)
        changed = changed_field_names(plan, values)
        if not changed:
            return plan
        for name in changed:
            setattr(plan, name, values[name])
        plan.narrative_version += 1
        plan.modified_by = acting_user(actor)
        plan.save(update_fields=[*changed, "narrative_version", "modified_by", "modified_at"])
        audit_record(actor=actor, verb="plan.narrative_changed", target=plan, changed_fields=changed)
    return plan


def plan_document_html(plan: CspPlan, *, today: dt.date | None = None) -> str:
    """The plan document as it stands: the Amber Valley plan's structure (foreword, the
    partnership, everyday business, the county and PCC priorities it has regard to, its own
    priorities with key areas, actions and measures, golden threads, governance, contacts)."""
    page = selectors.plan_page(plan, today=today)
    return render_to_string("planning/plan/document.html", {"page": page, "plan": plan})


def plan_publish(*, actor: Any, plan: CspPlan, today: dt.date | None = None) -> PlanPublication:
    """Freeze the document as it stands: later edits change the draft, never this version."""
    _require_manager(actor)
    today = today or timezone.localdate()
    if not plan.priorities.exists():
        raise ApplicationError("Add the plan's priorities before publishing it")
    with transaction.atomic():
        locked = lock_for_update(plan, None)
        number = (locked.publications.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        publication = PlanPublication.objects.create(
            plan=locked,
            number=number,
            narrative_version=locked.narrative_version,
            published_on=today,
            published_by=acting_user(actor),
            html=plan_document_html(locked, today=today),
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        audit_record(
            actor=actor, verb="plan.published", target=publication, justification=f"version {number}"
        )
    return publication
