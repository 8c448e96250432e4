"""Risk assessment pages. The form validates; ``assessment_complete`` scores and decides."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html

from csphub.agencies.policies import Action, can
from csphub.audit.services import audit_viewed
from csphub.core.actor import SignedInRequest
from csphub.frontend import flows
from csphub.risk import forms, selectors, services
from csphub.risk.models import Questionnaire
from csphub.risk.rules import MARAC_CRITERION_LABELS, Kind, MaracCriterion


def _subjects(case: Any) -> list[tuple[int, str]]:
    seen: dict[int, str] = {}
    for party in case.parties.select_related("person").order_by("role", "person_id"):
        seen.setdefault(party.person_id, f"{party.person.display_name} ({party.get_role_display().lower()})")
    return list(seen.items())


@login_required
def case_assessments(request: SignedInRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_risk(request.actor, case_pk)
    assessments = list(selectors.case_assessments(request.actor, case))
    audit_viewed(actor=request.actor, target=case, justification="risk assessments")
    return render(
        request,
        "risk/case_assessments.html",
        {
            "case": case,
            "assessments": assessments,
            "pending": list(selectors.pending_reassessments(request.actor, case).select_related("incident")),
            "questionnaires": selectors.questionnaires_in_use(),
            "can_change": can(request.actor, Action.CHANGE, case),
        },
    )


def _check_rows(form: forms.AssessmentForm) -> list[flows.Row]:
    """The answers as the check-answers page lists them (labels, never codes), each with Change."""
    return flows.answer_rows(form)


@login_required
def assessment_new(request: SignedInRequest, case_pk: int, questionnaire_pk: int) -> HttpResponse:
    """Questions → check answers (with the band and MARAC decision it will record) → complete.

    ``assessment_evaluate`` raises exactly as ``assessment_complete`` would and writes nothing, so
    it is the rehearsal: the check-answers page shows what it decided.
    """
    case = selectors.case_for_risk(request.actor, case_pk, action=Action.CHANGE)
    questionnaire = Questionnaire.objects.filter(pk=questionnaire_pk, is_active=True).first()
    if questionnaire is None:
        raise Http404("No such questionnaire.")
    if request.method != "POST":  # the questions name the case's parties
        audit_viewed(actor=request.actor, target=case, justification="risk assessment")
    form = forms.AssessmentForm(flows.posted(request), questionnaire=questionnaire, subjects=_subjects(case))

    def arguments(data: dict[str, Any]) -> dict[str, Any]:
        subject = case.parties.select_related("person").filter(person_id=data["subject"]).first()
        return {
            "actor": request.actor,
            "case": case,
            "subject": subject.person if subject else None,
            "questionnaire": questionnaire,
            "answers": form.answers(),
            "judgement_band": data.get("judgement_band", ""),
            "judgement_reason": data.get("judgement_reason", ""),
            "children_present": data.get("children_present", ""),
            "marac_professional_judgement": data.get("marac_professional_judgement", False),
            "marac_reasons": data.get("marac_reasons", ""),
            "victim_16_or_over": data.get("victim_16_or_over", False),
        }

    def preview(data: dict[str, Any]) -> dict[str, Any]:
        evaluation = services.assessment_evaluate(**arguments(data))
        criteria = evaluation.marac.criteria if evaluation.marac else ()
        return {"evaluation": evaluation, "criteria": [MARAC_CRITERION_LABELS[c] for c in criteria]}

    def done(assessment: Any) -> HttpResponse:
        messages.success(request, f"Risk assessment completed: {assessment.get_final_band_display()} risk")
        return redirect("risk:detail", assessment.pk)

    page = {"case": case, "questionnaire": questionnaire}
    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.assessment_complete(**arguments(data)),
        done=done,
        question=flows.Page("risk/assessment_form.html", page),
        check=flows.Page(
            "risk/check_answers.html",
            {
                **page,
                "heading": "Check the assessment before you complete it",
                "caption": f"Case {case.reference} · {questionnaire.title} version {questionnaire.version}",
                "explain": "Once completed the assessment cannot be changed: a later change of "
                "circumstances is a new assessment.",
                "confirm_label": "Complete assessment",
            },
        ),
        rows=_check_rows,
        rehearsal=False,
        preview=preview,
        on_error=lambda form, error: form.add_application_error(error),
    )


@login_required
def assessment_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    assessment = selectors.assessment_get(request.actor, pk)
    audit_viewed(actor=request.actor, target=assessment)
    return render(
        request,
        "risk/assessment_detail.html",
        {
            "assessment": assessment,
            "case": assessment.case,
            "answer_rows": [
                flows.Row(
                    f"{a.question.order}. {a.question.text}",
                    format_html(
                        "{}{}",
                        a.get_answer_display(),
                        format_html(
                            ' <strong class="govuk-tag govuk-tag--red">{}</strong>', "High-risk indicator"
                        )
                        if a.question.high_risk_indicator and a.answer == "yes"
                        else "",
                    ),
                )
                for a in assessment.answers.select_related("question")
            ],
            "criteria": [MARAC_CRITERION_LABELS[MaracCriterion(c)] for c in assessment.marac_criteria],
            "referrals": selectors.marac_referrals_of(assessment),
            "can_refer": assessment.questionnaire.kind == Kind.DASH
            and can(request.actor, Action.CHANGE, assessment.case),
        },
    )


STEP_FORM = "risk/step_form.html"
STEP_CHECK = "risk/step_check.html"


@login_required
def marac_referral_new(request: SignedInRequest, pk: int) -> HttpResponse:
    """Record the referral made to MARAC after a Dash assessment (C.1): date, perpetrator, IDVA."""
    assessment = selectors.assessment_get(request.actor, pk)
    case = selectors.case_for_risk(request.actor, assessment.case_id, action=Action.CHANGE)
    if assessment.questionnaire.kind != Kind.DASH:
        raise Http404("A MARAC referral follows a Dash risk assessment.")
    if request.method != "POST":
        audit_viewed(actor=request.actor, target=assessment, justification="MARAC referral")
    form = forms.MaracReferralForm(
        flows.posted(request),
        perpetrators=[(p, label) for p, label in _subjects(case) if p != assessment.subject_id],
    )

    def perform(data: dict[str, Any]) -> Any:
        perpetrator = data.get("perpetrator")
        person = (
            case.parties.select_related("person").filter(person_id=perpetrator).first()
            if perpetrator
            else None
        )
        return services.marac_referral_record(
            actor=request.actor,
            assessment=assessment,
            referred_on=data["referred_on"],
            perpetrator=person.person if person else None,
            idva_offered=data.get("idva_offered", False),
        )

    def done(referral: Any) -> HttpResponse:
        messages.success(
            request,
            "MARAC referral recorded" + (": a repeat referral within 12 months" if referral.repeat else ""),
        )
        return redirect("risk:detail", assessment.pk)

    page = {
        "case": case,
        "assessment": assessment,
        "heading": f"Record the MARAC referral of {assessment.subject.display_name}",
        "caption": f"Case {case.reference}",
        "intro": "Record the referral once it has been made to the MARAC. Any further domestic abuse "
        "incident between the same people within 12 months of it, reported to any agency, is a repeat and "
        "is re-referred whatever the checklist score.",
    }
    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        question=flows.Page(STEP_FORM, page),
        check=flows.Page(
            STEP_CHECK,
            {
                **page,
                "heading": "Check the referral before you record it",
                "confirm_label": "Record referral",
            },
        ),
    )


@login_required
def marac_outcome(request: SignedInRequest, pk: int) -> HttpResponse:
    """Record the MARAC meeting that heard a referral, and its outcome."""
    referral = selectors.marac_referral_get(request.actor, pk, action=Action.CHANGE)
    assessment = referral.assessment
    if assessment is None:
        raise Http404("This referral has no assessment.")
    if request.method != "POST":
        audit_viewed(actor=request.actor, target=referral, justification="MARAC outcome")
    form = forms.MaracOutcomeForm(flows.posted(request))

    def done(saved: Any) -> HttpResponse:
        messages.success(request, "MARAC meeting outcome recorded")
        return redirect("risk:detail", assessment.pk)

    page = {
        "case": referral.case,
        "assessment": assessment,
        "heading": f"Record the MARAC meeting for {referral.subject.display_name}",
        "caption": f"Case {referral.case.reference} · referred {referral.referred_on:%-d %B %Y}",
    }
    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.marac_referral_outcome_record(
            actor=request.actor, referral=referral, meeting_on=data["meeting_on"], outcome=data["outcome"]
        ),
        done=done,
        question=flows.Page(STEP_FORM, page),
        check=flows.Page(
            STEP_CHECK,
            {**page, "heading": "Check the outcome before you record it", "confirm_label": "Record outcome"},
        ),
    )


@login_required
def questionnaire_list(request: SignedInRequest) -> HttpResponse:
    """Every version of every questionnaire, newest first, and which is in use today.

    Read-only: a change of questions, weights or bands is a new version added as data (a
    ``QuestionnaireSpec`` installed by a data migration), never an edit of one in use.
    """
    in_use = {q.pk for q in selectors.questionnaires_in_use()}
    return render(
        request,
        "risk/questionnaire_list.html",
        {"questionnaires": selectors.questionnaire_versions(), "in_use": in_use},
    )


@login_required
def questionnaire_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(pk)
    return render(
        request,
        "risk/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "questions": list(questionnaire.questions.order_by("order")),
            "in_use": questionnaire.pk in {q.pk for q in selectors.questionnaires_in_use()},
            "assessments_count": selectors.questionnaire_use_count(questionnaire, request.actor),
        },
    )
