"""Retention: the schedule, legal holds, and disposal runs. Each write and its audit event are one
transaction. Run by the operator from ``csphub retention`` (``actor=None``: the system)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from csphub.audit.models import AuditVerb
from csphub.audit.services import ActorOrUser, audit_record
from csphub.core.errors import ApplicationError
from csphub.governance import rules, selectors
from csphub.governance.models import (
    Disclosure,
    DisposalRun,
    ItemDecision,
    LegalHold,
    Outcome,
    RecordType,
    Regime,
    RequestItem,
    RequestKind,
    RequestStatus,
    RetentionRule,
    RightsRequest,
    Tombstone,
)


def retention_rule_set(
    *,
    actor: ActorOrUser,
    record_type: str,
    agency: Any | None,
    years: int,
    reason: str,
    policy_source: str,
) -> RetentionRule:
    """Set (or change) the retention period of one record type for one agency (or the default)."""
    if record_type not in RecordType.values:
        raise ApplicationError(f"Unknown record type {record_type!r}.")
    if years < 1:
        raise ApplicationError("A retention period is at least one year.")
    if not reason.strip() or not policy_source.strip():
        raise ApplicationError("Give the reason for the period and the policy it comes from.")
    with transaction.atomic():
        rule, _created = RetentionRule.objects.update_or_create(
            record_type=record_type,
            agency=agency,
            defaults={"years": years, "reason": reason.strip(), "policy_source": policy_source.strip()},
        )
        audit_record(
            actor=actor,
            verb=AuditVerb.RETENTION_RULE_SET,
            target=rule,
            changed_fields=["years", "reason", "policy_source"],
        )
    return rule


def legal_hold_place(*, actor: ActorOrUser, target: models.Model, reason: str) -> LegalHold:
    """Keep a record, a person or a case past its retention date until the hold is released."""
    if not reason.strip():
        raise ApplicationError("Give the reason for the legal hold.")
    with transaction.atomic():
        hold = LegalHold.objects.create(
            content_type=ContentType.objects.get_for_model(target),
            object_id=target.pk,
            reason=reason.strip(),
            placed_at=timezone.now(),
        )
        audit_record(actor=actor, verb=AuditVerb.LEGAL_HOLD_PLACED, target=hold)
    return hold


def legal_hold_release(*, actor: ActorOrUser, hold: LegalHold) -> LegalHold:
    if hold.released_at is not None:
        raise ApplicationError("This legal hold has already been released.")
    with transaction.atomic():
        hold.released_at = timezone.now()
        hold.save(update_fields=["released_at", "modified_at"])
        audit_record(
            actor=actor, verb=AuditVerb.LEGAL_HOLD_RELEASED, target=hold, changed_fields=["released_at"]
        )
    return hold


@dataclass(frozen=True)
class PurgeItem:
    reference: str
    agency: str
    closed_on: dt.date  # the trigger date: a case's closure, an incident's day, a person's last change
    retained_until: dt.date
    action: str  # "dispose", "hold", "blocked"
    why: str
    record_type: str = RecordType.CASE


@dataclass
class PurgeResult:
    run: DisposalRun
    items: list[PurgeItem] = field(default_factory=list)

    @property
    def disposed(self) -> list[PurgeItem]:
        return [i for i in self.items if i.action == "dispose"]


_BLOCKERS = {
    "powers": "a tool or power recorded on it",
    "risk_assessments": "a risk assessment recorded on it",
}


def _blocked_by(case: Any) -> str:
    """Records in other parts of the service that keep the case (they have their own retention)."""
    found = [
        words for name, words in _BLOCKERS.items() if hasattr(case, name) and getattr(case, name).exists()
    ]
    return "; ".join(found)


def _dispose_case(case: Any, *, run: DisposalRun, until: dt.date, rule: str) -> tuple[Tombstone, list[str]]:
    """Delete the case and everything personal hanging off it; leave a tombstone. Returns the stored
    names of the case's documents (their files are removed after the transaction commits)."""
    from csphub.cases.models import AgendaItem

    tombstone = Tombstone.objects.create(
        run=run,
        record_type=RecordType.CASE,
        reference=case.reference,
        owning_agency=case.owning_agency,
        opened_on=timezone.localdate(case.opened_at),
        closed_on=timezone.localdate(case.closed_at),
        asb_type=case.asb_type,
        outcome=case.outcome,
        incident_count=case.incident_count,
        retained_until=until,
        rule=rule,
    )
    files = list(case.documents.values_list("stored_name", flat=True))
    _forget_links(case)
    AgendaItem.objects.filter(case=case).delete()
    case.delete()
    return tombstone, files


