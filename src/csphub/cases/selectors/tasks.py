"""Tasks: the reader's own, a case's, the overdue dashboard and tasks orphaned from their records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from csphub.agencies.models import Membership
from csphub.agencies.policies import (
    Action,
    Capability,
    has_capability,
    policy_for,
    visible_to,
)
from csphub.cases.models import (
    Case,
    Task,
    TaskStatus,
)
from csphub.core.actor import Actor, user_of

# --------------------------------------------------------------------------------------------
# Tasks
# --------------------------------------------------------------------------------------------


def task_list_visible_to(user: Any) -> QuerySet[Task]:
    return visible_to(user, Action.VIEW, Task).select_related("owner", "case", "owning_agency")


def my_tasks(user: Any, *, include_done: bool = False) -> QuerySet[Task]:
    qs = task_list_visible_to(user).filter(owner=user_of(user))
    return qs if include_done else qs.filter(status=TaskStatus.OPEN)


def case_tasks(user: Any, case: Case) -> QuerySet[Task]:
    """The case's visible tasks, without joining the case again: the caller holds it and sets it
    on each task (:func:`csphub.cases.selectors.page.case_page` does), so the page's SQL does not
    compile the case's columns a second time."""
    return (
        task_list_visible_to(user)
        .filter(case=case)
        .select_related(None)
        .select_related("owner", "owning_agency")
    )


def overdue_dashboard(user: Any, *, today: dt.date | None = None) -> dict[str, Any]:
    """Overdue open tasks the user may see (their agency's), by officer and in total.

    "Team" is the acting agency: the platform has no team model yet.
    """
    today = today or timezone.localdate()
    overdue = task_list_visible_to(user).filter(status=TaskStatus.OPEN, due_on__lt=today)
    by_officer = (
        overdue.values("owner_id", "owner__first_name", "owner__last_name", "owner__username")
        .annotate(n=Count("pk"))
        .order_by("-n", "owner__last_name")
    )
    return {
        "today": today,
        "total": overdue.count(),
        "by_officer": list(by_officer),
        "tasks": list(overdue.order_by("due_on")[:200]),
    }


def owner_may_see(owner: Any, membership: Membership | None, case: Case | None) -> bool:
    """May ``owner``, acting in ``membership`` (and in the case's partnership), see ``case`` (or, with
    no case, personal records)?"""
    if membership is None or not owner.is_active or not membership.is_active:
        return False
    partnership_id = case.partnership_id if case is not None else None
    policy = policy_for(Actor(user=owner, membership=membership, partnership_id=partnership_id))
    if case is None:
        return policy.role_allows(Action.VIEW)
    return policy.can(Action.VIEW, case)


def orphaned_tasks(user: Any) -> list[Task]:
    """Open tasks of the user's team (their agency's tasks they may see) whose owner can no longer
    see the case the task is on: a share withdrawn, a membership ended, a record restricted.

    Only for those who manage the team's tasks (team managers, coordinators); others get [].
    A few queries per owner and partnership (their membership, their partnership, the cases they may
    see), whatever the number of tasks.
    """
    if not has_capability(user, Capability.MANAGE_TEAM_TASKS):
        return []

    tasks = list(
        task_list_visible_to(user).filter(status=TaskStatus.OPEN, case__isnull=False).order_by("due_on", "pk")
    )
    by_owner: dict[tuple[int, int, int], list[Task]] = {}
    for task in tasks:
        by_owner.setdefault((task.owner_id, task.owning_agency_id, task.partnership_id), []).append(task)
    orphaned: list[Task] = []
    for (owner_id, agency_id, partnership_id), owned in by_owner.items():
        owner = owned[0].owner
        membership = (
            Membership.objects.filter(user_id=owner_id, agency_id=agency_id, is_active=True)
            .select_related("agency")
            .first()
        )
        if membership is None or not owner_may_see(owner, membership, None):
            orphaned += owned
            continue
        seen = set(
            visible_to(
                # the owner, working in the task's partnership
                Actor(user=owner, membership=membership, partnership_id=partnership_id),
                Action.VIEW,
                Case.objects.filter(pk__in={t.case_id for t in owned}),
            ).values_list("pk", flat=True)
        )
        orphaned += [t for t in owned if t.case_id not in seen]
    orphaned.sort(key=lambda t: (t.due_on, t.pk))
    return orphaned


def orphaned_task_count(user: Any) -> int:
    return len(orphaned_tasks(user))
