"""Writing the CSP Plan's entries: actions (with RAG and its reason), priorities, key areas of work,
measures, PCC objectives, the narrative (versioned) and publication (a frozen copy of the document).
Every write is audited; edits carry the version they were read at, so nobody's change is silently
overwritten."""

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
from csphub.planning.models import (
    ActionStatus,
    CspPlan,
    Direction,
    KeyArea,
    MeasureSource,
    PccObjective,
    PlanAction,
    PlanMeasure,
    PlanPriority,
    PlanPublication,
    PriorityKind,
    Rag,
    Theme,
)
from csphub.planning.plan import selectors
from csphub.planning.plan.statutory import statutory_responsibilities

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
# The fields each kind of plan entry has (``pcc_objectives`` is a set of objectives, written apart).
PRIORITY_FIELDS: dict[str, tuple[str, ...]] = {
    PriorityKind.PRIORITY: ("title", "description", "theme", "county_priority", "regard"),
    PriorityKind.EVERYDAY: ("title", "description", "lead_agency"),
    PriorityKind.GOLDEN_THREAD: ("title", "description"),
}
KEY_AREA_FIELDS = ("title",)
MEASURE_FIELDS = ("title", "source", "baseline", "baseline_label", "direction", "target", "target_label")
PCC_OBJECTIVE_FIELDS = ("title",)


def _require_manager(actor: Any, plan: CspPlan) -> None:
    """The partnership coordinator changes their own partnership's plans only: a district reads the
    county board's plan above it, and a board its districts' plans, but neither changes the other's."""
    if not selectors.may_manage(actor):
        raise PermissionDeniedError("Only the partnership coordinator can change the plan.")
    if not selectors.may_manage_plan(actor, plan):
        raise PermissionDeniedError("Only the coordinator of the plan's own partnership can change it.")


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


def _check_threads(plan: CspPlan, threads: list[PlanPriority]) -> None:
    if any(t.plan_id != plan.pk or t.kind != PriorityKind.GOLDEN_THREAD for t in threads):
        raise ApplicationError("Select golden threads of this plan", field="golden_threads")


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
    golden_threads: Any = (),
) -> PlanAction:
    """Add an action; ``golden_threads`` tags it with the plan's golden threads it carries."""
    _require_manager(actor, key_area.priority.plan)
    values = {
        "title": title.strip(), "owner_agency": owner_agency, "lead": lead.strip(), "due_on": due_on,
        "status": status, "rag": rag, "rag_reason": rag_reason.strip(),
        "assessment_finding": assessment_finding.strip(),
    }  # fmt: skip
    plan = key_area.priority.plan
    threads = list(golden_threads)
    _check_action(plan, values)
    _check_threads(plan, threads)
    with transaction.atomic():
        action = PlanAction.objects.create(
            key_area=key_area, created_by=acting_user(actor), modified_by=acting_user(actor), **values
        )
        if threads:
            action.golden_threads.set(threads)
        audit_record(actor=actor, verb="plan.action_added", target=action)
    return action


def action_update(
    *,
    actor: Any,
    action: PlanAction,
    expected_version: str | None = None,
    golden_threads: Any = None,
    **values: Any,
) -> PlanAction:
    """Change an action; only the fields given are written (the audit lists their names).
    ``golden_threads``, when given, replaces the golden threads the action is tagged with."""
    _require_manager(actor, action.key_area.priority.plan)
    unknown = set(values) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown action fields: {sorted(unknown)}")
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    merged = {name: getattr(action, name) for name in ACTION_FIELDS} | values
    plan = action.key_area.priority.plan
    _check_action(plan, merged)
    before = set(action.golden_threads.values_list("pk", flat=True))
    threads = list(golden_threads) if golden_threads is not None else None
    if threads is not None:
        _check_threads(plan, threads)
    tags_changed = threads is not None and {t.pk for t in threads} != before
    with transaction.atomic():
        current, changed = _write_changes(
            action,
            values,
            actor=actor,
            expected_version=expected_version,
            extra=("golden_threads",) if tags_changed else (),
        )
        if not changed:
            return current
        if tags_changed and threads is not None:
            current.golden_threads.set(threads)
        audit_record(actor=actor, verb="plan.action_changed", target=current, changed_fields=changed)
    return current


def narrative_update(
    *, actor: Any, plan: CspPlan, expected_version: str | None = None, **values: Any
) -> CspPlan:
    """Change the narrative sections; each change is a new narrative version."""
    _require_manager(actor, plan)
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


