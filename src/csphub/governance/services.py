"""Retention: the schedule, legal holds, and disposal runs. Each write and its audit event are one
transaction. Run by the operator from ``csphub retention`` (``actor=None``: the system)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
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
from csphub.governance.models import DisposalRun, LegalHold, RecordType, RetentionRule, Tombstone


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
    closed_on: dt.date
    retained_until: dt.date
    action: str  # "dispose", "hold", "blocked"
    why: str


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
    from csphub.agencies.models import RecordNamedUser, RecordShare
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
    case_type = ContentType.objects.get_for_model(case)
    RecordShare.objects.filter(content_type=case_type, object_id=case.pk).delete()
    RecordNamedUser.objects.filter(content_type=case_type, object_id=case.pk).delete()
    LegalHold.objects.filter(content_type=case_type, object_id=case.pk).delete()
    AgendaItem.objects.filter(case=case).delete()
    case.delete()
    return tombstone, files


def _remove_files(names: list[str]) -> None:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    for name in names:
        (root / name).unlink(missing_ok=True)


def retention_purge(*, actor: ActorOrUser, today: dt.date | None = None, dry_run: bool) -> PurgeResult:
    """Dispose of every closed case past its retention date and not on legal hold (or, with
    ``dry_run``, only list them). Either way the run is recorded and audited."""
    today = today or timezone.localdate()
    with transaction.atomic():
        run = DisposalRun.objects.create(ran_on=today, dry_run=dry_run)
        result = PurgeResult(run=run)
        schedule = selectors.retention_rules(RecordType.CASE)
        cases = selectors.closed_cases()
        holds = selectors.holds_by_case([c.pk for c in cases])
        files: list[str] = []
        for case in cases:
            rule = schedule.get(case.owning_agency_id) or schedule[None]
            closed_on = timezone.localdate(case.closed_at)
            decision = rules.decide(
                trigger=closed_on, years=rule.years, today=today, holds=tuple(holds.get(case.pk, ()))
            )
            if decision.action is rules.Action.KEEP:
                continue
            run.considered += 1
            item = {
                "reference": case.reference,
                "agency": case.owning_agency.name,
                "closed_on": closed_on,
                "retained_until": decision.retained_until,
            }
            if decision.action is rules.Action.HOLD:
                run.held += 1
                result.items.append(PurgeItem(**item, action="hold", why=decision.reason))
                continue
            blocker = _blocked_by(case)
            if blocker:
                result.items.append(
                    PurgeItem(**item, action="blocked", why=f"past its date but kept: {blocker}")
                )
                continue
            why = f"{decision.reason}; rule: {rule.describe()}"
            if not dry_run:
                try:
                    with transaction.atomic():
                        tombstone, names = _dispose_case(
                            case, run=run, until=decision.retained_until, rule=rule.describe()
                        )
                except ProtectedError:
                    result.items.append(
                        PurgeItem(
                            **item, action="blocked", why="past its date but other records depend on it"
                        )
                    )
                    continue
                files += names
                audit_record(actor=actor, verb=AuditVerb.CASE_DISPOSED, target=tombstone)
            run.disposed += 1
            result.items.append(PurgeItem(**item, action="dispose", why=why))
        run.save(update_fields=["considered", "disposed", "held", "modified_at"])
        audit_record(
            actor=actor,
            verb=AuditVerb.RETENTION_DRY_RUN if dry_run else AuditVerb.RETENTION_PURGED,
            target=run,
        )
        if files:
            transaction.on_commit(lambda: _remove_files(files))
    return result
