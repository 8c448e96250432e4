"""ASB casework pages. Each view reads like a receipt: the form validates, the service decides,
the selectors (through the policy) decide what is shown; anything not visible is a 404."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from csphub.agencies.models import Agency
from csphub.agencies.policies import (
    Action,
    acting_membership,
    can,
    can_contribute,
    get_object_or_404_for,
    role_allows,
)
from csphub.agencies.selectors import agreements_in_force_for
from csphub.audit.services import audit_listed, audit_record, audit_viewed
from csphub.cases import config, forms, geo, selectors, services
from csphub.cases.models import AgendaItem, Incident, Panel, PanelMeeting, PartyRole, Task
from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import EditConflictError, describe_conflict
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.frontend import flows
from csphub.frontend.registry import CASE_SECTIONS
from csphub.people.models import PersonKind
from csphub.people.selectors import person_get_visible, person_list_visible_to
from csphub.people.services import address_create, person_create


def _deny_unless(allowed: bool) -> None:
    """For pages about one record: 404 rather than 403, so nobody learns the record exists."""
    if not allowed:
        raise Http404("No such page.")


def _require(user: Any, action: Action) -> None:
    """For list and create pages: a role without this action at all is refused (403)."""
    if not role_allows(user, action):
        raise PermissionDenied("Your role cannot do this.")


def _posted(request: HttpRequest) -> Any:
    """The POST data of a submission (even an empty one), or None for a GET."""
    return request.POST if request.method == "POST" else None


def _form_page(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    return render(request, "cases/form_page.html", {"form": form, **context})


# --------------------------------------------------------------------------------------------
# Incidents
# --------------------------------------------------------------------------------------------


@login_required
def incident_new(request: SignedInRequest) -> HttpResponse:
    _require(request.actor, Action.CREATE)
    victim = None
    victim_id = request.GET.get("victim") or request.POST.get("victim_id")
    if victim_id:
        victim = person_get_visible(request.actor, victim_id)
    form = forms.IncidentForm(flows.posted(request), initial={"victim_id": victim.pk if victim else None})

    def rows(form: forms.IncidentForm) -> list[flows.Row]:
        """The answers; a victim chosen from a person's page is named instead of the name fields."""
        if victim is None:
            return flows.answer_rows(form)
        answers = flows.answer_rows(form, exclude=("victim_given_name", "victim_family_name"))
        return [*answers[:8], flows.Row("Victim", victim.display_name), *answers[8:]]

    def done(incident: Incident) -> HttpResponse:
        messages.success(request, f"Incident {incident.reference} recorded")
        return redirect("cases:incident_detail", incident.pk)

    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: _record_incident(request.user, data, victim),
        done=done,
        question=flows.Page("cases/incident_form.html", {"victim": victim}),
        check=flows.Page(
            "cases/incident_check.html",
            {
                "heading": "Check the incident before you record it",
                "explain": "Once recorded, the incident can be corrected but not deleted; every change "
                "is kept in the audit trail.",
                "confirm_label": "Record incident",
            },
        ),
        rows=rows,
        on_error=lambda form, error: form.add_application_error(error),
    )


def _record_incident(user: Any, data: dict[str, Any], victim: Any) -> Incident:
    """One transaction: the new people and address are created with the incident or not at all."""
    from django.db import transaction

    with transaction.atomic():
        parties: list[tuple[Any, str]] = []
        if victim is not None:
            parties.append((victim, PartyRole.VICTIM))
        elif data["victim_given_name"] or data["victim_family_name"]:
            person = person_create(
                actor=user, given_name=data["victim_given_name"], family_name=data["victim_family_name"]
            )
            parties.append((person, PartyRole.VICTIM))
        if data["perpetrator_name"]:
            if data["perpetrator_is_group"]:
                perp = person_create(actor=user, kind=PersonKind.GROUP, known_as=data["perpetrator_name"])
            else:
                given, _, family = data["perpetrator_name"].strip().rpartition(" ")
                perp = person_create(actor=user, given_name=given, family_name=family or given)
            parties.append((perp, PartyRole.ALLEGED_PERPETRATOR))
        address = None
        if data["address_line_1"]:
            address = address_create(
                actor=user,
                line_1=data["address_line_1"],
                town=data["address_town"],
                postcode=data["address_postcode"],
                uprn=data["uprn"] or "",
            )
        return services.incident_record(
            actor=user,
            occurred_at=data["occurred_at"],
            reported_at=data["reported_at"],
            channel=data["channel"],
            asb_type=data["asb_type"],
            category=data["category"],
            description=data["description"],
            is_hate_motivated=data["is_hate_motivated"],
            police_reference=data["police_reference"],
            address=address,
            location_description=data["location_description"],
            longitude=data["longitude"],
            latitude=data["latitude"],
            uprn=data["uprn"] or "",
            parties=parties,
        )


