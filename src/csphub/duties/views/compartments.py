"""Who may open each restricted register: an administrator gives and ends access for the staff of
their own agency. Administrators never open the registers themselves (the policy sees to that)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from csphub.agencies.policies import Compartment
from csphub.audit.services import audit_listed
from csphub.core.actor import SignedInRequest
from csphub.core.errors import ApplicationError
from csphub.duties.forms.compartments import MemberAddForm, MemberEndForm
from csphub.duties.models import CompartmentMember
from csphub.duties.selectors import compartments as selectors
from csphub.duties.services import compartments as services
from csphub.frontend import flows

CAPTION = "Restricted registers"


def _manager(request: SignedInRequest) -> None:
    if not selectors.may_manage(request.actor) or request.actor.membership is None:
        raise PermissionDenied


@login_required
def compartment_list(request: SignedInRequest) -> HttpResponse:
    _manager(request)
    groups = selectors.members_by_compartment(request.actor)
    audit_listed(actor=request.actor, targets=[m for _, _, members in groups for m in members])
    return render(request, "duties/compartments/list.html", {"groups": groups})


@login_required
def compartment_member_add(request: SignedInRequest) -> HttpResponse:
    _manager(request)
    memberships = selectors.eligible_users(request.actor)
    back = reverse("duties:compartment_list")

    def perform(data: dict[str, Any]) -> CompartmentMember:
        membership = next((m for m in memberships if m.pk == data["membership"]), None)
        if membership is None:
            raise ApplicationError("Select a member of staff of your agency", field="membership")
        return services.compartment_member_add(
            actor=request.actor,
            compartment=Compartment(data["compartment"]),
            user=membership.user,
            agency=membership.agency,
            role=data["role"],
        )

    def done(member: CompartmentMember) -> HttpResponse:
        messages.success(
            request,
            f"{member.user.get_full_name() or member.user.username} can now open "
            f"{member.get_compartment_display()}",
        )
        return redirect(back)

    page = {"caption": CAPTION, "back_url": back}
    return flows.question_check_confirm(
        request,
        MemberAddForm(
            flows.posted(request),
            memberships=memberships,
            initial={"compartment": request.GET.get("register", "")},
        ),
        perform=perform,
        done=done,
        question=flows.Page(
            "duties/prevent/question.html", {**page, "heading": "Give access to a restricted register"}
        ),
        check=flows.Page(
            "duties/prevent/check.html",
            {
                **page,
                "heading": "Check your answers",
                "confirm_label": "Give access",
                "explain": "They will see every record in the register that the register shares with "
                "their agency. Giving access is recorded in the audit trail.",
            },
        ),
    )


@login_required
def compartment_member_end(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    member = selectors.member_get(request.actor, pk)
    back = reverse("duties:compartment_list")
    name = member.user.get_full_name() or member.user.username
    page = {"caption": CAPTION, "back_url": back}

    def done(_: Any) -> HttpResponse:
        messages.success(request, f"{name} can no longer open {member.get_compartment_display()}")
        return redirect(back)

    return flows.question_check_confirm(
        request,
        MemberEndForm(flows.posted(request)),
        perform=lambda data: services.compartment_member_end(actor=request.actor, member=member, **data),
        done=done,
        question=flows.Page(
            "duties/prevent/question.html",
            {
                **page,
                "heading": f"End {name}'s access to {member.get_compartment_display()}",
            },
        ),
        check=flows.Page(
            "duties/prevent/check.html",
            {**page, "heading": "Check your answers", "confirm_label": "End their access"},
        ),
    )
