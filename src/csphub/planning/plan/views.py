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

from csphub.core.actor import SignedInRequest
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


@login_required
def plan_list(request: SignedInRequest) -> HttpResponse:
    _viewer(request)
    return render(
        request, "planning/plan/list.html", {"plans": list(selectors.plans_visible_to(request.actor))}
    )


@login_required
def plan_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    _viewer(request)
    plan = selectors.plan_get(request.actor, pk)
    return render(
        request,
        "planning/plan/detail.html",
        {"page": selectors.plan_page(plan), "plan": plan, "may_manage": selectors.may_manage(request.actor)},
    )


def _action_rows(form: Any) -> list[flows.Row]:
    return flows.answer_rows(form)


@login_required
def action_new(request: SignedInRequest, area_pk: int) -> HttpResponse:
    _manager(request)
    area = selectors.key_area_get(request.actor, area_pk)
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