def _write_changes(
    record: Any,
    values: dict[str, Any],
    *,
    actor: Any,
    expected_version: str | None,
    extra: tuple[str, ...] = (),
) -> tuple[Any, list[str]]:
    """Lock ``record`` at the version the form read, write the fields whose value changed, and return
    the locked row and the names changed (``extra``: names changed elsewhere, e.g. a set of links)."""
    current = lock_for_update(record, expected_version)
    changed = changed_field_names(current, values)
    if not changed and not extra:
        return current, []
    for name in changed:
        setattr(current, name, values[name])
    current.modified_by = acting_user(actor)
    current.save(update_fields=[*changed, "modified_by", "modified_at"])
    return current, [*changed, *extra]


def _next_order(queryset: Any) -> int:
    last = queryset.order_by("-order").values_list("order", flat=True).first()
    return 0 if last is None else last + 1


# --- Priorities, everyday business and golden threads ---------------------------------------------

_KIND_WORDS = {
    PriorityKind.PRIORITY: "priority",
    PriorityKind.EVERYDAY: "area of everyday business",
    PriorityKind.GOLDEN_THREAD: "golden thread",
}


def _clean_text(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}


def _check_priority(
    plan: CspPlan, kind: str, values: dict[str, Any], objectives: list[PccObjective], *, pk: int | None
) -> None:
    words = _KIND_WORDS[PriorityKind(kind)]
    title = str(values.get("title", "")).strip()
    if not title:
        raise ApplicationError(f"Enter the {words}'s title", field="title")
    same = plan.priorities.filter(kind=kind, title__iexact=title).exclude(pk=pk or 0)
    if same.exists():
        raise ApplicationError(f"The plan already has a {words} called '{title}'", field="title")
    if kind == PriorityKind.PRIORITY:
        if values.get("theme") and values["theme"] not in Theme.values:
            raise ApplicationError("Select a theme from the list", field="theme")
        county = values.get("county_priority")
        if county is not None and (
            plan.county_plan_id is None
            or county.plan_id != plan.county_plan_id
            or county.kind != PriorityKind.PRIORITY
        ):
            raise ApplicationError("Select one of the county plan's priorities", field="county_priority")
        if any(o.plan_id != plan.pk for o in objectives):
            raise ApplicationError("Select objectives recorded for this plan", field="pcc_objectives")
        if objectives and not str(values.get("regard", "")).strip():
            raise ApplicationError(
                "Say how the priority has regard to the Police and Crime Commissioner's objectives you selected",
                field="regard",
            )
    if kind == PriorityKind.EVERYDAY and values.get("lead_agency") is None:
        raise ApplicationError(
            "Select the partner that leads this area of everyday business", field="lead_agency"
        )


def priority_add(
    *,
    actor: Any,
    plan: CspPlan,
    kind: str = PriorityKind.PRIORITY,
    title: str,
    description: str = "",
    theme: str = "",
    county_priority: PlanPriority | None = None,
    pcc_objectives: Any = (),
    regard: str = "",
    lead_agency: Agency | None = None,
) -> PlanPriority:
    """Add a priority (with the county priority it serves and its regard to the PCC's objectives),
    an area of everyday business (with the partner that leads it) or a golden thread."""
    _require_manager(actor, plan)
    if kind not in PriorityKind.values:
        raise ApplicationError("Select what you are adding", field="kind")
    given = {
        "title": title, "description": description, "theme": theme, "county_priority": county_priority,
        "regard": regard, "lead_agency": lead_agency,
    }  # fmt: skip
    values = _clean_text({name: given[name] for name in PRIORITY_FIELDS[kind]})
    objectives = list(pcc_objectives) if kind == PriorityKind.PRIORITY else []
    _check_priority(plan, kind, values, objectives, pk=None)
    with transaction.atomic():
        priority = PlanPriority.objects.create(
            plan=plan,
            kind=kind,
            order=_next_order(plan.priorities.filter(kind=kind)),
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
            **values,
        )
        if objectives:
            priority.pcc_objectives.set(objectives)
        audit_record(actor=actor, verb="plan.priority_added", target=priority)
    return priority


