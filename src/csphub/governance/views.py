"""The public-sector pages: privacy notice, accessibility statement and cookies. No sign-in."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from csphub.frontend.language import bilingual
from csphub.governance import accessibility as accessibility_checks
from csphub.governance import selectors


@bilingual
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice of the partnership the page serves (its agencies, its Data Protection
    Officer); where the installation hosts several and the visitor has not chosen, they choose."""
    partnership = selectors.public_partnership(request)
    areas = selectors.public_areas()
    chosen = selectors.public_area(request)
    context: dict[str, Any] = {
        "areas": areas if len(areas) > 1 else [],
        "chosen_area": chosen,
        "choose": partnership is None and len(areas) > 1,
    }
    if not context["choose"]:
        context.update(
            privacy=selectors.privacy_settings(partnership),
            controllers=selectors.controllers(partnership),
            bases=selectors.lawful_bases(partnership=partnership),
        )
        if partnership is not None:
            context["partnership_name"] = partnership.name
    return render(request, "governance/privacy.html", context)


@bilingual
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/accessibility.html",
        {"statement": selectors.accessibility_settings(), "checks": accessibility_checks.load()},
    )


@bilingual
@require_GET
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/cookies.html", {"cookies": selectors.essential_cookies()})


# --- Staff pages: data subject requests, retention, the ROPA (capability MANAGE_DATA_PROTECTION) ---

import csv  # noqa: E402
import datetime as dt  # noqa: E402

from django.apps import apps  # noqa: E402
from django.contrib import messages  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.core.exceptions import PermissionDenied  # noqa: E402
from django.http import Http404  # noqa: E402
from django.shortcuts import get_object_or_404, redirect  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from csphub.agencies.policies import Capability  # noqa: E402
from csphub.audit.models import AuditVerb  # noqa: E402
from csphub.audit.services import audit_listed, audit_record, audit_viewed  # noqa: E402
from csphub.core.actor import SignedInRequest  # noqa: E402
from csphub.core.errors import ApplicationError  # noqa: E402
from csphub.frontend import documents, flows  # noqa: E402
from csphub.governance import forms, ropa, rules, services  # noqa: E402
from csphub.governance.agreements import selectors as agreement_selectors  # noqa: E402
from csphub.governance.models import (  # noqa: E402
    ItemDecision,
    Outcome,
    RecordType,
    Regime,
    RequestKind,
    RequestStatus,
)


def _handler(request: SignedInRequest) -> None:
    if request.actor.agency is None or not request.actor.policy.has_capability(
        Capability.MANAGE_DATA_PROTECTION
    ):
        raise PermissionDenied


def _flow(
    request: SignedInRequest,
    form: Any,
    *,
    perform: Any,
    done: Any,
    heading: str,
    caption: str,
    back: str,
    confirm: str,
    explain: str = "",
) -> HttpResponse:
    context = {"caption": caption, "back": back}
    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        question=flows.Page("governance/staff/question.html", {**context, "heading": heading}),
        check=flows.Page(
            "governance/staff/check.html",
            {**context, "heading": "Check your answers", "confirm_label": confirm, "explain": explain},
        ),
    )


@login_required
def request_list(request: SignedInRequest) -> HttpResponse:
    _handler(request)
    found = list(selectors.requests_for(request.actor.agency)[:200])
    audit_listed(actor=request.actor, targets=found)
    today = timezone.localdate()
    rows = [
        (r, r.due_on, r.status == RequestStatus.OPEN and rules.is_overdue(r.due_on, today)) for r in found
    ]
    return render(request, "governance/staff/requests.html", {"rows": rows, "agency": request.actor.agency})


