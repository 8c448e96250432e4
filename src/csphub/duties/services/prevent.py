"""Prevent referrals and Channel cases: every step checks the policy and the CTSA 2015 gates, and
is audited in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.db import models, transaction
from django.utils import timezone

from csphub.agencies.policies import Action, partnership_for_new_record
from csphub.audit.models import DutyVerb
from csphub.audit.services import audit_record
from csphub.core.actor import Actor
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.duties.models import (
    ChannelCase,
    ChannelReview,
    ChannelStatus,
    PreventReferral,
    ReferralStatus,
    ScreeningOutcome,
)
from csphub.duties.rules import prevent as rules
from csphub.duties.selectors.prevent import acts_for_police, chair_agency, is_member

M = TypeVar("M", PreventReferral, ChannelCase, ChannelReview)


def _not_future(day: dt.date, field: str, what: str) -> None:
    if day > timezone.localdate():
        raise ApplicationError(f"{what} must be today or in the past", field=field)


def prevent_referral_make(
    *,
    actor: Actor,
    referred_on: dt.date,
    referrer_name: str,
    referrer_role: str,
    referrer_contact: str,
    subject_name: str,
    concern_type: str,
    concerns: str,
    subject_date_of_birth: dt.date | None = None,
    subject_address: str = "",
    subject_gender: str = "",
    discussed_with_person: bool = False,
) -> PreventReferral:
    """Any partner refers a concern to the police Prevent team (s.26). The referrer does not keep
    access: the referral is seen by the Prevent compartment only."""
    if not actor.policy.role_allows(Action.CREATE) or actor.membership is None:
        raise PermissionDeniedError("You cannot make a Prevent referral.")
    _not_future(referred_on, "referred_on", "The date of the referral")
    if subject_date_of_birth is not None and subject_date_of_birth > referred_on:
        raise ApplicationError(
            "Their date of birth must be before the referral", field="subject_date_of_birth"
        )
    if not concerns.strip():
        raise ApplicationError("Describe the concerns", field="concerns")
    with transaction.atomic():
        referral = PreventReferral.objects.create(
            owning_agency=actor.membership.agency,
            partnership=partnership_for_new_record(actor),
            referred_on=referred_on,
            referrer_name=referrer_name.strip(),
            referrer_role=referrer_role.strip(),
            referrer_contact=referrer_contact.strip(),
            subject_name=subject_name.strip(),
            subject_date_of_birth=subject_date_of_birth,
            subject_address=subject_address.strip(),
            subject_gender=subject_gender.strip(),
            concern_type=concern_type,
            concerns=concerns.strip(),
            discussed_with_person=discussed_with_person,
            created_by=actor.user,
            modified_by=actor.user,
        )
        audit_record(
            actor=actor,
            verb=DutyVerb.PREVENTREFERRAL_MADE,
            target=referral,
            changed_fields=["referred_on", "subject_name", "concern_type", "concerns"],
        )
    return referral


def prevent_referral_screen(
    *, actor: Actor, referral: PreventReferral, outcome: str, screened_on: dt.date, notes: str
) -> PreventReferral:
    """The police Prevent team screens the referral: Channel, signpost, or no further action."""
    if not is_member(actor) or not actor.policy.can(Action.CHANGE, referral):
        raise PermissionDeniedError("You cannot screen this referral.")
    if not acts_for_police(actor):
        raise PermissionDeniedError("Only the police Prevent team screens referrals.")
    if referral.status != ReferralStatus.RECEIVED:
        raise ApplicationError("This referral has already been screened")
    if outcome not in ScreeningOutcome.values:
        raise ApplicationError("Select the outcome of the screening", field="outcome")
    _not_future(screened_on, "screened_on", "The date of the screening")
    if screened_on < referral.referred_on:
        raise ApplicationError("The screening cannot be before the referral", field="screened_on")
    if not notes.strip():
        raise ApplicationError("Enter the reasons for the outcome", field="notes")
    assert actor.agency is not None
    with transaction.atomic():
        return _save_change(
            actor,
            referral,
            DutyVerb.PREVENTREFERRAL_SCREENED,
            {
                "status": outcome,
                "screened_on": screened_on,
                "screened_by": actor.user,
                "screened_by_agency_type": actor.agency.agency_type,
                "screening_notes": notes.strip(),
            },
            audited=["status", "screened_on", "screened_by", "screening_notes"],
        )


def channel_case_open(
    *, actor: Actor, referral: PreventReferral, chair: User, first_panel_on: dt.date
) -> ChannelCase:
    """s.36: the police refer the person to the panel, which the local authority chairs."""
    if not is_member(actor) or not actor.policy.can(Action.CHANGE, referral) or not acts_for_police(actor):
        raise PermissionDeniedError("Only the police Prevent team refers people to the Channel panel.")
    if not rules.channel_may_open(referral.status, referral.screened_by_agency_type):
        raise ApplicationError("Only a referral the police screened and referred to Channel can open a case")
    if ChannelCase.objects.filter(referral=referral).exists():
        raise ApplicationError("This referral already has a Channel case")
    agency = chair_agency(chair)
    if agency is None:
        raise ApplicationError(
            "The chair must be a Prevent panel member of the local authority", field="chair"
        )
    if referral.screened_on is not None and first_panel_on < referral.screened_on:
        raise ApplicationError("The panel cannot meet before the screening", field="first_panel_on")
    with transaction.atomic():
        case = ChannelCase.objects.create(
            owning_agency=agency,
            partnership_id=referral.partnership_id,
            referral=referral,
            chair=chair,
            first_panel_on=first_panel_on,
            rule_version=rules.RULE_VERSION,
            created_by=actor.user,
            modified_by=actor.user,
        )
        audit_record(
            actor=actor, verb=DutyVerb.CHANNELCASE_OPENED, target=case, changed_fields=["referral", "chair"]
        )
    return case


def _save_change(
    actor: Actor,
    record: M,
    verb: DutyVerb,
    values: dict[str, Any],
    *,
    audited: Sequence[str] | None = None,
    target: models.Model | None = None,
) -> M:
    """Set ``values`` on ``record``, save it and audit ``verb`` on ``target`` (default the record),
    naming ``audited`` as the changed fields (default the names in ``values``). Called inside the
    caller's transaction, so that the change and its audit event are one."""
    for name, value in values.items():
        setattr(record, name, value)
    record.modified_by = actor.user
    record.save()
    audit_record(
        actor=actor,
        verb=verb,
        target=target if target is not None else record,
        changed_fields=list(audited if audited is not None else values),
    )
    return record


