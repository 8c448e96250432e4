"""What a subject access request discloses: the bundle (PDF and JSON) and the disclosure log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from csphub.audit.models import AuditVerb
from csphub.audit.services import ActorOrUser, audit_record
from csphub.core.errors import ApplicationError
from csphub.governance import rules
from csphub.governance.models import (
    Disclosure,
    ItemDecision,
    Outcome,
    RequestKind,
    RequestStatus,
    RightsRequest,
)
from csphub.governance.services.rights import _may_handle


@dataclass(frozen=True)
class BundleItem:
    source: str
    label: str
    decision: str
    rows: list[list[str]]
    exemption: str
    notes: str


def bundle(request: RightsRequest) -> list[BundleItem]:
    """What the requester receives: disclosed items in full, redacted items without the redacted
    parts, and for withheld items only that something was withheld and the ground (an exemption is
    stated unless stating it would itself prejudice the purpose, which the handler judges)."""
    out = []
    for item in request.items.all():
        if item.decision == ItemDecision.PENDING:
            continue
        hidden = set(item.redacted_fields)
        rows = (
            []
            if item.decision == ItemDecision.EXEMPT
            else [[label, "[redacted]" if label in hidden else value] for label, value in item.content]
        )
        out.append(
            BundleItem(
                item.source,
                item.record_label if item.decision != ItemDecision.EXEMPT else f"An item from {item.source}",
                item.get_decision_display(),
                rows,
                rules.exemption_label(item.exemption),
                item.notes if item.decision == ItemDecision.REDACT else "",
            )
        )
    return out


def bundle_json(request: RightsRequest) -> str:
    """The machine-readable export (Art 15(3), Art 20 style): the request and every decided item."""
    import json

    return json.dumps(
        {
            "controller": request.owning_agency.name,
            "request": request.reference,
            "data_subject": request.subject_name,
            "received_on": request.received_on.isoformat(),
            "items": [
                {
                    "source": b.source,
                    "record": b.label,
                    "decision": b.decision,
                    "exemption": b.exemption,
                    "redaction_notes": b.notes,
                    "data": b.rows,
                }
                for b in bundle(request)
            ],
        },
        indent=2,
        ensure_ascii=False,
    )


def rights_request_bundle_produced(*, actor: ActorOrUser, request: RightsRequest, fmt: str) -> None:
    """Audit that the bundle was produced (as PDF or JSON)."""
    who = _may_handle(actor)
    if request.items.filter(decision=ItemDecision.PENDING).exists():
        raise ApplicationError("Decide every item before producing the bundle.")
    audit_record(actor=who, verb=AuditVerb.RIGHTSREQUEST_BUNDLE_PRODUCED, target=request, justification=fmt)


def rights_request_disclose(
    *, actor: ActorOrUser, request: RightsRequest, disclosed_on: dt.date, method: str
) -> Disclosure:
    """Record in the disclosure log that the bundle was sent, and complete the request."""
    import hashlib

    who = _may_handle(actor)
    if request.kind != RequestKind.ACCESS or request.status != RequestStatus.OPEN:
        raise ApplicationError("Only an open subject access request can be disclosed.")
    if request.identity_verified_on is None:
        raise ApplicationError("Verify the requester's identity before disclosing anything.")
    if request.searched_at is None:
        raise ApplicationError("Search the records before disclosing.")
    if request.items.filter(decision=ItemDecision.PENDING).exists():
        raise ApplicationError("Decide every item before disclosing.")
    if not method.strip():
        raise ApplicationError("Say how the bundle was sent.")
    if not request.received_on <= disclosed_on <= timezone.localdate():
        raise ApplicationError("The day it was sent is on or after receipt, and not in the future.")
    counts = {d: request.items.filter(decision=d).count() for d in ItemDecision.values}
    with transaction.atomic():
        disclosure = Disclosure.objects.create(
            request=request,
            disclosed_on=disclosed_on,
            method=method.strip(),
            disclosed=counts[ItemDecision.DISCLOSE],
            redacted=counts[ItemDecision.REDACT],
            withheld=counts[ItemDecision.EXEMPT],
            sha256=hashlib.sha256(bundle_json(request).encode()).hexdigest(),
            created_by=who.user,
        )
        request.status = RequestStatus.COMPLETED
        request.completed_on = disclosed_on
        request.outcome = Outcome.GRANTED if not counts[ItemDecision.EXEMPT] else Outcome.PARTLY
        request.save(update_fields=["status", "completed_on", "outcome", "modified_at"])
        audit_record(actor=who, verb=AuditVerb.RIGHTSREQUEST_DISCLOSED, target=request)
    return disclosure