@login_required
def request_new(request: SignedInRequest) -> HttpResponse:
    _handler(request)
    query = request.GET.get("q", "").strip()
    people = selectors.subject_choices(request.actor.agency, query)
    form = forms.RequestForm(flows.posted(request), people=people)

    def perform(data: dict[str, Any]) -> Any:
        verified = data["received_on"] if data.get("identity_evidence") else None
        return services.rights_request_receive(actor=request.actor, identity_verified_on=verified, **data)

    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=lambda r: _done(request, r, f"{r.reference} recorded: respond by {r.due_on:%d %B %Y}"),
        question=flows.Page(
            "governance/staff/request_form.html",
            {
                "heading": "Record a data subject's request",
                "caption": "Data protection",
                "query": query,
                "people": people,
            },
        ),
        check=flows.Page(
            "governance/staff/check.html",
            {
                "heading": "Check the request before you record it",
                "caption": "Data protection",
                "back": reverse("dataprotection:requests"),
                "confirm_label": "Record the request",
                "explain": "The one-month clock starts on the day it was received, or on the day the "
                "requester's identity was verified if that is later.",
            },
        ),
    )


def _done(request: SignedInRequest, rights_request: Any, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("dataprotection:request", rights_request.pk)


@login_required
def request_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    _handler(request)
    found = selectors.request_get(request.actor.agency, pk)
    audit_viewed(actor=request.actor, target=found)
    if request.method == "POST" and request.POST.get("action") == "search":
        try:
            services.rights_request_search(actor=request.actor, request=found)
        except ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Records searched: decide each item below")
        return redirect("dataprotection:request", found.pk)
    items = list(found.items.all())
    today = timezone.localdate()
    return render(
        request,
        "governance/staff/request_detail.html",
        {
            "r": found,
            "items": items,
            "pending": sum(1 for i in items if i.decision == ItemDecision.PENDING),
            "overdue": found.status == RequestStatus.OPEN and rules.is_overdue(found.due_on, today),
            "can_extend": found.status == RequestStatus.OPEN
            and found.extension_months == 0
            and rules.extension_allowed(
                found.received_on, identity_verified_on=found.identity_verified_on, today=today
            ),
            "is_access": found.kind == RequestKind.ACCESS,
            "can_ncnd": found.kind == RequestKind.ACCESS
            and found.status == RequestStatus.OPEN
            and found.regime == Regime.LAW_ENFORCEMENT,
            "ncnd": found.outcome == Outcome.NEITHER_CONFIRMED_NOR_DENIED,
            "ncnd_ground": rules.exemption_label(found.ncnd_ground),
            "is_open": found.status == RequestStatus.OPEN,
            "disclosures": list(found.disclosures.all()),
        },
    )


@login_required
def request_verify(request: SignedInRequest, pk: int) -> HttpResponse:
    _handler(request)
    found = selectors.request_get(request.actor.agency, pk)
    return _flow(
        request,
        forms.VerifyForm(flows.posted(request)),
        perform=lambda data: services.rights_request_verify_identity(
            actor=request.actor, request=found, verified_on=data["verified_on"], evidence=data["evidence"]
        ),
        done=lambda r: _done(request, r, f"Identity recorded: respond by {r.due_on:%d %B %Y}"),
        heading="Record that the requester's identity was verified",
        caption=found.reference,
        back=reverse("dataprotection:request", args=[found.pk]),
        confirm="Record it",
    )


@login_required
def request_extend(request: SignedInRequest, pk: int) -> HttpResponse:
    _handler(request)
    found = selectors.request_get(request.actor.agency, pk)
    return _flow(
        request,
        forms.ExtendForm(flows.posted(request)),
        perform=lambda data: services.rights_request_extend(actor=request.actor, request=found, **data),
        done=lambda r: _done(request, r, f"Extended: respond by {r.due_on:%d %B %Y}"),
        heading="Extend the time to respond",
        caption=found.reference,
        back=reverse("dataprotection:request", args=[found.pk]),
        confirm="Extend the time",
        explain="UK GDPR Article 12(3): tell the requester of the extension and the reason within the first month.",
    )


@login_required
def item_decide(request: SignedInRequest, pk: int, item_pk: int) -> HttpResponse:
    _handler(request)
    found = selectors.request_get(request.actor.agency, pk)
    item = get_object_or_404(found.items, pk=item_pk)
    form = forms.ItemDecisionForm(
        flows.posted(request),
        regime=found.regime,
        labels=[row[0] for row in item.content],
        matched=bool(item.match_reason),
    )
    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.request_item_decide(actor=request.actor, item=item, **data),
        done=lambda i: _done(request, found, f"Decision recorded for {i.record_label}"),
        question=flows.Page(
            "governance/staff/item_form.html",
            {
                "heading": "Decide what to disclose",
                "caption": found.reference,
                "item": item,
                "back": reverse("dataprotection:request", args=[found.pk]),
            },
        ),
        check=flows.Page(
            "governance/staff/check.html",
            {
                "heading": "Check the decision",
                "caption": found.reference,
                "back": reverse("dataprotection:request", args=[found.pk]),
                "confirm_label": "Record the decision",
            },
        ),
    )