def _changeable(actor: Actor, case: ChannelCase) -> None:
    if not is_member(actor) or not actor.policy.can(Action.CHANGE, case):
        raise PermissionDeniedError("You cannot change this Channel case.")


def channel_consent_record(
    *, actor: Actor, case: ChannelCase, consent_given: bool, consent_on: dt.date, given_by: str
) -> ChannelCase:
    """Channel is voluntary: record the decision; under 18, a parent or guardian's."""
    _changeable(actor, case)
    if case.status != ChannelStatus.AWAITING_CONSENT:
        raise ApplicationError("Consent is already recorded for this case")
    _not_future(consent_on, "consent_on", "The date of the decision")
    if consent_on < case.first_panel_on:
        raise ApplicationError("The decision cannot be before the first panel", field="consent_on")
    if not rules.consent_giver_valid(case.referral.subject_date_of_birth, consent_on, given_by):
        message = (
            "They are under 18: a parent or guardian must decide"
            if rules.under_18(case.referral.subject_date_of_birth, consent_on)
            else "They are 18 or over: they decide for themselves"
        )
        raise ApplicationError(message, field="given_by")
    with transaction.atomic():
        return _save_change(
            actor,
            case,
            DutyVerb.CHANNELCASE_CONSENT_RECORDED,
            {
                "consent_given": consent_given,
                "consent_on": consent_on,
                "consent_given_by": given_by,
                "status": ChannelStatus.CONSENTED if consent_given else ChannelStatus.DECLINED,
            },
        )


def channel_support_plan_record(
    *, actor: Actor, case: ChannelCase, support_plan: str, support_provider: str, support_starts_on: dt.date
) -> ChannelCase:
    """The support plan: only after consent is recorded, and starting no earlier than it."""
    _changeable(actor, case)
    if case.status != ChannelStatus.CONSENTED or not case.consent_given:
        raise ApplicationError("Support can only be agreed once consent is recorded")
    if not rules.support_may_start(case.consent_on, support_starts_on):
        raise ApplicationError("Support cannot start before consent was given", field="support_starts_on")
    if not support_plan.strip():
        raise ApplicationError("Describe the support plan", field="support_plan")
    with transaction.atomic():
        return _save_change(
            actor,
            case,
            DutyVerb.CHANNELCASE_SUPPORT_PLANNED,
            {
                "support_plan": support_plan.strip(),
                "support_provider": support_provider.strip(),
                "support_starts_on": support_starts_on,
                "status": ChannelStatus.SUPPORT,
            },
        )


def channel_exit_record(
    *, actor: Actor, case: ChannelCase, exited_on: dt.date, exit_reason: str
) -> ChannelCase:
    """The person leaves Channel: the 6- and 12-month post-exit reviews are set."""
    _changeable(actor, case)
    if case.status != ChannelStatus.SUPPORT:
        raise ApplicationError("Only a case receiving support can exit")
    _not_future(exited_on, "exited_on", "The date of exit")
    if case.support_starts_on is not None and exited_on < case.support_starts_on:
        raise ApplicationError("The exit cannot be before support started", field="exited_on")
    if not exit_reason.strip():
        raise ApplicationError("Enter why they are leaving Channel", field="exit_reason")
    with transaction.atomic():
        for months, due_on in zip(
            rules.POST_EXIT_REVIEW_MONTHS, rules.post_exit_review_dates(exited_on), strict=True
        ):
            ChannelReview.objects.create(
                channel_case=case,
                months_after_exit=months,
                due_on=due_on,
                created_by=actor.user,
                modified_by=actor.user,
            )
        return _save_change(
            actor,
            case,
            DutyVerb.CHANNELCASE_EXITED,
            {"exited_on": exited_on, "exit_reason": exit_reason.strip(), "status": ChannelStatus.EXITED},
        )


def channel_review_complete(
    *, actor: Actor, review: ChannelReview, completed_on: dt.date, outcome: str
) -> ChannelReview:
    _changeable(actor, review.channel_case)
    if review.completed_on is not None:
        raise ApplicationError("This review is already recorded")
    _not_future(completed_on, "completed_on", "The date of the review")
    if not outcome.strip():
        raise ApplicationError("Enter the outcome of the review", field="outcome")
    with transaction.atomic():
        return _save_change(
            actor,
            review,
            DutyVerb.CHANNELCASE_REVIEWED,
            {"completed_on": completed_on, "outcome": outcome.strip()},
            target=review.channel_case,
        )
