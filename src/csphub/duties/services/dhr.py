"""Domestic Homicide Reviews: every step checks the policy and the DVCVA 2004 s.9 gates and is
audited in the same transaction.

The compartment's leads (the partnership's review lead) record the notification, the decision, the
Home Office steps, the chair, the panel, extensions, the report and the action plan; any member of
the compartment (a panel member) records progress on an action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from csphub.agencies.policies import Action, partnership_for_new_record
from csphub.audit.models import DutyVerb
from csphub.audit.services import audit_record
from csphub.core.actor import Actor
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.duties.models import (
    ActionStatus,
    Decision,
    DhrAction,
    DhrExtension,
    DhrPanelMember,
    DhrPseudonym,
    DhrRecommendation,
    DhrStatus,
    DomesticHomicideReview,
    PseudonymRole,
    QaOutcome,
    Relationship,
)
from csphub.duties.rules import dhr as rules
from csphub.duties.selectors.dhr import is_lead, is_member, publication

M = TypeVar("M", DomesticHomicideReview, DhrAction)

# After the decision to hold a review, until publication: the steps that build the review.
UNDER_REVIEW = (
    DhrStatus.IN_PROGRESS,
    DhrStatus.REPORT_COMPLETE,
    DhrStatus.WITH_QA_PANEL,
    DhrStatus.APPROVED,
    DhrStatus.PUBLISHED,
)


def _not_future(day: dt.date, field: str, what: str) -> None:
    if day > timezone.localdate():
        raise ApplicationError(f"{what} must be today or in the past", field=field)


def _text(value: str, field: str, message: str) -> str:
    if not value.strip():
        raise ApplicationError(message, field=field)
    return value.strip()


def _lead(actor: Actor, review: DomesticHomicideReview | None = None) -> None:
    if not is_lead(actor) or (review is not None and not actor.policy.can(Action.CHANGE, review)):
        raise PermissionDeniedError("Only the partnership's review lead can take this step.")


def _status(review: DomesticHomicideReview, allowed: Sequence[str], message: str) -> None:
    if review.status not in allowed:
        raise ApplicationError(message)


def _save_change(
    actor: Actor,
    record: M,
    verb: DutyVerb,
    values: dict[str, Any],
    *,
    target: models.Model | None = None,
) -> M:
    """Set ``values``, save, and audit ``verb`` on ``target`` (default the record), inside the
    caller's transaction."""
    for name, value in values.items():
        setattr(record, name, value)
    record.modified_by = actor.user
    record.save()
    audit_record(
        actor=actor, verb=verb, target=target if target is not None else record, changed_fields=list(values)
    )
    return record


def dhr_notification_record(
    *,
    actor: Actor,
    notified_on: dt.date,
    notifying_force: str,
    deceased_name: str,
    relationship: str,
    circumstances: str,
    deceased_age: int | None = None,
    died_on: dt.date | None = None,
    suspected_suicide: bool = False,
) -> DomesticHomicideReview:
    """The police have told the partnership in writing of a death: the review's record opens and
    the one-month clock for the decision starts."""
    _lead(actor)
    assert actor.membership is not None
    _not_future(notified_on, "notified_on", "The date of the notification")
    if died_on is not None and died_on > notified_on:
        raise ApplicationError("The death must be before the notification", field="died_on")
    if relationship not in Relationship.values:
        raise ApplicationError("Select how they were related to the suspect", field="relationship")
    with transaction.atomic():
        review = DomesticHomicideReview.objects.create(
            owning_agency=actor.membership.agency,
            partnership=partnership_for_new_record(actor),
            notified_on=notified_on,
            notifying_force=_text(
                notifying_force, "notifying_force", "Enter the police force that notified you"
            ),
            deceased_name=_text(deceased_name, "deceased_name", "Enter the name of the person who died"),
            deceased_age=deceased_age,
            died_on=died_on,
            relationship=relationship,
            suspected_suicide=suspected_suicide,
            circumstances=_text(circumstances, "circumstances", "Describe the circumstances"),
            rule_version=rules.rule_version(notified_on),
            created_by=actor.user,
            modified_by=actor.user,
        )
        audit_record(
            actor=actor,
            verb=DutyVerb.DOMESTICHOMICIDEREVIEW_NOTIFIED,
            target=review,
            changed_fields=["notified_on", "deceased_name", "relationship", "circumstances"],
        )
    return review


