"""Reads of the partnership registers: s.17 assessments, s.17A returns, scrutiny and the Community Remedy.

The s.17 register, the s.17A returns and the scrutiny recommendations hold no personal data: every staff
role of the partnership may read them (board members and analysts too, who work with aggregates). Each
authority writes its own. Each belongs to one partnership (ADR 0008): the actor reads those of the
partnership they act in. A community resolution belongs to its case and is seen with it. The
Community Remedy document is the police and crime commissioner's for the whole police area, so every
partnership in it reads the same one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from csphub.agencies.models import Agency, Membership, Partnership, Role
from csphub.agencies.policies import Action, Capability
from csphub.cases.models import Case
from csphub.core.actor import Actor
from csphub.duties.models import (
    CommunityRemedyAction,
    CommunityResolution,
    S17AReturn,
    S17Assessment,
    ScrutinyRecommendation,
)
from csphub.duties.rules import s17 as rules
from csphub.duties.selectors.scope import of_actors_partnership


def may_view(actor: Actor) -> bool:
    policy = actor.policy
    return policy.membership is not None and (
        policy.role_allows(Action.VIEW) or policy.has_capability(Capability.VIEW_ASSESSMENT)
    )


def is_coordinator(actor: Actor) -> bool:
    membership = actor.policy.membership
    return membership is not None and membership.role == Role.PARTNERSHIP_COORDINATOR


def _responsible_agency(actor: Actor) -> Agency | None:
    membership = actor.policy.membership
    if membership is None or not membership.agency.is_responsible_authority:
        return None
    return membership.agency


def may_record_s17(actor: Actor) -> bool:
    """Staff of a responsible authority who may create records record its s.17 assessments."""
    return actor.policy.role_allows(Action.CREATE) and _responsible_agency(actor) is not None


def may_submit_return(actor: Actor) -> bool:
    """Team managers and coordinators of a responsible authority that makes s.17A returns submit them."""
    agency = _responsible_agency(actor)
    membership = actor.policy.membership
    return (
        agency is not None
        and membership is not None
        and membership.role in (Role.TEAM_MANAGER, Role.PARTNERSHIP_COORDINATOR)
        and bool(rules.categories_for(agency.agency_type))
    )


def assessments(actor: Actor) -> QuerySet[S17Assessment]:
    if not may_view(actor):
        return S17Assessment.objects.none()
    return S17Assessment.objects.filter(of_actors_partnership(actor)).select_related("agency")


def returns(actor: Actor) -> QuerySet[S17AReturn]:
    if not may_view(actor):
        return S17AReturn.objects.none()
    return S17AReturn.objects.filter(of_actors_partnership(actor)).select_related("agency")


def return_get(actor: Actor, pk: int) -> S17AReturn:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(returns(actor), pk=pk)


def returns_outstanding(actor: Actor, today: dt.date) -> list[rules.Quarter]:
    """The recent information periods for which the actor's agency has not yet submitted its return
    to the partnership the actor acts in."""
    if actor.agency is None:
        return []
    done = set(
        S17AReturn.objects.filter(of_actors_partnership(actor), agency=actor.agency).values_list(
            "quarter_start", flat=True
        )
    )
    return [q for q in rules.returns_expected(today) if q.start not in done]


def return_status_table(actor: Actor, today: dt.date) -> list[dict[str, Any]]:
    """For each returning authority of the actor's partnership and each recent period: submitted (on
    time or late) or due/overdue."""
    quarters = rules.returns_expected(today)
    partnership = actor.partnership
    if partnership is None:
        return []
    agencies = [
        a
        for a in Agency.objects.filter(partnerships=partnership, is_responsible_authority=True).order_by(
            "name"
        )
        if rules.categories_for(a.agency_type)
    ]
    submitted = {
        (r.agency_id, r.quarter_start): r
        for r in returns(actor).filter(quarter_start__in=[q.start for q in quarters])
    }
    table = []
    for agency in agencies:
        cells = []
        for quarter in quarters:
            found = submitted.get((agency.pk, quarter.start))
            cells.append(
                {
                    "quarter": quarter,
                    "return": found,
                    "late": found is not None and rules.is_late(quarter.start, found.submitted_on),
                    "overdue": found is None and quarter.due < today,
                }
            )
        table.append({"agency": agency, "cells": cells})
    return table


def recommendations(actor: Actor) -> QuerySet[ScrutinyRecommendation]:
    if not may_view(actor):
        return ScrutinyRecommendation.objects.none()
    return ScrutinyRecommendation.objects.filter(of_actors_partnership(actor)).select_related("owner")


def recommendation_get(actor: Actor, pk: int) -> ScrutinyRecommendation:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(recommendations(actor), pk=pk)


def coordinators(partnership: Partnership | None) -> QuerySet[Membership]:
    """The active coordinators of the agencies of ``partnership`` (who may draft its responses)."""
    if partnership is None:
        return Membership.objects.none()
    return Membership.objects.filter(
        role=Role.PARTNERSHIP_COORDINATOR, is_active=True, agency__partnerships=partnership
    ).select_related("user", "agency")


def remedy_actions(*, on: dt.date | None = None) -> QuerySet[CommunityRemedyAction]:
    """The document as published: every action, or those in force on ``on``."""
    qs = CommunityRemedyAction.objects.all()
    if on is not None:
        qs = qs.filter(published_on__lte=on).exclude(withdrawn_on__lte=on)
    return qs


def resolutions_for_case(actor: Actor, case: Case) -> QuerySet[CommunityResolution]:
    return actor.policy.visible(Action.VIEW, CommunityResolution).filter(case=case).select_related("action")


def case_for_resolution(actor: Actor, pk: int) -> Case:
    return actor.policy.get_object_or_404(Action.CHANGE, Case, pk=pk)


def resolution_counts(actor: Actor) -> dict[str, int]:
    """How many resolutions were chosen from each action on the partnership's cases (aggregate, for
    the scrutiny pack)."""
    from django.db.models import Count

    partnership = actor.partnership
    if partnership is None or not may_view(actor):
        return {}
    rows = (
        CommunityResolution.objects.filter(case__partnership=partnership)
        .values("action__title")
        .annotate(n=Count("pk"))
        .order_by("action__title")
    )
    return {row["action__title"]: row["n"] for row in rows}