def priority_update(
    *,
    actor: Any,
    priority: PlanPriority,
    expected_version: str | None = None,
    pcc_objectives: Any = None,
    **values: Any,
) -> PlanPriority:
    """Change a priority, an area of everyday business or a golden thread (the fields of its kind);
    ``pcc_objectives``, when given, replaces the objectives a priority has regard to."""
    _require_manager(actor, priority.plan)
    fields = PRIORITY_FIELDS[PriorityKind(priority.kind)]
    unknown = set(values) - set(fields)
    if unknown:
        raise TypeError(f"Unknown fields for a {priority.kind}: {sorted(unknown)}")
    values = _clean_text(values)
    merged = {name: getattr(priority, name) for name in fields} | values
    before = {o.pk for o in priority.pcc_objectives.all()}
    objectives = (
        list(pcc_objectives)
        if pcc_objectives is not None and priority.kind == PriorityKind.PRIORITY
        else list(priority.pcc_objectives.all())
    )
    _check_priority(priority.plan, priority.kind, merged, objectives, pk=priority.pk)
    links_changed = {o.pk for o in objectives} != before
    with transaction.atomic():
        current, changed = _write_changes(
            priority,
            values,
            actor=actor,
            expected_version=expected_version,
            extra=("pcc_objectives",) if links_changed else (),
        )
        if not changed:
            return current
        if links_changed:  # the record's version moved with it (_write_changes saved it)
            current.pcc_objectives.set(objectives)
        audit_record(actor=actor, verb="plan.priority_changed", target=current, changed_fields=changed)
    return current


# --- Key areas of work ------------------------------------------------------------------------------


def _check_key_area(priority: PlanPriority, title: str, *, pk: int | None) -> None:
    if priority.kind != PriorityKind.PRIORITY:
        raise ApplicationError("Key areas of work belong to one of the plan's priorities")
    if not title:
        raise ApplicationError("Enter the key area of work", field="title")
    if priority.key_areas.filter(title__iexact=title).exclude(pk=pk or 0).exists():
        raise ApplicationError(f"This priority already has a key area called '{title}'", field="title")


