"""What the data protection staff pages share: who may use them and the question, check, confirm flow."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from csphub.agencies.policies import Capability
from csphub.core.actor import SignedInRequest
from csphub.frontend import flows


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
