"""Sharing a case with a named partner (the owning agency only), withdrawing it, and telling the
partner. Built on :func:`csphub.agencies.services.share_record` (the agreement must be in force and name
both agencies; the share is audited) and :func:`~csphub.agencies.services.notify_agency`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse

from csphub.agencies.models import Agency, InformationSharingAgreement, RecordShare, ShareScope
from csphub.agencies.policies import Action, can
from csphub.agencies.services import notify_agency, share_record, share_revoke
from csphub.cases.models import Case
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
