"""Incident pages: record, edit, view, and add the people involved."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from csphub.agencies.policies import (
    Action,
    can,
)
from csphub.audit.services import audit_viewed
from csphub.cases import forms, places, selectors, services
from csphub.cases.models import Incident, PartyRole
from csphub.cases.views._common import _posted, _require
from csphub.core.actor import ActorOrUser, SignedInRequest
from csphub.core.concurrency import EditConflictError, describe_conflict
from csphub.core.errors import ApplicationError
from csphub.frontend import flows
from csphub.people.models import PersonKind
from csphub.people.selectors import person_get_visible, person_list_visible_to
from csphub.people.services import address_create, person_create

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
        perform=lambda data: _record_incident(request.actor, data, victim),
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


def _record_incident(user: ActorOrUser, data: dict[str, Any], victim: Any) -> Incident:
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
        given, family = data["perpetrator_given_name"], data["perpetrator_family_name"]
        known_as = data["perpetrator_known_as"]
        if data["perpetrator_is_group"]:
            perp = person_create(actor=user, kind=PersonKind.GROUP, known_as=known_as)
            parties.append((perp, PartyRole.ALLEGED_PERPETRATOR))
        elif given or family or known_as:
            perp = person_create(actor=user, given_name=given, family_name=family, known_as=known_as)
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
                actor=request.actor, incident=incident, expected_version=form.expected_version, **values
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


def _ward_of(incident: Any) -> str:
    """The ward an incident is in, from the national reference for its LSOA (named as on the map;
    "" without an LSOA or a point): a caseworker reads a place, never the LSOA code the analytics use."""
    return places.ward_at(
        lsoa_code=incident.lsoa_code, longitude=incident.longitude, latitude=incident.latitude
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
            "ward": _ward_of(incident),
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
            actor=request.actor, incident=incident, person=person, role=form.cleaned_data["role"]
        )
        messages.success(request, "Person added to the incident")
    return redirect("cases:incident_detail", incident.pk)
