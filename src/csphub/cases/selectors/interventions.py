"""Early interventions on a case, for readers who see the case in full (a summary share does not
show them: their terms and outcomes carry allegations). Other apps (the powers' community
protection warning page) read them here."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from csphub.agencies.models import ShareScope
from csphub.agencies.policies import Action, policy_for
from csphub.cases.models import Case, EarlyIntervention


def case_early_interventions(case: Case) -> QuerySet[EarlyIntervention]:
    """The case's early interventions, newest first (unread: the case page reads it with its other
    lists, for a reader who sees the case in full)."""
    return EarlyIntervention.objects.filter(case=case).select_related("person", "other_person", "agency")


def early_interventions_for(user: Any, case: Case, *, person: Any = None) -> list[EarlyIntervention]:
    """The case's early interventions the user may see, newest first; with ``person``, those with
    that person (mediation: as either neighbour). None unless the user sees the case in full."""
    policy = policy_for(user)
    if policy.share_scope(case) != ShareScope.FULL:
        return []
    qs = policy.visible(Action.VIEW, EarlyIntervention).filter(case=case)
    if person is not None:
        person_pk = getattr(person, "pk", person)
        qs = qs.filter(Q(person_id=person_pk) | Q(other_person_id=person_pk))
    return list(qs.select_related("person", "other_person", "agency"))


def early_interventions_for_person(user: Any, person: Any, cases: list[Case]) -> list[EarlyIntervention]:
    """The early interventions with ``person`` (as either neighbour in a mediation) on those of
    ``cases`` the user sees in full, newest first: the person page lists them beside the cases."""
    policy = policy_for(user)
    full = [case.pk for case in cases if policy.share_scope(case) == ShareScope.FULL]
    if not full:
        return []
    person_pk = getattr(person, "pk", person)
    return list(
        policy.visible(Action.VIEW, EarlyIntervention)
        .filter(case__in=full)
        .filter(Q(person_id=person_pk) | Q(other_person_id=person_pk))
        .select_related("case", "person", "other_person", "agency")
        .order_by("-started_on", "-pk")
    )


def early_intervention_get(user: Any, case: Case, pk: int) -> EarlyIntervention:
    """One of the case's early interventions, or Http404 when the user may not see it in full."""
    found = next((i for i in early_interventions_for(user, case) if i.pk == pk), None)
    if found is None:
        raise Http404("No such early intervention.")
    return found
