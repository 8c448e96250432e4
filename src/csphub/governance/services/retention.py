"""Retention: the schedule and disposal runs. Each write and its audit event are one transaction.
Disposal is run by the operator from ``csphub retention`` (``actor=None``: the system); an agency's
data protection staff set their own agency's periods where the law leaves the choice to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from csphub.audit.models import CaseReviewVerb, CaseworkVerb, DutyVerb, GovernanceVerb
from csphub.audit.services import ActorOrUser, audit_record
from csphub.core.errors import ApplicationError
from csphub.governance import rules, selectors
from csphub.governance.models import (
    DisposalRun,
    LegalHold,
    RecordType,
    RetentionRule,
    Tombstone,
)
from csphub.governance.services.handlers import _may_handle


def retention_rule_set(
    *,
    actor: ActorOrUser,
    record_type: str,
    agency: Any | None,
    years: int,
    reason: str,
    policy_source: str,
) -> RetentionRule:
    """Set (or change) the retention period of one record type for one agency (or the default). A
    member of staff (not the operator) sets only their own agency's period, and only within what
    the law allows (``rules.MINIMUM_YEARS``: a data subject's request is kept at least 6 years)."""
    if record_type not in RecordType.values:
        raise ApplicationError(f"Unknown record type {record_type!r}.")
    if actor is not None:
        who = _may_handle(actor)
        if agency is None or agency.pk != who.agency.pk:
            raise ApplicationError("You can set your own agency's retention periods only.")
    if years < 1:
        raise ApplicationError("A retention period is at least one year.")
    if not rules.period_allowed(record_type, years):
        raise ApplicationError(
            f"Enter a period from {rules.MINIMUM_YEARS[record_type]} to {rules.MAXIMUM_YEARS} years "
            "for this type of record."
        )
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
            verb=GovernanceVerb.RETENTION_RULE_SET,
            target=rule,
            changed_fields=["years", "reason", "policy_source"],
        )
    return rule


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


def _dispose_case(case: Any, *, run: DisposalRun, until: dt.date, rule: str) -> tuple[Tombstone, list[str]]:
    """Delete the case and its whole file (notes, documents, tasks, links, agenda items, tools and
    powers with their history, risk assessments, MARAC referrals, community resolutions); leave a
    tombstone with the counts the statistics need. A modern slavery concern raised from the case is
    the duty register's own record: it stays, no longer linked. Returns the stored names of the
    case's documents (their files are removed after the transaction commits)."""
    from csphub.cases.models import AgendaItem
    from csphub.duties.models import CommunityResolution, SlaveryConcern
    from csphub.powers.models import PowerUse
    from csphub.risk.models import Assessment, MaracReferral

    powers = list(PowerUse.objects.filter(case=case).order_by("id"))
    counts: dict[str, int] = {}
    for use in powers:
        counts[use.power] = counts.get(use.power, 0) + 1
    risk = Assessment.objects.filter(case=case)
    marac = MaracReferral.objects.filter(case=case)
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
        power_counts=dict(sorted(counts.items())),
        risk_assessment_count=risk.count(),
        marac_referral_count=marac.count(),
        retained_until=until,
        rule=rule,
    )
    files = list(case.documents.values_list("stored_name", flat=True))
    for record in [*powers, *risk, *marac]:
        _forget_links(record)
    # A later power names the one it follows (a CPN its CPW): the links go before the powers.
    PowerUse.objects.filter(case=case).update(parent=None)
    PowerUse.objects.filter(case=case).delete()
    marac.delete()
    risk.delete()
    CommunityResolution.objects.filter(case=case).delete()
    SlaveryConcern.objects.filter(case=case).update(case=None)
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
    from csphub.cases.selectors import document_stored_path

    for name in names:
        document_stored_path(name).unlink(missing_ok=True)


def _dispose_rights_request(request: Any, *, run: DisposalRun, until: dt.date, rule: str) -> Tombstone:
    """Delete a completed data subject's request with the records found for it (the snapshot), the
    decisions and its disclosure log; leave a tombstone with its kind and outcome, naming no one."""
    tombstone = Tombstone.objects.create(
        run=run,
        record_type=RecordType.RIGHTS_REQUEST,
        reference=request.reference,
        owning_agency=request.owning_agency,
        opened_on=request.received_on,
        closed_on=request.completed_on,
        outcome=request.outcome,
        incident_count=0,
        retained_until=until,
        rule=rule,
    )
    _forget_links(request)
    request.disclosures.all().delete()
    request.items.all().delete()
    request.delete()
    return tombstone


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _replace_with_tombstone(
    record: Any, *, record_type: str, run: DisposalRun, until: dt.date, rule: str, **fields: Any
) -> Tombstone:
    """Leave the depersonalised tombstone of ``record`` (its reference, agency, partnership and
    ``fields``), then delete the record and every link to it."""
    tombstone = Tombstone.objects.create(
        run=run,
        record_type=record_type,
        reference=record.reference,
        owning_agency=record.owning_agency,
        partnership_id=record.partnership_id,
        retained_until=until,
        rule=rule,
        **fields,
    )
    _forget_links(record)
    record.delete()
    return tombstone