@login_required
def incident_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    """Correct a recorded incident; the audit event lists which fields changed (never the values).

    The form carries the version it was read at: saving over a newer version is refused, shows
    what changed, and writes nothing (:mod:`csphub.core.concurrency`).
    """
    incident = selectors.incident_get_visible(request.actor, pk, action=Action.CHANGE)
    form = _incident_edit_form(incident, _posted(request))
    conflict = None
    if request.method == "POST" and form.is_valid():
        # Only what the user changed: the form shows times to the minute, so unchanged times must
        # not be written back (and reported as changed) with their seconds lost.
        values = {name: form.cleaned_data[name] for name in form.edited_fields}
        if "uprn" in values:
            values["uprn"] = values["uprn"] or ""
        try:
            services.incident_update(
                actor=request.user, incident=incident, expected_version=form.expected_version, **values
            )
        except EditConflictError as error:
            conflict = describe_conflict(form, error.current)
            assert isinstance(error.current, Incident)
            form = _incident_edit_form(error.current, None)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Incident {incident.reference} updated")
            return redirect("cases:incident_detail", incident.pk)
    elif request.method != "POST":
        audit_viewed(actor=request.actor, target=incident, justification="edit form")
    return render(
        request,
        "cases/form_page.html",
        {
            "form": form,
            "conflict": conflict,
            "title": f"Correct incident {incident.reference}",
            "back_url": reverse("cases:incident_detail", args=[incident.pk]),
            "button": "Save changes",
        },
    )


def _incident_edit_form(incident: Incident, data: Any) -> forms.IncidentEditForm:
    initial = {name: getattr(incident, name) for name in forms.IncidentEditForm.EDITABLE}
    for name in ("occurred_at", "reported_at"):  # as precise as the form shows them
        initial[name] = timezone.localtime(getattr(incident, name)).replace(second=0, microsecond=0)
    return forms.IncidentEditForm(
        data, initial=initial, record=incident, versioned_fields=forms.IncidentEditForm.EDITABLE
    )


@login_required
def incident_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    incident = selectors.incident_get_visible(request.actor, pk)
    audit_viewed(actor=request.actor, target=incident)
    people_query = request.GET.get("person_q", "").strip()
    people_results = (
        list(person_list_visible_to(request.actor, search=people_query)[:20])
        if len(people_query) >= 2
        else []
    )
    can_change = can(request.actor, Action.CHANGE, incident)
    return render(
        request,
        "cases/incident_detail.html",
        {
            "incident": incident,
            "parties": selectors.incident_parties(incident),
            "cases": selectors.case_list_visible_to(request.actor).filter(case_incidents__incident=incident),
            "related": selectors.related_records_for_incident(user=request.actor, incident=incident),
            "can_change": can_change,
            "people_query": people_query,
            "people_results": people_results,
            "party_form": forms.PartyAddForm(),
            "roles": PartyRole.choices,
        },
    )


@login_required
@require_POST
def incident_add_party(request: SignedInRequest, pk: int) -> HttpResponse:
    incident = selectors.incident_get_visible(request.actor, pk, action=Action.CHANGE)
    form = forms.PartyAddForm(request.POST)
    if form.is_valid():
        person = person_get_visible(request.actor, form.cleaned_data["person_id"])
        services.incident_party_add(
            actor=request.user, incident=incident, person=person, role=form.cleaned_data["role"]
        )
        messages.success(request, "Person added to the incident")
    return redirect("cases:incident_detail", incident.pk)


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
    audit_listed(actor=request.user, targets=rows[:page_size])
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
            "can_create": role_allows(request.actor, Action.CREATE),
        },
    )