def dhr_decision_record(
    *, actor: Actor, review: DomesticHomicideReview, decision: str, decided_on: dt.date, reasons: str
) -> DomesticHomicideReview:
    """The decision whether to hold a review (due one month after notification; a late decision is
    still recorded, and the page says it was late). A review is held only within s.9(1)."""
    _lead(actor, review)
    _status(review, [DhrStatus.AWAITING_DECISION], "The decision is already recorded")
    if decision not in Decision.values:
        raise ApplicationError("Select the decision", field="decision")
    _not_future(decided_on, "decided_on", "The date of the decision")
    if decided_on < review.notified_on:
        raise ApplicationError("The decision cannot be before the notification", field="decided_on")
    if decision == Decision.CONDUCT and not rules.in_scope(review.deceased_age, review.relationship):
        raise ApplicationError(
            "Section 9 covers the death of a person aged 16 or over at the hands of a relative, "
            "partner or household member; this death is outside it",
            field="decision",
        )
    values: dict[str, Any] = {
        "decision": decision,
        "decided_on": decided_on,
        "decision_reasons": _text(reasons, "reasons", "Enter the reasons for the decision"),
    }
    if decision == Decision.CONDUCT:
        values.update(status=DhrStatus.IN_PROGRESS, report_due_on=rules.report_due(decided_on))
    else:
        values["status"] = DhrStatus.NOT_HELD
    with transaction.atomic():
        return _save_change(actor, review, DutyVerb.DOMESTICHOMICIDEREVIEW_DECIDED, values)


def dhr_home_office_told(
    *, actor: Actor, review: DomesticHomicideReview, told_on: dt.date
) -> DomesticHomicideReview:
    """The Home Office is told of the decision, whichever way it went."""
    _lead(actor, review)
    if review.decided_on is None:
        raise ApplicationError("Record the decision first")
    if review.home_office_told_on is not None:
        raise ApplicationError("The Home Office has already been told")
    _not_future(told_on, "told_on", "The date the Home Office was told")
    if told_on < review.decided_on:
        raise ApplicationError("The Home Office cannot be told before the decision", field="told_on")
    with transaction.atomic():
        return _save_change(
            actor, review, DutyVerb.DOMESTICHOMICIDEREVIEW_HOME_OFFICE_TOLD, {"home_office_told_on": told_on}
        )


def dhr_chair_appoint(
    *, actor: Actor, review: DomesticHomicideReview, chair_name: str, appointed_on: dt.date, independence: str
) -> DomesticHomicideReview:
    """The independent chair: not employed by, nor directly involved with, any agency under review."""
    _lead(actor, review)
    _status(review, [DhrStatus.IN_PROGRESS], "A chair is appointed while the review is in progress")
    assert review.decided_on is not None
    _not_future(appointed_on, "appointed_on", "The date of the appointment")
    if appointed_on < review.decided_on:
        raise ApplicationError("The chair cannot be appointed before the decision", field="appointed_on")
    values = {
        "chair_name": _text(chair_name, "chair_name", "Enter the chair's name"),
        "chair_appointed_on": appointed_on,
        "chair_independence": _text(
            independence, "independence", "Say how the chair is independent of the agencies involved"
        ),
    }
    with transaction.atomic():
        return _save_change(actor, review, DutyVerb.DOMESTICHOMICIDEREVIEW_CHAIR_APPOINTED, values)


