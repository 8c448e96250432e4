"""Tasks, and the reminders sent for tasks coming due or overdue."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from typing import Any

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from csphub.agencies.models import Membership
from csphub.agencies.policies import Action, acting_membership, can, role_allows
from csphub.audit.services import audit_record
from csphub.cases import config
from csphub.cases.models import (
    Case,
    Task,
    TaskReminder,
    TaskStatus,
)
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.concurrency import lock_for_update
from csphub.core.errors import ApplicationError, PermissionDeniedError

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------
# Tasks and reminders
# --------------------------------------------------------------------------------------------


def task_create(
    *,
    actor: ActorOrUser,
    title: str,
    owner: User | None,
    due_on: dt.date,
    case: Case | None = None,
    details: str = "",
    source: str = "manual",
    linked: Any | None = None,
    rule_version: str = "",
    check_permission: bool = True,
) -> Task:
    """Create a task for ``owner`` (the public entry point other apps call for automatic tasks).

    ``source`` names the rule that created an automatic task (``powers.cpn.appeal_deadline``);
    ``linked`` is the model instance the task is about (a power, a risk assessment); its type and
    id are stored. With a case, the actor must be able to change it unless ``check_permission`` is
    False (a rule acting on the actor's behalf, e.g. a panel action given to another agency). The
    task belongs to the owner's agency.
    """
    if not title.strip():
        raise ApplicationError("Enter what needs to be done", field="title")
    if due_on is None:
        raise ApplicationError("Enter the date the task is due", field="due_on")
    if check_permission:
        if case is not None and not can(actor, Action.CHANGE, case):
            raise PermissionDeniedError("You cannot add tasks to this case.")
        if case is None and not role_allows(actor, Action.CREATE):
            raise PermissionDeniedError("You cannot create tasks.")
    owner_membership = (
        Membership.objects.filter(user=owner, is_active=True).select_related("agency").order_by("pk").first()
    )
    actor_membership = acting_membership(actor)
    if owner == acting_user(actor) and actor_membership is not None:
        owner_membership = actor_membership
    if owner is None or owner_membership is None or not owner.is_active:
        raise ApplicationError("The task owner must be an active user of a partner agency", field="owner")
    with transaction.atomic():
        task = Task.objects.create(
            owning_agency=owner_membership.agency,
            title=title.strip(),
            details=details.strip(),
            case=case,
            owner=owner,
            due_on=due_on,
            source=source,
            linked_type=f"{linked._meta.app_label}.{linked._meta.model_name}" if linked is not None else "",
            linked_id=linked.pk if linked is not None else None,
            rule_version=rule_version,
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        audit_record(actor=actor, verb="task.created", target=task, justification=source)
    return task


def task_complete(*, actor: ActorOrUser, task: Task) -> Task:
    if task.owner_id != actor.pk and not can(actor, Action.CHANGE, task):
        raise PermissionDeniedError("You cannot complete this task.")
    with transaction.atomic():
        # Re-read under a lock: a "Mark as done" button on a page opened before someone else
        # finished the task must not finish it again (core.concurrency).
        current = lock_for_update(task, None)
        if task.status != TaskStatus.OPEN or current.status != TaskStatus.OPEN:
            raise ApplicationError("This task is already finished", field="status")
        task.status = TaskStatus.DONE
        task.completed_at = timezone.now()
        task.modified_by = acting_user(actor)
        task.save(update_fields=["status", "completed_at", "modified_by", "modified_at"])
        audit_record(
            actor=actor, verb="task.completed", target=task, changed_fields=["status", "completed_at"]
        )
    return task


def reminders_send(*, today: dt.date | None = None, dry_run: bool = False) -> dict[str, int]:
    """E-mail each owner one digest of their tasks due soon or overdue; safe to run from cron.

    Idempotent: a :class:`TaskReminder` row (unique per task, kind and day) is written for each
    task included, so running again the same day sends nothing new. E-mail goes on commit.
    Returns counts: ``owners`` e-mailed, ``tasks`` included, ``skipped`` already reminded today.
    """
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=config.reminder_days_before())
    due = Task.objects.filter(status=TaskStatus.OPEN, due_on__lte=soon).select_related("owner", "case")
    already = set(TaskReminder.objects.filter(sent_on=today).values_list("task_id", "kind"))
    by_owner: dict[int, list[tuple[Task, str]]] = {}
    skipped = 0
    for task in due.order_by("owner_id", "due_on", "pk"):
        kind = "overdue" if task.due_on < today else "due_soon"
        if (task.pk, kind) in already:
            skipped += 1
            continue
        by_owner.setdefault(task.owner_id, []).append((task, kind))
    counts = {"owners": 0, "tasks": 0, "skipped": skipped}
    if dry_run:
        counts["owners"] = len(by_owner)
        counts["tasks"] = sum(len(v) for v in by_owner.values())
        return counts
    for items in by_owner.values():
        owner = items[0][0].owner
        if not owner.email:
            continue
        try:
            with transaction.atomic():
                TaskReminder.objects.bulk_create(
                    [TaskReminder(task=t, kind=k, sent_on=today) for t, k in items]
                )
                lines = [
                    f"- {'OVERDUE' if k == 'overdue' else 'Due'} {t.due_on:%d %B %Y}: {t.title}"
                    + (f" ({t.case.reference})" if t.case else "")
                    for t, k in items
                ]
                body = "Your CSP Hub tasks that are due soon or overdue:\n\n" + "\n".join(lines)
                subject = f"CSP Hub: {len(items)} task{'s' if len(items) != 1 else ''} need attention"
                email = owner.email
                transaction.on_commit(functools.partial(send_mail, subject, body, None, [email]))
                audit_record(
                    actor=None,
                    verb="task.reminder_sent",
                    target=owner,
                    justification=f"{len(items)} tasks on {today.isoformat()}",
                )
        except IntegrityError:
            # Another run sent these a moment ago: the unique constraint did its job.
            counts["skipped"] += len(items)
            continue
        counts["owners"] += 1
        counts["tasks"] += len(items)
    logger.info("task reminders: %s", counts)
    return counts
