"""The person page, and each user's tasks and the overdue list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from csphub.agencies.policies import (
    Action,
    get_object_or_404_for,
    role_allows,
)
from csphub.audit.services import audit_listed
from csphub.cases import config, selectors, services
from csphub.cases.models import Task
from csphub.cases.views._common import _require
from csphub.core.actor import SignedInRequest
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.people.selectors import person_get_visible

# --------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------


@login_required
def person_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    """The one person page is the people app's: this older address (in bookmarks) goes there."""
    person = person_get_visible(request.actor, pk)
    return redirect("people:detail", person.pk)


def person_section_context(user: Any, person: Any) -> dict[str, Any] | None:
    """The person page's "Cases and incidents": what the user may see, with the person's roles."""
    if not role_allows(user, Action.VIEW):
        return None
    incidents = list(selectors.incidents_for_person(user=user, person=person)[:200])
    roles: dict[int, list[str]] = {}
    for party in person.incident_parties.filter(incident__in=[i.pk for i in incidents]):
        roles.setdefault(party.incident_id, []).append(party.get_role_display())
    cases = list(selectors.cases_for_person(user=user, person=person))
    case_roles: dict[int, list[str]] = {}
    for case_party in person.case_parties.filter(case__in=[c.pk for c in cases]):
        case_roles.setdefault(case_party.case_id, []).append(case_party.get_role_display())
    interventions = selectors.early_interventions_for_person(user, person, cases)
    # A mediation names the other neighbour too: that they appeared on this page is recorded.
    others = {p.pk: p for i in interventions for p in (i.person, i.other_person) if p and p.pk != person.pk}
    audit_listed(actor=user, targets=list(others.values()))
    return {
        "person": person,
        "incidents": [(i, roles.get(i.pk, [])) for i in incidents],
        "cases": [(c, case_roles.get(c.pk, [])) for c in cases],
        "interventions": interventions,
        "repeat": selectors.repeat_victim_decision(user=user, person=person),
        "rule": config.repeat_victim_rule(),
        "can_create": role_allows(user, Action.CREATE),
    }


# --------------------------------------------------------------------------------------------
# Tasks
# --------------------------------------------------------------------------------------------


@login_required
def my_tasks(request: SignedInRequest) -> HttpResponse:
    _require(request.actor, Action.VIEW)
    tasks = list(selectors.my_tasks(request.actor))
    audit_listed(actor=request.actor, targets=tasks)  # task titles may name people
    today = timezone.localdate()
    return render(request, "cases/my_tasks.html", {"tasks": tasks, "today": today})


@login_required
def overdue(request: SignedInRequest) -> HttpResponse:
    _require(request.actor, Action.VIEW)
    dashboard = selectors.overdue_dashboard(request.actor)
    orphaned = selectors.orphaned_tasks(request.actor)
    # task titles may name people
    audit_listed(actor=request.actor, targets=[*dashboard["tasks"], *orphaned])
    return render(request, "cases/overdue.html", {**dashboard, "orphaned": orphaned})


@login_required
@require_POST
def task_complete(request: SignedInRequest, pk: int) -> HttpResponse:
    task = get_object_or_404_for(request.actor, Action.VIEW, Task, pk=pk)
    try:
        services.task_complete(actor=request.actor, task=task)
    except (ApplicationError, PermissionDeniedError) as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Task marked as done")
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect("cases:my_tasks")
