"""Casework PDFs: a case's chronology (court bundles) and summary (panels), a panel meeting's
agenda pack and its minutes. One renderer (``frontend.documents.render_pdf``, WeasyPrint); each
download is audited (the views of what it shows, and the export itself) and is never cached."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import timezone

from csphub.agencies.policies import Action, get_object_or_404_for
from csphub.audit.services import audit_listed, audit_record
from csphub.cases import bundles, selectors
from csphub.cases.models import PanelMeeting
from csphub.cases.views._common import _require
from csphub.core.actor import SignedInRequest
from csphub.frontend.documents import pdf_response, render_pdf


def _case_pdf(request: SignedInRequest, pk: int, *, kind: str) -> HttpResponse:
    _require(request.actor, Action.EXPORT)
    # Only a case the reader may export (their agency's, or one shared with them) ...
    selectors.case_get_visible(request.actor, pk, action=Action.EXPORT)
    # ... read exactly as its page reads it (and audited as a view with its scope).
    page = selectors.case_page(request.actor, pk)
    if kind == "chronology" and not page.full:
        raise Http404("A chronology is only for readers who see the case in full.")
    title = "Case chronology" if kind == "chronology" else "Case summary"
    pdf = render_pdf(
        f"cases/pdf/{kind}.html",
        {
            "page": page,
            "case": page.case,
            "title": title,
            "entries": bundles.chronology(page),
            "generated": bundles.generated_line(request.actor),
        },
        stylesheets=bundles.PDF_STYLESHEETS,
    )
    audit_record(
        actor=request.actor,
        verb="case.exported",
        target=page.case,
        justification=f"{title} (PDF, {page.scope})",
    )
    return pdf_response(pdf, filename=f"{page.case.reference}-{kind}-{timezone.localdate():%Y-%m-%d}.pdf")


@login_required
def case_chronology_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    return _case_pdf(request, pk, kind="chronology")


@login_required
def case_summary_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    return _case_pdf(request, pk, kind="summary")


def _meeting(request: SignedInRequest, pk: int) -> PanelMeeting:
    """The meeting, for someone who may open its page (the same rule as ``meeting_detail``) and
    whose role may take records out of the system."""
    _require(request.actor, Action.EXPORT)
    return get_object_or_404_for(
        request.actor, Action.VIEW, PanelMeeting.objects.select_related("panel", "panel__agreement"), pk=pk
    )


def _meeting_context(request: SignedInRequest, meeting: PanelMeeting) -> dict[str, Any]:
    return {
        "meeting": meeting,
        "panel": meeting.panel,
        "attending": list(meeting.attending_agencies.all()),
        "generated": bundles.generated_line(request.actor),
    }


@login_required
def meeting_agenda_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    """The agenda and, for each case on it, the summary the reader may see (a case no longer
    shared with the reader's agency is listed by reference only)."""
    meeting = _meeting(request, pk)
    items = []
    for item in bundles.meeting_items(meeting):
        try:
            page = selectors.case_page(request.actor, item.case_id)
        except Http404:
            page = None
        items.append({"item": item, "page": page})
    pdf = render_pdf(
        "cases/pdf/agenda_pack.html",
        {**_meeting_context(request, meeting), "items": items, "title": "Agenda pack"},
        stylesheets=bundles.PDF_STYLESHEETS,
    )
    audit_record(
        actor=request.actor,
        verb="panelmeeting.exported",
        target=meeting,
        justification=f"Agenda pack (PDF), {len(items)} cases",
    )
    return pdf_response(pdf, filename=f"agenda-pack-{timezone.localtime(meeting.held_at):%Y-%m-%d}.pdf")


@login_required
def meeting_minutes_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    """The minutes and the decision recorded on each agenda item."""
    meeting = _meeting(request, pk)
    if not meeting.minutes.strip():
        raise Http404("No minutes have been recorded for this meeting.")
    items = bundles.meeting_items(meeting)
    pdf = render_pdf(
        "cases/pdf/minutes.html",
        {**_meeting_context(request, meeting), "items": items, "title": "Minutes"},
        stylesheets=bundles.PDF_STYLESHEETS,
    )
    audit_listed(actor=request.actor, targets=[item.case for item in items])
    audit_record(
        actor=request.actor, verb="panelmeeting.exported", target=meeting, justification="Minutes (PDF)"
    )
    return pdf_response(pdf, filename=f"minutes-{timezone.localtime(meeting.held_at):%Y-%m-%d}.pdf")


__all__ = ["case_chronology_pdf", "case_summary_pdf", "meeting_agenda_pdf", "meeting_minutes_pdf"]
