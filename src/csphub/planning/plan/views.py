"""The CSP Plan pages: the plans, a plan (priorities → key areas → actions → measures), adding and
changing actions, the narrative, publishing, and the document (HTML and tagged PDF)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import EditConflictError, conflict_on
from csphub.core.errors import ApplicationError
from csphub.frontend import flows
from csphub.frontend.documents import HTML, PDF, html_to_pdf, pdf_response
from csphub.planning.models import PriorityKind
from csphub.planning.plan import forms, selectors, services

STYLES = ("planning/plan_document.css",)


def _viewer(request: SignedInRequest) -> None:
    if not selectors.may_view(request.actor):
        raise PermissionDenied


def _manager(request: SignedInRequest) -> None:
    if not selectors.may_manage(request.actor):
        raise PermissionDenied


def _keeps(request: SignedInRequest, plan: Any) -> None:
    """Only the coordinator of the plan's own partnership changes it (a district reads the county
    board's plan, and a board its districts', without changing them)."""
    if not selectors.may_manage_plan(request.actor, plan):
        raise PermissionDenied


@login_required
def plan_list(request: SignedInRequest) -> HttpResponse:
    _viewer(request)
    return render(
        request,
        "planning/plan/list.html",
        {
            "plans": list(selectors.plans_visible_to(request.actor)),
            "may_manage": selectors.may_manage(request.actor),
        },
    )


@login_required
def plan_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    _viewer(request)
    plan = selectors.plan_get(request.actor, pk)
    return render(
        request,
        "planning/plan/detail.html",
        {
            "page": selectors.plan_page(plan),
            "plan": plan,
            "may_manage": selectors.may_manage_plan(request.actor, plan),
        },
    )


def _action_rows(form: Any) -> list[flows.Row]:
    return flows.answer_rows(form)


@login_required
def action_new(request: SignedInRequest, area_pk: int) -> HttpResponse:
    _manager(request)
    area = selectors.key_area_get(request.actor, area_pk)
    _keeps(request, area.priority.plan)
    plan = area.priority.plan
    form = forms.ActionForm(flows.posted(request), plan=plan)

    def done(action: Any) -> HttpResponse:
        messages.success(request, f"Action added to {area.title}")
        return redirect(reverse("planning:plan_detail", args=[plan.pk]) + f"#area-{area.pk}")

    context = {"plan": plan, "caption": f"{area.priority.title}: {area.title}"}
    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.action_add(actor=request.actor, key_area=area, **data),
        done=done,
        question=flows.Page("planning/plan/question.html", {**context, "heading": "Add an action"}),
        check=flows.Page(
            "planning/plan/check.html",
            {**context, "heading": "Check the action before you add it", "confirm_label": "Add action"},
        ),
    )


@login_required
def action_change(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    action = selectors.action_get(request.actor, pk)
    _keeps(request, action.key_area.priority.plan)
    plan = action.key_area.priority.plan
    initial: dict[str, Any] = {name: getattr(action, name) for name in services.ACTION_FIELDS}
    initial["golden_threads"] = list(action.golden_threads.all())
    form = forms.ActionEditForm(
        flows.posted(request),
        initial=initial,
        plan=plan,
        record=action,
        versioned_fields=services.ACTION_FIELDS,
    )

    def perform(data: dict[str, Any]) -> Any:
        data = dict(data)
        threads = data.pop("golden_threads", None)
        return services.action_update(actor=request.actor, action=action, golden_threads=threads, **data)

    def done(changed: Any) -> HttpResponse:
        messages.success(request, f"Action '{changed.title}' updated")
        return redirect(reverse("planning:plan_detail", args=[plan.pk]) + f"#area-{action.key_area_id}")

    context = {"plan": plan, "caption": f"{action.key_area.priority.title}: {action.key_area.title}"}
    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        question=flows.Page("planning/plan/question.html", {**context, "heading": "Update the action"}),
        check=flows.Page(
            "planning/plan/check.html",
            {**context, "heading": "Check the update before you save it", "confirm_label": "Save update"},
        ),
    )


@login_required
def narrative_change(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    plan = selectors.plan_get(request.actor, pk)
    _keeps(request, plan)
    initial = {name: getattr(plan, name) for name in services.NARRATIVE_FIELDS}
    form = forms.NarrativeForm(
        flows.posted(request), initial=initial, record=plan, versioned_fields=services.NARRATIVE_FIELDS
    )

    def done(changed: Any) -> HttpResponse:
        messages.success(request, f"Narrative saved as version {changed.narrative_version}")
        return redirect("planning:plan_detail", plan.pk)

    context = {"plan": plan, "caption": plan.title}
    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.narrative_update(actor=request.actor, plan=plan, **data),
        done=done,
        question=flows.Page(
            "planning/plan/question.html", {**context, "heading": "Change the plan's narrative"}
        ),
        check=flows.Page(
            "planning/plan/check.html",
            {
                **context,
                "heading": "Check the narrative before you save it",
                "confirm_label": "Save narrative",
            },
        ),
    )


@login_required
def plan_publish(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    plan = selectors.plan_get(request.actor, pk)
    _keeps(request, plan)
    form = forms.PublishForm(flows.posted(request))

    def done(publication: Any) -> HttpResponse:
        messages.success(request, f"Version {publication.number} of the plan published")
        return redirect("planning:plan_publication", publication.pk)

    context = {"plan": plan, "caption": plan.title}
    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.plan_publish(actor=request.actor, plan=plan),
        done=done,
        question=flows.Page(
            "planning/plan/question.html",
            {
                **context,
                "heading": "Publish this version of the plan",
                "intro": "The document is frozen as it stands now. Later changes to actions or the narrative "
                "change the draft, not this published version.",
            },
        ),
        check=flows.Page(
            "planning/plan/check.html",
            {**context, "heading": "Check before you publish", "confirm_label": "Publish the plan"},
        ),
    )


def _document(html: str, *, fmt: str, filename: str) -> HttpResponse:
    if fmt == PDF:
        return pdf_response(html_to_pdf(html, stylesheets=STYLES, tagged=True), filename=filename)
    return HttpResponse(html)


@login_required
def plan_document(request: SignedInRequest, pk: int) -> HttpResponse:
    """The draft document as it stands now (HTML, or PDF with ?format=pdf)."""
    _viewer(request)
    plan = selectors.plan_get(request.actor, pk)
    fmt = PDF if request.GET.get("format") == PDF else HTML
    return _document(services.plan_document_html(plan), fmt=fmt, filename=f"csp-plan-{plan.pk}-draft.pdf")


@login_required
def plan_publication(request: SignedInRequest, pk: int) -> HttpResponse:
    """A published version, exactly as it was published."""
    _viewer(request)
    publication = selectors.publication_get(request.actor, pk)
    fmt = request.GET.get("format")
    if fmt in (HTML, PDF):
        return _document(
            publication.html, fmt=fmt, filename=f"csp-plan-{publication.plan_id}-v{publication.number}.pdf"
        )
    return render(
        request, "planning/plan/publication.html", {"publication": publication, "plan": publication.plan}
    )


# --- The plan's structure: priorities, everyday business, golden threads, key areas, measures, ---
# --- the PCC's objectives --------------------------------------------------------------------------

_KIND_NOUN: dict[str, str] = {
    PriorityKind.PRIORITY: "priority",
    PriorityKind.EVERYDAY: "area of everyday business",
    PriorityKind.GOLDEN_THREAD: "golden thread",
}
_KIND_ANCHOR: dict[str, str] = {
    PriorityKind.PRIORITY: "priority-{pk}",
    PriorityKind.EVERYDAY: "everyday",
    PriorityKind.GOLDEN_THREAD: "golden-threads",
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