def dhr_panel_member_add(
    *,
    actor: Actor,
    review: DomesticHomicideReview,
    agency_name: str,
    representative: str,
    joined_on: dt.date,
    role: str = "",
) -> DhrPanelMember:
    _lead(actor, review)
    _status(review, [DhrStatus.IN_PROGRESS], "The panel is formed while the review is in progress")
    assert review.decided_on is not None
    if joined_on < review.decided_on:
        raise ApplicationError("They cannot join before the decision to hold the review", field="joined_on")
    with transaction.atomic():
        member = DhrPanelMember.objects.create(
            review=review,
            agency_name=_text(agency_name, "agency_name", "Enter the agency"),
            representative=_text(representative, "representative", "Enter the agency's representative"),
            role=role.strip(),
            joined_on=joined_on,
            created_by=actor.user,
            modified_by=actor.user,
        )
        audit_record(
            actor=actor,
            verb=DutyVerb.DOMESTICHOMICIDEREVIEW_PANEL_MEMBER_ADDED,
            target=review,
            changed_fields=["panel"],
        )
    return member


def dhr_extension_record(
    *, actor: Actor, review: DomesticHomicideReview, agreed_on: dt.date, new_due_on: dt.date, reason: str
) -> DhrExtension:
    """The report's target moves later (parallel criminal proceedings, say); the reason is kept."""
    _lead(actor, review)
    _status(review, [DhrStatus.IN_PROGRESS], "Only a review in progress can be extended")
    assert review.report_due_on is not None
    _not_future(agreed_on, "agreed_on", "The date the extension was agreed")
    if not rules.extension_valid(review.report_due_on, new_due_on, reason):
        if new_due_on <= review.report_due_on:
            raise ApplicationError(
                f"The new date must be after the current target ({review.report_due_on:%-d %B %Y})",
                field="new_due_on",
            )
        raise ApplicationError("Enter the reason for the extension", field="reason")
    with transaction.atomic():
        extension = DhrExtension.objects.create(
            review=review,
            agreed_on=agreed_on,
            previous_due_on=review.report_due_on,
            new_due_on=new_due_on,
            reason=reason.strip(),
            created_by=actor.user,
            modified_by=actor.user,
        )
        _save_change(actor, review, DutyVerb.DOMESTICHOMICIDEREVIEW_EXTENDED, {"report_due_on": new_due_on})
    return extension


def dhr_report_complete(
    *, actor: Actor, review: DomesticHomicideReview, completed_on: dt.date
) -> DomesticHomicideReview:
    """The overview report, executive summary and action plan are complete."""
    _lead(actor, review)
    _status(
        review, [DhrStatus.IN_PROGRESS], "The report can only be completed while the review is in progress"
    )
    if not review.chair_name:
        raise ApplicationError("Appoint the independent chair first")
    assert review.decided_on is not None
    _not_future(completed_on, "completed_on", "The date the report was completed")
    if completed_on < review.decided_on:
        raise ApplicationError("The report cannot be completed before the decision", field="completed_on")
    with transaction.atomic():
        return _save_change(
            actor,
            review,
            DutyVerb.DOMESTICHOMICIDEREVIEW_REPORT_COMPLETED,
            {"report_completed_on": completed_on, "status": DhrStatus.REPORT_COMPLETE},
        )


def dhr_qa_submit(
    *, actor: Actor, review: DomesticHomicideReview, submitted_on: dt.date
) -> DomesticHomicideReview:
    """The report goes to the Home Office Quality Assurance Panel (again, after changes asked for)."""
    _lead(actor, review)
    _status(review, [DhrStatus.REPORT_COMPLETE], "Only a completed report can be sent to the Home Office")
    assert review.report_completed_on is not None
    _not_future(submitted_on, "submitted_on", "The date it was sent")
    earliest = max(review.report_completed_on, review.qa_outcome_on or review.report_completed_on)
    if submitted_on < earliest:
        raise ApplicationError("It cannot be sent before the report was completed", field="submitted_on")
    with transaction.atomic():
        return _save_change(
            actor,
            review,
            DutyVerb.DOMESTICHOMICIDEREVIEW_QA_SUBMITTED,
            {"qa_submitted_on": submitted_on, "status": DhrStatus.WITH_QA_PANEL},
        )


