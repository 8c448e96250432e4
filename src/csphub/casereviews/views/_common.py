"""Helpers the staff Case Review pages share: who may use them, the form page, the check-answers step."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from csphub.agencies.policies import Action, Capability, has_capability
from csphub.casereviews import selectors
from csphub.casereviews.models import Application
from csphub.core.errors import ApplicationError


def _require_staff(request: HttpRequest) -> None:
    if not has_capability(request.user, Capability.MANAGE_CASE_REVIEWS):
        raise PermissionDenied


def _get_for_change(request: HttpRequest, reference: str) -> Application:
    _require_staff(request)
    return selectors.application_get_visible(request.user, reference, action=Action.CHANGE)


def _form_page(
    request: HttpRequest, application: Application, form: Any, heading: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "casereviews/staff/form.html",
        {"form": form, "heading": heading, "application": application, **extra},
    )


CONFIRM = "confirm"


CHANGE = "change"


def _display(value: Any) -> str:
    if value is None or value == "":
        return "Not given"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if hasattr(value, "get_full_name"):
        return str(value.get_full_name() or value.username)
    if hasattr(value, "__iter__") and not isinstance(value, str):
        return ", ".join(str(item) for item in value) or "None"
    return str(value)


def _answer_rows_for(form: Any) -> list[tuple[str, str]]:
    rows = []
    for field in form:
        value = _display(form.cleaned_data.get(field.name))
        # Service levels are counts of working days (the field names carry the unit: ``_wd``).
        rows.append((str(field.label), f"{value} working days" if field.name.endswith("_wd") else value))
    return rows


def _question_or_check(
    request: HttpRequest,
    form: Any,
    *,
    commit: Any,
    question: dict[str, Any],
    check: dict[str, Any],
) -> HttpResponse | None:
    """Run the question → check answers → confirm steps; return None when ``commit`` succeeded."""
    step = request.POST.get("step", "")
    if request.method == "POST" and form.is_valid() and step != CHANGE:
        if step == CONFIRM:
            try:
                commit()
            except ApplicationError as error:
                form.add_application_error(error)
            else:
                return None
        else:
            return render(
                request,
                "casereviews/staff/check_change.html",
                {"form": form, "rows": _answer_rows_for(form), **check},
            )
    return render(request, "casereviews/staff/question.html", {"form": form, **question})
