"""Changing the plan's shape: removing entries (a confirmation page that says what else goes),
reordering them, changing the plan's details and starting a new plan."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import EditConflictError, conflict_on
from csphub.core.errors import ApplicationError
from csphub.frontend import flows
from csphub.planning.models import PriorityKind
from csphub.planning.plan import forms, selectors, services
from csphub.planning.plan.views._common import _KIND_ANCHOR, _keeps, _manager

# --- Removing entries: a confirmation page that says what else goes --------------------------------


def _remove_page(
    request: SignedInRequest,
    *,
    record: Any,
    plan: Any,
    versioned_fields: tuple[str, ...],
    describe: Any,
    perform: Any,
    anchor: str,
    caption: str,
) -> HttpResponse:
    """GET: what removing ``record`` takes with it, and a Remove button carrying the record's
    version. POST: ``perform(expected_version)``; a record changed since the page was shown is not
    removed, and the page shows it as it is now."""
    form = forms.RemoveForm(flows.posted(request), record=record, versioned_fields=versioned_fields)
    removal = describe(record)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            done = perform(form.expected_version)
        except EditConflictError as error:
            conflict = conflict_on(form, error.current)
            removal = describe(error.current)
        except ApplicationError as error:
            flows.add_service_error(form, error)
        else:
            messages.success(request, f"{done.noun[0].upper()}{done.noun[1:]} '{done.title}' removed")
            return redirect(reverse("planning:plan_detail", args=[plan.pk]) + "#" + anchor)
    return render(
        request,
        "planning/plan/remove.html",
        {
            "plan": plan,
            "form": form,
            "conflict": conflict,
            "removal": removal,
            "caption": caption,
            "heading": f"Remove the {removal.noun} '{removal.title}'",
        },
    )


_REMOVED_ANCHOR: dict[str, str] = {
    PriorityKind.EVERYDAY: "everyday",
    PriorityKind.GOLDEN_THREAD: "golden-threads",
}


@login_required
@require_http_methods(["GET", "POST"])
def priority_remove(request: SignedInRequest, pk: int) -> HttpResponse:
    """Remove a priority, an area of everyday business or a golden thread."""
    _manager(request)
    priority = selectors.priority_get(request.actor, pk)
    _keeps(request, priority.plan)
    plan = priority.plan
    return _remove_page(
        request,
        record=priority,
        plan=plan,
        versioned_fields=services.PRIORITY_FIELDS[priority.kind],
        describe=selectors.priority_removal,
        perform=lambda version: services.priority_remove(
            actor=request.actor, priority=priority, expected_version=version
        ),
        anchor=_REMOVED_ANCHOR.get(priority.kind, "main-content"),
        caption=plan.title,
    )


@login_required
@require_http_methods(["GET", "POST"])
def key_area_remove(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    area = selectors.key_area_get(request.actor, pk)
    _keeps(request, area.priority.plan)
    return _remove_page(
        request,
        record=area,
        plan=area.priority.plan,
        versioned_fields=services.KEY_AREA_FIELDS,
        describe=selectors.key_area_removal,
        perform=lambda version: services.key_area_remove(
            actor=request.actor, area=area, expected_version=version
        ),
        anchor=f"priority-{area.priority_id}",
        caption=area.priority.title,
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_remove(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    measure = selectors.measure_get(request.actor, pk)
    _keeps(request, measure.priority.plan)
    return _remove_page(
        request,
        record=measure,
        plan=measure.priority.plan,
        versioned_fields=services.MEASURE_FIELDS,
        describe=selectors.measure_removal,
        perform=lambda version: services.measure_remove(
            actor=request.actor, measure=measure, expected_version=version
        ),
        anchor=f"priority-{measure.priority_id}",
        caption=measure.priority.title,
    )


@login_required
@require_http_methods(["GET", "POST"])
def pcc_objective_remove(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    objective = selectors.pcc_objective_get(request.actor, pk)
    _keeps(request, objective.plan)
    return _remove_page(
        request,
        record=objective,
        plan=objective.plan,
        versioned_fields=services.PCC_OBJECTIVE_FIELDS,
        describe=selectors.pcc_objective_removal,
        perform=lambda version: services.pcc_objective_remove(
            actor=request.actor, objective=objective, expected_version=version
        ),
        anchor="pcc-objectives",
        caption=objective.plan.pcc_plan_title or objective.plan.title,
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_remove(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    action = selectors.action_get(request.actor, pk)
    _keeps(request, action.key_area.priority.plan)
    area = action.key_area
    return _remove_page(
        request,
        record=action,
        plan=area.priority.plan,
        versioned_fields=services.ACTION_FIELDS,
        describe=selectors.action_removal,
        perform=lambda version: services.action_remove(
            actor=request.actor, action=action, expected_version=version
        ),
        anchor=f"area-{area.pk}",
        caption=f"{area.priority.title}: {area.title}",
    )


# --- Reordering: "Move up" / "Move down" buttons (POST forms, no script) ---------------------------


def _moved(request: SignedInRequest, *, title: str, move: Any, back: str) -> HttpResponse:
    form = forms.MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose to move it up or down")
        return redirect(back)
    direction = form.cleaned_data["direction"]
    try:
        place = move(direction)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"'{title}' moved {direction} to place {place}")
    return redirect(back)


@login_required
@require_POST
def priority_move(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    priority = selectors.priority_get(request.actor, pk)
    _keeps(request, priority.plan)
    anchor = _KIND_ANCHOR[priority.kind].format(pk=priority.pk)
    return _moved(
        request,
        title=priority.title,
        move=lambda d: services.priority_move(actor=request.actor, priority=priority, direction=d),
        back=reverse("planning:plan_detail", args=[priority.plan_id]) + "#" + anchor,
    )


@login_required
@require_POST
def key_area_move(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    area = selectors.key_area_get(request.actor, pk)
    _keeps(request, area.priority.plan)
    return _moved(
        request,
        title=area.title,
        move=lambda d: services.key_area_move(actor=request.actor, area=area, direction=d),
        back=reverse("planning:plan_detail", args=[area.priority.plan_id]) + f"#area-{area.pk}",
    )


@login_required
@require_POST
def pcc_objective_move(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    objective = selectors.pcc_objective_get(request.actor, pk)
    _keeps(request, objective.plan)
    return _moved(
        request,
        title=objective.title,
        move=lambda d: services.pcc_objective_move(actor=request.actor, objective=objective, direction=d),
        back=reverse("planning:plan_detail", args=[objective.plan_id]) + "#pcc-objectives",
    )


# --- The plan's details ----------------------------------------------------------------------------


@login_required
def plan_details_change(request: SignedInRequest, pk: int) -> HttpResponse:
    """Change the plan's title, period, the PCC's plan and the county plan it serves."""
    _manager(request)
    plan = selectors.plan_get(request.actor, pk)
    _keeps(request, plan)
    initial = {name: getattr(plan, name) for name in services.PLAN_DETAIL_FIELDS}
    form = forms.PlanDetailsForm(
        flows.posted(request),
        initial=initial,
        plan=plan,
        record=plan,
        versioned_fields=services.PLAN_DETAIL_FIELDS,
    )

    def preview(data: dict[str, Any]) -> dict[str, Any]:
        if "county_plan" not in data or data["county_plan"] == plan.county_plan:
            return {}
        lost = selectors.county_links_lost(plan, data["county_plan"])
        if not lost:
            return {}
        return {
            "warning": "Changing the county plan unlinks the county priority of "
            + "; ".join(f"'{p.title}' (it served '{p.county_priority}')" for p in lost)
            + ". Choose the county priorities they serve again afterwards."
        }

    def done(changed: Any) -> HttpResponse:
        messages.success(request, "The plan's details were updated")
        return redirect("planning:plan_detail", plan.pk)

    context = {"plan": plan, "caption": plan.title}
    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.plan_details_update(actor=request.actor, plan=plan, **data),
        done=done,
        preview=preview,
        question=flows.Page(
            "planning/plan/question.html", {**context, "heading": "Change the plan's details"}
        ),
        check=flows.Page(
            "planning/plan/check.html",
            {
                **context,
                "heading": "Check the plan's details before you save them",
                "confirm_label": "Save details",
            },
        ),
    )


@login_required
def plan_new(request: SignedInRequest) -> HttpResponse:
    """Start the partnership's plan for a new period, empty or from an earlier plan's structure."""
    _manager(request)
    form = forms.PlanNewForm(
        flows.posted(request),
        county_plans=selectors.county_plans_for_new(request.actor),
        own_plans=selectors.own_plans(request.actor),
    )

    def done(plan: Any) -> HttpResponse:
        messages.success(request, f"{plan.title} started")
        return redirect("planning:plan_detail", plan.pk)

    context = {"plan": None, "caption": "The CSP Plan"}
    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.plan_create(actor=request.actor, **data),
        done=done,
        question=flows.Page("planning/plan/question.html", {**context, "heading": "Start a new plan"}),
        check=flows.Page(
            "planning/plan/check.html",
            {
                **context,
                "heading": "Check the new plan before you start it",
                "confirm_label": "Start the plan",
            },
        ),
    )
