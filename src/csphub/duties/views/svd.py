"""Serious Violence Duty pages: the partnership's definition, needs assessment and strategy (each
with its versions and publication), and the authorities under the duty. Any signed-in member of the
partnership reads them; the partnership's coordinators record them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import versioned
from csphub.duties.forms import svd as forms
from csphub.duties.models import SvdDocument, SvdDocumentKind
from csphub.duties.rules import svd as rules
from csphub.duties.selectors import svd as selectors
from csphub.duties.services import svd as services
from csphub.frontend import flows

CAPTION = "Serious Violence Duty"


def _signed_in_member(request: SignedInRequest) -> None:
    if request.actor.membership is None:
        raise PermissionDenied


def _manager(request: SignedInRequest) -> None:
    if not selectors.may_manage(request.actor):
        raise PermissionDenied


def _journey(
    request: SignedInRequest,
    form: Any,
    *,
    perform: Any,
    done_url: Any,
    done_message: str,
    heading: str,
    back_url: str,
    confirm_label: str,
    explain: str = "",
) -> HttpResponse:
    page = {"caption": CAPTION, "back_url": back_url}

    def done(result: Any) -> HttpResponse:
        messages.success(request, done_message)
        return redirect(done_url(result) if callable(done_url) else done_url)

    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        question=flows.Page("duties/prevent/question.html", {**page, "heading": heading}),
        check=flows.Page(
            "duties/prevent/check.html",
            {**page, "heading": "Check your answers", "confirm_label": confirm_label, "explain": explain},
        ),
    )


@login_required
def svd_overview(request: SignedInRequest) -> HttpResponse:
    _signed_in_member(request)
    today = timezone.localdate()
    current = selectors.current_documents(request.actor)
    return render(
        request,
        "duties/svd/overview.html",
        {
            "documents": [
                (kind, label, rules.DOCUMENT_SECTIONS[kind], current[kind])
                for kind, label in SvdDocumentKind.choices
            ],
            "authorities": list(selectors.authorities(request.actor)),
            "missing": selectors.missing_specified(request.actor),
            "deadlines": selectors.upcoming_deadlines(request.actor, today),
            "today": today,
            "may_manage": selectors.may_manage(request.actor),
            "evidence": selectors.needs_assessment_evidence(request.actor),
        },
    )


@login_required
def svd_document(request: SignedInRequest, pk: int) -> HttpResponse:
    _signed_in_member(request)
    document = selectors.document_get(request.actor, pk)
    versions = list(selectors.documents(request.actor).filter(kind=document.kind))
    latest = versions[0] if versions else None
    return render(
        request,
        "duties/svd/document.html",
        {
            "document": document,
            "versions": versions,
            "today": timezone.localdate(),
            "may_publish": selectors.may_manage(request.actor)
            and document.published_on is None
            and latest is not None
            and latest.pk == document.pk,
        },
    )


@login_required
def svd_document_new(request: SignedInRequest) -> HttpResponse:
    _manager(request)
    back = reverse("duties:svd_overview")
    return _journey(
        request,
        forms.DocumentForm(flows.posted(request), initial={"kind": request.GET.get("kind", "")}),
        perform=lambda data: services.svd_document_record(actor=request.actor, **data),
        done_url=lambda document: reverse("duties:svd_document", args=[document.pk]),
        done_message="New version recorded",
        heading="Record a new version",
        back_url=back,
        confirm_label="Record the version",
        explain="Earlier versions are kept as they were.",
    )


@login_required
def svd_document_publish(request: SignedInRequest, pk: int) -> HttpResponse:
    _manager(request)
    document: SvdDocument = selectors.document_get(request.actor, pk)
    back = reverse("duties:svd_document", args=[document.pk])
    if document.published_on is not None:
        return redirect(back)
    return _journey(
        request,
        versioned(forms.PublishForm)(
            flows.posted(request), record=document, versioned_fields=("published_on", "publication_url")
        ),
        perform=lambda data: services.svd_document_publish(actor=request.actor, document=document, **data),
        done_url=back,
        done_message=f"{document} published",
        heading=f"Publish {document}",
        back_url=back,
        confirm_label="Record the publication",
        explain="Its yearly review falls due a year after publication.",
    )


@login_required
def svd_authority_new(request: SignedInRequest) -> HttpResponse:
    _manager(request)
    back = reverse("duties:svd_overview")
    return _journey(
        request,
        forms.AuthorityForm(flows.posted(request)),
        perform=lambda data: services.svd_authority_record(actor=request.actor, **data),
        done_url=back + "#authorities",
        done_message="Authority recorded",
        heading="Record an authority",
        back_url=back,
        confirm_label="Record the authority",
    )
