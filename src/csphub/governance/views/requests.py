"""Data subjects' requests: access, rectification and erasure, their items, bundles and the disclosure log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from csphub.audit.services import audit_listed, audit_viewed
from csphub.core.actor import SignedInRequest
from csphub.core.errors import ApplicationError
from csphub.frontend import documents, flows
from csphub.governance import forms, rules, selectors, services
from csphub.governance.models import (
    ItemDecision,
    Outcome,
    Regime,
    RequestKind,
    RequestStatus,
)
from csphub.governance.views.common import _flow, _handler


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