def dhr_qa_outcome_record(
    *, actor: Actor, review: DomesticHomicideReview, outcome: str, outcome_on: dt.date
) -> DomesticHomicideReview:
    """The Panel's answer: approved for publication, or changes and a resubmission."""
    _lead(actor, review)
    _status(review, [DhrStatus.WITH_QA_PANEL], "The report is not with the Home Office")
    if outcome not in QaOutcome.values:
        raise ApplicationError("Select the Panel's outcome", field="outcome")
    assert review.qa_submitted_on is not None
    _not_future(outcome_on, "outcome_on", "The date of the outcome")
    if outcome_on < review.qa_submitted_on:
        raise ApplicationError("The outcome cannot be before the report was sent", field="outcome_on")
    status = DhrStatus.APPROVED if outcome == QaOutcome.APPROVED else DhrStatus.REPORT_COMPLETE
    with transaction.atomic():
        return _save_change(
            actor,
            review,
            DutyVerb.DOMESTICHOMICIDEREVIEW_QA_OUTCOME_RECORDED,
            {"qa_outcome": outcome, "qa_outcome_on": outcome_on, "status": status},
        )


def dhr_publish(
    *,
    actor: Actor,
    review: DomesticHomicideReview,
    published_on: dt.date,
    publication_url: str,
    anonymised: bool,
) -> DomesticHomicideReview:
    """Publication, anonymised, and only once the Home Office Quality Assurance Panel has said the
    report may be published."""
    _lead(actor, review)
    blocked = rules.publication_blocked_reason(review.qa_outcome, review.report_completed_on, True)
    if blocked or review.status != DhrStatus.APPROVED:
        raise ApplicationError(blocked or "The report is not approved for publication")
    if not rules.may_publish(review.qa_outcome, review.report_completed_on, anonymised):
        raise ApplicationError("Confirm that the report is anonymised", field="anonymised")
    assert review.qa_outcome_on is not None
    _not_future(published_on, "published_on", "The date of publication")
    if published_on < review.qa_outcome_on:
        raise ApplicationError(
            "It cannot be published before the Home Office approved it", field="published_on"
        )
    with transaction.atomic():
        return _save_change(
            actor,
            review,
            DutyVerb.DOMESTICHOMICIDEREVIEW_PUBLISHED,
            {
                "published_on": published_on,
                "publication_url": publication_url.strip(),
                "anonymised": True,
                "status": DhrStatus.PUBLISHED,
            },
        )


def dhr_recommendation_add(
    *, actor: Actor, review: DomesticHomicideReview, text: str, agency_name: str
) -> DhrRecommendation:
    _lead(actor, review)
    _status(review, UNDER_REVIEW, "Recommendations are added once the review is being held")
    with transaction.atomic():
        number = (review.recommendations.aggregate(n=Max("number"))["n"] or 0) + 1
        recommendation = DhrRecommendation.objects.create(
            review=review,
            number=number,
            text=_text(text, "text", "Enter the recommendation"),
            agency_name=_text(agency_name, "agency_name", "Enter the agency it is for"),
            created_by=actor.user,
            modified_by=actor.user,
        )
        audit_record(
            actor=actor,
            verb=DutyVerb.DOMESTICHOMICIDEREVIEW_RECOMMENDATION_ADDED,
            target=review,
            changed_fields=["recommendations"],
        )
    return recommendation


