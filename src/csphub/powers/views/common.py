"""What every step page shares: one question page → check answers → the service, with the
service rehearsed before the check-answers page, and the standing reasons a step cannot be taken."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from csphub.agencies.policies import Action
from csphub.audit.services import audit_viewed
from csphub.core.errors import ApplicationError
from csphub.powers import rules, selectors, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status


def _answer(field: Any, value: Any) -> str:
    """One answer as the check-answers page shows it (labels, not codes; dates in words)."""
    if value in (None, "", []):
        return "Not given"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | tuple):
        return "\n".join(_answer(field, v) for v in value)
    if hasattr(field, "choices"):
        labels = {str(k): v for k, v in field.choices}
        return str(labels.get(str(value), value))
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%-d %B %Y at %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%-d %B %Y}"
    return str(value)


def _summary(form: Any) -> list[tuple[str, str]]:
    return [
        (str(field.label), _answer(field, form.cleaned_data.get(name))) for name, field in form.fields.items()
    ]


def _posted(request: HttpRequest) -> Any:
    """POST data to bind a form to (an empty POST still binds, so it shows its errors)."""
    return request.POST if request.method == "POST" else None


def _confirmed(request: HttpRequest) -> bool:
    return request.POST.get("confirm") == "yes"


def _check_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    case: Any,
    action_label: str,
    parent: PowerUse | None = None,
) -> HttpResponse:
    # The answers travel back as they were posted (multi-valued fields included).
    hidden = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", "confirm", "change")
        for value in values
    ]
    # The answers name the recipient (and the parent power's summary its subject).
    audit_viewed(actor=request.user, target=parent or case, justification="power check answers")
    return render(
        request,
        "powers/check_answers.html",
        {
            "form": form,
            "rows": _summary(form),
            "hidden": hidden,
            "title": title,
            "case": case,
            "action_label": action_label,
            "parent": parent,
        },
    )


def _add_errors(form: Any, error: ApplicationError) -> None:
    """A service refusal, one error per reason, on its field when it names one."""
    field = error.field if error.field in form.fields else None
    for reason in error.message.split("; "):
        form.add_error(field, reason)


def _status_blockers(use: PowerUse, to: Status, *, doing: str) -> list[str]:
    """ "You cannot <doing>: the <power> is <status>" when the state machine forbids the step."""
    if rules.can_transition(Power(use.power), Status(use.status), to):
        return []
    return [f"You cannot {doing}: {use.label.lower()} {use.reference} is {use.get_status_display().lower()}"]


def _any_status_blockers(use: PowerUse, tos: tuple[Status, ...], *, doing: str) -> list[str]:
    """Like ``_status_blockers`` for a step that may end in any of several statuses."""
    if any(rules.can_transition(Power(use.power), Status(use.status), to) for to in tos):
        return []
    return [f"You cannot {doing}: {use.label.lower()} {use.reference} is {use.get_status_display().lower()}"]


def _case_blockers(case: Any) -> list[str]:
    return [] if case.is_open else ["The case is closed: reopen it before using a power"]


def _step(
    request: HttpRequest,
    *,
    form: Any,
    case: Any,
    title: str,
    section: str,
    check_title: str,
    action_label: str,
    perform: Callable[[dict[str, Any]], PowerUse],
    success: Callable[[PowerUse], str],
    blocked_title: str,
    standing: list[str] | None = None,
    parent: PowerUse | None = None,
    notes: list[str] | None = None,
) -> HttpResponse:
    """One question page → check answers → the service, for every power and every step.

    ``standing`` are the reasons the step cannot be taken at all today (shown instead of the
    form); the service is rehearsed before the check-answers page so that a refusal is shown on
    the question page, and it decides again, for real, when the user confirms.
    """
    standing = standing or []
    if request.method == "POST" and not standing and form.is_valid() and "change" not in request.POST:
        if not _confirmed(request):
            refusal = services.rehearse(lambda: perform(form.cleaned_data))
            if refusal is None:
                return _check_page(
                    request, form, title=check_title, case=case, action_label=action_label, parent=parent
                )
            _add_errors(form, refusal)
        else:
            try:
                use = perform(form.cleaned_data)
            except ApplicationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, success(use))
                return redirect("powers:detail", use.pk)
    # The question page lists the case's parties by name (and summarises the parent power).
    audit_viewed(actor=request.user, target=parent or case, justification="power step form")
    return render(
        request,
        "powers/step_form.html",
        {
            "form": form,
            "case": case,
            "title": title,
            "section": section,
            "standing": standing,
            "blocked_title": blocked_title,
            "parent": parent,
            "notes": notes or [],
        },
    )


def _power_of(request: HttpRequest, pk: int, *powers: Power) -> PowerUse:
    use = selectors.power_get(request.user, pk, action=Action.CHANGE)
    if use.power not in powers:
        raise Http404("This step does not apply to that power.")
    return use
