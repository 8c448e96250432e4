"""Staff: an area's procedure and threshold rules (coordinators and team managers of the managing agency)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from csphub.agencies.models import Agency
from csphub.casereviews import forms, selectors, services
from csphub.casereviews.views._common import (
    _change_journey,
    _require_staff,
    _versioned_form,
)
from csphub.core.actor import SignedInRequest

# What the procedure form edits, and a conflict names (core.concurrency).
AREA_VERSIONED = (
    "managing_agency",
    "contact_team",
    "contact_email",
    "contact_phone",
    "default_spoc",
    "appeal_body_name",
    "appeal_body_contact",
    *forms.AreaConfigureForm.LEVEL_FIELDS,
)


def _configurable_area(request: SignedInRequest, slug: str) -> Any:
    """The area, or 403: its procedure is public, only who may change it is restricted."""
    _require_staff(request)
    area = selectors.area_get_public(slug)
    if area is None:
        raise Http404("No such area.")
    if not services.area_can_configure(request.actor, area):
        raise PermissionDenied
    return area


@login_required
def areas(request: SignedInRequest) -> HttpResponse:
    """The procedures and threshold rule versions the user may change (none for most staff)."""
    _require_staff(request)
    mine = [a for a in selectors.area_list_public() if services.area_can_configure(request.actor, a)]
    return render(
        request,
        "casereviews/staff/areas.html",
        {
            "areas": [
                (
                    area,
                    list(area.relevant_bodies.all()),
                    list(area.rule_sets.order_by("-effective_from", "-id")),
                )
                for area in mine
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def area_change(request: SignedInRequest, area: str) -> HttpResponse:
    the_area = _configurable_area(request, area)
    data = request.POST or None
    managing_pk = request.POST.get("managing_agency") if request.method == "POST" else None
    managing = Agency.objects.filter(pk=managing_pk).first() if managing_pk else None
    form = _versioned_form(
        forms.AreaConfigureForm,
        the_area,
        data,
        versioned_fields=AREA_VERSIONED,
        spoc_queryset=services.spoc_candidates(managing or the_area.managing_agency),
        initial={
            "managing_agency": the_area.managing_agency,
            "relevant_bodies": list(the_area.relevant_bodies.all()),
            "contact_team": the_area.contact_team,
            "contact_email": the_area.contact_email,
            "contact_phone": the_area.contact_phone,
            "default_spoc": the_area.default_spoc,
            "appeal_body_name": the_area.appeal_body_name,
            "appeal_body_contact": the_area.appeal_body_contact,
            **{name: getattr(the_area, name) for name in forms.AreaConfigureForm.LEVEL_FIELDS},
        },
    )

    def perform(data: dict[str, Any]) -> Any:
        return services.area_configure(
            actor=request.actor,
            name=the_area.name,
            slug=the_area.slug,
            sharing_agreement=the_area.sharing_agreement,
            **form.service_kwargs(),
        )

    def done(result: Any) -> HttpResponse:
        messages.success(request, f"{the_area.name}'s Case Review procedure saved.")
        return redirect("casereviews:areas")

    warning = ""
    if form.is_bound and form.is_valid() and form.cleaned_data["managing_agency"] != the_area.managing_agency:
        warning = (
            f"{form.cleaned_data['managing_agency']} will run the procedure and own new applications. "
            "You will no longer be able to change this area's procedure unless you work there."
        )
    return _change_journey(
        request,
        form,
        perform=perform,
        done=done,
        question={"heading": f"Change {the_area.name}'s Case Review procedure", "caption": the_area.name},
        check={
            "heading": f"Check the changes to {the_area.name}'s procedure",
            "caption": the_area.name,
            "warning": warning,
            "explain": "The new service levels apply to every open application's clocks from now on.",
            "confirm_label": "Save the procedure",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def rule_set_new(request: SignedInRequest, area: str) -> HttpResponse:
    the_area = _configurable_area(request, area)
    current = services.policy_for(the_area, on=timezone.localdate())
    form = forms.RuleSetForm(
        request.POST or None,
        initial={
            "effective_from": timezone.localdate(),
            "qualifying_complaints_required": current.qualifying_complaints_required,
            "count_same_incident_once": current.count_same_incident_once,
            "distinct_complainants_required": current.distinct_complainants_required,
            "hate_incident_meets_threshold": current.hate_incident_meets_threshold,
        },
    )

    def perform(data: dict[str, Any]) -> Any:
        return services.rule_set_add(
            actor=request.actor,
            area=the_area,
            policy=form.policy(),
            pcc_consulted_on=data.get("pcc_consulted_on"),
            housing_consulted_on=data.get("housing_consulted_on"),
        )

    def done(result: Any) -> HttpResponse:
        messages.success(request, f"Threshold rules version '{form.cleaned_data['version']}' added.")
        return redirect("casereviews:areas")

    statutory = (
        "Whatever these rules say, three or more qualifying complaints always meet the threshold "
        "(s.104(4)). Local rules can only add ways to meet it: a lower number, different people "
        "complaining, or a hate incident. They can never narrow the statutory test."
    )
    return _change_journey(
        request,
        form,
        perform=perform,
        done=done,
        question={
            "heading": f"Add a version of {the_area.name}'s threshold rules",
            "caption": the_area.name,
            "intro": statutory,
            "current": current,
        },
        check={
            "heading": "Check the new threshold rules",
            "caption": the_area.name,
            "explain": statutory,
            "warning": (
                "A version cannot be changed or removed once added. Threshold decisions made from its "
                "date use it and record its label; earlier decisions keep the version they were made under."
            ),
            "confirm_label": "Add this version",
        },
    )
