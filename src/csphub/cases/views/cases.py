"""Case pages: the list and its export, open, view, status, incidents, links, tasks, notes, documents."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from csphub.agencies.policies import (
    Action,
    can_contribute,
    role_allows,
)
from csphub.audit.services import audit_listed, audit_viewed
from csphub.cases import config, forms, rules, selectors, services
from csphub.cases.models import Case, CaseStatus, PartyRole
from csphub.cases.views._common import _deny_unless, _form_page, _posted, _require
from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import EditConflictError, conflict_on, describe_conflict, versioned_write
from csphub.core.errors import ApplicationError
from csphub.core.uploads import upload_refusal
from csphub.frontend.registry import CASE_SECTIONS

# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------


def _filtered_cases(request: SignedInRequest, action: Action) -> tuple[Any, forms.CaseFilterForm, str]:
    form = forms.CaseFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.case_list_visible_to(
        request.actor,
        action=action,
        status=data.get("status", ""),
        asb_type=data.get("asb_type", ""),
        search=data.get("q", ""),
        officer=request.user if data.get("mine") else None,
    )
    described = ", ".join(f"{k}={v}" for k, v in data.items() if v and k != "q") or "no filters"
    if data.get("q"):
        described += ", text search"
    return qs, form, described


@login_required
def case_list(request: SignedInRequest) -> HttpResponse:
    _require(request.actor, Action.VIEW)
    qs, form, _ = _filtered_cases(request, Action.VIEW)
    page_size = 50
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    rows = list(qs.order_by("-opened_at", "-pk")[(page - 1) * page_size : page * page_size + 1])
    has_next = len(rows) > page_size
    audit_listed(actor=request.actor, targets=rows[:page_size])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/case_list.html",
        {
            "cases": rows[:page_size],
            "form": form,
            "page": page,
            "has_next": has_next,
            "query": query.urlencode(),
            "can_export": role_allows(request.actor, Action.EXPORT),
            "can_check_summaries": role_allows(request.actor, Action.CHANGE),
            "can_create": role_allows(request.actor, Action.CREATE),
        },
    )


@login_required
def case_export(request: SignedInRequest) -> HttpResponse:
    _require(request.actor, Action.EXPORT)
    qs, _, described = _filtered_cases(request, Action.EXPORT)
    body = services.case_export_csv(
        actor=request.actor, cases=selectors.case_list_with_counts(qs), filters_description=described
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cases-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


@login_required
def case_open(request: SignedInRequest) -> HttpResponse:
    _require(request.actor, Action.CREATE)
    ids = request.GET.getlist("incident") or request.POST.getlist("incident")
    incidents = [selectors.incident_get_visible(request.actor, i) for i in ids[:50]]
    if not incidents:
        raise Http404("Choose an incident first.")
    first = incidents[0]
    form = forms.CaseOpenForm(_posted(request), initial={"asb_type": first.asb_type})
    related = selectors.related_records_for_incident(user=request.actor, incident=first)
    related_cases = [r for r in related if r.kind == "case"]
    address_warning = ""
    if request.method == "POST" and form.is_valid():
        # The summary is what panel partners read, and the agreement keeps addresses with the owner:
        # warn once; the writer may keep it (pressing "Open case" again with the same summary).
        summary = form.cleaned_data["summary"]
        found = rules.address_in_text(summary, selectors.addresses_for_incidents(incidents))
        if found and request.POST.get("keep_summary") != summary:
            address_warning = found
    if request.method == "POST" and form.is_valid() and not address_warning:
        try:
            case = services.case_open(actor=request.actor, incidents=incidents, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Case {case.reference} opened")
            return redirect("cases:case_detail", case.pk)
    return render(
        request,
        "cases/case_open.html",
        {
            "form": form,
            "incidents": incidents,
            "related_cases": related_cases,
            "address_warning": address_warning,
        },
    )


@login_required
def case_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    page = selectors.case_page(request.actor, pk)
    context: dict[str, Any] = {
        "case": page.case,
        "scope": page.scope,
        "full": page.full,
        "can_change": page.can_change,
        "parties": page.parties,
        "incidents": page.incidents,
        # The PDFs (summary; chronology with a full view) are exports: not for read-only roles.
        "can_export": request.actor.policy.can(Action.EXPORT, page.case),
        # A summary written before the address warning existed is flagged to whoever may change it;
        # the patterns only, so the page stays within its query budget (the Sharing pages also
        # compare with the case's recorded addresses).
        "summary_address": (
            selectors.summary_address(page.case, with_case_addresses=False) if page.can_change else None
        ),
    }
    if page.full:
        context |= {
            "notes": page.notes,
            "documents": page.documents,
            "tasks": page.tasks,
            "status_changes": page.status_changes,
            # D.3: the last closure, and whether the victim was told (no extra query).
            "closure": next(
                (c for c in reversed(page.status_changes) if c.to_status == CaseStatus.CLOSED), None
            ),
            "has_victim": any(p.role == PartyRole.VICTIM for p in page.parties),
            "told_how": rules.VICTIM_TOLD_HOW,
            "repeat_victims": page.repeat_victims,
            "links": page.links,
            "note_form": forms.NoteForm(),
            "can_write": page.can_write,
            "agenda_items": page.agenda_items,
            "victim_schedules": page.victim_schedules,
            "early_interventions": page.early_interventions,
            "closure_surveys": selectors.closure_surveys(page.case) if not page.case.is_open else [],
        }
        # Sections other apps register (tools and powers, risk); cases imports neither app.
        context["sections"] = [
            {"title": s.title, "template": s.template, "context": c}
            for s in CASE_SECTIONS
            if (c := s.context(request.actor, page.case)) is not None
        ]
        if page.related is not None:
            context["related"] = page.related
    return render(request, "cases/case_detail.html", context)


@login_required
def case_victim_told(request: SignedInRequest, pk: int) -> HttpResponse:
    """D.3: record that the victim was told when and why their case closed."""
    case = selectors.case_get_visible(request.actor, pk, action=Action.CHANGE)
    if case.status != CaseStatus.CLOSED:
        raise Http404("The case is not closed.")
    form = forms.VictimToldForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.case_victim_told_of_closure(actor=request.actor, case=case, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Recorded that the victim was told the case has closed")
            return redirect("cases:case_detail", case.pk)
    return _form_page(
        request,
        form,
        title="Record that the victim was told the case has closed",
        caption=case.reference,
        back_url=reverse("cases:case_detail", args=[case.pk]),
        button="Save",
        hint="The victim should be told when and why their case is closed (ASB statutory guidance).",
    )


@login_required
def case_status(request: SignedInRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_visible(request.actor, pk, action=Action.CHANGE)
    form = forms.CaseStatusForm(
        _posted(request),
        from_status=case.status,
        record=case,
        versioned_fields=forms.CaseStatusForm.VERSIONED,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        answers = {name: form.cleaned_data[name] for name in ("to_status", "reason", "outcome")}
        try:
            with versioned_write(form):
                services.case_change_status(actor=request.actor, case=case, **answers)
        except EditConflictError as error:
            conflict = conflict_on(form, error.current)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Case {case.reference} is now {case.get_status_display().lower()}")
            return redirect("cases:case_detail", case.pk)
    return _form_page(
        request,
        form,
        conflict=conflict,
        title="Change the case status",
        caption=case.reference,
        back_url=reverse("cases:case_detail", args=[case.pk]),
        button="Save status",
        hint="Closing a case needs a reason and an outcome. Reopening a closed case needs a reason.",
    )


@login_required
@require_POST
def case_add_incident(request: SignedInRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_visible(request.actor, pk, action=Action.CHANGE)
    form = forms.CaseAddIncidentForm(request.POST)
    if not form.is_valid():
        raise Http404("No incident chosen.")
    incident = selectors.incident_get_visible(request.actor, form.cleaned_data["incident_id"])
    try:
        services.case_add_incident(actor=request.actor, case=case, incident=incident)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("cases:incident_detail", incident.pk)
    messages.success(request, f"{incident.reference} added to {case.reference}")
    return redirect("cases:case_detail", case.pk)


@login_required
@require_POST
def case_link(request: SignedInRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_visible(request.actor, pk, action=Action.CHANGE)
    form = forms.CaseLinkForm(request.POST)
    if not form.is_valid():
        raise Http404("No case chosen.")
    related = selectors.case_get_visible(request.actor, form.cleaned_data["related_case_id"])
    try:
        services.case_link(
            actor=request.actor,
            case=case,
            related_case=related,
            reason=form.cleaned_data["reason"] or "Possibly related",
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{case.reference} linked to {related.reference}")
    return redirect("cases:case_detail", case.pk)


@login_required
def case_task_new(request: SignedInRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_visible(request.actor, pk, action=Action.CHANGE)
    # Only staff who may see the case: a task given to someone who cannot open it is orphaned.
    owners = services.task_owner_choices(case)
    form = forms.TaskForm(_posted(request), owners=owners, initial={"owner": request.user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            services.task_create(actor=request.actor, case=case, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Task added")
            return redirect("cases:case_detail", case.pk)
    return _form_page(
        request,
        form,
        title="Add a task",
        caption=case.reference,
        back_url=reverse("cases:case_detail", args=[case.pk]),
        button="Add task",
    )


@login_required
def case_note_new(request: SignedInRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_visible(request.actor, pk)
    _deny_unless(can_contribute(request.actor, case))
    form = forms.NoteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.note_add(actor=request.actor, case=case, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Note added")
            return redirect("cases:case_detail", case.pk)
    return _form_page(
        request,
        form,
        title="Add a note",
        caption=case.reference,
        back_url=reverse("cases:case_detail", args=[case.pk]),
        button="Add note",
    )


@login_required
def case_document_new(request: SignedInRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_visible(request.actor, pk)
    _deny_unless(can_contribute(request.actor, case))
    form = forms.DocumentForm(_posted(request), request.FILES if request.method == "POST" else None)
    policy = config.upload_policy()
    refusal = upload_refusal(request) if request.method == "POST" else None
    if refusal:  # the file passed the limit while arriving and was not kept (core/uploads.py)
        form.is_valid()
        form.errors.pop("file", None)
        form.add_error("file", refusal)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.document_upload(
                actor=request.actor,
                case=case,
                file=upload,
                filename=upload.name,
                size_bytes=upload.size,
                title=form.cleaned_data["title"],
                visibility=form.cleaned_data["visibility"],
            )
        except ApplicationError as error:
            form.add_error("file" if error.field == "file" else error.field, error.message)
        else:
            messages.success(request, "Document uploaded")
            return redirect("cases:case_detail", case.pk)
    hint = f"Files must be smaller than {policy.max_bytes // (1024 * 1024)}MB and one of: " + ", ".join(
        e.lstrip(".").upper() for e in policy.allowed_extensions()
    )
    return _form_page(
        request,
        form,
        title="Upload evidence",
        caption=case.reference,
        multipart=True,
        hint=hint,
        back_url=reverse("cases:case_detail", args=[case.pk]),
        button="Upload",
    )


@login_required
def document_download(request: SignedInRequest, pk: int) -> FileResponse:
    document = selectors.document_get_visible(request.actor, pk)
    handle = services.document_open_for_download(actor=request.actor, document=document)
    return FileResponse(
        handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
    )


@login_required
def case_summary_change(request: SignedInRequest, pk: int) -> HttpResponse:
    """Change the summary; an address in it is warned about once, as when the case was opened."""
    case = selectors.case_get_visible(request.actor, pk, action=Action.CHANGE)
    form = _summary_form(case, _posted(request))
    conflict = None
    address_warning = ""
    if request.method == "POST" and form.is_valid():
        summary = form.cleaned_data["summary"]
        found = rules.address_in_text(summary, selectors.addresses_for_case(case))
        if found and request.POST.get("keep_summary") != summary:
            address_warning = found
        else:
            try:
                services.case_summary_change(
                    actor=request.actor, case=case, summary=summary, expected_version=form.expected_version
                )
            except EditConflictError as error:
                conflict = describe_conflict(form, error.current)
                assert isinstance(error.current, Case)
                form = _summary_form(error.current, None)
            except ApplicationError as error:
                form.add_application_error(error)
            else:
                messages.success(request, f"Summary of {case.reference} changed")
                return redirect("cases:case_detail", case.pk)
    if request.method != "POST":
        audit_viewed(actor=request.actor, target=case, justification="summary form")
    return render(
        request,
        "cases/case_summary_form.html",
        {"form": form, "case": case, "conflict": conflict, "address_warning": address_warning},
    )


def _summary_form(case: Case, data: Any) -> forms.CaseSummaryForm:
    return forms.CaseSummaryForm(
        data, initial={"summary": case.summary}, record=case, versioned_fields=("summary",)
    )


@login_required
def summaries_to_check(request: SignedInRequest) -> HttpResponse:
    """Your agency's case summaries that look like they hold an address (written before the warning)."""
    _require(request.actor, Action.CHANGE)
    found = selectors.summaries_with_addresses(request.actor)
    audit_listed(actor=request.actor, targets=[case for case, _ in found], justification="summaries to check")
    return render(request, "cases/summaries_to_check.html", {"found": found})
