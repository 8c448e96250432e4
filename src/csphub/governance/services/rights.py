"""Data subjects' rights requests: receipt, identity, the clock's extension, the search, each item's
decision, and the decision on a rectification or erasure request."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from csphub.audit.models import CaseworkVerb, GovernanceVerb
from csphub.audit.services import ActorOrUser, audit_record
from csphub.core.errors import ApplicationError
from csphub.governance import rules, selectors
from csphub.governance.models import (
    DisposalRun,
    ItemDecision,
    LegalHold,
    Outcome,
    Regime,
    RequestItem,
    RequestKind,
    RequestStatus,
    RightsRequest,
)
from csphub.governance.services.handlers import _may_handle
from csphub.governance.services.retention import _dispose_person

# --- Data subjects' rights (UK GDPR Art 12, 15-17; DPA 2018 s.45-47) -------------------------------


def rights_request_receive(
    *,
    actor: ActorOrUser,
    kind: str,
    regime: str,
    requester_name: str,
    requester_contact: str,
    subject: Any,
    received_on: dt.date,
    identity_verified_on: dt.date | None = None,
    identity_evidence: str = "",
    details: str = "",
) -> RightsRequest:
    """Record a request received by the acting agency (the controller). The clock starts on receipt,
    or on the day identity was proved (Art 12(6); rules.response_due)."""
    who = _may_handle(actor)
    if kind not in RequestKind.values or regime not in Regime.values:
        raise ApplicationError("Choose the kind of request and the law it is made under.")
    if subject is None or subject.owning_agency_id != who.agency.pk:
        raise ApplicationError("Choose the data subject from your agency's people.")
    today = timezone.localdate()
    if received_on > today:
        raise ApplicationError("The day the request was received cannot be in the future.")
    if identity_verified_on is not None and not received_on <= identity_verified_on <= today:
        raise ApplicationError(
            "Identity is verified on or after the day the request was received, and not in the future."
        )
    if kind != RequestKind.ACCESS and not details.strip():
        raise ApplicationError("Say what the requester asks to be corrected or erased.")
    with transaction.atomic():
        request = RightsRequest.objects.create(
            owning_agency=who.agency,
            created_by=who.user,
            kind=kind,
            regime=regime,
            requester_name=requester_name.strip(),
            requester_contact=requester_contact.strip(),
            subject=subject,
            subject_name=subject.display_name,
            received_on=received_on,
            identity_verified_on=identity_verified_on,
            identity_evidence=identity_evidence.strip(),
            details=details.strip(),
        )
        audit_record(actor=who, verb=GovernanceVerb.RIGHTSREQUEST_RECEIVED, target=request)
    return request


def rights_request_verify_identity(
    *, actor: ActorOrUser, request: RightsRequest, verified_on: dt.date, evidence: str
) -> RightsRequest:
    """Identity proved: the one month runs from this day if it is after receipt."""
    who = _may_handle(actor)
    if not evidence.strip():
        raise ApplicationError("Say how the requester's identity was verified.")
    if not request.received_on <= verified_on <= timezone.localdate():
        raise ApplicationError(
            "Identity is verified on or after the day the request was received, and not in the future."
        )
    with transaction.atomic():
        request.identity_verified_on = verified_on
        request.identity_evidence = evidence.strip()
        request.save(update_fields=["identity_verified_on", "identity_evidence", "modified_at"])
        audit_record(
            actor=who,
            verb=GovernanceVerb.RIGHTSREQUEST_IDENTITY_VERIFIED,
            target=request,
            changed_fields=["identity_verified_on", "identity_evidence"],
        )
    return request


def rights_request_extend(
    *, actor: ActorOrUser, request: RightsRequest, months: int, reason: str, today: dt.date | None = None
) -> RightsRequest:
    """Extend the time to respond by one or two further months, with the reason (Art 12(3): where
    necessary for the complexity or number of requests; the requester is told within the first month)."""
    who = _may_handle(actor)
    today = today or timezone.localdate()
    if request.status != RequestStatus.OPEN:
        raise ApplicationError("This request has been answered.")
    if not 1 <= months <= rules.MAX_EXTENSION_MONTHS:
        raise ApplicationError("The time may be extended by one or two further months (Art 12(3)).")
    if not reason.strip():
        raise ApplicationError("Give the reason for the extension: the requester must be told it.")
    if not rules.extension_allowed(
        request.received_on, identity_verified_on=request.identity_verified_on, today=today
    ):
        raise ApplicationError(
            "The first month has ended: an extension must be made and told within it (Art 12(3))."
        )
    with transaction.atomic():
        request.extension_months = months
        request.extension_reason = reason.strip()
        request.save(update_fields=["extension_months", "extension_reason", "modified_at"])
        audit_record(
            actor=who,
            verb=GovernanceVerb.RIGHTSREQUEST_EXTENDED,
            target=request,
            changed_fields=["extension_months", "extension_reason"],
        )
    return request


def rights_request_search(*, actor: ActorOrUser, request: RightsRequest) -> list[RequestItem]:
    """Search the agency's records for the data subject and keep each record found, as it stands now,
    as a candidate item awaiting a decision. A repeated search adds what is new; decisions stay."""
    who = _may_handle(actor)
    if request.kind != RequestKind.ACCESS:
        raise ApplicationError("Only a subject access request has items to disclose.")
    if request.subject is None:
        raise ApplicationError("The data subject's record no longer exists.")
    found = selectors.subject_records(who.agency, request.subject)
    with transaction.atomic():
        existing = set(request.items.values_list("record_key", flat=True))
        for item in found:
            if item.key in existing:
                RequestItem.objects.filter(
                    request=request, record_key=item.key, decision=ItemDecision.PENDING
                ).update(content=item.content, record_label=item.label, match_reason=item.match_reason)
                continue
            RequestItem.objects.create(
                request=request,
                source=item.source,
                record_label=item.label,
                record_key=item.key,
                content=item.content,
                match_reason=item.match_reason,
                created_by=who.user,
            )
        request.searched_at = timezone.now()
        request.save(update_fields=["searched_at", "modified_at"])
        audit_record(actor=who, verb=GovernanceVerb.RIGHTSREQUEST_SEARCHED, target=request)
    return list(request.items.all())


def request_item_decide(
    *,
    actor: ActorOrUser,
    item: RequestItem,
    decision: str,
    exemption: str = "",
    redacted_fields: list[str] | None = None,
    notes: str = "",
) -> RequestItem:
    """Disclose, redact (the fields named, with notes on why: usually third parties, Sch 2 para 16),
    withhold (exempt, with the DPA 2018 Schedule 2/3 paragraph or s.45(4) ground), or, on a Part 3
    request only, withhold without saying so (s.45(4) ground and the reasons, s.45(6)-(7))."""
    who = _may_handle(actor)
    request = item.request
    if request.owning_agency_id != who.agency.pk:
        raise ApplicationError("This request is not your agency's.")
    if request.status != RequestStatus.OPEN:
        raise ApplicationError("This request has been answered.")
    redacted_fields = list(redacted_fields or [])
    if decision == ItemDecision.EXEMPT:
        if exemption not in dict(rules.exemptions_for(request.regime)):
            raise ApplicationError("Choose the exemption that applies.")
        redacted_fields = []
    elif decision == ItemDecision.REDACT:
        labels = {row[0] for row in item.content}
        if not redacted_fields or not set(redacted_fields) <= labels:
            raise ApplicationError("Choose the parts to redact.")
        if not notes.strip():
            raise ApplicationError(
                "Say why the parts are redacted (for example, they identify a third party)."
            )
        exemption = exemption if exemption in dict(rules.exemptions_for(request.regime)) else ""
    elif decision == ItemDecision.RESTRICT_SILENTLY:
        if not rules.ncnd_allowed(request.regime):
            raise ApplicationError(
                "An item can be withheld without saying so only on a law-enforcement request (DPA 2018 "
                "Part 3, s.45(4)); withhold it under an exemption instead."
            )
        if exemption not in dict(rules.ncnd_grounds()):
            raise ApplicationError("Choose the ground of DPA 2018 s.45(4) that applies.")
        if not notes.strip():
            raise ApplicationError(
                "Record why telling the requester would undermine the restriction (DPA 2018 s.45(6), (7))."
            )
        redacted_fields = []
    elif decision == ItemDecision.DISCLOSE:
        exemption, redacted_fields = "", []
    elif decision == ItemDecision.NOT_SUBJECT:
        if not item.match_reason:
            raise ApplicationError(
                "Only a record found by matching details can be left out as not the data subject's."
            )
        if not notes.strip():
            raise ApplicationError("Say why it is not the data subject's (which detail differs).")
        exemption, redacted_fields = "", []
    else:
        raise ApplicationError("Choose whether to disclose, redact or withhold it.")
    with transaction.atomic():
        item.decision = decision
        item.exemption = exemption
        item.redacted_fields = redacted_fields
        item.notes = notes.strip()
        item.decided_at = timezone.now()
        item.decided_by = who.user
        item.save()
        audit_record(
            actor=who,
            verb=GovernanceVerb.RIGHTSREQUEST_ITEM_DECIDED,
            target=request,
            changed_fields=["decision", "exemption", "redacted_fields", "notes"],
        )
    return item


RECTIFIABLE = ("given_name", "family_name", "known_as", "date_of_birth", "gender", "phone", "email")


def rights_request_decide(
    *,
    actor: ActorOrUser,
    request: RightsRequest,
    outcome: str,
    reason: str,
    corrections: dict[str, Any] | None = None,
    decided_on: dt.date | None = None,
) -> RightsRequest:
    """Decide a rectification (Art 16) or erasure (Art 17) request. A granted rectification writes the
    corrections through the people services; a granted erasure deletes the person's record through
    the disposal service, refused while a legal hold or another record (a case, an incident, a risk
    assessment, a power) still needs it (Art 17(3)(b), (e): legal obligation, legal claims)."""
    from csphub.people.services import person_update

    who = _may_handle(actor)
    decided_on = decided_on or timezone.localdate()
    if request.kind == RequestKind.ACCESS or request.status != RequestStatus.OPEN:
        raise ApplicationError("Only an open rectification or erasure request is decided here.")
    if outcome not in Outcome.values or not reason.strip():
        raise ApplicationError("Choose the outcome and give the reason (the requester is told it).")
    if request.identity_verified_on is None:
        raise ApplicationError("Verify the requester's identity before deciding.")
    person = request.subject
    granted = outcome in (Outcome.GRANTED, Outcome.PARTLY)
    with transaction.atomic():
        if granted and request.kind == RequestKind.RECTIFICATION:
            changes = {k: v for k, v in (corrections or {}).items() if k in RECTIFIABLE}
            if not changes or person is None:
                raise ApplicationError("Give the corrected details to write to the person's record.")
            person_update(actor=who, person=person, **changes)
        if granted and request.kind == RequestKind.ERASURE:
            if person is None:
                raise ApplicationError("The person's record no longer exists.")
            _erase_person(who, person)
            request.subject = None
        request.outcome = outcome
        request.outcome_reason = reason.strip()
        request.status = RequestStatus.COMPLETED
        request.completed_on = decided_on
        request.save(
            update_fields=["subject", "outcome", "outcome_reason", "status", "completed_on", "modified_at"]
        )
        audit_record(
            actor=who,
            verb=GovernanceVerb.RIGHTSREQUEST_DECIDED,
            target=request,
            changed_fields=["outcome", "outcome_reason", "status"],
        )
    return request


def _erase_person(actor: Any, person: Any) -> None:
    """Art 17 erasure of a person record, kept by a legal hold or a dependent record."""
    person_type = ContentType.objects.get_for_model(person)
    if LegalHold.objects.filter(
        content_type=person_type, object_id=person.pk, released_at__isnull=True
    ).exists():
        raise ApplicationError("The person is on legal hold: their record cannot be erased (Art 17(3)(e)).")
    if person.case_parties.exists() or person.incident_parties.exists():
        raise ApplicationError(
            "The person is on a case or an incident the agency must keep: erase those first or refuse "
            "the request (Art 17(3)(b), (e))."
        )
    run = DisposalRun.objects.create(ran_on=timezone.localdate(), dry_run=False, considered=1, disposed=1)
    try:
        with transaction.atomic():
            tombstone = _dispose_person(
                person,
                run=run,
                until=timezone.localdate(),
                rule="erased on the data subject's request (Art 17)",
            )
    except ProtectedError as error:
        raise ApplicationError(
            "Other records still depend on this person (a risk assessment, a power, a Case Review): "
            "their record cannot be erased."
        ) from error
    audit_record(actor=actor, verb=CaseworkVerb.PERSON_ERASED, target=tombstone)
