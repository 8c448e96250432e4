"""Every read of powers goes through the policy (a power is visible when its case is, in full)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.http import Http404

from csphub.agencies.models import ShareScope
from csphub.agencies.policies import Action, get_object_or_404_for, share_scope, visible_in_full_to
from csphub.cases.models import Case
from csphub.powers.models import PowerUse
from csphub.powers.rules import TERMINAL


def power_list_visible_to(user: Any) -> QuerySet[PowerUse]:
    """Powers on cases the user sees in full: a summary share (panel agenda) shows no enforcement."""
    return visible_in_full_to(user, PowerUse).select_related("case", "recipient", "premises", "issuer")


def case_for_powers(user: Any, pk: int, *, action: Action = Action.VIEW) -> Case:
    """The case, if the user may see it in full (a summary share does not show enforcement)."""
    case = get_object_or_404_for(user, action, Case, pk=pk)
    if share_scope(user, case) != ShareScope.FULL:
        raise Http404("No such case.")
    return case


def powers_for_case(user: Any, case: Case) -> QuerySet[PowerUse]:
    return power_list_visible_to(user).filter(case=case)


def power_get(user: Any, pk: int, *, action: Action = Action.VIEW) -> PowerUse:
    use = get_object_or_404_for(user, action, power_list_visible_to(user), pk=pk)
    case_for_powers(user, use.case_id, action=action)
    return use


def powers_with_dates(user: Any) -> QuerySet[PowerUse]:
    """Visible powers still running, the next statutory date first (appeal, hearing, end)."""
    return (
        power_list_visible_to(user)
        .exclude(status__in=[s.value for s in TERMINAL])
        .annotate(next_date=Coalesce("appeal_deadline", TruncDate("hearing_due_at"), TruncDate("ends_at")))
        .order_by(F("next_date").asc(nulls_last=True), "-created_at")
    )


def powers_due_soon(user: Any, *, today: dt.date, within_days: int = 14) -> QuerySet[PowerUse]:
    """Running powers with a statutory date in the next ``within_days`` days (home panel)."""
    return powers_with_dates(user).filter(  # type: ignore[misc]  # annotated field
        next_date__gte=today, next_date__lte=today + dt.timedelta(days=within_days)
    )
