"""Reads of the modern slavery register: members of the compartment in the owning agency, and the
users named on a concern (whoever recorded it)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404

from csphub.agencies.models import ShareScope
from csphub.agencies.policies import Action, Compartment
from csphub.cases.models import Case
from csphub.core.actor import Actor
from csphub.duties.models import SlaveryConcern
from csphub.duties.rules import slavery as rules
from csphub.people.models import Person


def may_use_register(actor: Actor) -> bool:
    """May the actor open the register at all (record a concern, or see the ones they may)?"""
    return actor.policy.role_allows(Action.VIEW)


def is_member(actor: Actor) -> bool:
    return actor.policy.in_compartment(Compartment.MODERN_SLAVERY)


def concerns_visible(actor: Actor) -> QuerySet[SlaveryConcern]:
    return actor.policy.visible(Action.VIEW, SlaveryConcern).select_related("person", "case", "owning_agency")


def concern_get(actor: Actor, pk: int, *, action: Action = Action.VIEW) -> SlaveryConcern:
    return actor.policy.get_object_or_404(
        action,
        SlaveryConcern.objects.select_related("person", "case", "owning_agency", "notification_task"),
        pk=pk,
    )


def concerns_due(actor: Actor) -> QuerySet[SlaveryConcern]:
    return concerns_visible(actor).filter(status="due").order_by("grounds_date", "id")


def yearly_counts(actor: Actor) -> dict[int, dict[str, int]]:
    """Notifications made, by calendar year and route, of the concerns the actor may see."""
    rows: list[tuple[dt.date, str]] = [
        (notified_on, route)
        for notified_on, route in concerns_visible(actor)
        .filter(notified_on__isnull=False)
        .values_list("notified_on", "route")
        if notified_on is not None
    ]
    return rules.yearly_counts(rows)


def case_for_concern(actor: Actor, pk: int) -> Case:
    """A case the actor sees in full (a concern can be raised from it)."""
    case = actor.policy.get_object_or_404(Action.VIEW, Case, pk=pk)
    if actor.policy.share_scope(case) != ShareScope.FULL:
        raise Http404("No such case.")
    return case


def person_for_concern(actor: Actor, pk: int) -> Person:
    return actor.policy.get_object_or_404(Action.VIEW, Person, pk=pk)


def case_people(actor: Actor, case: Case) -> list[Person]:
    """The people on a case that the actor may see (to choose whom the concern is about)."""
    ids = case.parties.values_list("person_id", flat=True)
    return list(
        actor.policy.visible(Action.VIEW, Person).filter(pk__in=ids).order_by("family_name", "given_name")
    )


def notification_values(concern: SlaveryConcern) -> dict[str, str]:
    """Every value a notification may carry, as text; ``rules.notification_rows`` picks by route."""
    person = concern.person
    age_group = "Child (under 18, or presumed under 18)" if concern.treated_as_child else "Adult"
    values = {
        "notifying_authority": concern.owning_agency.name,
        "route": concern.get_route_display(),
        "grounds_date": f"{concern.grounds_date:%-d %B %Y}",
        "age_group": age_group,
        "gender": concern.gender,
        "nationality": concern.nationality,
        "exploitation": concern.get_exploitation_display(),
        "exploitation_area": concern.exploitation_area,
        "grounds": concern.grounds,
        "consent_evidence": concern.consent_evidence,
    }
    if person is not None:
        values.update(
            {
                "given_name": person.given_name,
                "family_name": person.family_name,
                "known_as": person.known_as,
                "date_of_birth": f"{person.date_of_birth:%-d %B %Y}" if person.date_of_birth else "",
                "phone": person.phone,
                "email": person.email,
            }
        )
    return values
