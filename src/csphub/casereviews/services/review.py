"""Review: the review meeting and its recommendations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from csphub.agencies.models import Agency
from csphub.audit.services import audit_record
from csphub.casereviews import rules
from csphub.casereviews.models import Application, Recommendation, ReviewMeeting
from csphub.casereviews.services._common import _require_manager, _transition
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.errors import ApplicationError


def review_record(
    *,
    actor: ActorOrUser,
    application: Application,
    held_on: dt.date,
    chair: str,
    findings: str,
    bodies_present: Iterable[Agency],
    is_independent_chair: bool = False,
    applicant_involvement: str = "",
) -> ReviewMeeting:
    _require_manager(actor, application)
    bodies = list(bodies_present)
    # The threshold decided as met, or an appeal upheld that sent the application back for a review.
    if application.threshold_decided_on is None or application.status != rules.Status.THRESHOLD_MET:
        raise ApplicationError("A review can only be recorded once the threshold is decided as met.")
    if held_on < application.threshold_decided_on:
        raise ApplicationError("The review cannot be before the threshold decision", field="held_on")
    if held_on > timezone.localdate():
        raise ApplicationError("The review date must be today or in the past", field="held_on")
    if not chair.strip():
        raise ApplicationError("Enter the name of the chair", field="chair")
    if not findings.strip():
        raise ApplicationError("Enter what the review found", field="findings")
    if not bodies:
        raise ApplicationError("Select the relevant bodies that took part", field="bodies_present")
    earlier = ReviewMeeting.objects.filter(application=application).first()
    if earlier is not None and held_on < earlier.held_on:
        raise ApplicationError("A further review cannot be before the earlier review", field="held_on")
    with transaction.atomic():
        _transition(application, rules.Status.REVIEW_HELD)
        if earlier is None:
            review = ReviewMeeting.objects.create(
                application=application,
                held_on=held_on,
                chair=chair.strip(),
                is_independent_chair=is_independent_chair,
                applicant_involvement=applicant_involvement.strip(),
                findings=findings.strip(),
                created_by=acting_user(actor),
                modified_by=acting_user(actor),
            )
        else:
            # A further review after an upheld appeal (B.2): the earlier one stays counted.
            review = earlier
            review.earlier_reviews = [
                *review.earlier_reviews,
                {
                    "held_on": review.held_on.isoformat(),
                    "recommendation_count": review.recommendations.count(),
                },
            ]
            review.held_on = held_on
            review.chair = chair.strip()
            review.is_independent_chair = is_independent_chair
            review.applicant_involvement = applicant_involvement.strip()
            review.findings = findings.strip()
            review.modified_by = acting_user(actor)
            review.save()
            application.outcome_sent_on = None
        review.bodies_present.set(bodies)
        application.review_held_on = held_on
        application.modified_by = acting_user(actor)
        application.save(
            update_fields=["status", "review_held_on", "outcome_sent_on", "modified_by", "modified_at"]
        )
        audit_record(actor=actor, verb="casereviewapplication.review_recorded", target=application)
    return review


def recommendation_add(
    *,
    actor: ActorOrUser,
    review: ReviewMeeting,
    text: str,
    owner_agency: Agency,
    owner_name: str,
    due_on: dt.date,
) -> Recommendation:
    application = review.application
    _require_manager(actor, application)
    if application.outcome_sent_on is not None:
        raise ApplicationError("The outcome letter has been sent: recommendations can no longer be added.")
    if not text.strip():
        raise ApplicationError("Enter the recommendation", field="text")
    if not owner_name.strip():
        raise ApplicationError("Enter who owns the recommendation", field="owner_name")
    if due_on < review.held_on:
        raise ApplicationError("The due date must be on or after the review", field="due_on")
    with transaction.atomic():
        recommendation = Recommendation.objects.create(
            review=review,
            text=text.strip(),
            owner_agency=owner_agency,
            owner_name=owner_name.strip(),
            due_on=due_on,
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        audit_record(actor=actor, verb="casereviewrecommendation.created", target=recommendation)
    return recommendation


def recommendation_complete(
    *, actor: ActorOrUser, recommendation: Recommendation, on: dt.date
) -> Recommendation:
    _require_manager(actor, recommendation.review.application)
    with transaction.atomic():
        recommendation.completed_on = on
        recommendation.save(update_fields=["completed_on", "modified_at"])
        audit_record(
            actor=actor,
            verb="casereviewrecommendation.completed",
            target=recommendation,
            changed_fields=["completed_on"],
        )
    return recommendation
