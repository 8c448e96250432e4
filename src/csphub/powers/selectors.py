"""Every read of powers goes through the policy (a power is visible when its case is, in full)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from csphub.agencies.models import ShareScope
from csphub.agencies.policies import Action, get_object_or_404_for, share_scope, visible_to
from csphub.cases.models import Case
from csphub.powers.models import PowerUse


def power_list_visible_to(user: Any) -> QuerySet[PowerUse]:
    return visible_to(user, Action.VIEW, PowerUse).select_related("case", "recipient", "premises", "issuer")


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
