"""Reads of the Domestic Homicide Review register: the compartment's named members only, in every
agency (a multi-agency review panel); never administrators."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.policies import Action, Compartment
from csphub.audit.services import audit_listed
from csphub.core.actor import Actor, as_actor
from csphub.duties.deadlines import Deadline
from csphub.duties.models import (
    ActionStatus,
    CompartmentMember,
    CompartmentRole,
    DhrAction,
    DhrStatus,
    DomesticHomicideReview,
)
from csphub.duties.rules import dhr as rules

KIND = "Domestic Homicide Reviews"
SECTION = "Domestic Violence, Crime and Victims Act 2004, section 9 (statutory guidance 2016)"


def is_member(actor: Actor) -> bool:
    return actor.policy.in_compartment(Compartment.DOMESTIC_HOMICIDE_REVIEW)


def is_lead(actor: Actor) -> bool:
    """A lead of the compartment (the partnership's review lead) in the acting agency: records the
    notification, the decisions and the Home Office steps. Panel members see and report progress."""
    if not is_member(actor) or actor.membership is None:
        return False
    return CompartmentMember.objects.filter(
        compartment=Compartment.DOMESTIC_HOMICIDE_REVIEW,
        user_id=actor.user.pk,
        agency_id=actor.membership.agency_id,
        role=CompartmentRole.LEAD,
        ended_at__isnull=True,
    ).exists()


def reviews_visible(actor: Actor) -> QuerySet[DomesticHomicideReview]:
    return actor.policy.visible(Action.VIEW, DomesticHomicideReview).select_related("owning_agency")


def review_get(actor: Actor, pk: int, *, action: Action = Action.VIEW) -> DomesticHomicideReview:
    return actor.policy.get_object_or_404(
        action, DomesticHomicideReview.objects.select_related("owning_agency"), pk=pk
    )


def action_get(actor: Actor, pk: int) -> DhrAction:
    return actor.policy.get_object_or_404(
        Action.CHANGE, DhrAction.objects.select_related("recommendation__review"), pk=pk
    )


def actions_of(review: DomesticHomicideReview) -> list[DhrAction]:
    return list(
        DhrAction.objects.filter(recommendation__review=review)
        .select_related("recommendation")
        .order_by("recommendation__number", "due_on", "id")
    )


def review_deadlines(review: DomesticHomicideReview) -> list[Deadline]:
    """What is due on one review now: the decision, telling the Home Office, the report."""
    url = reverse("duties:dhr_detail", args=[review.pk])
    found = []
    if review.status == DhrStatus.AWAITING_DECISION:
        found.append(
            Deadline(
                f"{review.reference}: decide whether to hold a review",
                rules.decision_due(review.notified_on),
                url,
                SECTION,
                KIND,
            )
        )
    if review.decided_on is not None and review.home_office_told_on is None:
        found.append(
            Deadline(
                f"{review.reference}: tell the Home Office of the decision",
                review.decided_on,
                url,
                SECTION,
                KIND,
            )
        )
    if review.status == DhrStatus.IN_PROGRESS and review.report_due_on is not None:
        found.append(
            Deadline(
                f"{review.reference}: overview report, executive summary and action plan",
                review.report_due_on,
                url,
                SECTION,
                KIND,
            )
        )
    return found


def upcoming_deadlines(actor: Actor, today: dt.date, *, within_days: int | None = None) -> list[Deadline]:
    """The open review deadlines the actor is responsible for, soonest first (a deadlines provider).

    A lead (the partnership's review lead) is responsible for every step of the reviews and for the
    action plans; a panel member for the action plans' actions (they record the progress). Titles
    carry references only, never the name of the person who died. The reviews whose deadlines are
    returned are recorded as listed (whoever is shown them learns the review exists).
    ``within_days``: only deadlines due by ``today + within_days`` (overdue ones included).
    """
    if not is_member(actor):
        return []
    lead = is_lead(actor)
    reviews = (
        list(
            reviews_visible(actor)
            .exclude(status=DhrStatus.PUBLISHED)
            .exclude(status=DhrStatus.NOT_HELD, home_office_told_on__isnull=False)
        )
        if lead
        else []
    )
    found = [(d, review) for review in reviews for d in review_deadlines(review)]
    actions = (
        actor.policy.visible(Action.VIEW, DhrAction)
        .exclude(status=ActionStatus.COMPLETE)
        .select_related("recommendation__review")
    )
    for action in actions:
        review = action.recommendation.review
        title = f"{review.reference}: action {action.pk} on recommendation {action.recommendation.number}"
        url = reverse("duties:dhr_detail", args=[review.pk]) + "#action-plan"
        found.append((Deadline(title, action.due_on, url, SECTION, KIND), review))
    if within_days is not None:
        last = today + dt.timedelta(days=within_days)
        found = [(d, review) for d, review in found if d.due <= last]
    audit_listed(actor=actor, targets=list({review.pk: review for _, review in found}.values()))
    return sorted((d for d, _ in found), key=lambda d: (d.due, d.title))


def home_panel(user: Any) -> dict[str, Any] | None:
    """For members: the review deadlines due in the next 30 days or overdue."""
    actor = as_actor(user)
    if actor is None or not is_member(actor):
        return None
    today = timezone.localdate()
    return {"deadlines": upcoming_deadlines(actor, today, within_days=30)[:10], "today": today}


def publication(review: DomesticHomicideReview) -> dict[str, Any]:
    """The anonymised publication version of the review's report: every real name agreed with a
    pseudonym replaced in every text, dates as month and year, the panel as agencies only (no
    representative's name), the action plan without its owners' names. ``problems`` says what stops
    it being produced: no pseudonym for the person who died, or a real name still in the text."""
    pseudonyms = list(review.pseudonyms.all())
    pairs = [(p.real_name, p.pseudonym) for p in pseudonyms]
    real_names = [review.deceased_name, *(p.real_name for p in pseudonyms)]

    def clean(text: str) -> str:
        return rules.anonymise(text, pairs)

    victim = next(
        (
            p.pseudonym
            for p in pseudonyms
            if p.real_name.strip().lower() == review.deceased_name.strip().lower()
        ),
        "",
    )
    recommendations = list(review.recommendations.all())
    actions = actions_of(review)
    plan: list[dict[str, Any]] = [
        {
            "number": r.number,
            "text": clean(r.text),
            "agency": r.agency_name,
            "actions": [
                {
                    "description": clean(a.description),
                    "due": rules.month_year(a.due_on),
                    "status": a.get_status_display(),
                }
                for a in actions
                if a.recommendation_id == r.pk
            ],
        }
        for r in recommendations
    ]
    document: dict[str, Any] = {
        "victim": victim,
        "relationship": review.get_relationship_display(),
        "died": rules.month_year(review.died_on),
        "notified": rules.month_year(review.notified_on),
        "decided": rules.month_year(review.decided_on),
        "report_completed": rules.month_year(review.report_completed_on),
        "review_name": review.review_name,
        "chair": review.chair_name,
        "panel_agencies": sorted({m.agency_name for m in review.panel.all()}),
        "circumstances": clean(review.circumstances),
        "plan": plan,
        "partnership": review.partnership.name,
    }
    texts: list[str] = [str(document["circumstances"]), *(str(r["text"]) for r in plan)]
    texts += [str(a["description"]) for r in plan for a in r["actions"]]
    left = rules.names_left("\n".join(texts), real_names, [p.pseudonym for p in pseudonyms])
    problems = []
    if not victim:
        problems.append("Agree a pseudonym for the person who died, under the name the review records.")
    if left:
        problems.append(
            f"Real names are still in the report: {', '.join(left)}. Agree a pseudonym for each person named."
        )
    return {"document": document, "pseudonyms": pseudonyms, "problems": problems}
