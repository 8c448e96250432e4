"""What a subject access request discloses: the bundle (PDF and JSON) and the disclosure log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from csphub.audit.models import GovernanceVerb
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
from csphub.governance.services.handlers import _may_handle


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
    stated unless stating it would itself prejudice the purpose, which the handler judges). An item
    restricted without saying so (s.45(4), (6)) is not in the bundle at all."""
    out = []
    for item in request.items.all():
        # Not the subject's (a namesake applicant the handler ruled out): not their data at all.
        if item.decision in (ItemDecision.PENDING, ItemDecision.RESTRICT_SILENTLY, ItemDecision.NOT_SUBJECT):
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


def bundle_files(request: RightsRequest) -> list[tuple[str, Any, str]]:
    """The case documents that go into the bundle as files: those disclosed in full. Each as (the
    name it has in the bundle, the document, why it is or is not attached). A document decided
    "disclose with redactions" is not attached: its file cannot be redacted here, so the handler
    sends a redacted copy made outside the service, and the bundle says so."""
    from csphub.cases.models import Document

    keys = {
        int(item.record_key.split(":", 1)[1]): item
        for item in request.items.filter(record_key__startswith="document:")
    }
    out: list[tuple[str, Any, str]] = []
    for n, document in enumerate(Document.objects.filter(pk__in=list(keys)).order_by("created_at", "pk"), 1):
        item = keys[document.pk]
        safe = "".join(c if c.isalnum() or c in "._- " else "_" for c in document.original_name)[:120]
        name = f"documents/{n:03d}-{safe or 'document'}"
        if item.decision == ItemDecision.DISCLOSE:
            out.append((name, document, "attached"))
        elif item.decision == ItemDecision.REDACT:
            out.append((name, document, "redacted copy sent separately"))
    return out


def bundle_zip(request: RightsRequest, *, pdf: bytes) -> bytes:
    """The whole bundle as one ZIP: the PDF, the JSON export, the files of the documents disclosed in
    full, and a manifest with each file's SHA-256 (so what was sent can be proved later)."""
    import hashlib
    import io
    import zipfile

    from csphub.cases.selectors import document_stored_path

    manifest: list[str] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, data: bytes) -> None:
            archive.writestr(name, data)
            manifest.append(f"{hashlib.sha256(data).hexdigest()}  {name}")

        add(f"{request.reference}.pdf", pdf)
        add(f"{request.reference}.json", bundle_json(request).encode())
        for name, document, why in bundle_files(request):
            if why != "attached":
                manifest.append(f"(not attached: {why})  {name}")
                continue
            path = document_stored_path(document.stored_name)
            try:
                data = path.read_bytes()
            except FileNotFoundError as error:
                raise ApplicationError(
                    f"The file of “{document.title}” on case {document.case.reference} is missing from "
                    "the document store: ask the service's operator to restore it before sending the bundle."
                ) from error
            if hashlib.sha256(data).hexdigest() != document.sha256:
                raise ApplicationError(
                    f"The file of “{document.title}” on case {document.case.reference} does not match the "
                    "one uploaded: ask the service's operator to check the document store."
                )
            add(name, data)
        archive.writestr("MANIFEST-SHA256.txt", "\n".join(manifest) + "\n")
    return buffer.getvalue()


def rights_request_bundle_produced(*, actor: ActorOrUser, request: RightsRequest, fmt: str) -> None:
    """Audit that the bundle was produced (as PDF or JSON)."""
    who = _may_handle(actor)
    if request.items.filter(decision=ItemDecision.PENDING).exists():
        raise ApplicationError("Decide every item before producing the bundle.")
    audit_record(
        actor=who, verb=GovernanceVerb.RIGHTSREQUEST_BUNDLE_PRODUCED, target=request, justification=fmt
    )


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
            restricted=counts[ItemDecision.RESTRICT_SILENTLY],
            sha256=hashlib.sha256(bundle_json(request).encode()).hexdigest(),
            created_by=who.user,
        )
        request.status = RequestStatus.COMPLETED
        request.completed_on = disclosed_on
        # The outcome is the handler's record: a silent restriction is a partial refusal too.
        withheld = counts[ItemDecision.EXEMPT] + counts[ItemDecision.RESTRICT_SILENTLY]
        request.outcome = Outcome.GRANTED if not withheld else Outcome.PARTLY
        request.save(update_fields=["status", "completed_on", "outcome", "modified_at"])
        audit_record(actor=who, verb=GovernanceVerb.RIGHTSREQUEST_DISCLOSED, target=request)
    return disclosure