def dhr_action_add(
    *,
    actor: Actor,
    review: DomesticHomicideReview,
    recommendation: int,
    description: str,
    owner: str,
    due_on: dt.date,
) -> DhrAction:
    """An action of the action plan, under one of the review's recommendations."""
    _lead(actor, review)
    _status(review, UNDER_REVIEW, "Actions are added once the review is being held")
    found = review.recommendations.filter(pk=recommendation).first()
    if found is None:
        raise ApplicationError("Select the recommendation", field="recommendation")
    with transaction.atomic():
        action = DhrAction.objects.create(
            recommendation=found,
            description=_text(description, "description", "Describe the action"),
            owner=_text(owner, "owner", "Enter who owns the action"),
            due_on=due_on,
            created_by=actor.user,
            modified_by=actor.user,
        )
        audit_record(
            actor=actor,
            verb=DutyVerb.DOMESTICHOMICIDEREVIEW_ACTION_ADDED,
            target=review,
            changed_fields=["actions"],
        )
    return action


def dhr_action_update(
    *, actor: Actor, action: DhrAction, status: str, progress: str, completed_on: dt.date | None = None
) -> DhrAction:
    """Any member of the review's compartment reports progress on an action."""
    review = action.recommendation.review
    if not is_member(actor) or not actor.policy.can(Action.CHANGE, action):
        raise PermissionDeniedError("You cannot change this action.")
    if status not in ActionStatus.values:
        raise ApplicationError("Select how far the action has got", field="status")
    if status == ActionStatus.COMPLETE:
        if completed_on is None:
            raise ApplicationError("Enter the date the action was completed", field="completed_on")
        _not_future(completed_on, "completed_on", "The date the action was completed")
    else:
        completed_on = None
    with transaction.atomic():
        return _save_change(
            actor,
            action,
            DutyVerb.DOMESTICHOMICIDEREVIEW_ACTION_UPDATED,
            {"status": status, "progress": progress.strip(), "completed_on": completed_on},
            target=review,
        )


def dhr_pseudonym_add(
    *, actor: Actor, review: DomesticHomicideReview, role: str, real_name: str, pseudonym: str
) -> DhrPseudonym:
    """The chair's pseudonym for one person named in the report (2016 statutory guidance: victims,
    perpetrators and family members are given pseudonyms in the published report)."""
    _lead(actor, review)
    _status(review, UNDER_REVIEW, "Pseudonyms are agreed once the review is being held")
    if role not in PseudonymRole.values:
        raise ApplicationError("Select who they are", field="role")
    real = " ".join(_text(real_name, "real_name", "Enter their real name").split())
    chosen = " ".join(_text(pseudonym, "pseudonym", "Enter the pseudonym").split())
    existing = list(review.pseudonyms.all())
    if any(p.real_name.lower() == real.lower() for p in existing):
        raise ApplicationError("This name already has a pseudonym", field="real_name")
    if any(p.pseudonym.lower() == chosen.lower() for p in existing):
        raise ApplicationError("Another person already has this pseudonym", field="pseudonym")
    problem = rules.pseudonym_problem(real, chosen, [review.deceased_name, *(p.real_name for p in existing)])
    if problem:
        raise ApplicationError(problem, field="pseudonym")
    with transaction.atomic():
        made = DhrPseudonym.objects.create(
            review=review,
            role=role,
            real_name=real,
            pseudonym=chosen,
            created_by=actor.user,
            modified_by=actor.user,
        )
        audit_record(
            actor=actor,
            verb=DutyVerb.DOMESTICHOMICIDEREVIEW_PSEUDONYM_ADDED,
            target=review,
            changed_fields=["pseudonyms"],
        )
    return made


def dhr_publication_produce(*, actor: Actor, review: DomesticHomicideReview) -> dict[str, Any]:
    """The anonymised publication version, produced for the lead once nothing identifies anyone
    (``selectors.dhr.publication``); audited each time it is produced."""
    _lead(actor, review)
    built = publication(review)
    if built["problems"]:
        raise ApplicationError(" ".join(built["problems"]))
    audit_record(actor=actor, verb=DutyVerb.DOMESTICHOMICIDEREVIEW_PUBLICATION_PRODUCED, target=review)
    return dict(built["document"])
