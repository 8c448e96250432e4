"""Retention and disposal, legal holds, the agency's retention periods and the record of processing."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from csphub.audit.models import GovernanceVerb
from csphub.audit.services import audit_listed, audit_record, audit_viewed
from csphub.core.actor import SignedInRequest
from csphub.core.errors import ApplicationError
from csphub.frontend import flows
from csphub.governance import forms, ropa, rules, selectors, services
from csphub.governance.agreements import selectors as agreement_selectors
from csphub.governance.models import (
    RecordType,
)
from csphub.governance.views.common import _flow, _handler


@login_required
def retention_overview(request: SignedInRequest) -> HttpResponse:
    """The schedule, what is past its date now (as the next run would see it) and the legal holds."""
    _handler(request)
    today = timezone.localdate()
    due: dict[str, Any] = {}
    counted: dict[str, dict[str, int]] = {}
    for t in RecordType.values:
        items = [
            item
            for item, _record, _rule in services.retention_review(
                record_type=t, today=today, agency=request.actor.agency
            )
        ]
        if t in selectors.COMPARTMENT_RECORD_TYPES:
            # A compartment's records are counted here, never named (only its members see them).
            counted[RecordType(t).label] = {
                "dispose": sum(1 for i in items if i.action == "dispose"),
                "kept": sum(1 for i in items if i.action != "dispose"),
            }
        else:
            due[RecordType(t).label] = items
    holds = selectors.active_holds(request.actor.agency)
    audit_record(actor=request.actor, verb=GovernanceVerb.RETENTION_SCHEDULE_VIEWED)
    return render(
        request,
        "governance/staff/retention.html",
        {
            "schedule": selectors.schedule_rows(),
            "due": due,
            "counted": counted,
            "holds": [(h, selectors.hold_target_label(h)) for h in holds],
            "tombstones": selectors.tombstones_recent(request.actor.agency),
            "today": today,
        },
    )


# --- Legal holds and the agency's retention periods -------------------------------------------------


@login_required
def hold_list(request: SignedInRequest) -> HttpResponse:
    """The legal holds on the agency's records: those in force (each with a release link) and those
    released recently, with who placed and released them and why."""
    _handler(request)
    active, released = selectors.holds_for(request.actor.agency)
    audit_listed(actor=request.actor, targets=[*active, *released])
    return render(
        request,
        "governance/staff/holds.html",
        {
            "active": [(h, selectors.hold_target_label(h)) for h in active],
            "released": [(h, selectors.hold_target_label(h)) for h in released],
            "agency": request.actor.agency,
        },
    )


@login_required
def hold_new(request: SignedInRequest) -> HttpResponse:
    _handler(request)
    agency = request.actor.agency

    def perform(data: dict[str, Any]) -> Any:
        target = selectors.hold_target_find(agency, data["kind"], data["record"])
        if target is None:
            raise ApplicationError(
                "No record with that reference is held by your agency: check the reference and the "
                "type of record"
            )
        return services.legal_hold_place(
            actor=request.actor, target=target, reason=data["reason"], reference=data["reference"]
        )

    def done(hold: Any) -> HttpResponse:
        messages.success(request, f"Legal hold placed on {selectors.hold_target_label(hold)}")
        return redirect("dataprotection:holds")

    return _flow(
        request,
        forms.HoldForm(flows.posted(request), kinds=selectors.HOLDABLE_LABELS),
        perform=perform,
        done=done,
        heading="Place a legal hold",
        caption="Records governance",
        back=reverse("dataprotection:holds"),
        confirm="Place the hold",
        explain="A record on legal hold is never disposed of, whatever its retention date, until the "
        "hold is released. Placing it is recorded in the audit trail with the reason.",
    )


@login_required
def hold_release(request: SignedInRequest, pk: int) -> HttpResponse:
    _handler(request)
    hold = selectors.hold_get(request.actor.agency, pk)
    audit_viewed(actor=request.actor, target=hold)
    label = selectors.hold_target_label(hold)

    def done(released: Any) -> HttpResponse:
        messages.success(request, f"Legal hold on {label} released")
        return redirect("dataprotection:holds")

    return _flow(
        request,
        forms.ReleaseForm(flows.posted(request)),
        perform=lambda data: services.legal_hold_release(
            actor=request.actor, hold=hold, reason=data["reason"]
        ),
        done=done,
        heading=f"Release the legal hold on {label}",
        caption="Records governance",
        back=reverse("dataprotection:holds"),
        confirm="Release the hold",
        explain=f"Placed on {hold.placed_at:%-d %B %Y}: {hold.reason}. Once released, the record is "
        "disposed of at the next run if it is past its retention date.",
    )


@login_required
def retention_periods(request: SignedInRequest) -> HttpResponse:
    """How long the agency keeps each type of record, with a Change link where it may choose."""
    _handler(request)
    audit_record(actor=request.actor, verb=GovernanceVerb.RETENTION_SCHEDULE_VIEWED)
    return render(
        request,
        "governance/staff/periods.html",
        {"rows": selectors.agency_rules(request.actor.agency), "agency": request.actor.agency},
    )


@login_required
def retention_period_set(request: SignedInRequest, record_type: str) -> HttpResponse:
    _handler(request)
    if record_type not in RecordType.values:
        raise Http404
    label = RecordType(record_type).label
    minimum = rules.MINIMUM_YEARS[record_type]

    def done(rule: Any) -> HttpResponse:
        messages.success(request, f"Retention period set: {rule.years} years")
        return redirect("dataprotection:periods")

    return _flow(
        request,
        forms.RetentionPeriodForm(flows.posted(request)),
        perform=lambda data: services.retention_rule_set(
            actor=request.actor, record_type=record_type, agency=request.actor.agency, **data
        ),
        done=done,
        heading="How long does your agency keep these records?",
        caption=label.split(" (")[0],
        back=reverse("dataprotection:periods"),
        confirm="Set the period",
        explain=f"At least {minimum} year{'s' if minimum != 1 else ''}. Records past the new date are "
        "disposed of at the next run unless they are on legal hold.",
    )


@login_required
def ropa_view(request: SignedInRequest, fmt: str = "html") -> HttpResponse:
    _handler(request)
    installed = {a.label for a in apps.get_app_configs()}
    rows = ropa.activities(installed) + agreement_selectors.ropa_activities(request.actor)
    audit_record(actor=request.actor, verb=GovernanceVerb.ROPA_EXPORTED, justification=fmt)
    controller = request.actor.agency
    assert controller is not None  # _handler refused an actor without an agency
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="record-of-processing-activities.csv"'
        writer = csv.writer(response)
        writer.writerow(["Controller", *[label for _, label in ropa.COLUMNS]])
        for row in rows:
            writer.writerow([controller.name, *[getattr(row, name) for name, _ in ropa.COLUMNS]])
        return response
    return render(
        request,
        "governance/staff/ropa.html",
        {
            "rows": rows,
            "columns": ropa.COLUMNS,
            "controller": request.actor.agency,
            "made_on": dt.date.today(),
        },
    )
