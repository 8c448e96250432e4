"""Early intervention on a case: record one (question → check answers → confirm), record its
outcome (the same journey, versioned). The case page lists them (``cases/_early_interventions.html``,
from ``selectors.case_page``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from csphub.agencies.policies import can_contribute
from csphub.audit.services import audit_listed, audit_viewed
from csphub.cases import forms, selectors, services
from csphub.cases.models import Case, EarlyIntervention
from csphub.cases.views._common import _deny_unless
from csphub.core.actor import SignedInRequest
from csphub.frontend import flows

GUIDANCE = (
    "The statutory guidance on the 2014 Act's powers expects early and informal steps, such as a "
    "warning letter, an acceptable behaviour contract, mediation, a restorative approach or "
    "support, before or alongside the formal powers where they are proportionate."
)


def _case_for_intervention_work(request: SignedInRequest, pk: int) -> Case:
    """The case, for a writer who sees it in full (its agency, or a partner with a full share);
    404 for anyone else, so nobody learns the case exists."""
    case = selectors.case_get_visible(request.actor, pk)
    _deny_unless(can_contribute(request.actor, case))
    return case


def _people(case: Case) -> list[tuple[Any, str]]:
    """The case's people, each once, with their role(s) on the case."""
    roles: dict[int, tuple[Any, list[str]]] = {}
    for party in selectors.case_parties(case):
        _person, labels = roles.setdefault(party.person_id, (party.person, []))
        labels.append(party.get_role_display().lower())
    return [(person, f"{person.display_name} ({', '.join(labels)})") for person, labels in roles.values()]


def _seen(request: SignedInRequest, case: Case, people: list[Any], why: str) -> None:
    # The pages name the case's people: "who has seen this person" (security review finding 8).
    audit_viewed(actor=request.actor, target=case, justification=why)
    audit_listed(actor=request.actor, targets=people)


# Optional answers left out of the check page when not given (they do not apply to every kind).
_OPTIONAL = ("other_person", "terms", "review_on", "parent_guardian_name")


def _rows(form: Any) -> list[flows.Row]:
    """The answers, without optional ones not given; "who agreed" says nobody did when empty."""
    skip = [name for name in _OPTIONAL if form.cleaned_data.get(name) in (None, "")]

    def display(name: str, _field: Any, shown: str) -> str:
        return "Nobody" if name == "agreed_by" and not form.cleaned_data.get(name) else shown

    return flows.answer_rows(form, exclude=skip, display=display)


@login_required
@require_http_methods(["GET", "POST"])
def early_intervention_new(request: SignedInRequest, pk: int) -> HttpResponse:
    """Record an early intervention with a party to the case."""
    case = _case_for_intervention_work(request, pk)
    people = _people(case)
    by_pk = {str(person.pk): person for person, _label in people}
    _seen(request, case, list(by_pk.values()), "early intervention")
    form = forms.EarlyInterventionForm(flows.posted(request), people=people)

    def perform(data: dict[str, Any]) -> EarlyIntervention:
        return services.early_intervention_record(
            actor=request.actor,
            case=case,
            kind=data["kind"],
            person=by_pk.get(data["person"]),
            other_person=by_pk.get(data["other_person"]) if data["other_person"] else None,
            started_on=data["started_on"],
            review_on=data["review_on"],
            terms=data["terms"],
            agreed_by=data["agreed_by"],
            parent_guardian_name=data["parent_guardian_name"],
        )

    def done(intervention: EarlyIntervention) -> HttpResponse:
        message = f"{intervention.get_kind_display()} recorded"
        if intervention.review_on is not None:
            message += f". A task to review it on {intervention.review_on:%-d %B %Y} has been set"
        messages.success(request, message)
        return redirect("cases:case_detail", case.pk)

    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        rows=_rows,
        question=flows.Page(
            "cases/intervention_question.html",
            {
                "case": case,
                "heading": "Record an early intervention",
                "caption": case.reference,
                "intro": GUIDANCE,
            },
        ),
        check=flows.Page(
            "cases/intervention_check.html",
            {
                "case": case,
                "heading": "Check the early intervention before you record it",
                "caption": case.reference,
                "confirm_label": "Record early intervention",
                "explain": "It will be listed on the case, and shown to anyone issuing a community "
                "protection warning to this person. It is kept in the audit log.",
            },
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def early_intervention_outcome(request: SignedInRequest, pk: int, intervention_pk: int) -> HttpResponse:
    """Record (or correct) how an early intervention ended; its review task is marked done."""
    case = _case_for_intervention_work(request, pk)
    intervention = selectors.early_intervention_get(request.actor, case, intervention_pk)
    named = [p for p in (intervention.person, intervention.other_person) if p is not None]
    _seen(request, case, named, "early intervention outcome")
    initial = (
        {
            "outcome": intervention.outcome,
            "outcome_on": intervention.outcome_on,
            "outcome_notes": intervention.outcome_notes,
        }
        if intervention.outcome
        else {}
    )
    form = forms.EarlyInterventionOutcomeForm(
        flows.posted(request),
        initial=initial,
        record=intervention,
        versioned_fields=forms.EarlyInterventionOutcomeForm.VERSIONED,
    )
    with_whom = " and ".join(p.display_name for p in named)

    def perform(data: dict[str, Any]) -> EarlyIntervention:
        return services.early_intervention_outcome_record(
            actor=request.actor,
            intervention=form.record,  # type: ignore[arg-type]
            **data,
        )

    def done(result: EarlyIntervention) -> HttpResponse:
        messages.success(
            request,
            f"Outcome recorded: {result.get_kind_display().lower()} {result.get_outcome_display().lower()}",
        )
        return redirect("cases:case_detail", case.pk)

    context = {"case": case, "intervention": intervention, "caption": case.reference}
    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        question=flows.Page(
            "cases/intervention_question.html",
            {
                **context,
                "heading": f"Record the outcome of the {intervention.get_kind_display().lower()} with {with_whom}",
            },
        ),
        check=flows.Page(
            "cases/intervention_check.html",
            {
                **context,
                "heading": "Check the outcome before you record it",
                "confirm_label": "Record outcome",
                "explain": "Any open task to review it will be marked as done. It is kept in the audit log.",
            },
        ),
    )