def _forget_links(record: models.Model) -> None:
    """The shares, named users and legal holds that point at a record by content type and id."""
    from csphub.agencies.models import RecordNamedUser, RecordShare

    record_type = ContentType.objects.get_for_model(record)
    RecordShare.objects.filter(content_type=record_type, object_id=record.pk).delete()
    RecordNamedUser.objects.filter(content_type=record_type, object_id=record.pk).delete()
    LegalHold.objects.filter(content_type=record_type, object_id=record.pk).delete()


def _dispose_incident(incident: Any, *, run: DisposalRun, until: dt.date, rule: str) -> Tombstone:
    """Delete an incident on no case (its party links go with it); leave a tombstone."""
    occurred = timezone.localdate(incident.occurred_at)
    tombstone = Tombstone.objects.create(
        run=run,
        record_type=RecordType.INCIDENT,
        reference=incident.reference,
        owning_agency=incident.owning_agency,
        opened_on=occurred,
        closed_on=occurred,
        asb_type=incident.asb_type,
        incident_count=1,
        retained_until=until,
        rule=rule,
    )
    _forget_links(incident)
    incident.delete()
    return tombstone


def _dispose_person(person: Any, *, run: DisposalRun, until: dt.date, rule: str) -> Tombstone:
    """Delete a person on no case or incident (their address links go with them); leave a tombstone
    that names no one."""
    tombstone = Tombstone.objects.create(
        run=run,
        record_type=RecordType.PERSON,
        reference=selectors.person_reference(person),
        owning_agency=person.owning_agency,
        opened_on=timezone.localdate(person.created_at),
        closed_on=timezone.localdate(person.modified_at),
        retained_until=until,
        rule=rule,
    )
    _forget_links(person)
    person.delete()
    return tombstone


def _remove_files(names: list[str]) -> None:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    for name in names:
        (root / name).unlink(missing_ok=True)


_DISPOSED_VERB = {
    RecordType.CASE: AuditVerb.CASE_DISPOSED,
    RecordType.INCIDENT: AuditVerb.INCIDENT_DISPOSED,
    RecordType.PERSON: AuditVerb.PERSON_DISPOSED,
}


def retention_review(*, record_type: str, today: dt.date) -> list[tuple[PurgeItem, Any, str]]:
    """Every record of ``record_type`` past its retention date: the item, the record, and the rule
    applied in words. Nothing is written (the staff retention page and the purge both use it)."""
    schedule = selectors.retention_rules(record_type)
    found: list[tuple[PurgeItem, Any, str]] = []
    for candidate in selectors.disposal_candidates(record_type):
        rule = schedule.get(candidate.agency_id) or schedule[None]
        decision = rules.decide(
            trigger=candidate.trigger, years=rule.years, today=today, holds=candidate.holds
        )
        if decision.action is rules.Action.KEEP:
            continue
        item: dict[str, Any] = {
            "reference": candidate.reference,
            "agency": candidate.agency_name,
            "closed_on": candidate.trigger,
            "retained_until": decision.retained_until,
            "record_type": record_type,
        }
        if decision.action is rules.Action.HOLD:
            found.append((PurgeItem(**item, action="hold", why=decision.reason), candidate.record, ""))
            continue
        blocker = _blocked_by(candidate.record) if record_type == RecordType.CASE else ""
        if blocker:
            found.append(
                (
                    PurgeItem(**item, action="blocked", why=f"past its date but kept: {blocker}"),
                    candidate.record,
                    "",
                )
            )
            continue
        why = f"{decision.reason}; rule: {rule.describe()}"
        found.append((PurgeItem(**item, action="dispose", why=why), candidate.record, rule.describe()))
    return found


