"""The victim's single point of contact on a case: the update schedule agreed with the victim, each
update given (and the consultation on the action plan), and the satisfaction question at closure."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from csphub.agencies.policies import acting_membership, can_contribute
from csphub.audit.services import audit_listed, audit_viewed
from csphub.cases import forms, selectors, services
from csphub.cases.models import Case, CaseStatus, VictimContact
from csphub.cases.views._common import _deny_unless, _form_page, _posted
from csphub.core.actor import SignedInRequest
from csphub.core.errors import ApplicationError


def _case_for_victim_work(request: SignedInRequest, pk: int) -> Case:
    case = selectors.case_get_visible(request.actor, pk)
    _deny_unless(can_contribute(request.actor, case))
    # The pages name the case's victims (security review finding 8): "who has seen this person".
    audit_viewed(actor=request.actor, target=case, justification="victim contact")
    audit_listed(actor=request.actor, targets=services.case_victims(case))
    return case


def _pick(options: list, value: str) -> object | None:  # type: ignore[type-arg]
    return next((o for o in options if str(o.pk) == value), None)


@login_required
def victim_contact(request: SignedInRequest, pk: int) -> HttpResponse:
    """Agree (or change) who keeps a victim updated and how often."""
    case = _case_for_victim_work(request, pk)
    victims = services.case_victims(case)
    membership = acting_membership(request.actor)
    officers = list(
        get_user_model()
        .objects.filter(
            is_active=True,  # a deactivated account cannot keep anyone updated
            memberships__agency=membership.agency,  # type: ignore[union-attr]
            memberships__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )
    initial = {"spoc": str(request.user.pk)}
    if len(victims) == 1:
        initial["victim"] = str(victims[0].pk)
    form = forms.VictimContactForm(_posted(request), victims=victims, officers=officers, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.victim_contact_agree(
                actor=request.actor,
                case=case,
                victim=_pick(victims, data["victim"]),
                spoc=_pick(officers, data["spoc"]),
                agreed_on=data["agreed_on"],
                update_every_days=data["update_every_days"],
                method=data["method"],
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "Update schedule saved")
            return redirect("cases:case_detail", case.pk)
    return _form_page(
        request,
        form,
        title="Agree how to keep the victim updated",
        caption=case.reference,
        back_url=reverse("cases:case_detail", args=[case.pk]),
        button="Save schedule",
        hint="Agree with the victim how often they will hear from their single point of contact, and how.",
    )


@login_required
def victim_update(request: SignedInRequest, pk: int, contact_pk: int) -> HttpResponse:
    """Record an update given to the victim (and, if it was one, the action plan consultation)."""
    case = _case_for_victim_work(request, pk)
    contact = get_object_or_404(VictimContact.objects.select_related("victim"), pk=contact_pk, case=case)
    form = forms.VictimUpdateForm(_posted(request), initial={"method": contact.method})
    if request.method == "POST" and form.is_valid():
        try:
            services.victim_update_record(actor=request.actor, contact=contact, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, f"Update to {contact.victim.display_name} recorded")
            return redirect("cases:case_detail", case.pk)
    return _form_page(
        request,
        form,
        title=f"Record an update to {contact.victim.display_name}",
        caption=case.reference,
        back_url=reverse("cases:case_detail", args=[case.pk]),
        button="Save update",
    )


@login_required
def closure_survey(request: SignedInRequest, pk: int) -> HttpResponse:
    """The optional satisfaction question, once the case is closed."""
    case = _case_for_victim_work(request, pk)
    if case.status != CaseStatus.CLOSED:
        raise Http404("The case is not closed.")
    answered = {s.victim_id for s in selectors.closure_surveys(case)}
    victims = [v for v in services.case_victims(case) if v.pk not in answered]
    form = forms.ClosureSurveyForm(
        _posted(request), victims=victims, initial={"victim": str(victims[0].pk)} if len(victims) == 1 else {}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.closure_survey_record(
                actor=request.actor,
                case=case,
                victim=_pick(victims, data["victim"]),
                answer=data["answer"],
                comments=data["comments"],
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, "The victim's answer is recorded")
            return redirect("cases:case_detail", case.pk)
    return _form_page(
        request,
        form,
        title="Ask the victim how satisfied they are",
        caption=case.reference,
        back_url=reverse("cases:case_detail", args=[case.pk]),
        button="Save answer",
    )