@login_required
def case_export(request: SignedInRequest) -> HttpResponse:
    _require(request.actor, Action.EXPORT)
    qs, _, described = _filtered_cases(request, Action.EXPORT)
    body = services.case_export_csv(
        actor=request.user, cases=selectors.case_list_with_counts(qs), filters_description=described
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
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(actor=request.user, incidents=incidents, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Case {case.reference} opened")
            return redirect("cases:case_detail", case.pk)
    return render(
        request,
        "cases/case_open.html",
        {"form": form, "incidents": incidents, "related_cases": related_cases},
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
    }
    if page.full:
        context |= {
            "notes": page.notes,
            "documents": page.documents,
            "tasks": page.tasks,
            "status_changes": page.status_changes,
            "repeat_victims": page.repeat_victims,
            "links": page.links,
            "note_form": forms.NoteForm(),
            "can_write": page.can_write,
            "agenda_items": page.agenda_items,
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
def case_status(request: SignedInRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_visible(request.actor, pk, action=Action.CHANGE)
    form = forms.CaseStatusForm(_posted(request), from_status=case.status)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_change_status(actor=request.user, case=case, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Case {case.reference} is now {case.get_status_display().lower()}")
            return redirect("cases:case_detail", case.pk)
    return _form_page(
        request,
        form,
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
        services.case_add_incident(actor=request.user, case=case, incident=incident)
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
            actor=request.user,
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
    owners = services.users_of_agency(case.owning_agency).order_by("last_name", "first_name")
    form = forms.TaskForm(_posted(request), owners=owners, initial={"owner": request.user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            services.task_create(actor=request.user, case=case, **form.cleaned_data)
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
            services.note_add(actor=request.user, case=case, **form.cleaned_data)
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
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.document_upload(
                actor=request.user,
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
    handle = services.document_open_for_download(actor=request.user, document=document)
    return FileResponse(
        handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
    )


# --------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------


@login_required
def person_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    """Everything about one person that the user may see: cases, incidents, repeat-victim flag."""
    person = person_get_visible(request.actor, pk)
    audit_viewed(actor=request.actor, target=person)
    incidents = list(selectors.incidents_for_person(user=request.actor, person=person)[:200])
    roles: dict[int, list[str]] = {}
    for party in person.incident_parties.filter(incident__in=[i.pk for i in incidents]):
        roles.setdefault(party.incident_id, []).append(party.get_role_display())
    cases = list(selectors.cases_for_person(user=request.actor, person=person))
    case_roles: dict[int, list[str]] = {}
    for case_party in person.case_parties.filter(case__in=[c.pk for c in cases]):
        case_roles.setdefault(case_party.case_id, []).append(case_party.get_role_display())
    return render(
        request,
        "cases/person_detail.html",
        {
            "person": person,
            "incidents": [(i, roles.get(i.pk, [])) for i in incidents],
            "cases": [(c, case_roles.get(c.pk, [])) for c in cases],
            "repeat": selectors.repeat_victim_decision(user=request.actor, person=person),
            "rule": config.repeat_victim_rule(),
            "can_create": role_allows(request.actor, Action.CREATE),
        },
    )


# --------------------------------------------------------------------------------------------
# Tasks
# --------------------------------------------------------------------------------------------


@login_required
def my_tasks(request: SignedInRequest) -> HttpResponse:
    _require(request.actor, Action.VIEW)
    tasks = list(selectors.my_tasks(request.actor))
    audit_listed(actor=request.actor, targets=tasks)  # task titles may name people
    today = timezone.localdate()
    return render(request, "cases/my_tasks.html", {"tasks": tasks, "today": today})


@login_required
def overdue(request: SignedInRequest) -> HttpResponse:
    _require(request.actor, Action.VIEW)
    dashboard = selectors.overdue_dashboard(request.actor)
    audit_listed(actor=request.actor, targets=dashboard["tasks"])  # task titles may name people
    return render(request, "cases/overdue.html", dashboard)


@login_required
@require_POST
def task_complete(request: SignedInRequest, pk: int) -> HttpResponse:
    task = get_object_or_404_for(request.actor, Action.VIEW, Task, pk=pk)
    try:
        services.task_complete(actor=request.user, task=task)
    except (ApplicationError, PermissionDeniedError) as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Task marked as done")
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect("cases:my_tasks")


# --------------------------------------------------------------------------------------------
# Panels
# --------------------------------------------------------------------------------------------


@login_required
def panel_list(request: SignedInRequest) -> HttpResponse:
    _require(request.actor, Action.VIEW)
    from csphub.agencies.policies import visible_to

    panels = visible_to(request.actor, Action.VIEW, Panel).select_related("agreement")
    return render(
        request,
        "cases/panel_list.html",
        {"panels": panels, "can_create": role_allows(request.actor, Action.CREATE)},
    )


@login_required
def panel_new(request: SignedInRequest) -> HttpResponse:
    _require(request.actor, Action.CREATE)
    membership = acting_membership(request.actor)
    assert membership is not None
    form = forms.PanelForm(_posted(request), agreements=agreements_in_force_for(membership.agency))
    if request.method == "POST" and form.is_valid():
        try:
            panel = services.panel_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            return redirect("cases:panel_detail", panel.pk)
    return _form_page(
        request, form, title="Set up a panel", back_url=reverse("cases:panel_list"), button="Set up panel"
    )


@login_required
def panel_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    panel = get_object_or_404_for(request.actor, Action.VIEW, Panel, pk=pk)
    return render(
        request,
        "cases/panel_detail.html",
        {
            "panel": panel,
            "meetings": panel.meetings.all(),
            "can_change": can(request.actor, Action.CHANGE, panel),
            "parties": panel.agreement.parties.all(),
        },
    )


@login_required
def meeting_new(request: SignedInRequest, pk: int) -> HttpResponse:
    panel = get_object_or_404_for(request.actor, Action.CHANGE, Panel, pk=pk)
    form = forms.MeetingForm(_posted(request), agencies=panel.agreement.parties.all())
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.panel_meeting_schedule(actor=request.user, panel=panel, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            return redirect("cases:meeting_detail", meeting.pk)
    return _form_page(
        request,
        form,
        title="Arrange a meeting",
        caption=panel.name,
        back_url=reverse("cases:panel_detail", args=[panel.pk]),
        button="Arrange meeting",
    )


@login_required
def meeting_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404_for(
        request.actor, Action.VIEW, PanelMeeting.objects.select_related("panel"), pk=pk
    )
    can_change = can(request.actor, Action.CHANGE, meeting.panel)
    agenda_form = forms.AgendaAddForm(request.POST if "add_agenda" in request.POST else None)
    minutes_form = forms.MinutesForm(
        request.POST if "save_minutes" in request.POST else None, initial={"minutes": meeting.minutes}
    )
    if request.method == "POST":
        _deny_unless(can_change)
        if "add_agenda" in request.POST and agenda_form.is_valid():
            case = selectors.case_get_visible(request.actor, agenda_form.cleaned_data["case_reference"])
            try:
                services.panel_agenda_add(
                    actor=request.user, meeting=meeting, case=case, reason=agenda_form.cleaned_data["reason"]
                )
            except (ApplicationError, PermissionDeniedError) as error:
                agenda_form.add_application_error(error)
            else:
                messages.success(
                    request,
                    f"{case.reference} added to the agenda and its summary shared "
                    f"with the attending agencies under {meeting.panel.agreement.reference}",
                )
                return redirect("cases:meeting_detail", meeting.pk)
        if "save_minutes" in request.POST and minutes_form.is_valid():
            services.panel_minutes_record(actor=request.user, meeting=meeting, **minutes_form.cleaned_data)
            messages.success(request, "Minutes saved")
            return redirect("cases:meeting_detail", meeting.pk)
    items = list(meeting.agenda_items.select_related("case"))
    return render(
        request,
        "cases/meeting_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "can_change": can_change,
            "agenda_form": agenda_form,
            "minutes_form": minutes_form,
            "attending": meeting.attending_agencies.all(),
        },
    )


@login_required
def agenda_decision(request: SignedInRequest, pk: int) -> HttpResponse:
    item = get_object_or_404_for(
        request.actor, Action.CHANGE, AgendaItem.objects.select_related("meeting__panel", "case"), pk=pk
    )
    agency_ids = [*item.meeting.attending_agencies.values_list("pk", flat=True), item.case.owning_agency_id]
    from django.contrib.auth import get_user_model

    owners = (
        get_user_model()
        .objects.filter(
            memberships__agency__in=Agency.objects.filter(pk__in=agency_ids), memberships__is_active=True
        )
        .distinct()
        .order_by("last_name", "first_name")
    )
    form = forms.DecisionForm(_posted(request), owners=owners, initial={"decision": item.decision})
    if request.method == "POST" and form.is_valid():
        try:
            services.panel_decision_record(actor=request.user, item=item, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Decision recorded")
            return redirect("cases:meeting_detail", item.meeting_id)
    return _form_page(
        request,
        form,
        title="Record the panel's decision",
        caption=item.case.reference,
        back_url=reverse("cases:meeting_detail", args=[item.meeting_id]),
        button="Save decision",
    )


# --------------------------------------------------------------------------------------------
# Search and map
# --------------------------------------------------------------------------------------------


@login_required
def search(request: SignedInRequest) -> HttpResponse:
    _require(request.actor, Action.VIEW)
    form = forms.SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = selectors.search(user=request.actor, query=form.cleaned_data["q"])
        # The query may contain a name: record that a search happened and how much it showed, not
        # what; and, as every list does, each record it showed.
        audit_listed(actor=request.actor, targets=[*results.cases, *results.people, *results.addresses])
        audit_record(
            actor=request.actor,
            verb="search.performed",
            justification=f"{len(results.cases)} cases, {len(results.people)} people, "
            f"{len(results.addresses)} addresses shown",
        )
    return render(request, "cases/search.html", {"form": form, "results": results})


def _project(
    lon: float, lat: float, bbox: tuple[float, float, float, float], width: int, height: int
) -> tuple[float, float]:
    min_x, min_y, max_x, max_y = bbox
    return ((lon - min_x) / (max_x - min_x) * width, (max_y - lat) / (max_y - min_y) * height)


def map_tile_url() -> str:
    """The deployment's XYZ tile URL template, or "" when it has none (or one that is not http(s))."""
    url = str(getattr(settings, "CSPHUB_MAP_TILE_URL", "") or "").strip()
    return url if map_tile_origin(url) else ""


def map_tile_origin(url: str) -> str:
    """The CSP source for a tile URL template: its scheme and host (a ``{s}`` subdomain
    placeholder becomes ``*``), e.g. ``https://*.tile.example.org``; "" if it is not a http(s) URL."""
    parts = urlsplit(url.strip())
    host = parts.netloc.replace("{s}", "*")
    if parts.scheme not in {"http", "https"} or not host or "{" in host or "@" in host:
        return ""
    return f"{parts.scheme}://{host}"


def _tile_host_in_img_src(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Add the tile server's origin to img-src for this view's responses, and nothing else; with
    no tile URL configured the site-wide policy is left exactly as it is."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        origin = map_tile_origin(map_tile_url())
        if not origin:
            return view(request, *args, **kwargs)
        return csp_update({"img-src": [origin]})(view)(request, *args, **kwargs)

    return wrapped


def _area_feature(area: geo.Area, kind: str) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"code": area.code, "name": area.name, "kind": kind},
        "geometry": {
            "type": "MultiPolygon",
            "coordinates": [
                [[[round(x, 6), round(y, 6)] for x, y in ring] for ring in polygon]
                for polygon in area.polygons
            ],
        },
    }


def _map_data(
    *, points: list[dict[str, Any]], lsoas: Sequence[geo.Area], districts: Sequence[geo.Area]
) -> dict[str, Any]:
    """What the tiled map draws: the same incidents as the SVG (no more fields than it shows)
    and the same outlines, as GeoJSON in WGS84."""
    return {
        "tiles": {
            "url": map_tile_url(),
            "attribution": str(getattr(settings, "CSPHUB_MAP_TILE_ATTRIBUTION", "") or ""),
        },
        "areas": {
            "type": "FeatureCollection",
            "features": [_area_feature(a, "lsoa") for a in lsoas]
            + [_area_feature(a, "district") for a in districts],
        },
        "incidents": [
            {
                "reference": p["incident"].reference,
                "category": p["incident"].get_category_display(),
                "type": p["incident"].asb_type,
                "type_label": p["incident"].get_asb_type_display(),
                "date": p["incident"].occurred_at.date().isoformat(),
                "lon": round(p["incident"].longitude, 5),
                "lat": round(p["incident"].latitude, 5),
                "url": reverse("cases:incident_detail", args=[p["incident"].pk]),
            }
            for p in points
        ],
    }


@login_required
@_tile_host_in_img_src
def incident_map(request: SignedInRequest) -> HttpResponse:
    """Visible incidents over the district outline and LSOA boundaries, drawn as inline SVG on
    the server: no tiles, no script, works offline. When the deployment has a tile server
    (``CSPHUB_MAP_TILE_URL``) the page also carries the same data as JSON and loads Leaflet and
    ``cases/map.js``, which draw a tiled map and hide the SVG once drawn."""
    _require(request.actor, Action.VIEW)
    try:
        days = max(1, min(3650, int(request.GET.get("days", "365"))))
    except ValueError:
        days = 365
    since = timezone.now() - dt.timedelta(days=days)
    incidents = selectors.map_incidents(user=request.actor, since=since)
    lsoas = geo.load_areas(config.lsoa_geojson_path())
    districts = geo.load_areas(config.district_geojson_path(), "lad_code", "lad_name")
    outline = districts or lsoas
    width = 800
    shapes: list[dict[str, Any]] = []
    points: list[dict[str, Any]] = []
    height = 800
    if outline:
        bbox = (
            min(a.bbox[0] for a in outline),
            min(a.bbox[1] for a in outline),
            max(a.bbox[2] for a in outline),
            max(a.bbox[3] for a in outline),
        )
        # Equirectangular with cos(latitude) so the district is not stretched east-west.
        mid_lat = (bbox[1] + bbox[3]) / 2
        aspect = (bbox[3] - bbox[1]) / ((bbox[2] - bbox[0]) * math.cos(math.radians(mid_lat)))
        height = max(200, round(width * aspect))

        def path(area: geo.Area) -> str:
            parts = []
            for polygon in area.polygons:
                for ring in polygon:
                    coords = [_project(x, y, bbox, width, height) for x, y in ring]
                    parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + "Z")
            return " ".join(parts)

        shapes = [{"d": path(a), "code": a.code, "name": a.name, "kind": "lsoa"} for a in lsoas]
        shapes += [{"d": path(a), "code": a.code, "name": a.name, "kind": "district"} for a in districts]
        for incident in incidents:
            x, y = _project(incident.longitude, incident.latitude, bbox, width, height)  # type: ignore[arg-type]
            if 0 <= x <= width and 0 <= y <= height:
                points.append({"x": f"{x:.1f}", "y": f"{y:.1f}", "incident": incident})
    audit_record(
        actor=request.actor, verb="incident.mapped", justification=f"{len(points)} incidents, {days} days"
    )
    return render(
        request,
        "cases/map.html",
        {
            "shapes": shapes,
            "points": points,
            "width": width,
            "height": height,
            "days": days,
            "outside": len(incidents) - len(points),
            # Only with a tile server: without one the page references no script beyond the base.
            "map_data": _map_data(points=points, lsoas=lsoas, districts=districts)
            if map_tile_url()
            else None,
        },
    )


# --------------------------------------------------------------------------------------------
# Home panel
# --------------------------------------------------------------------------------------------


def home_context(user: Any) -> dict[str, Any] | None:
    if not role_allows(user, Action.VIEW):
        return None
    today = timezone.localdate()
    tasks = list(selectors.my_tasks(user)[:10])
    audit_listed(actor=user, targets=tasks)  # the home page shows their titles
    return {
        "tasks": tasks,
        "overdue": sum(1 for t in tasks if t.due_on < today),
        "open_cases": selectors.case_list_visible_to(user, status="open", officer=user).count(),
        "today": today,
    }