def _dispose_case_review(application: Any, *, run: DisposalRun, until: dt.date, rule: str) -> Tombstone:
    """Delete a closed or withdrawn Case Review application with its letters, threshold decision,
    review and recommendations, appeal and the links to the complaints (the incidents themselves are
    their agencies' records and stay); leave a tombstone with what the s.104(10) figures, the board
    pack and the plan count (its area, dates, threshold outcome, reviews, recommendation count)."""
    from csphub.casereviews.selectors import application_retention_facts

    return _replace_with_tombstone(
        application,
        record_type=RecordType.CASE_REVIEW,
        run=run,
        until=until,
        rule=rule,
        opened_on=application.received_on,
        closed_on=application.closed_on,
        outcome=application.status,
        incident_count=application.incident_links.count(),
        facts=application_retention_facts(application),
    )


def _dispose_slavery_concern(concern: Any, *, run: DisposalRun, until: dt.date, rule: str) -> Tombstone:
    """Delete a notified modern slavery concern (the person and case it names stay, being their own
    records); leave a tombstone with the dates, route and type of exploitation the counts use."""
    return _replace_with_tombstone(
        concern,
        record_type=RecordType.SLAVERY_CONCERN,
        run=run,
        until=until,
        rule=rule,
        opened_on=concern.grounds_date,
        closed_on=concern.notified_on,
        outcome=concern.route,
        facts={
            "grounds_date": _iso(concern.grounds_date),
            "notified_on": _iso(concern.notified_on),
            "route": concern.route,
            "exploitation": concern.exploitation,
            "age_basis": concern.age_basis,
        },
    )


def _dispose_prevent_referral(referral: Any, *, run: DisposalRun, until: dt.date, rule: str) -> Tombstone:
    """Delete a closed Prevent referral with its Channel case and post-exit reviews; leave a tombstone
    with the dates and outcomes the counts use (the day referred, the screening outcome, the Channel
    case's status and its reviews' due and completion days), naming no one."""
    from csphub.duties.models import ChannelCase

    case = ChannelCase.objects.filter(referral=referral).first()
    reviews = list(case.reviews.order_by("due_on", "id")) if case is not None else []
    tombstone = Tombstone.objects.create(
        run=run,
        record_type=RecordType.PREVENT_REFERRAL,
        reference=referral.reference,
        owning_agency=referral.owning_agency,
        partnership_id=referral.partnership_id,
        opened_on=referral.referred_on,
        closed_on=max(
            day
            for day in (
                referral.referred_on,
                referral.screened_on,
                *((case.first_panel_on, case.consent_on, case.exited_on) if case is not None else ()),
                *(rv.completed_on for rv in reviews),
            )
            if day is not None
        ),
        outcome=case.status if case is not None else referral.status,
        retained_until=until,
        rule=rule,
        facts={
            "referred_on": _iso(referral.referred_on),
            "screened_on": _iso(referral.screened_on),
            "status": referral.status,
            "channel_case": case.reference if case is not None else "",
            "channel_status": case.status if case is not None else "",
            "first_panel_on": _iso(case.first_panel_on) if case is not None else None,
            "exited_on": _iso(case.exited_on) if case is not None else None,
            "channel_reviews": [
                {
                    "months_after_exit": rv.months_after_exit,
                    "due_on": _iso(rv.due_on),
                    "completed_on": _iso(rv.completed_on),
                }
                for rv in reviews
            ],
        },
    )
    if case is not None:
        _forget_links(case)
        case.reviews.all().delete()
        case.delete()
    _forget_links(referral)
    referral.delete()
    return tombstone


def _dispose_dhr(review: Any, *, run: DisposalRun, until: dt.date, rule: str) -> Tombstone:
    """Delete a Domestic Homicide Review's file (the review with its panel, extensions,
    recommendations, actions and pseudonyms; the published report stays where it was published);
    leave a tombstone with its dates, decision and counts, naming no one."""
    recommendations = review.recommendations.count()
    return _replace_with_tombstone(
        review,
        record_type=RecordType.DHR,
        run=run,
        until=until,
        rule=rule,
        opened_on=review.notified_on,
        closed_on=review.published_on or review.decided_on,
        outcome=review.status,
        facts={
            "notified_on": _iso(review.notified_on),
            "decision": review.decision,
            "decided_on": _iso(review.decided_on),
            "report_completed_on": _iso(review.report_completed_on),
            "published_on": _iso(review.published_on),
            "rule_version": review.rule_version,
            "recommendation_count": recommendations,
        },
    )


