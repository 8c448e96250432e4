"""One question → check answers → confirm journey, used by every app (DESIGN §4.8).

A write that cannot be undone (issuing a notice, completing an assessment, recording an incident,
changing a procedure) is asked as a question page; once the form is valid the user sees their answers
on a check-answers page, each with a "Change" link, and only "Confirm" calls the service.

The step protocol
    The question page posts the form. The check-answers page posts the same answers back as hidden
    fields (exactly as they were posted, multi-valued fields and three-field dates included) plus a
    ``step`` button: ``step=change`` goes back to the question page with the answers filled in,
    ``step=confirm`` calls the service. ``confirm=yes`` and ``change=yes`` (the older spelling) are
    understood too.

Rehearsal
    Before the check-answers page is shown, the service is run inside a transaction that is rolled
    back (``rehearse``): a refusal (a guard, a permission, a clash with today's data) is shown on the
    question page, so the user never confirms something that is then refused. Everything the rehearsal
    wrote, its audit events and on-commit e-mail included, is rolled back. On confirm the service
    decides again, for real.

No lost updates
    A form that acts on an existing record carries the version it was read at
    (:class:`~csphub.core.concurrency.VersionedFormMixin`). The rehearsal and the confirmed write
    then run under :func:`~csphub.core.concurrency.versioned_write`: if someone else changed the
    record since the question page was shown, nothing is written and the question page says who
    changed what (``conflict``), with the form moved to the record's current version.

Usage (see docs/architecture.md, "Flows and components")::

    return flows.question_check_confirm(
        request,
        form,
        perform=lambda data: services.thing_record(actor=request.actor, **data),
        done=lambda thing: redirect("things:detail", thing.pk),
        question=flows.Page("things/question.html", {"case": case}),
        check=flows.Page("things/check_answers.html", {"case": case, "confirm_label": "Record it"}),
    )
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django import forms
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from csphub.core.concurrency import (
    VERSION_FIELD,
    EditConflictError,
    VersionedFormMixin,
    conflict_on,
    versioned_write,
)
from csphub.core.errors import ApplicationError
from csphub.frontend.answers import answer
from csphub.frontend.components import Row
from csphub.frontend.forms import GovukSplitDateWidget, add_fix_link

T = TypeVar("T")

__all__ = [
    "CHANGE",
    "CONFIRM",
    "STEP",
    "Page",
    "Row",
    "add_service_error",
    "answer_rows",
    "carried_answers",
    "posted",
    "question_check_confirm",
    "rehearse",
    "step_of",
]

STEP = "step"
CHANGE = "change"
CONFIRM = "confirm"
# Posted fields that steer the journey and are never carried as answers.
CONTROL_FIELDS = frozenset({"csrfmiddlewaretoken", STEP, CONFIRM, CHANGE})


@dataclass(frozen=True)
class Page:
    """A template and its context."""

    template: str
    context: Mapping[str, Any] = field(default_factory=dict)


def step_of(request: HttpRequest) -> str:
    """``confirm``, ``change`` or ``""`` (the question page was posted) for this request."""
    if request.method != "POST":
        return ""
    step = request.POST.get(STEP, "")
    if step in (CONFIRM, CHANGE):
        return step
    if request.POST.get(CONFIRM) == "yes":
        return CONFIRM
    if CHANGE in request.POST:
        return CHANGE
    return ""


def posted(request: HttpRequest) -> Any:
    """POST data to bind a form to, or None on GET (an empty POST still binds and shows errors)."""
    return request.POST if request.method == "POST" else None


def carried_answers(request: HttpRequest) -> list[tuple[str, str]]:
    """The posted answers as (name, value) pairs, to carry as hidden fields (control fields left out)."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name not in CONTROL_FIELDS
        for value in values
    ]


def answer_rows(
    form: Any,
    *,
    exclude: Iterable[str] = (),
    change: bool = True,
    display: Callable[[str, Any, str], str] | None = None,
) -> list[Row]:
    """One row per field of a valid form: its label, its answer in words and a Change link.

    ``display(name, field, shown)`` may adjust the shown answer (a unit, say).
    """
    skip = set(exclude)
    rows = []
    for name, form_field in form.fields.items():
        if name in skip or form_field.widget.is_hidden:
            continue
        shown = answer(form.cleaned_data.get(name), form_field)
        if display is not None:
            shown = display(name, form_field, shown)
        rows.append(Row(str(form_field.label), shown, change_anchor=_anchor(form[name]) if change else ""))
    return rows


