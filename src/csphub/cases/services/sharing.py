"""Sharing a case with a named partner (the owning agency only), withdrawing it, and telling the
partner. Built on :func:`csphub.agencies.services.share_record` (the agreement must be in force and name
both agencies; the share is audited) and :func:`~csphub.agencies.services.notify_agency`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.models import Agency, InformationSharingAgreement, RecordShare, ShareScope
from csphub.agencies.policies import Action, acting_membership, can
from csphub.agencies.services import notify_agency, share_record, share_revoke
from csphub.audit.services import audit_record
from csphub.cases.models import Case, CaseParty, ShareRequest, ShareRequestDecision, ShareRequestStatus
from csphub.core.actor import acting_user
from csphub.core.errors import ApplicationError, PermissionDeniedError


def case_share(
    *,
    actor: Any,
    case: Case,
    agency: Agency,
    agreement: InformationSharingAgreement,
    reason: str,
    scope: str = ShareScope.FULL,
    expires_on: dt.date | None = None,
) -> RecordShare:
    """Share ``case`` with ``agency`` under ``agreement`` and tell the partner's caseworkers."""
    if not can(actor, Action.SHARE, case):
        raise PermissionDeniedError("Only the agency that owns the case can share it.")
    if agency.pk == case.owning_agency_id:
        raise ApplicationError("Your agency owns the case already: choose a partner agency", field="agency")
    if scope not in ShareScope.values:
        raise ApplicationError("Select how much of the case to share", field="scope")
    with transaction.atomic():
        share = share_record(
            actor=actor,
            obj=case,
            agency=agency,
            agreement=agreement,
            scope=scope,
            reason=reason.strip(),
            expires_on=expires_on,
        )
        until = f" until {expires_on.day} {expires_on:%B %Y}" if expires_on else ""
        notify_agency(
            agency=agency,
            subject=f"Case {case.reference} shared with {agency.short_name}",
            body=(
                f"{case.owning_agency.name} shared case {case.reference} with your agency "
                f"({ShareScope(scope).label.lower()}){until} under {agreement.reference} {agreement.name}."
            ),
            link=reverse("cases:case_detail", args=[case.pk]),
        )
    return share


def case_share_withdraw(*, actor: Any, share: RecordShare, reason: str) -> None:
    """Stop sharing: the partner no longer sees the case; they are told so (not why)."""
    case = share.record
    if not isinstance(case, Case) or not can(actor, Action.SHARE, case):
        raise PermissionDeniedError("Only the agency that owns the case can withdraw a share.")
    if share.revoked_at is not None:
        raise ApplicationError("This share has already been withdrawn")
    if not reason.strip():
        raise ApplicationError("Enter why you are withdrawing the share", field="reason")
    with transaction.atomic():
        share_revoke(actor=actor, share=share, reason=reason.strip())
        notify_agency(
            agency=share.agency,
            subject=f"Case {case.reference} no longer shared with {share.agency.short_name}",
            body=f"{case.owning_agency.name} withdrew the sharing of case {case.reference} with your agency.",
        )


def share_request_answer(
    *,
    actor: Any,
    share_request: ShareRequest,
    decision: str,
    reason: str,
    cases: list[Case] | None = None,
    scope: str = ShareScope.FULL,
    expires_on: dt.date | None = None,
) -> ShareRequest:
    """The holding agency answers a record-locator request: share the chosen cases about the person
    with the requesting agency (under the agreement the request named), or decline with a reason.

    The requesting agency is told the answer in the service (and by e-mail): the case references
    shared, or that the request was declined; the reason for declining is read on its requests page
    in the service, never e-mailed. The person is never named in the message.
    """
    membership = acting_membership(actor)
    if membership is None or membership.agency_id != share_request.holding_agency_id:
        raise PermissionDeniedError("Only the agency that holds the record can answer the request.")
    if share_request.status != ShareRequestStatus.OPEN:
        raise ApplicationError("This request has already been answered")
    if decision not in ShareRequestDecision.values:
        raise ApplicationError("Select whether you will share the record", field="decision")
    if not reason.strip():
        raise ApplicationError(
            "Enter why you are sharing the record" if decision == ShareRequestDecision.SHARED
            else "Enter why you are not sharing the record",
            field="reason",
        )  # fmt: skip
    chosen = list(cases or []) if decision == ShareRequestDecision.SHARED else []
    if decision == ShareRequestDecision.SHARED and not chosen:
        raise ApplicationError("Select the cases to share", field="cases")
    with transaction.atomic():
        for case in chosen:
            if not CaseParty.objects.filter(case=case, person_id=share_request.person_id).exists():
                raise ApplicationError("Select only cases about the person asked for", field="cases")
            case_share(
                actor=actor,
                case=case,
                agency=share_request.requesting_agency,
                agreement=share_request.agreement,
                reason=f"Answer to a record locator request: {reason.strip()}",
                scope=scope,
                expires_on=expires_on,
            )
        share_request.status = ShareRequestStatus.ANSWERED
        share_request.decision = decision
        share_request.answer_reason = reason.strip()
        share_request.answered_at = timezone.now()
        share_request.answered_by = acting_user(actor)
        share_request.modified_by = acting_user(actor)
        share_request.save()
        audit_record(
            actor=actor,
            verb="sharerequest.answered",
            target=share_request.person,
            justification=f"{decision} under {share_request.agreement.reference}",
        )
        holder = share_request.holding_agency.name
        requests_page = reverse("cases:share_requests_made")
        if decision == ShareRequestDecision.SHARED:
            references = ", ".join(case.reference for case in chosen)
            body = f"{holder} answered your request of {share_request.created_at:%-d %B %Y}: it shared {references}."
        else:
            # The reason is free text about a person and the notification is also e-mailed: the
            # requester reads it on its requests page, in the service.
            body = (
                f"{holder} answered your request of {share_request.created_at:%-d %B %Y}: it declined to "
                "share its record. Its reason is on your agency's requests to share records."
            )
        notify_agency(
            agency=share_request.requesting_agency,
            subject=f"{share_request.holding_agency.short_name} answered your request to share a record",
            body=body,
            link=reverse("cases:case_detail", args=[chosen[0].pk]) if len(chosen) == 1 else requests_page,
        )
    return share_request