@login_required
def request_bundle(request: SignedInRequest, pk: int, fmt: str) -> HttpResponse:
    _handler(request)
    found = selectors.request_get(request.actor.agency, pk)
    try:
        services.rights_request_bundle_produced(actor=request.actor, request=found, fmt=fmt)
    except ApplicationError as error:
        messages.error(request, str(error))
        return redirect("dataprotection:request", found.pk)
    if fmt == "json":
        response = HttpResponse(services.bundle_json(found), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{found.reference}.json"'
        response["Cache-Control"] = "no-store"
        return response
    context = {
        "r": found,
        "items": services.bundle(found),
        "files": services.bundle_files(found),
        "made_on": timezone.localdate(),
    }
    if fmt == "zip":
        try:
            archive = services.bundle_zip(
                found, pdf=documents.render_pdf("governance/staff/bundle.html", context)
            )
        except ApplicationError as error:
            messages.error(request, str(error))
            return redirect("dataprotection:request", found.pk)
        response = HttpResponse(archive, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{found.reference}.zip"'
        response["Cache-Control"] = "no-store"
        return response
    return documents.document_response(
        "governance/staff/bundle.html", context, fmt=documents.PDF, filename=f"{found.reference}.pdf"
    )


@login_required
def request_disclose(request: SignedInRequest, pk: int) -> HttpResponse:
    _handler(request)
    found = selectors.request_get(request.actor.agency, pk)
    return _flow(
        request,
        forms.DiscloseForm(flows.posted(request)),
        perform=lambda data: (
            services.rights_request_disclose(actor=request.actor, request=found, **data).request
        ),
        done=lambda r: _done(request, r, f"{r.reference} disclosed and entered in the disclosure log"),
        heading="Record that the bundle was sent",
        caption=found.reference,
        back=reverse("dataprotection:request", args=[found.pk]),
        confirm="Record the disclosure",
        explain="This completes the request and adds it to the disclosure log.",
    )


@login_required
def request_decide(request: SignedInRequest, pk: int) -> HttpResponse:
    _handler(request)
    found = selectors.request_get(request.actor.agency, pk)

    def perform(data: dict[str, Any]) -> Any:
        corrections = {k: data[k] for k in ("given_name", "family_name", "phone", "email") if data.get(k)}
        return services.rights_request_decide(
            actor=request.actor,
            request=found,
            outcome=data["outcome"],
            reason=data["reason"],
            corrections=corrections,
        )

    warning = (
        "Granting erasure deletes the person's record; it cannot be undone."
        if found.kind == RequestKind.ERASURE
        else "Granting rectification writes the corrected details to the person's record."
    )
    return _flow(
        request,
        forms.DecideForm(flows.posted(request)),
        perform=perform,
        done=lambda r: _done(request, r, f"{r.reference} decided"),
        heading=f"Decide the {found.get_kind_display().split(' (')[0].lower()} request",
        caption=found.reference,
        back=reverse("dataprotection:request", args=[found.pk]),
        confirm="Record the decision",
        explain=warning,
    )


@login_required
def disclosure_log(request: SignedInRequest) -> HttpResponse:
    _handler(request)
    entries = list(selectors.disclosure_log(request.actor.agency)[:500])
    audit_listed(actor=request.actor, targets=[e.request for e in entries])
    return render(request, "governance/staff/disclosures.html", {"entries": entries})


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
    audit_record(actor=request.actor, verb=AuditVerb.RETENTION_SCHEDULE_VIEWED)
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
    audit_record(actor=request.actor, verb=AuditVerb.RETENTION_SCHEDULE_VIEWED)
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
def request_ncnd(request: SignedInRequest, pk: int) -> HttpResponse:
    """Answer a Part 3 request by neither confirming nor denying (DPA 2018 s.45(4), (6))."""
    _handler(request)
    found = selectors.request_get(request.actor.agency, pk)
    return _flow(
        request,
        forms.NeitherConfirmNorDenyForm(flows.posted(request)),
        perform=lambda data: services.rights_request_neither_confirm_nor_deny(
            actor=request.actor, request=found, **data
        ),
        done=lambda r: _done(request, r, f"{r.reference} answered: neither confirmed nor denied"),
        heading="Neither confirm nor deny that data is held",
        caption=found.reference,
        back=reverse("dataprotection:request", args=[found.pk]),
        confirm="Record the reply",
        explain="The reply tells the requester that the agency can neither confirm nor deny that it "
        "holds personal data about them, and of their rights to ask the Information Commissioner "
        "and a court. It names no record and no ground. This completes the request.",
    )


@login_required
def request_reply_letter(request: SignedInRequest, pk: int) -> HttpResponse:
    """The reply that neither confirms nor denies, as a PDF letter."""
    _handler(request)
    found = selectors.request_get(request.actor.agency, pk)
    if found.outcome != Outcome.NEITHER_CONFIRMED_NOR_DENIED:
        raise Http404
    audit_viewed(actor=request.actor, target=found)
    return documents.document_response(
        "governance/staff/ncnd_letter.html",
        {"r": found, "paragraphs": services.ncnd_letter(found)},
        fmt=documents.PDF,
        filename=f"{found.reference}-reply.pdf",
    )


@login_required
def ropa_view(request: SignedInRequest, fmt: str = "html") -> HttpResponse:
    _handler(request)
    installed = {a.label for a in apps.get_app_configs()}
    rows = ropa.activities(installed) + agreement_selectors.ropa_activities(request.actor)
    audit_record(actor=request.actor, verb=AuditVerb.ROPA_EXPORTED, justification=fmt)
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


# --- The partnership's public pages (capability CONFIGURE_PUBLIC_PAGES: coordinators, administrators)


@login_required
def public_pages(request: SignedInRequest) -> HttpResponse:
    """The acting partnership's privacy notice and Welsh offer; an empty part uses the service's default."""
    if not services.public_pages_can_configure(request.actor):
        raise PermissionDenied
    partnership = request.actor.partnership
    assert partnership is not None  # public_pages_can_configure
    defaults = selectors.privacy_settings(None)
    initial = {
        "dpo_name": partnership.dpo_name,
        "dpo_email": partnership.dpo_email,
        "dpo_address": partnership.dpo_address,
        "privacy_retention": partnership.privacy_retention,
        "offer_welsh": "yes" if selectors.offers_welsh(partnership) else "no",
    }

    def done(changed: Any) -> HttpResponse:
        messages.success(request, f"Public pages of the {changed.name} saved")
        return redirect("dataprotection:public_pages")

    return flows.question_check_confirm(
        request,
        forms.PublicPagesForm(flows.posted(request), initial=initial),
        perform=lambda data: services.public_pages_set(actor=request.actor, **data),
        done=done,
        question=flows.Page(
            "governance/staff/public_pages.html",
            {
                "heading": "Privacy notice and Welsh",
                "caption": partnership.name,
                "back": reverse("frontend:home"),
                "defaults": defaults,
                "welsh_default": selectors.offers_welsh(None),
                "partnership": partnership,
                "area": next(
                    (a for a in selectors.public_areas() if selectors.area_partnership(a) == partnership),
                    None,
                ),
                "continue_label": "Continue",
            },
        ),
        check=flows.Page(
            "governance/staff/check.html",
            {
                "heading": "Check the partnership's public pages",
                "caption": partnership.name,
                "back": reverse("dataprotection:public_pages"),
                "confirm_label": "Save",
                "explain": "The privacy notice and the language switch change for every visitor to this "
                "partnership's public pages as soon as you save.",
            },
        ),
    )
