"""Helpers shared by the modules of csphub.cases.views."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from csphub.agencies.policies import (
    Action,
    role_allows,
)


def _deny_unless(allowed: bool) -> None:
    """For pages about one record: 404 rather than 403, so nobody learns the record exists."""
    if not allowed:
        raise Http404("No such page.")


def _require(user: Any, action: Action) -> None:
    """For list and create pages: a role without this action at all is refused (403)."""
    if not role_allows(user, action):
        raise PermissionDenied("Your role cannot do this.")


def _posted(request: HttpRequest) -> Any:
    """The POST data of a submission (even an empty one), or None for a GET."""
    return request.POST if request.method == "POST" else None


def _form_page(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    return render(request, "cases/form_page.html", {"form": form, **context})
