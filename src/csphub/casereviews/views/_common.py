"""Helpers the staff Case Review pages share: who may use them, the form page, the check-answers step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from csphub.agencies.policies import Action, Capability, has_capability
from csphub.casereviews import selectors
from csphub.casereviews.models import Application
from csphub.core.actor import SignedInRequest
from csphub.core.concurrency import versioned
from csphub.frontend import flows

# What a staff form about an application acts on, and a conflict names (core.concurrency).
APPLICATION_VERSIONED = (
    "status",
    "spoc",
    "acknowledged_on",
    "threshold_decided_on",
    "threshold_met",
    "review_held_on",
    "outcome_sent_on",
    "closed_on",
)


def _require_staff(request: SignedInRequest) -> None:
    if not has_capability(request.actor, Capability.MANAGE_CASE_REVIEWS):
        raise PermissionDenied


def _get_for_change(request: SignedInRequest, reference: str) -> Application:
    _require_staff(request)
    return selectors.application_get_visible(request.actor, reference, action=Action.CHANGE)


def _versioned_form(
    form_class: type[Any],
    record: Any,
    data: Any,
    versioned_fields: tuple[str, ...] = APPLICATION_VERSIONED,
    **kwargs: Any,
) -> Any:
    """``form_class`` carrying the version of ``record`` it was read at: saving it over a newer
    version is refused (views wrap the service in ``versioned_write``)."""
    return versioned(form_class)(data, record=record, versioned_fields=versioned_fields, **kwargs)


def _form_page(
    request: SignedInRequest, application: Application, form: Any, heading: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "casereviews/staff/form.html",
        {"form": form, "heading": heading, "application": application, **extra},
    )


def _in_working_days(name: str, field: Any, shown: str) -> str:
    # Service levels are counts of working days (the field names carry the unit: ``_wd``).
    return f"{shown} working days" if name.endswith("_wd") else shown


def _answer_rows_for(form: Any) -> list[flows.Row]:
    return flows.answer_rows(form, display=_in_working_days)


def _change_journey(
    request: SignedInRequest,
    form: Any,
    *,
    perform: Callable[[dict[str, Any]], Any],
    done: Callable[[Any], HttpResponse],
    question: dict[str, Any],
    check: dict[str, Any],
) -> HttpResponse:
    """A configuration or case change: question page → check answers → confirm (frontend.flows)."""
    return flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        question=flows.Page("casereviews/staff/question.html", question),
        check=flows.Page("casereviews/staff/check_change.html", check),
        rows=_answer_rows_for,
    )
