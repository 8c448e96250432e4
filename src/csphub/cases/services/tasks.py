"""Tasks, and the reminders sent for tasks coming due or overdue."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from csphub.agencies.models import Membership, Partnership, PartnershipRecord
from csphub.agencies.policies import Action, acting_membership, can, partnership_for_new_record, role_allows
from csphub.audit.services import audit_record
from csphub.cases import config
from csphub.cases.models import (
    Case,
    Task,
    TaskReminder,
    TaskStatus,
)
from csphub.cases.selectors import owner_may_see
from csphub.core.actor import ActorOrUser, acting_user, user_of
from csphub.core.concurrency import lock_for_update
from csphub.core.errors import ApplicationError, PermissionDeniedError

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------
# Tasks and reminders
# --------------------------------------------------------------------------------------------


def _task_partnership(actor: ActorOrUser, case: Case | None, linked: Any | None) -> Partnership:
    """A task on a case is in the case's partnership, one about another record in that record's,
    any other in the partnership its creator acts in."""
    if case is not None:
        return case.partnership
    if isinstance(linked, PartnershipRecord):
        return linked.partnership
    return partnership_for_new_record(actor)


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
    collapse_on_case: bool = False,
) -> Task:
    """Create a task for ``owner`` (the public entry point other apps call for automatic tasks).

    ``source`` names the rule that created an automatic task (``powers.cpn.appeal_deadline``);
    ``linked`` is the model instance the task is about (a power, a risk assessment); its type and
    id are stored. With a case, the actor must be able to change it unless ``check_permission`` is
    False (a rule acting on the actor's behalf, e.g. a panel action given to another agency). The
    task belongs to the owner's agency.

    Automatic tasks on a case do not pile up: the same task again (same rule, title and linked
    record) while the first is still open returns the open one. With ``collapse_on_case`` any
    open task of the same rule on the case takes the new one in (its details gain the new
    details, its due date the earlier of the two): "re-assess risk" once, however many incidents
    were added before anyone did it.
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
    actor_membership = acting_membership(actor)
    preferred = actor_membership if owner == acting_user(actor) else None
    if owner is None or not owner.is_active:
        raise ApplicationError("The task owner must be an active user of a partner agency", field="owner")
    if case is None and source != "manual":
        # An automatic task about a record outside casework (a Case Review application, a duty):
        # the rule that made it chose the owner; they hold it in their first agency.
        owner_membership = preferred or (
            Membership.objects.filter(user=owner, is_active=True)
            .select_related("agency")
            .order_by("pk")
            .first()
        )
    else:
        owner_membership = owner_membership_for(owner, case=case, preferred=preferred)
    if owner_membership is None:
        if case is not None and Membership.objects.filter(user=owner, is_active=True).exists():
            raise ApplicationError(
                f"{owner.get_full_name() or owner.username} cannot see {case.reference}, so cannot be given "
                "a task on it. Choose someone who works on the case",
                field="owner",
            )
        raise ApplicationError("The task owner must be an active user of a partner agency", field="owner")
    with transaction.atomic():
        if case is not None and source != "manual":
            merged = _merge_into_open(
                actor=actor,
                case=case,
                source=source,
                title=title.strip(),
                details=details.strip(),
                due_on=due_on,
                linked=linked,
                any_on_case=collapse_on_case,
            )
            if merged is not None:
                return merged
        task = Task.objects.create(
            partnership=_task_partnership(actor, case, linked),
            owning_agency=owner_membership.agency,
            title=title.strip(),
            details=details.strip(),
            case=case,
            owner=owner,
            due_on=due_on,
            source=source,
            linked_type=_linked_type(linked),
            linked_id=linked.pk if linked is not None else None,
            rule_version=rule_version,
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        audit_record(actor=actor, verb="task.created", target=task, justification=source)
    return task


def _linked_type(linked: Any | None) -> str:
    return f"{linked._meta.app_label}.{linked._meta.model_name}" if linked is not None else ""


def _merge_into_open(
    *,
    actor: Any,
    case: Case,
    source: str,
    title: str,
    details: str,
    due_on: dt.date,
    linked: Any | None,
    any_on_case: bool,
) -> Task | None:
    """The open automatic task the new one repeats, updated to cover it; None if there is none."""
    open_tasks = Task.objects.select_for_update().filter(case=case, source=source, status=TaskStatus.OPEN)
    if not any_on_case:
        open_tasks = open_tasks.filter(
            title=title, linked_type=_linked_type(linked), linked_id=linked.pk if linked is not None else None
        )
    existing = open_tasks.order_by("due_on", "pk").first()
    if existing is None:
        return None
    changed = []
    if details and details not in existing.details:
        existing.details = f"{existing.details}\n{details}".strip()
        changed.append("details")
    if due_on < existing.due_on:
        existing.due_on = due_on
        changed.append("due_on")
    if changed:
        existing.modified_by = user_of(actor)
        existing.save(update_fields=[*changed, "modified_by", "modified_at"])
    audit_record(
        actor=actor, verb="task.merged", target=existing, justification=source, changed_fields=changed
    )
    return existing


def task_cancel(*, actor: Any, task: Task, reason: str, check_permission: bool = True) -> Task:
    """Cancel an open task that no longer applies (not "done": nobody did it). ``reason`` says why,
    in words the owner will read on their task list; it is kept on the task and in the audit."""
    if (
        check_permission
        and task.owner_id != getattr(actor, "pk", None)
        and not can(actor, Action.CHANGE, task)
    ):
        raise PermissionDeniedError("You cannot cancel this task.")
    if task.status != TaskStatus.OPEN:
        raise ApplicationError("This task is already finished", field="status")
    with transaction.atomic():
        task.status = TaskStatus.CANCELLED
        task.completed_at = timezone.now()
        task.cancelled_reason = reason.strip()[:200]
        task.modified_by = user_of(actor)
        task.save(update_fields=["status", "completed_at", "cancelled_reason", "modified_by", "modified_at"])
        audit_record(
            actor=actor,
            verb="task.cancelled",
            target=task,
            justification=reason.strip()[:200],
            changed_fields=["status", "completed_at", "cancelled_reason"],
        )
    return task


def tasks_cancel_open(
    *, actor: Any, case: Case, sources: Iterable[str], reason: str, linked: Any | None = None
) -> int:
    """Cancel the case's open automatic tasks from ``sources`` (for ``linked`` only, if given):
    the rule acts on the actor's behalf, so no permission check. Returns how many."""
    qs = Task.objects.filter(case=case, source__in=list(sources), status=TaskStatus.OPEN)
    if linked is not None:
        qs = qs.filter(linked_type=_linked_type(linked), linked_id=linked.pk)
    tasks = list(qs)
    for task in tasks:
        task_cancel(actor=actor, task=task, reason=reason, check_permission=False)
    return len(tasks)


def tasks_complete_open(*, actor: Any, case: Case, sources: Iterable[str], linked: Any, why: str) -> int:
    """Mark done the case's open automatic tasks from ``sources`` about ``linked``: the work they
    asked for has been done (a review recorded). The rule acts on the actor's behalf, so no
    permission check. Returns how many."""
    tasks = list(
        Task.objects.filter(
            case=case,
            source__in=list(sources),
            status=TaskStatus.OPEN,
            linked_type=_linked_type(linked),
            linked_id=linked.pk,
        )
    )
    with transaction.atomic():
        for task in tasks:
            task.status = TaskStatus.DONE
            task.completed_at = timezone.now()
            task.modified_by = user_of(actor)
            task.save(update_fields=["status", "completed_at", "modified_by", "modified_at"])
            audit_record(
                actor=actor,
                verb="task.completed",
                target=task,
                justification=why,
                changed_fields=["status", "completed_at"],
            )
    return len(tasks)


def owner_membership_for(
    owner: Any, *, case: Case | None = None, preferred: Membership | None = None
) -> Membership | None:
    """The membership in which ``owner`` would hold a task: one of their active memberships whose
    policy lets them see ``case`` (any task: one whose role may view personal records at all).

    ``preferred`` (the actor's acting membership when they give themselves a task) is tried
    first, then the case's owning agency, then the owner's other memberships. None: nobody could
    act on the task, so it must not be given to them.
    """
    memberships = list(Membership.objects.filter(user=owner, is_active=True).select_related("agency"))
    if case is not None:
        memberships.sort(key=lambda m: (m.agency_id != case.owning_agency_id, m.pk))
    if preferred is not None and any(m.pk == preferred.pk for m in memberships):
        memberships.sort(key=lambda m: m.pk != preferred.pk)
    for membership in memberships:
        if owner_may_see(owner, membership, case):
            return membership
    return None


def task_owner_choices(case: Case) -> Any:
    """Staff of the case's owning agency who may see the case: the people a task on it can go to."""
    from django.contrib.auth import get_user_model

    memberships = (
        Membership.objects.filter(agency=case.owning_agency, is_active=True, user__is_active=True)
        .select_related("user", "agency")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    seen: set[int] = set()
    allowed = []
    for membership in memberships:
        if membership.user_id not in seen and owner_may_see(membership.user, membership, case):
            seen.add(membership.user_id)
            allowed.append(membership.user_id)
    return get_user_model().objects.filter(pk__in=allowed).order_by("last_name", "first_name")


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
