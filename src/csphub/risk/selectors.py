"""Every read of risk assessments goes through the policy (visible when the case is, in full)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone

from csphub.agencies.models import ShareScope
from csphub.agencies.policies import Action, get_object_or_404_for, role_allows, share_scope, visible_to
from csphub.cases.models import Case
from csphub.core.actor import Actor
from csphub.risk.models import Assessment, MaracReferral, Questionnaire, ReassessmentRequirement


def case_for_risk(user: Any, pk: int, *, action: Action = Action.VIEW) -> Case:
    case = get_object_or_404_for(user, action, Case, pk=pk)
    if share_scope(user, case) != ShareScope.FULL:
        raise Http404("No such case.")
    return case


def assessment_list_visible_to(user: Any) -> QuerySet[Assessment]:
    return visible_to(user, Action.VIEW, Assessment).select_related("subject", "questionnaire", "assessor")


def assessment_get(user: Any, pk: int) -> Assessment:
    assessment = get_object_or_404_for(user, Action.VIEW, assessment_list_visible_to(user), pk=pk)
    case_for_risk(user, assessment.case_id)
    return assessment


def case_assessments(actor: Actor, case: Case) -> QuerySet[Assessment]:
    """The case's assessments when the actor sees the case in full, none otherwise (the policy's
    facts, no subqueries: see :meth:`Policy.children_seen_in_full`)."""
    return actor.policy.children_seen_in_full(case, Assessment).select_related(
        "subject", "questionnaire", "assessor"
    )


def pending_reassessments(actor: Actor, case: Case) -> QuerySet[ReassessmentRequirement]:
    """The case's re-assessments not yet done, as :func:`case_assessments` reads them."""
    return actor.policy.children_seen_in_full(case, ReassessmentRequirement).filter(satisfied_by__isnull=True)


def questionnaires_in_use(on: Any = None) -> list[Questionnaire]:
    """The latest active version of each questionnaire in force on ``on``."""
    return latest_versions(questionnaires_in_force(on))


def questionnaires_in_force(on: Any = None) -> QuerySet[Questionnaire]:
    """Every active version in force on ``on``, newest version of each first (unread: the case
    page reads it with the case's assessments); :func:`latest_versions` keeps the newest."""
    day = on or timezone.localdate()
    return Questionnaire.objects.filter(is_active=True, effective_from__lte=day).order_by("code", "-version")


def latest_versions(questionnaires: Iterable[Questionnaire]) -> list[Questionnaire]:
    latest: dict[str, Questionnaire] = {}
    for q in questionnaires:
        latest.setdefault(q.code, q)
    return list(latest.values())


def questionnaire_versions() -> QuerySet[Questionnaire]:
    """All versions of every questionnaire (configuration, not personal data), with question counts."""
    return Questionnaire.objects.annotate(question_count=Count("questions")).order_by("code", "-version")


def questionnaire_get(pk: int) -> Questionnaire:
    questionnaire = Questionnaire.objects.filter(pk=pk).first()
    if questionnaire is None:
        raise Http404("No such questionnaire.")
    return questionnaire


def questionnaire_use_count(questionnaire: Questionnaire, user: Any) -> int | None:
    """How many assessments the user may see used this version; None for a role that sees no
    assessments. Never a partnership-wide count: in a small partnership "used by 1 assessment"
    of a DASH questionnaire can identify someone."""
    if not role_allows(user, Action.VIEW):
        return None
    return visible_to(user, Action.VIEW, Assessment).filter(questionnaire=questionnaire).count()


def marac_referrals_of(assessment: Assessment) -> list[MaracReferral]:
    """The referrals recorded from this assessment (the caller has been allowed to see it in full,
    so these, on the same case, are visible with it). Another agency's referrals of the same
    person on other cases are never listed here (C.3)."""
    return list(
        MaracReferral.objects.filter(assessment=assessment, case_id=assessment.case_id).select_related(
            "referring_agency", "perpetrator"
        )
    )


def marac_referral_get(user: Any, pk: int, *, action: Action = Action.VIEW) -> MaracReferral:
    """A referral, visible through its case (shared in full) and only there."""
    referral = MaracReferral.objects.filter(pk=pk).select_related("case", "subject").first()
    if referral is None:
        raise Http404("No such referral.")
    case_for_risk(user, referral.case_id, action=action)
    return referral
