"""The deadline providers of the duty registers and of the other apps' statutory clocks.

Registered in :class:`csphub.duties.apps.DutiesConfig.ready` (``csphub.duties.deadlines``). Each reads
through the owning app's selectors, so the actor sees only what they already may, and returns only
what the actor is responsible for: their own tasks, the Case Reviews they are the single point of
contact for, the powers they issued, their authority's s.17A returns and the scrutiny responses they
draft.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from csphub.core.actor import Actor
from csphub.duties.deadlines import Deadline
from csphub.duties.selectors import partnership

S17A_SECTION = "Crime and Disorder Act 1998, section 17A (SI 2007/1831)"
SCRUTINY_SECTION = "Police and Justice Act 2006, section 19 (SI 2009/942)"


def s17a_returns(actor: Actor, today: dt.date) -> Iterator[Deadline]:
    if not partnership.may_submit_return(actor) or actor.agency is None:
        return
    agency = actor.agency
    for quarter in partnership.returns_outstanding(actor, today):
        yield Deadline(
            title=f"{agency.name}: information sharing return for {quarter.label}",
            due=quarter.due,
            url=reverse("duties:s17a_new") + f"?quarter={quarter.start.isoformat()}",
            section=S17A_SECTION,
            kind="Information sharing returns",
        )


def scrutiny_responses(actor: Actor, today: dt.date) -> Iterator[Deadline]:
    open_ = partnership.recommendations(actor).filter(owner=actor.user, responded_on__isnull=True)
    for rec in open_.order_by("due_on"):
        yield Deadline(
            title=f"Respond to the {rec.committee} recommendation of {rec.meeting_on:%-d %B %Y}",
            due=rec.due_on,
            url=reverse("duties:scrutiny_detail", args=[rec.pk]),
            section=SCRUTINY_SECTION,
            kind="Scrutiny",
        )


def case_tasks(actor: Actor, today: dt.date) -> Iterator[Deadline]:
    from csphub.cases.models import TASK_SOURCE_LABELS
    from csphub.cases.selectors import my_tasks

    for task in my_tasks(actor).order_by("due_on")[:200]:
        app = task.source.split(".", 1)[0]
        yield Deadline(
            title=task.title + (f" ({task.case.reference})" if task.case else ""),
            due=task.due_on,
            url=reverse("cases:case_detail", args=[task.case_id])
            if task.case_id
            else reverse("cases:my_tasks"),
            section=TASK_SOURCE_LABELS.get(app, "A task you set")
            if task.source != "manual"
            else "A task you set",
            kind="Tasks",
        )


def case_review_clocks(actor: Actor, today: dt.date) -> Iterator[Deadline]:
    from csphub.casereviews import rules as cr_rules
    from csphub.casereviews.selectors import open_applications_led_by

    for application in open_applications_led_by(actor):
        for clock in application.clocks():
            if clock.done_on is not None or clock.stage == cr_rules.Stage.APPEAL_WINDOW:
                continue
            yield Deadline(
                title=f"{cr_rules.STAGE_LABELS[clock.stage]}: {application.reference}",
                due=clock.due_on,
                url=reverse("casereviews:detail", args=[application.reference]),
                section="Anti-social Behaviour, Crime and Policing Act 2014, section 104 (local timescales)",
                kind="ASB Case Reviews",
            )


def power_dates(actor: Actor, today: dt.date) -> Iterator[Deadline]:
    from csphub.powers.selectors import issued_with_dates

    # The home page's powers panel reads the same running powers: one read serves both there.
    for power in issued_with_dates(actor):
        next_date = power.next_date  # type: ignore[attr-defined]  # annotated
        yield Deadline(
            title=f"{power.label} {power.reference}: next statutory date",
            due=next_date,
            url=reverse("powers:detail", args=[power.pk]),
            section="Anti-social Behaviour, Crime and Policing Act 2014",
            kind="Tools and powers",
        )


def plan_actions(actor: Actor, today: dt.date) -> Iterator[Deadline]:
    """The CSP Plan's open actions overdue or due within the look-ahead, for the partnership
    coordinator who keeps the plan (each links to the action's update page)."""
    from csphub.duties.deadlines import UPCOMING_DAYS
    from csphub.planning.plan.selectors import actions_due_for

    for action in actions_due_for(actor, due_by=today + dt.timedelta(days=UPCOMING_DAYS))[:200]:
        area = action.key_area
        yield Deadline(
            title=f"{action.title} ({action.owner_agency.short_name or action.owner_agency.name}, "
            f"{action.lead}; {area.priority.title}: {area.title})",
            due=action.due_on,
            url=reverse("planning:plan_action_change", args=[action.pk]),
            section=area.priority.plan.title,
            kind="CSP Plan actions",
        )
