"""Every read of people and addresses goes through the policy."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from csphub.agencies.policies import Action, get_object_or_404_for, visible_to
from csphub.people.models import Address, Person


def person_list_visible_to(user: Any, *, search: str = "", action: Action = Action.VIEW) -> QuerySet[Person]:
    qs = visible_to(user, action, Person).select_related("owning_agency")
    for term in search.split():
        qs = qs.filter(
            Q(given_name__icontains=term) | Q(family_name__icontains=term) | Q(known_as__icontains=term)
        )
    return qs


def person_get_visible(user: Any, pk: Any, *, action: Action = Action.VIEW) -> Person:
    return get_object_or_404_for(user, action, Person, pk=pk)


def address_list_visible_to(user: Any, *, search: str = "") -> QuerySet[Address]:
    qs = visible_to(user, Action.VIEW, Address)
    for term in search.split():
        qs = qs.filter(Q(line_1__icontains=term) | Q(postcode__icontains=term) | Q(town__icontains=term))
    return qs


def addresses_of(user: Any, person: Person) -> QuerySet[Address]:
    return visible_to(user, Action.VIEW, Address).filter(person_links__person=person)
