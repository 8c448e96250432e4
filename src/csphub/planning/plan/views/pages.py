"""The CSP Plan pages: the plans, a plan (priorities → key areas → actions → measures), adding and
changing actions, the narrative, publishing, and the document (HTML and tagged PDF)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from csphub.core.actor import SignedInRequest
from csphub.frontend import flows
from csphub.frontend.documents import HTML, PDF, html_to_pdf, pdf_response
from csphub.planning.plan import forms, selectors, services
from csphub.planning.plan.views._common import _keeps, _manager, _viewer

STYLES = ("planning/plan_document.css",)


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
