"""Panel pages: panels, meetings, the agenda and its decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.models import Agency
from csphub.agencies.policies import (
    Action,
    acting_membership,
    can,
    get_object_or_404_for,
    role_allows,
    visible_to,
)
from csphub.agencies.selectors import agreements_in_force_for
from csphub.audit.services import audit_listed
from csphub.cases import forms, rules, selectors, services
from csphub.cases.models import AgendaItem, Case, Panel, PanelMeeting
from csphub.cases.views._common import _deny_unless, _form_page, _posted, _require
from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import EditConflictError, describe_conflict, versioned_write
from csphub.core.errors import ApplicationError, PermissionDeniedError

# --------------------------------------------------------------------------------------------
# Panels
# --------------------------------------------------------------------------------------------


@login_required
def panel_list(request: SignedInRequest) -> HttpResponse:
    _require(request.actor, Action.VIEW)
    panels = visible_to(request.actor, Action.VIEW, Panel).select_related("agreement")
    # Meetings of other agencies' panels that the actor's agency attends (newest first).
    attending = (
        visible_to(request.actor, Action.VIEW, PanelMeeting)
        .exclude(panel__in=panels.values("pk"))
        .select_related("panel", "panel__owning_agency")[:50]
    )
    return render(
        request,
        "cases/panel_list.html",
        {"panels": panels, "attending": attending, "can_create": role_allows(request.actor, Action.CREATE)},
    )


@login_required
def panel_new(request: SignedInRequest) -> HttpResponse:
    _require(request.actor, Action.CREATE)
    membership = acting_membership(request.actor)
    assert membership is not None
    form = forms.PanelForm(_posted(request), agreements=agreements_in_force_for(membership.agency))
    if request.method == "POST" and form.is_valid():
        try:
            panel = services.panel_create(actor=request.actor, **form.cleaned_data)
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
            meeting = services.panel_meeting_schedule(actor=request.actor, panel=panel, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(
                request, f"Meeting arranged for {timezone.localtime(meeting.held_at):%d/%m/%Y at %H:%M}"
            )
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
    minutes_form = _minutes_form(meeting, request.POST if "save_minutes" in request.POST else None)
    conflict = None
    if request.method == "POST":
        _deny_unless(can_change)
        if "add_agenda" in request.POST and agenda_form.is_valid():
            case = selectors.case_get_visible(request.actor, agenda_form.cleaned_data["case_reference"])
            reason = agenda_form.cleaned_data["reason"]
            # The reason is shown to the attending partners: warn once about an address in it.
            address_warning = rules.address_in_text(
                reason, selectors.addresses_for_incidents(case.incidents.all())
            )
            if address_warning and request.POST.get("keep_reason") != reason:
                return _meeting_page(request, meeting, can_change, agenda_form, minutes_form, address_warning)
            try:
                services.panel_agenda_add(
                    actor=request.actor, meeting=meeting, case=case, reason=agenda_form.cleaned_data["reason"]
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
            try:
                with versioned_write(minutes_form):
                    services.panel_minutes_record(
                        actor=request.actor, meeting=meeting, minutes=minutes_form.cleaned_data["minutes"]
                    )
            except EditConflictError as error:
                # Show the minutes as they are now; what this user typed is listed in the message.
                conflict = describe_conflict(minutes_form, error.current)
                assert isinstance(error.current, PanelMeeting)
                minutes_form = _minutes_form(error.current, None)
            else:
                messages.success(request, "Minutes saved")
                return redirect("cases:meeting_detail", meeting.pk)
    return _meeting_page(request, meeting, can_change, agenda_form, minutes_form, conflict=conflict)


def _meeting_page(
    request: SignedInRequest,
    meeting: PanelMeeting,
    can_change: bool,
    agenda_form: Any,
    minutes_form: Any,
    address_warning: str | None = None,
    conflict: Any = None,
) -> HttpResponse:
    items = list(meeting.agenda_items.select_related("case"))
    # A partner attending sees each case's summary while it is shared; a lapsed share hides the link.
    visible_cases = set(
        visible_to(request.actor, Action.VIEW, Case)
        .filter(pk__in=[item.case_id for item in items])
        .values_list("pk", flat=True)
    )
    # The agenda shows each case: "who has seen this person" includes those at the meeting's page.
    audit_listed(actor=request.actor, targets=[item.case for item in items], justification="panel agenda")
    return render(
        request,
        "cases/meeting_detail.html",
        {
            "meeting": meeting,
            "items": items,
            "visible_cases": visible_cases,
            "can_view_panel": can(request.actor, Action.VIEW, meeting.panel),
            "can_change": can_change,
            "can_export": role_allows(request.actor, Action.EXPORT),
            "agenda_form": agenda_form,
            "minutes_form": minutes_form,
            "conflict": conflict,
            "address_warning": address_warning,
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
            is_active=True,  # a deactivated account is not given actions
            memberships__agency__in=Agency.objects.filter(pk__in=agency_ids),
            memberships__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )
    form = _decision_form(item, owners, _posted(request))
    conflict = None
    if request.method == "POST" and form.is_valid():
        answers = {name: form.cleaned_data[name] for name in forms.DecisionForm.base_fields}
        try:
            with versioned_write(form):
                services.panel_decision_record(actor=request.actor, item=item, **answers)
        except EditConflictError as error:
            # Show the decision as it is now; what this user entered is listed in the message.
            conflict = describe_conflict(form, error.current)
            assert isinstance(error.current, AgendaItem)
            form = _decision_form(error.current, owners, None)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Decision recorded")
            return redirect("cases:meeting_detail", item.meeting_id)
    return _form_page(
        request,
        form,
        conflict=conflict,
        title="Record the panel's decision",
        caption=item.case.reference,
        back_url=reverse("cases:meeting_detail", args=[item.meeting_id]),
        button="Save decision",
    )


def _minutes_form(meeting: PanelMeeting, data: Any) -> forms.MinutesForm:
    return forms.MinutesForm(
        data,
        initial={"minutes": meeting.minutes},
        record=meeting,
        versioned_fields=forms.MinutesForm.VERSIONED,
    )


def _decision_form(item: AgendaItem, owners: Any, data: Any) -> forms.DecisionForm:
    return forms.DecisionForm(
        data,
        owners=owners,
        initial={"decision": item.decision},
        record=item,
        versioned_fields=forms.DecisionForm.VERSIONED,
    )
