"""The plan's structure: adding and changing priorities, everyday business, golden threads, key
areas of work, measures and the PCC's objectives."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from csphub.core.actor import SignedInRequest
from csphub.frontend import flows
from csphub.planning.models import PriorityKind
from csphub.planning.plan import forms, selectors, services
from csphub.planning.plan.views._common import _KIND_ANCHOR, _keeps, _manager

_KIND_NOUN: dict[str, str] = {
    PriorityKind.PRIORITY: "priority",
    PriorityKind.EVERYDAY: "area of everyday business",
    PriorityKind.GOLDEN_THREAD: "golden thread",
}


def _flow(
    request: SignedInRequest,
    form: Any,
    *,
    plan: Any,
    perform: Any,
    message: Any,
    anchor: Any,
    caption: str,
    heading: str,
    check_heading: str,
    confirm_label: str,
) -> HttpResponse:
    """Question → check answers → confirm for an entry of the plan; back to the plan at ``anchor``."""

    def done(result: Any) -> HttpResponse:
        messages.success(request, message(result))
        return redirect(reverse("planning:plan_detail", args=[plan.pk]) + "#" + anchor(result))

    context = {"plan": plan, "caption": caption}
    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        question=flows.Page("planning/plan/question.html", {**context, "heading": heading}),
        check=flows.Page(
            "planning/plan/check.html", {**context, "heading": check_heading, "confirm_label": confirm_label}
        ),
    )


def _priority_new(request: SignedInRequest, pk: int, kind: str) -> HttpResponse:
    _manager(request)
    plan = selectors.plan_get(request.actor, pk)
    _keeps(request, plan)
    noun = _KIND_NOUN[kind]
    form = forms.PRIORITY_FORMS[kind](flows.posted(request), plan=plan)  # type: ignore[call-arg]
    return _flow(
        request,
        form,
        plan=plan,
        perform=lambda data: services.priority_add(actor=request.actor, plan=plan, kind=kind, **data),
        message=lambda p: f"{noun.capitalize()} '{p.title}' added to the plan",
        anchor=lambda p: _KIND_ANCHOR[kind].format(pk=p.pk),
        caption=plan.title,
        heading=f"Add {'an' if noun[0] in 'aeiou' else 'a'} {noun}",
        check_heading=f"Check the {noun} before you add it",
        confirm_label=f"Add {noun}",
    )


@login_required
def priority_new(request: SignedInRequest, pk: int) -> HttpResponse:
    return _priority_new(request, pk, PriorityKind.PRIORITY)


@login_required
def everyday_new(request: SignedInRequest, pk: int) -> HttpResponse:
    return _priority_new(request, pk, PriorityKind.EVERYDAY)


@login_required
def golden_thread_new(request: SignedInRequest, pk: int) -> HttpResponse:
    return _priority_new(request, pk, PriorityKind.GOLDEN_THREAD)


@login_required
def priority_change(request: SignedInRequest, pk: int) -> HttpResponse:
    """Change a priority (with its county priority and its regard to the PCC's objectives), an area
    of everyday business (with its lead partner) or a golden thread."""
    _manager(request)
    priority = selectors.priority_get(request.actor, pk)
    _keeps(request, priority.plan)
    plan, kind = priority.plan, priority.kind
    fields = services.PRIORITY_FIELDS[kind]
    initial: dict[str, Any] = {name: getattr(priority, name) for name in fields}
    if kind == PriorityKind.PRIORITY:
        initial["pcc_objectives"] = list(priority.pcc_objectives.all())
    form = forms.priority_edit_form(kind)(
        flows.posted(request),
        initial=initial,
        plan=plan,
        record=priority,
        versioned_fields=fields,  # type: ignore[call-arg]
    )
    noun = _KIND_NOUN[kind]

    def perform(data: dict[str, Any]) -> Any:
        data = dict(data)
        objectives = data.pop("pcc_objectives", None)
        return services.priority_update(
            actor=request.actor, priority=priority, pcc_objectives=objectives, **data
        )

    return _flow(
        request,
        form,
        plan=plan,
        perform=perform,
        message=lambda p: f"{noun.capitalize()} '{p.title}' updated",
        anchor=lambda p: _KIND_ANCHOR[kind].format(pk=p.pk),
        caption=plan.title,
        heading=f"Change the {noun}",
        check_heading="Check the change before you save it",
        confirm_label="Save change",
    )


@login_required
def key_area_new(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    priority = selectors.priority_get(request.actor, pk)
    _keeps(request, priority.plan)
    if priority.kind != PriorityKind.PRIORITY:
        raise Http404("Key areas of work belong to a priority.")
    return _flow(
        request,
        forms.KeyAreaForm(flows.posted(request)),
        plan=priority.plan,
        perform=lambda data: services.key_area_add(actor=request.actor, priority=priority, **data),
        message=lambda a: f"Key area of work '{a.title}' added to {priority.title}",
        anchor=lambda a: f"area-{a.pk}",
        caption=priority.title,
        heading="Add a key area of work",
        check_heading="Check the key area of work before you add it",
        confirm_label="Add key area",
    )


@login_required
def key_area_change(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    area = selectors.key_area_get(request.actor, pk)
    _keeps(request, area.priority.plan)
    form = forms.KeyAreaEditForm(
        flows.posted(request),
        initial={"title": area.title},
        record=area,
        versioned_fields=services.KEY_AREA_FIELDS,
    )
    return _flow(
        request,
        form,
        plan=area.priority.plan,
        perform=lambda data: services.key_area_update(actor=request.actor, area=area, **data),
        message=lambda a: f"Key area of work '{a.title}' updated",
        anchor=lambda a: f"area-{a.pk}",
        caption=area.priority.title,
        heading="Change the key area of work",
        check_heading="Check the change before you save it",
        confirm_label="Save change",
    )


@login_required
def measure_new(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    priority = selectors.priority_get(request.actor, pk)
    _keeps(request, priority.plan)
    if priority.kind != PriorityKind.PRIORITY:
        raise Http404("Measures belong to a priority.")
    return _flow(
        request,
        forms.MeasureForm(flows.posted(request)),
        plan=priority.plan,
        perform=lambda data: services.measure_add(actor=request.actor, priority=priority, **data),
        message=lambda m: f"Measure '{m.title}' added to {priority.title}",
        anchor=lambda m: f"priority-{priority.pk}",
        caption=priority.title,
        heading="Add a measure",
        check_heading="Check the measure before you add it",
        confirm_label="Add measure",
    )


@login_required
def measure_change(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    measure = selectors.measure_get(request.actor, pk)
    _keeps(request, measure.priority.plan)
    form = forms.MeasureEditForm(
        flows.posted(request),
        initial={name: getattr(measure, name) for name in services.MEASURE_FIELDS},
        record=measure,
        versioned_fields=services.MEASURE_FIELDS,
    )
    return _flow(
        request,
        form,
        plan=measure.priority.plan,
        perform=lambda data: services.measure_update(actor=request.actor, measure=measure, **data),
        message=lambda m: f"Measure '{m.title}' updated",
        anchor=lambda m: f"priority-{measure.priority_id}",
        caption=measure.priority.title,
        heading="Change the measure",
        check_heading="Check the change before you save it",
        confirm_label="Save change",
    )


@login_required
def pcc_objective_new(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    plan = selectors.plan_get(request.actor, pk)
    _keeps(request, plan)
    return _flow(
        request,
        forms.PccObjectiveForm(flows.posted(request)),
        plan=plan,
        perform=lambda data: services.pcc_objective_add(actor=request.actor, plan=plan, **data),
        message=lambda o: "The Police and Crime Commissioner's objective was recorded",
        anchor=lambda o: "pcc-objectives",
        caption=plan.pcc_plan_title or plan.title,
        heading="Record an objective of the Police and Crime Commissioner's plan",
        check_heading="Check the objective before you record it",
        confirm_label="Record objective",
    )


@login_required
def pcc_objective_change(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    objective = selectors.pcc_objective_get(request.actor, pk)
    _keeps(request, objective.plan)
    form = forms.PccObjectiveEditForm(
        flows.posted(request),
        initial={"title": objective.title},
        record=objective,
        versioned_fields=services.PCC_OBJECTIVE_FIELDS,
    )
    return _flow(
        request,
        form,
        plan=objective.plan,
        perform=lambda data: services.pcc_objective_update(actor=request.actor, objective=objective, **data),
        message=lambda o: "The Police and Crime Commissioner's objective was updated",
        anchor=lambda o: "pcc-objectives",
        caption=objective.plan.pcc_plan_title or objective.plan.title,
        heading="Change the Police and Crime Commissioner's objective",
        check_heading="Check the change before you save it",
        confirm_label="Save change",
    )