# --- Neither confirm nor deny (DPA 2018 s.45(4)-(7); rules.ncnd_allowed) -----------------------------


def ncnd_letter(request: RightsRequest) -> list[str]:
    """The paragraphs of the reply that neither confirms nor denies. It names no record, no item and
    no ground: stating the ground would itself tell the requester that something is held (s.45(6)
    lifts the duty of s.45(5)(a) and (b) so far as it would undermine the restriction). It still
    tells them of their rights under s.45(5)(c)-(e)."""
    controller = request.owning_agency.name
    return [
        f"We have considered your request of {request.received_on:%-d %B %Y} for your personal data, "
        f"made to {controller} under section 45 of the Data Protection Act 2018.",
        f"{controller} can neither confirm nor deny whether it holds personal data about you that is "
        "processed for a law enforcement purpose. This reply is given to every request of this kind in "
        "these circumstances, and should not be taken to mean either that we hold such data or that we "
        "do not.",
        "You may ask the Information Commissioner to check that we have acted lawfully "
        "(section 51 of the Data Protection Act 2018). You may also complain to the Information "
        "Commissioner's Office (ico.org.uk, 0303 123 1113), or apply to a court (section 167).",
    ]


def rights_request_neither_confirm_nor_deny(
    *,
    actor: ActorOrUser,
    request: RightsRequest,
    ground: str,
    reason: str,
    responded_on: dt.date,
    method: str,
) -> RightsRequest:
    """Answer a Part 3 subject access request by neither confirming nor denying that data is held
    (DPA 2018 s.45(4): the right to confirmation in s.45(1)(a) restricted wholly, on a ground of
    s.45(4)(a)-(e)). The ground and the reasons are kept for the Commissioner (s.45(7)); the letter
    (``ncnd_letter``) states neither. The reply is entered in the disclosure log with nothing
    disclosed, and the request is completed."""
    import hashlib

    who = _may_handle(actor)
    if request.owning_agency_id != who.agency.pk:
        raise ApplicationError("This request is not your agency's.")
    if request.kind != RequestKind.ACCESS or request.status != RequestStatus.OPEN:
        raise ApplicationError("Only an open subject access request can be answered this way.")
    if not rules.ncnd_allowed(request.regime):
        raise ApplicationError(
            "Only a request about law-enforcement processing (DPA 2018 Part 3) may be answered without "
            "confirming or denying that data is held (section 45(4))."
        )
    if ground not in dict(rules.ncnd_grounds()):
        raise ApplicationError("Choose the ground of section 45(4) that applies.")
    if not reason.strip():
        raise ApplicationError(
            "Say why confirming or denying would cause that harm (kept for the Information Commissioner)."
        )
    if not method.strip():
        raise ApplicationError("Say how the reply was sent.")
    if not request.received_on <= responded_on <= timezone.localdate():
        raise ApplicationError("The day it was sent is on or after receipt, and not in the future.")
    with transaction.atomic():
        request.ncnd_ground = ground
        request.ncnd_reason = reason.strip()
        request.outcome = Outcome.NEITHER_CONFIRMED_NOR_DENIED
        request.status = RequestStatus.COMPLETED
        request.completed_on = responded_on
        request.save(
            update_fields=["ncnd_ground", "ncnd_reason", "outcome", "status", "completed_on", "modified_at"]
        )
        Disclosure.objects.create(
            request=request,
            disclosed_on=responded_on,
            method=method.strip(),
            disclosed=0,
            redacted=0,
            withheld=0,
            sha256=hashlib.sha256("\n".join(ncnd_letter(request)).encode()).hexdigest(),
            created_by=who.user,
        )
        audit_record(
            actor=who,
            verb=GovernanceVerb.RIGHTSREQUEST_NEITHER_CONFIRMED_NOR_DENIED,
            target=request,
            changed_fields=["ncnd_ground", "ncnd_reason", "outcome", "status", "completed_on"],
        )
    return request