def _anchor(bound: Any) -> str:
    """The id of the first input of a field (a radio's first option, a date's day)."""
    widget = bound.field.widget
    if isinstance(widget, GovukSplitDateWidget):
        return f"{bound.auto_id}_day"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound.auto_id}_0"
    return str(bound.auto_id)


def rehearse(perform: Callable[[], object]) -> ApplicationError | None:
    """Run a write and roll it back: the error it would raise, or None when it would succeed.

    Everything the write did (its rows, audit events and on-commit e-mail) is rolled back with the
    transaction, so a check-answers page is shown only for a submission the service would accept.
    """
    try:
        with transaction.atomic():
            perform()
            transaction.set_rollback(True)
    except ApplicationError as error:  # PermissionDeniedError included
        return error
    return None


def add_service_error(form: Any, error: ApplicationError) -> None:
    """A service refusal on the form, one error per reason ("; "-joined), on its field when it names one."""
    target = error.field if error.field in form.fields else None
    for reason in error.message.split("; "):
        form.add_error(target, reason)
    add_fix_link(form, error)


def question_check_confirm(
    request: HttpRequest,
    form: Any,
    *,
    perform: Callable[[dict[str, Any]], T],
    done: Callable[[T], HttpResponse],
    question: Page,
    check: Page,
    rows: Callable[[Any], list[Row]] = answer_rows,
    rehearsal: bool = True,
    preview: Callable[[dict[str, Any]], Mapping[str, Any]] | None = None,
    on_error: Callable[[Any, ApplicationError], None] = add_service_error,
) -> HttpResponse:
    """Question page → check answers → ``perform(cleaned_data)`` → ``done(result)``.

    - ``question`` / ``check``: the two pages. The question page gets ``form``; the check page gets
      ``form``, ``rows`` (``Row`` objects for the summary list) and ``hidden`` (the answers to carry).
    - ``rehearsal``: run ``perform`` in a rolled-back transaction before the check page, so its
      refusal shows on the question page.
    - ``preview(cleaned_data)``: extra context for the check page (what the service will decide);
      an ``ApplicationError`` it raises is shown on the question page like a refusal.
    - ``on_error``: how a refusal lands on the form (default: one error per "; "-separated reason).
    """
    step = step_of(request)
    conflict = None
    if request.method == "POST" and step != CHANGE and form.is_valid():
        # The version a form carries is for the check, never an answer for the service.
        data = {name: value for name, value in form.cleaned_data.items() if name != VERSION_FIELD}
        write = _versioned(form, perform)
        if step == CONFIRM:
            try:
                result = write(data)
            except EditConflictError as error:
                conflict = conflict_on(form, error.current)
            except ApplicationError as error:
                on_error(form, error)
            else:
                return done(result)
        else:
            refusal = rehearse(lambda: write(data)) if rehearsal else None
            if isinstance(refusal, EditConflictError):
                conflict, refusal = conflict_on(form, refusal.current), None
                return render(
                    request, question.template, {**question.context, "form": form, "conflict": conflict}
                )
            extra: Mapping[str, Any] = {}
            if refusal is None and preview is not None:
                try:
                    extra = preview(data)
                except ApplicationError as error:
                    refusal = error
            if refusal is None:
                return render(
                    request,
                    check.template,
                    {
                        **check.context,
                        **extra,
                        "form": form,
                        "rows": rows(form),
                        "hidden": carried_answers(request),
                    },
                )
            on_error(form, refusal)
    return render(request, question.template, {**question.context, "form": form, "conflict": conflict})


def _versioned(form: Any, perform: Callable[[dict[str, Any]], T]) -> Callable[[dict[str, Any]], T]:
    """``perform`` under the version check when the form carries the version of its record."""
    if not isinstance(form, VersionedFormMixin):
        return perform

    def write(data: dict[str, Any]) -> T:
        with versioned_write(form):
            return perform(data)

    return write