# A rule in words (its reason and source) can be longer than the tombstone keeps.
_RULE_LENGTH = Tombstone._meta.get_field("rule").max_length or 500

_DISPOSED_VERB = {
    RecordType.CASE: CaseworkVerb.CASE_DISPOSED,
    RecordType.INCIDENT: CaseworkVerb.INCIDENT_DISPOSED,
    RecordType.PERSON: CaseworkVerb.PERSON_DISPOSED,
    RecordType.RIGHTS_REQUEST: GovernanceVerb.RIGHTSREQUEST_DISPOSED,
    RecordType.CASE_REVIEW: CaseReviewVerb.CASEREVIEWAPPLICATION_DISPOSED,
    RecordType.SLAVERY_CONCERN: DutyVerb.SLAVERYCONCERN_DISPOSED,
    RecordType.PREVENT_REFERRAL: DutyVerb.PREVENTREFERRAL_DISPOSED,
    RecordType.DHR: DutyVerb.DOMESTICHOMICIDEREVIEW_DISPOSED,
}


class _DryRun(Exception):
    """Raised inside a dry run's savepoint to undo the disposal it has just tried."""


def _depends_on(error: ProtectedError) -> str:
    """The records that still point at one being disposed of, by kind: "a Case Review application's
    incident depends on it"."""
    kinds = sorted({str(obj._meta.verbose_name) for obj in error.protected_objects})
    return (
        ", ".join(f"{kind} records" for kind in kinds) + " depend on it"
        if kinds
        else "other records depend on it"
    )


def retention_review(
    *, record_type: str, today: dt.date, agency: Any | None = None
) -> list[tuple[PurgeItem, Any, str]]:
    """Every record of ``record_type`` past its retention date: the item, the record, and the rule
    applied in words; with ``agency``, only that agency's records (the staff page shows a data
    protection officer their own agency's). Nothing is written (the page and the purge both use it)."""
    schedule = selectors.retention_rules(record_type)
    found: list[tuple[PurgeItem, Any, str]] = []
    for candidate in selectors.disposal_candidates(record_type, today=today):
        if agency is not None and candidate.agency_id != agency.pk:
            continue
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
        if candidate.in_force:
            why = "past its date but kept: still in force on it: " + ", ".join(candidate.in_force)
            found.append((PurgeItem(**item, action="blocked", why=why), candidate.record, ""))
            continue
        counted = f" (counted from {candidate.trigger_why})" if candidate.trigger_why else ""
        why = f"{decision.reason}{counted}; rule: {rule.describe()}"
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
    on no case or incident; Case Review applications are closed or withdrawn ones; the duty
    registers' records are notified concerns, closed Prevent referrals and DHRs published or not
    held. Each leaves a tombstone whose ``facts`` the statistics go on counting (the s.104(10)
    figures, the board pack, the plan's measures), so disposal never moves a figure. A case goes
    with its whole file (its tools and powers, risk assessments, MARAC referrals and community
    resolutions); one with a power still in force, or a record another part of the service still
    depends on (an incident a Case Review relied on), is kept and listed as blocked (as is an
    application with an appeal or recommendation outstanding, a referral with a Channel review
    outstanding, a DHR with an action outstanding). A dry run tries each disposal in a savepoint
    and undoes it, so it lists exactly what a real run would do."""
    if record_type not in RecordType.values:
        raise ApplicationError(f"Unknown record type {record_type!r}.")
    today = today or timezone.localdate()
    disposers = {
        RecordType.CASE: _dispose_case,
        RecordType.INCIDENT: _dispose_incident,
        RecordType.PERSON: _dispose_person,
        RecordType.RIGHTS_REQUEST: _dispose_rights_request,
        RecordType.CASE_REVIEW: _dispose_case_review,
        RecordType.SLAVERY_CONCERN: _dispose_slavery_concern,
        RecordType.PREVENT_REFERRAL: _dispose_prevent_referral,
        RecordType.DHR: _dispose_dhr,
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
            try:
                with transaction.atomic():
                    outcome = disposers[RecordType(record_type)](
                        record, run=run, until=item.retained_until, rule=rule[:_RULE_LENGTH]
                    )
                    if dry_run:  # the same deletes, undone: a dry run lists exactly what a run would
                        raise _DryRun
            except _DryRun:
                outcome = None
            except ProtectedError as error:
                why = "past its date but kept: " + _depends_on(error)
                result.items.append(replace(item, action="blocked", why=why))
                continue
            if outcome is not None:
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
            verb=GovernanceVerb.RETENTION_DRY_RUN if dry_run else GovernanceVerb.RETENTION_PURGED,
            target=run,
        )
        if files:
            transaction.on_commit(lambda: _remove_files(files))
    return result