def key_area_add(*, actor: Any, priority: PlanPriority, title: str) -> KeyArea:
    _require_manager(actor, priority.plan)
    title = title.strip()
    _check_key_area(priority, title, pk=None)
    with transaction.atomic():
        area = KeyArea.objects.create(
            priority=priority,
            title=title,
            order=_next_order(priority.key_areas.all()),
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        audit_record(actor=actor, verb="plan.key_area_added", target=area)
    return area


def key_area_update(*, actor: Any, area: KeyArea, expected_version: str | None = None, title: str) -> KeyArea:
    _require_manager(actor, area.priority.plan)
    title = title.strip()
    _check_key_area(area.priority, title, pk=area.pk)
    with transaction.atomic():
        current, changed = _write_changes(
            area, {"title": title}, actor=actor, expected_version=expected_version
        )
        if changed:
            audit_record(actor=actor, verb="plan.key_area_changed", target=current, changed_fields=changed)
    return current


# --- Measures ---------------------------------------------------------------------------------------


def _check_measure(priority: PlanPriority, values: dict[str, Any], *, pk: int | None) -> None:
    if priority.kind != PriorityKind.PRIORITY:
        raise ApplicationError("Measures belong to one of the plan's priorities")
    title = str(values.get("title", "")).strip()
    if not title:
        raise ApplicationError("Enter what the measure counts", field="title")
    if priority.measures.filter(title__iexact=title).exclude(pk=pk or 0).exists():
        raise ApplicationError(f"This priority already has a measure called '{title}'", field="title")
    if values.get("source") not in MeasureSource.values:
        raise ApplicationError("Select where the figure comes from", field="source")
    baseline = values.get("baseline")
    if not isinstance(baseline, int) or baseline < 0:
        raise ApplicationError("Enter the baseline as a whole number, 0 or more", field="baseline")
    if not str(values.get("baseline_label", "")).strip():
        raise ApplicationError("Enter what the baseline is, for example 2019/20", field="baseline_label")
    if values.get("direction") not in Direction.values:
        raise ApplicationError(
            "Select whether the figure should go down, go up or stay down", field="direction"
        )
    target = values.get("target")
    if target is not None and (not isinstance(target, int) or target < 0):
        raise ApplicationError("Enter the target as a whole number, 0 or more", field="target")
    for name, message in rules.measure_problems(
        baseline=baseline, target=target, direction=values["direction"]
    ):
        raise ApplicationError(message, field=name)
    if target is not None and not str(values.get("target_label", "")).strip():
        raise ApplicationError("Enter when the target is for, for example 2022/23", field="target_label")
    if target is None and str(values.get("target_label", "")).strip():
        raise ApplicationError("Enter the target, or leave when it is for empty", field="target")
    plan = priority.plan
    for name, message in rules.target_date_problems(
        target_label=str(values.get("target_label", "")), starts_on=plan.starts_on, ends_on=plan.ends_on
    ):
        raise ApplicationError(message, field=name)


def measure_add(
    *,
    actor: Any,
    priority: PlanPriority,
    title: str,
    source: str,
    baseline: int,
    baseline_label: str,
    direction: str = Direction.REDUCE,
    target: int | None = None,
    target_label: str = "",
) -> PlanMeasure:
    """Add a measure: its figure is computed from ``source`` (never typed in), read against the
    baseline and, when set, the target."""
    _require_manager(actor, priority.plan)
    values = _clean_text(
        {"title": title, "source": source, "baseline": baseline, "baseline_label": baseline_label,
         "direction": direction, "target": target, "target_label": target_label}
    )  # fmt: skip
    _check_measure(priority, values, pk=None)
    with transaction.atomic():
        measure = PlanMeasure.objects.create(
            priority=priority, created_by=acting_user(actor), modified_by=acting_user(actor), **values
        )
        audit_record(actor=actor, verb="plan.measure_added", target=measure)
    return measure


def measure_update(
    *, actor: Any, measure: PlanMeasure, expected_version: str | None = None, **values: Any
) -> PlanMeasure:
    _require_manager(actor, measure.priority.plan)
    unknown = set(values) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown measure fields: {sorted(unknown)}")
    values = _clean_text(values)
    merged = {name: getattr(measure, name) for name in MEASURE_FIELDS} | values
    _check_measure(measure.priority, merged, pk=measure.pk)
    with transaction.atomic():
        current, changed = _write_changes(measure, values, actor=actor, expected_version=expected_version)
        if changed:
            audit_record(actor=actor, verb="plan.measure_changed", target=current, changed_fields=changed)
    return current


# --- The Police and Crime Commissioner's objectives -----------------------------------------------


def _check_objective(plan: CspPlan, title: str, *, pk: int | None) -> None:
    if not title:
        raise ApplicationError("Enter the objective as the Commissioner's plan words it", field="title")
    if plan.pcc_objectives.filter(title__iexact=title).exclude(pk=pk or 0).exists():
        raise ApplicationError("This objective is already recorded for the plan", field="title")


def pcc_objective_add(*, actor: Any, plan: CspPlan, title: str) -> PccObjective:
    """Record an objective of the PCC's plan, to which the plan's priorities have regard (Police
    Reform and Social Responsibility Act 2011 s.10)."""
    _require_manager(actor, plan)
    title = title.strip()
    _check_objective(plan, title, pk=None)
    with transaction.atomic():
        objective = PccObjective.objects.create(
            plan=plan,
            title=title,
            order=_next_order(plan.pcc_objectives.all()),
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        audit_record(actor=actor, verb="plan.pcc_objective_added", target=objective)
    return objective


def pcc_objective_update(
    *, actor: Any, objective: PccObjective, expected_version: str | None = None, title: str
) -> PccObjective:
    _require_manager(actor, objective.plan)
    title = title.strip()
    _check_objective(objective.plan, title, pk=objective.pk)
    with transaction.atomic():
        current, changed = _write_changes(
            objective, {"title": title}, actor=actor, expected_version=expected_version
        )
        if changed:
            audit_record(
                actor=actor, verb="plan.pcc_objective_changed", target=current, changed_fields=changed
            )
    return current


def plan_document_html(plan: CspPlan, *, today: dt.date | None = None) -> str:
    """The plan document as it stands: the Amber Valley plan's structure (foreword, the
    partnership, its statutory responsibilities with the Case Review figures, everyday business,
    the county and PCC priorities it has regard to, its own priorities with key areas, actions and
    measures, golden threads, governance, contacts), with its partners and the narrative's history."""
    today = today or timezone.localdate()
    from csphub.planning.plan.history import narrative_history, partners

    page = selectors.plan_page(plan, today=today)
    statutory = statutory_responsibilities(plan, today=today)
    return render_to_string(
        "planning/plan/document.html",
        {
            "page": page,
            "plan": plan,
            "statutory": statutory,
            "partners": partners(plan),
            "history": narrative_history(plan),
        },
    )


def plan_publish(*, actor: Any, plan: CspPlan, today: dt.date | None = None) -> PlanPublication:
    """Freeze the document as it stands: later edits change the draft, never this version."""
    _require_manager(actor, plan)
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