def retention_purge(
    *,
    actor: ActorOrUser,
    today: dt.date | None = None,
    dry_run: bool,
    record_type: str = RecordType.CASE,
) -> PurgeResult:
    """Dispose of every record of ``record_type`` past its retention date and not on legal hold
    (or, with ``dry_run``, only list them). Either way the run is recorded and audited.

    Cases are closed cases (UK GDPR Art 5(1)(e)); incidents are those on no case; people are those
    on no case or incident. A record another part of the service still depends on (a tool or power,
    a risk assessment, a Case Review) is kept and listed as blocked."""
    if record_type not in RecordType.values:
        raise ApplicationError(f"Unknown record type {record_type!r}.")
    today = today or timezone.localdate()
    disposers = {
        RecordType.CASE: _dispose_case,
        RecordType.INCIDENT: _dispose_incident,
        RecordType.PERSON: _dispose_person,
    }
    with transaction.atomic():
        run = DisposalRun.objects.create(ran_on=today, dry_run=dry_run)
        result = PurgeResult(run=run)
        files: list[str] = []
        for item, record, rule in retention_review(record_type=record_type, today=today):
            run.considered += 1
            if item.action == "hold":
                run.held += 1
            if item.action != "dispose":
                result.items.append(item)
                continue
            if not dry_run:
                try:
                    with transaction.atomic():
                        outcome = disposers[RecordType(record_type)](
                            record, run=run, until=item.retained_until, rule=rule
                        )
                except ProtectedError:
                    result.items.append(
                        replace(item, action="blocked", why="past its date but other records depend on it")
                    )
                    continue
                if isinstance(outcome, tuple):
                    tombstone, names = outcome
                    files += names
                else:
                    tombstone = outcome
                audit_record(actor=actor, verb=_DISPOSED_VERB[RecordType(record_type)], target=tombstone)
            run.disposed += 1
            result.items.append(item)
        run.save(update_fields=["considered", "disposed", "held", "modified_at"])
        audit_record(
            actor=actor,
            verb=AuditVerb.RETENTION_DRY_RUN if dry_run else AuditVerb.RETENTION_PURGED,
            target=run,
        )
        if files:
            transaction.on_commit(lambda: _remove_files(files))
    return result


# --- Data subjects' rights (UK GDPR Art 12, 15-17; DPA 2018 s.45-47) -------------------------------


def _may_handle(actor: ActorOrUser) -> Any:
    from csphub.agencies.policies import Capability
    from csphub.core.actor import as_actor
    from csphub.core.errors import PermissionDeniedError

    who = as_actor(actor)
    if who is None or who.agency is None or not who.policy.has_capability(Capability.MANAGE_DATA_PROTECTION):
        raise PermissionDeniedError("You cannot handle data protection requests.")
    return who


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
        audit_record(actor=who, verb=AuditVerb.RIGHTSREQUEST_RECEIVED, target=request)
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
            verb=AuditVerb.RIGHTSREQUEST_IDENTITY_VERIFIED,
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
            verb=AuditVerb.RIGHTSREQUEST_EXTENDED,
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
                ).update(content=item.content, record_label=item.label)
                continue
            RequestItem.objects.create(
                request=request,
                source=item.source,
                record_label=item.label,
                record_key=item.key,
                content=item.content,
                created_by=who.user,
            )
        request.searched_at = timezone.now()
        request.save(update_fields=["searched_at", "modified_at"])
        audit_record(actor=who, verb=AuditVerb.RIGHTSREQUEST_SEARCHED, target=request)
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
    """Disclose, redact (the fields named, with notes on why: usually third parties, Sch 2 para 16)
    or withhold (exempt, with the DPA 2018 Schedule 2/3 paragraph or s.45(4) ground)."""
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
    elif decision == ItemDecision.DISCLOSE:
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
            verb=AuditVerb.RIGHTSREQUEST_ITEM_DECIDED,
            target=request,
            changed_fields=["decision", "exemption", "redacted_fields", "notes"],
        )
    return item


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
            verb=AuditVerb.RIGHTSREQUEST_DECIDED,
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
    audit_record(actor=actor, verb=AuditVerb.PERSON_ERASED, target=tombstone)
