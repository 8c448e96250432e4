"""The victim's single point of contact: the update schedule agreed with the victim, each update
given, the consultation on the action plan, and the optional satisfaction question at closure
(ASB statutory guidance, 2025 revision). Only the case's own agency, or a partner with a full
share, may write them (the same rule as notes)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from csphub.audit.services import audit_record
from csphub.cases import rules
from csphub.cases.models import (
    Case,
    CaseParty,
    CaseStatus,
    ClosureSurvey,
    ContactMethod,
    PartyRole,
    ShareRequest,
    SurveyAnswer,
    VictimContact,
    VictimUpdate,
)
from csphub.cases.services._common import _raise_first
from csphub.cases.services.records import _writer_agency
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.errors import ApplicationError


def case_victims(case: Case) -> list[Any]:
    """The people on the case as victims."""
    return [
        p.person for p in CaseParty.objects.filter(case=case, role=PartyRole.VICTIM).select_related("person")
    ]


def _victim_on_case(case: Case, victim: Any) -> None:
    if (
        victim is None
        or not CaseParty.objects.filter(case=case, person=victim, role=PartyRole.VICTIM).exists()
    ):
        raise ApplicationError("Select a victim on this case", field="victim")


def victim_contact_agree(
    *,
    actor: ActorOrUser,
    case: Case,
    victim: Any,
    spoc: Any,
    agreed_on: dt.date | None,
    update_every_days: int | None,
    method: str,
    today: dt.date | None = None,
) -> VictimContact:
    """Record (or change) who keeps ``victim`` updated and how often, as agreed with the victim."""
    agency = _writer_agency(actor, case)
    _victim_on_case(case, victim)
    _raise_first(
        rules.victim_schedule_problems(
            every_days=update_every_days, agreed_on=agreed_on, today=today or timezone.localdate()
        )
    )
    assert agreed_on is not None and update_every_days is not None  # the rules refused them
    if method not in ContactMethod.values:
        raise ApplicationError("Select how the victim wants to be updated", field="method")
    if (
        spoc is None
        or not get_user_model()
        .objects.filter(pk=spoc.pk, is_active=True, memberships__agency=agency, memberships__is_active=True)
        .exists()
    ):
        raise ApplicationError("Select a single point of contact from your agency", field="spoc")
    with transaction.atomic():
        contact, created = VictimContact.objects.update_or_create(
            case=case,
            victim=victim,
            defaults={
                "spoc": spoc,
                "agreed_on": agreed_on,
                "update_every_days": update_every_days,
                "method": method,
                "modified_by": acting_user(actor),
            },
        )
        if created:
            contact.created_by = acting_user(actor)
            contact.save(update_fields=["created_by"])
        audit_record(
            actor=actor,
            verb="victimcontact.agreed",
            target=case,
            justification=f"every {update_every_days} days by {method}",
            changed_fields=["spoc", "agreed_on", "update_every_days", "method"],
        )
    return contact


def victim_update_record(
    *,
    actor: ActorOrUser,
    contact: VictimContact,
    given_on: dt.date | None,
    method: str,
    summary: str,
    consulted_on_action_plan: bool = False,
    action_plan_views: str = "",
    today: dt.date | None = None,
) -> VictimUpdate:
    """Record an update given to the victim; when it was the consultation on the action plan,
    record that too, with the victim's views."""
    _writer_agency(actor, contact.case)
    today = today or timezone.localdate()
    if given_on is None:
        raise ApplicationError("Enter the date of the update", field="given_on")
    if given_on > today:
        raise ApplicationError("The date of the update must be today or in the past", field="given_on")
    if method not in ContactMethod.values:
        raise ApplicationError("Select how the update was given", field="method")
    if not summary.strip():
        raise ApplicationError("Enter what the victim was told", field="summary")
    if consulted_on_action_plan and not action_plan_views.strip():
        raise ApplicationError(
            "Enter the victim's views on the action plan, or 'No comments'", field="action_plan_views"
        )
    with transaction.atomic():
        update = VictimUpdate.objects.create(
            contact=contact,
            given_on=given_on,
            method=method,
            summary=summary.strip(),
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        if consulted_on_action_plan:
            contact.action_plan_consulted_on = given_on
            contact.action_plan_views = action_plan_views.strip()
            contact.modified_by = acting_user(actor)
            contact.save(
                update_fields=["action_plan_consulted_on", "action_plan_views", "modified_by", "modified_at"]
            )
        audit_record(
            actor=actor,
            verb="victimupdate.recorded",
            target=contact.case,
            justification="consulted on the action plan" if consulted_on_action_plan else f"by {method}",
        )
    return update


def closure_survey_record(
    *,
    actor: ActorOrUser,
    case: Case,
    victim: Any,
    answer: str,
    comments: str = "",
    asked_on: dt.date | None = None,
) -> ClosureSurvey:
    """The victim's answer to the optional satisfaction question, once the case is closed."""
    _writer_agency(actor, case)
    if case.status != CaseStatus.CLOSED:
        raise ApplicationError("Ask the satisfaction question once the case is closed")
    _victim_on_case(case, victim)
    if answer not in SurveyAnswer.values:
        raise ApplicationError(
            "Select the victim's answer, or that they did not want to answer", field="answer"
        )
    if ClosureSurvey.objects.filter(case=case, victim=victim).exists():
        raise ApplicationError("This victim's answer has already been recorded", field="victim")
    with transaction.atomic():
        survey = ClosureSurvey.objects.create(
            case=case,
            victim=victim,
            asked_on=asked_on or timezone.localdate(),
            answer=answer,
            comments=comments.strip() if answer != SurveyAnswer.DECLINED else "",
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        audit_record(actor=actor, verb="closuresurvey.recorded", target=case, justification=answer)
    return survey


def share_request_make(*, actor: ActorOrUser, query: str, holding_agency_id: int, reason: str) -> int:
    """Ask a partner agency to share its record(s) about the person the actor searched for.

    Allowed only where an agreement in force between the two agencies allows the record locator;
    the request names the agreement. Returns how many records the request covers (the requester
    is told only that it was sent)."""
    from csphub.agencies.policies import acting_membership
    from csphub.cases import selectors

    if not reason.strip():
        raise ApplicationError("Enter why your agency needs the record", field="reason")
    agreement = selectors.locator_agreements(actor).get(holding_agency_id)
    people = list(selectors.located_people(actor, query, agency_id=holding_agency_id))
    membership = acting_membership(actor)
    if agreement is None or not people or membership is None:
        raise ApplicationError("That agency holds no record you can ask for")
    with transaction.atomic():
        for person in people:
            ShareRequest.objects.create(
                person=person,
                holding_agency_id=holding_agency_id,
                requesting_agency=membership.agency,
                agreement=agreement,
                reason=reason.strip(),
                created_by=acting_user(actor),
                modified_by=acting_user(actor),
            )
            audit_record(
                actor=actor,
                verb="sharerequest.made",
                target=person,
                justification=f"under {agreement.reference}",
            )
    return len(people)
