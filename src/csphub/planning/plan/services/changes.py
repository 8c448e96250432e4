"""Changing the CSP Plan's shape: removing and reordering its entries, changing its details (title,
period, the PCC's plan, the county plan) and starting a new plan. Every write is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from csphub.agencies.models import PartnershipKind
from csphub.audit.services import audit_record
from csphub.core.actor import acting_user, as_actor
from csphub.core.concurrency import lock_for_update
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.planning import rules
from csphub.planning.models import (
    CspPlan,
    KeyArea,
    PccObjective,
    PlanAction,
    PlanLevel,
    PlanMeasure,
    PlanPriority,
)
from csphub.planning.plan import selectors
from csphub.planning.plan.services.entries import (
    _clean_text,
    _require_manager,
    _write_changes,
)

# --- Removing entries: each says what goes with it (selectors.*_removal) ----------------------------


def _remove(
    *, actor: Any, plan: CspPlan, record: Any, expected_version: str | None, verb: str, describe: Any
) -> selectors.Removal:
    """Lock ``record`` at the version the confirmation page showed, audit what goes with it, and
    delete it (its key areas, actions, measures and links go by the models' cascades). Published
    versions are frozen HTML and are not touched."""
    _require_manager(actor, plan)
    with transaction.atomic():
        current = lock_for_update(record, expected_version)
        removal: selectors.Removal = describe(current)
        audit_record(actor=actor, verb=verb, target=current, justification=removal.summary)
        current.delete()
    return removal


def priority_remove(
    *, actor: Any, priority: PlanPriority, expected_version: str | None = None
) -> selectors.Removal:
    """Remove a priority (with its key areas of work, their actions and its measures), an area of
    everyday business, or a golden thread (untagged from the actions that carry it)."""
    return _remove(
        actor=actor,
        plan=priority.plan,
        record=priority,
        expected_version=expected_version,
        verb="plan.priority_removed",
        describe=selectors.priority_removal,
    )


def key_area_remove(*, actor: Any, area: KeyArea, expected_version: str | None = None) -> selectors.Removal:
    """Remove a key area of work with its actions."""
    return _remove(
        actor=actor,
        plan=area.priority.plan,
        record=area,
        expected_version=expected_version,
        verb="plan.key_area_removed",
        describe=selectors.key_area_removal,
    )


def measure_remove(
    *, actor: Any, measure: PlanMeasure, expected_version: str | None = None
) -> selectors.Removal:
    return _remove(
        actor=actor,
        plan=measure.priority.plan,
        record=measure,
        expected_version=expected_version,
        verb="plan.measure_removed",
        describe=selectors.measure_removal,
    )


def pcc_objective_remove(
    *, actor: Any, objective: PccObjective, expected_version: str | None = None
) -> selectors.Removal:
    """Remove an objective of the PCC's plan; the priorities that had regard to it are unlinked."""
    return _remove(
        actor=actor,
        plan=objective.plan,
        record=objective,
        expected_version=expected_version,
        verb="plan.pcc_objective_removed",
        describe=selectors.pcc_objective_removal,
    )


def action_remove(
    *, actor: Any, action: PlanAction, expected_version: str | None = None
) -> selectors.Removal:
    return _remove(
        actor=actor,
        plan=action.key_area.priority.plan,
        record=action,
        expected_version=expected_version,
        verb="plan.action_removed",
        describe=selectors.action_removal,
    )


# --- Reordering: priorities within their kind, key areas within their priority, PCC objectives -----

UP, DOWN = "up", "down"


def _move(*, actor: Any, plan: CspPlan, record: Any, siblings: Any, direction: str, verb: str) -> int:
    """Swap ``record`` with its neighbour above or below among ``siblings`` and number them 0, 1, …;
    the new place (1 = first). The order is not a field an edit form shows, so moving an entry
    leaves its version, and any form open on it, as they were."""
    _require_manager(actor, plan)
    if direction not in (UP, DOWN):
        raise ApplicationError("Choose to move it up or down")
    with transaction.atomic():
        lock_for_update(plan, None)  # one reordering of a plan at a time
        rows = list(siblings.order_by("order", "pk"))
        index = next((i for i, row in enumerate(rows) if row.pk == record.pk), None)
        if index is None:
            raise ApplicationError(f"'{record.title}' is no longer in the plan")
        other = index - 1 if direction == UP else index + 1
        if not 0 <= other < len(rows):
            raise ApplicationError(f"'{record.title}' is already {'first' if direction == UP else 'last'}")
        rows[index], rows[other] = rows[other], rows[index]
        for position, row in enumerate(rows):
            if row.order != position:
                type(row)._default_manager.filter(pk=row.pk).update(order=position)
        audit_record(
            actor=actor,
            verb=verb,
            target=record,
            changed_fields=["order"],
            justification=f"moved {direction} to place {other + 1} of {len(rows)}",
        )
    return other + 1


def priority_move(*, actor: Any, priority: PlanPriority, direction: str) -> int:
    """Move a priority, an area of everyday business or a golden thread up or down among its kind."""
    return _move(
        actor=actor,
        plan=priority.plan,
        record=priority,
        siblings=priority.plan.priorities.filter(kind=priority.kind),
        direction=direction,
        verb="plan.priority_moved",
    )


def key_area_move(*, actor: Any, area: KeyArea, direction: str) -> int:
    """Move a key area of work up or down under its priority."""
    return _move(
        actor=actor,
        plan=area.priority.plan,
        record=area,
        siblings=area.priority.key_areas.all(),
        direction=direction,
        verb="plan.key_area_moved",
    )


def pcc_objective_move(*, actor: Any, objective: PccObjective, direction: str) -> int:
    return _move(
        actor=actor,
        plan=objective.plan,
        record=objective,
        siblings=objective.plan.pcc_objectives.all(),
        direction=direction,
        verb="plan.pcc_objective_moved",
    )


# --- The plan's details: title, period, the PCC's plan and the county plan it serves ---------------

PLAN_DETAIL_FIELDS = ("title", "starts_on", "ends_on", "pcc_plan_title", "county_plan")


def _check_details(plan: CspPlan, values: dict[str, Any]) -> None:
    if not str(values.get("title", "")).strip():
        raise ApplicationError("Enter the plan's title", field="title")
    if values.get("starts_on") is None:
        raise ApplicationError("Enter the day the plan starts", field="starts_on")
    if values.get("ends_on") is None:
        raise ApplicationError("Enter the day the plan ends", field="ends_on")
    actions = PlanAction.objects.filter(key_area__priority__plan=plan).order_by("due_on", "pk")
    measures = PlanMeasure.objects.filter(priority__plan=plan, target__isnull=False).order_by("pk")
    for name, message in rules.period_problems(
        starts_on=values["starts_on"],
        ends_on=values["ends_on"],
        action_due=[(a.title, a.due_on) for a in actions],
        measure_targets=[(m.title, m.target_label) for m in measures],
    ):
        raise ApplicationError(message, field=name)
    county = values.get("county_plan")
    if county is not None:
        if plan.level != PlanLevel.DISTRICT:
            raise ApplicationError("A county board's plan does not serve another plan", field="county_plan")
        if not selectors.county_plans_for(plan).filter(pk=county.pk).exists():
            raise ApplicationError(
                "Select a county-level plan of the county board this partnership belongs to",
                field="county_plan",
            )


def plan_details_update(
    *, actor: Any, plan: CspPlan, expected_version: str | None = None, **values: Any
) -> CspPlan:
    """Change the plan's title, period, the PCC's plan it has regard to and the county plan it
    serves. The period must hold every action's due date and every measure's target date; a new
    county plan unlinks the priorities that served a priority of the old one (they stay)."""
    _require_manager(actor, plan)
    unknown = set(values) - set(PLAN_DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown plan fields: {sorted(unknown)}")
    values = _clean_text(values)
    merged = {name: getattr(plan, name) for name in PLAN_DETAIL_FIELDS} | values
    _check_details(plan, merged)
    with transaction.atomic():
        current, changed = _write_changes(plan, values, actor=actor, expected_version=expected_version)
        if not changed:
            return current
        unlinked: list[PlanPriority] = []
        if "county_plan" in changed:
            unlinked = selectors.county_links_lost(current, current.county_plan)
            PlanPriority.objects.filter(pk__in=[p.pk for p in unlinked]).update(county_priority=None)
        audit_record(
            actor=actor,
            verb="plan.details_changed",
            target=current,
            changed_fields=changed,
            justification=(
                "county priority unlinked from " + "; ".join(f"'{p.title}'" for p in unlinked)
                if unlinked
                else ""
            ),
        )
    return current


# --- A new plan ------------------------------------------------------------------------------------


def plan_create(
    *,
    actor: Any,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    pcc_plan_title: str = "",
    county_plan: CspPlan | None = None,
    copy_from: CspPlan | None = None,
) -> CspPlan:
    """Start the acting partnership's plan for a new period: a district plan for a CSP, a county
    plan for a county board. Its period may not overlap another plan of the partnership (the plan
    in force in a quarter must be one). ``copy_from`` (one of the partnership's earlier plans)
    carries over what usually runs on: the priorities of every kind with their descriptions, themes
    and lead partners, their key areas of work, the PCC's objectives and the priorities' regard to
    them, and the measures with their baselines — not the actions (dated in the old period), not the
    targets (set for the new one), and not the narrative."""
    if not selectors.may_manage(actor):
        raise PermissionDeniedError("Only the partnership coordinator can start a plan.")
    acting = as_actor(actor)
    partnership = acting.partnership if acting is not None else None
    if partnership is None:
        raise PermissionDeniedError("You are not acting in a partnership.")
    level = PlanLevel.COUNTY if partnership.kind == PartnershipKind.BOARD else PlanLevel.DISTRICT
    title = title.strip()
    if not title:
        raise ApplicationError("Enter the plan's title", field="title")
    for name, message in rules.period_problems(starts_on=starts_on, ends_on=ends_on):
        raise ApplicationError(message, field=name)
    overlapping = CspPlan.objects.filter(
        partnership=partnership, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).first()
    if overlapping is not None:
        raise ApplicationError(
            f"The period overlaps '{overlapping.title}' ({overlapping.starts_on:%-d %B %Y} to "
            f"{overlapping.ends_on:%-d %B %Y}): a partnership has one plan in force at a time. "
            "Start the new plan after it ends, or change that plan's period first",
            field="starts_on",
        )
    if county_plan is not None and (
        level != PlanLevel.DISTRICT
        or county_plan.level != PlanLevel.COUNTY
        or county_plan.partnership_id != partnership.parent_id
    ):
        raise ApplicationError(
            "Select a county-level plan of the county board this partnership belongs to", field="county_plan"
        )
    if copy_from is not None and copy_from.partnership_id != partnership.pk:
        raise ApplicationError("Copy from one of your partnership's own plans", field="copy_from")
    user = acting_user(actor)
    with transaction.atomic():
        plan = CspPlan.objects.create(
            partnership=partnership,
            title=title,
            level=level,
            starts_on=starts_on,
            ends_on=ends_on,
            pcc_plan_title=pcc_plan_title.strip(),
            county_plan=county_plan,
            created_by=user,
            modified_by=user,
        )
        if copy_from is not None:
            _copy_structure(copy_from, plan, user=user)
        audit_record(
            actor=actor,
            verb="plan.created",
            target=plan,
            justification=f"copied from '{copy_from.title}'" if copy_from is not None else "",
        )
    return plan


def _copy_structure(source: CspPlan, plan: CspPlan, *, user: Any) -> None:
    objectives = {}
    for objective in source.pcc_objectives.order_by("order", "pk"):
        objectives[objective.pk] = PccObjective.objects.create(
            plan=plan, title=objective.title, order=objective.order, created_by=user, modified_by=user
        )
    for priority in source.priorities.order_by("kind", "order", "pk").prefetch_related(
        "pcc_objectives", "key_areas", "measures"
    ):
        copy = PlanPriority.objects.create(
            plan=plan,
            kind=priority.kind,
            title=priority.title,
            description=priority.description,
            order=priority.order,
            theme=priority.theme,
            regard=priority.regard,
            lead_agency=priority.lead_agency,
            created_by=user,
            modified_by=user,
        )
        copy.pcc_objectives.set(
            [objectives[o.pk] for o in priority.pcc_objectives.all() if o.pk in objectives]
        )
        for area in priority.key_areas.all():
            KeyArea.objects.create(
                priority=copy, title=area.title, order=area.order, created_by=user, modified_by=user
            )
        for measure in priority.measures.all():
            PlanMeasure.objects.create(
                priority=copy,
                title=measure.title,
                source=measure.source,
                baseline=measure.baseline,
                baseline_label=measure.baseline_label,
                direction=measure.direction,
                created_by=user,
                modified_by=user,
            )
