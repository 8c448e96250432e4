"""The journey every step page takes, on the shared flow (:mod:`csphub.frontend.flows`): a
question page → check answers (each answer with its Change button) → the service.

Before the check-answers page is shown the service is rehearsed (run in a transaction that is
rolled back), so a guard from ``rules.py`` appears on the question page as a GOV.UK error and the
user never confirms something that is then refused; on confirm the service decides again, for
real. Reasons that make the step impossible today (``standing``) are shown instead of the form.
Both pages name the case's parties (and summarise the parent power), so showing either is
recorded as a view of the parent power, or of the case.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from csphub.audit.services import audit_viewed
from csphub.core.actor import SignedInRequest
from csphub.frontend import flows
from csphub.powers.models import PowerUse

QUESTION = "powers/step_form.html"
CHECK = "powers/check_answers.html"
IRREVERSIBLE = (
    "Once recorded this cannot be changed, only withdrawn where the law allows. It is recorded in "
    "the audit trail with the rule version in force."
)

posted = flows.posted


def question_page(
    request: SignedInRequest,
    *,
    form: Any,
    case: Any,
    title: str,
    section: str = "",
    **context: Any,
) -> HttpResponse:
    """The question page alone (a step that is blocked today, or a page without check answers)."""
    return render(request, QUESTION, {**_page(case, title, section), "form": form, **context})


def _page(case: Any, title: str, section: str) -> dict[str, Any]:
    return {
        "case": case,
        "heading": title,
        "caption": f"Case {case.reference}" + (f" · {section}" if section else ""),
    }


def journey(
    request: SignedInRequest,
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
    standing: list[str],
    parent: PowerUse | None = None,
    notes: list[str] | None = None,
    parent_details: bool = False,
    check_context: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> HttpResponse:
    """One question page → check answers → the service, for every power and every step.

    ``check_context(answers)``: more context for the check-answers page (read only)."""
    seen = parent or case
    summary = {"parent": parent, "parent_details": parent_details}
    if standing:
        audit_viewed(actor=request.actor, target=seen, justification="power step form")
        return question_page(
            request,
            form=form,
            case=case,
            title=title,
            section=section,
            standing=standing,
            blocked_title=blocked_title,
            **summary,
        )

    checked = False

    def shown_on_check_page(data: dict[str, Any]) -> dict[str, Any]:
        # Called by the flow once the rehearsal succeeded, just before the check-answers page.
        nonlocal checked
        checked = True
        audit_viewed(actor=request.actor, target=seen, justification="power check answers")
        return check_context(data) if check_context is not None else {}

    def done(use: PowerUse) -> HttpResponse:
        messages.success(request, success(use))
        return redirect("powers:detail", use.pk)

    response = flows.question_check_confirm(
        request,
        form,
        perform=perform,
        done=done,
        question=flows.Page(QUESTION, {**_page(case, title, section), **summary, "notes": notes or []}),
        check=flows.Page(
            CHECK,
            {
                **_page(case, check_title, ""),
                **summary,
                "confirm_label": action_label,
                "explain": IRREVERSIBLE,
            },
        ),
        preview=shown_on_check_page,
    )
    if not checked and response.status_code == 200:  # the question page
        audit_viewed(actor=request.actor, target=seen, justification="power step form")
    return response
