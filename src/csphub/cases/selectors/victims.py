"""Victims' single point of contact and updates, closure surveys, and the record locator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, QuerySet
from django.utils import timezone

from csphub.agencies.policies import (
    Action,
    acting_membership,
    policy_for,
    role_allows,
    visible_to,
)
from csphub.cases import rules
from csphub.cases.models import (
    Case,
    CaseStatus,
    ClosureSurvey,
    ShareRequest,
    VictimContact,
)
from csphub.core.actor import user_of
from csphub.people.models import Person

# --------------------------------------------------------------------------------------------
# Victims: single point of contact and updates
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VictimSchedule:
    contact: VictimContact
    last_update_on: dt.date | None
    due_on: dt.date
    overdue: bool


def _schedules(contacts: Iterable[VictimContact], today: dt.date) -> list[VictimSchedule]:
    out = []
    for contact in contacts:
        last = getattr(contact, "last_update_on", None)
        due = rules.victim_update_due(
            agreed_on=contact.agreed_on, last_update_on=last, every_days=contact.update_every_days
        )
        out.append(VictimSchedule(contact, last, due, rules.victim_update_overdue(due_on=due, today=today)))
    return out


def victim_schedules(case: Case, *, today: dt.date | None = None) -> list[VictimSchedule]:
    """The case's victims' contacts, each with the next update due and whether it is overdue. The
    caller has checked the reader sees the case in full. One query."""
    return victim_schedules_of(victim_contacts(case), today=today)


def victim_contacts(case: Case) -> QuerySet[VictimContact]:
    """The case's victims' contacts with the day of the last update given (unread: the case page
    reads it with its other lists)."""
    return (
        VictimContact.objects.filter(case=case)
        .select_related("victim", "spoc")
        .annotate(last_update_on=Max("updates__given_on"))
    )


def victim_schedules_of(
    contacts: Iterable[VictimContact], *, today: dt.date | None = None
) -> list[VictimSchedule]:
    """:func:`victim_schedules` from contacts already read (:func:`victim_contacts`)."""
    return _schedules(contacts, today or timezone.localdate())


def victim_updates_due(user: Any, *, today: dt.date | None = None) -> list[VictimSchedule]:
    """Updates the user owes victims on open cases they may see, due or overdue by ``today``."""
    today = today or timezone.localdate()
    contacts = (
        VictimContact.objects.filter(
            spoc=user_of(user), case__in=visible_to(user, Action.VIEW, Case).exclude(status=CaseStatus.CLOSED)
        )
        .select_related("victim", "case")
        .annotate(last_update_on=Max("updates__given_on"))
    )
    return sorted((s for s in _schedules(contacts, today) if s.due_on <= today), key=lambda s: s.due_on)


def closure_surveys(case: Case) -> list[ClosureSurvey]:
    return list(case.closure_surveys.select_related("victim"))


# --------------------------------------------------------------------------------------------
# Record locator: which partner agencies hold a record about someone of this name
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordHolder:
    agency: Any
    agreement: Any


def locator_agreements(user: Any) -> dict[int, Any]:
    """Partner agency id -> an agreement in force, with the user's agency, that allows the record
    locator. Empty when the user's role may not see personal records at all."""
    from csphub.agencies.models import InformationSharingAgreement

    membership = acting_membership(user)
    if membership is None or not role_allows(user, Action.VIEW):
        return {}
    today = timezone.localdate()
    agreements = InformationSharingAgreement.objects.filter(
        parties=membership.agency,
        allows_record_locator=True,
        start_date__lte=today,
        review_date__gte=today,
        ended_on__isnull=True,
    ).prefetch_related("parties")
    partners: dict[int, Any] = {}
    for agreement in agreements.order_by("reference"):
        for agency in agreement.parties.all():
            if agency.pk != membership.agency_id:
                partners.setdefault(agency.pk, agreement)
    return partners


def located_people(user: Any, query: str, agency_id: int | None = None) -> QuerySet[Person]:
    """People held by locator partners whose full name is exactly ``query`` (given and family
    name, any case), that the user cannot already see. A full name is required, so that the
    locator answers "does anyone hold a record about this person", not "list everyone called Sam"."""
    words = query.split()
    partners = locator_agreements(user)
    if len(words) < 2 or not partners:
        return Person.objects.none()
    ids = [agency_id] if agency_id is not None else list(partners)
    given, family = words[0], " ".join(words[1:])
    return (
        Person.objects.filter(
            # never across partnerships: a record held in another partnership is not located
            partnership_id__in=policy_for(user).partnership_ids(),
            owning_agency_id__in=[i for i in ids if i in partners],
            given_name__iexact=given,
            family_name__iexact=family,
        )
        .exclude(pk__in=visible_to(user, Action.VIEW, Person).values("pk"))
        .select_related("owning_agency")
    )


def record_holders(user: Any, query: str) -> list[RecordHolder]:
    """The partner agencies (and the agreement that allows it) that hold a record about someone
    with this full name: names of agencies only, never what the records say."""
    partners = locator_agreements(user)
    agency_ids = sorted(set(located_people(user, query).values_list("owning_agency_id", flat=True)))
    from csphub.agencies.models import Agency

    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=agency_ids)}
    return [RecordHolder(agencies[i], partners[i]) for i in agency_ids]


def share_requests_for(user: Any) -> QuerySet[ShareRequest]:
    """Open requests to the user's agency to share one of its records."""
    membership = acting_membership(user)
    if membership is None or not role_allows(user, Action.SHARE):
        return ShareRequest.objects.none()
    return ShareRequest.objects.filter(holding_agency=membership.agency, status="open").select_related(
        "person", "requesting_agency", "agreement"
    )


def share_requests_made_by(user: Any, *, limit: int = 200) -> list[ShareRequest]:
    """The user's agency's own requests to other agencies (newest first), with their answers: what
    the record locator's requester may read in the service, including a refusal's reason."""
    membership = acting_membership(user)
    if membership is None or not role_allows(user, Action.VIEW):
        return []
    return list(
        ShareRequest.objects.filter(requesting_agency=membership.agency).select_related(
            "person", "holding_agency", "agreement"
        )[:limit]
    )


def share_request_get_for_answer(user: Any, pk: Any) -> ShareRequest:
    """An open request to the user's agency, for someone who may share its cases; 404 otherwise
    (another agency's request is not confirmed to exist)."""
    from django.http import Http404

    request = share_requests_for(user).filter(pk=pk).first()
    if request is None:
        raise Http404("No such request.")
    return request


def share_request_cases(share_request: ShareRequest) -> QuerySet[Case]:
    """The holding agency's cases the requested person is a party to (what it may choose to share)."""
    return (
        Case.objects.filter(
            owning_agency_id=share_request.holding_agency_id,
            parties__person_id=share_request.person_id,
        )
        .distinct()
        .order_by("-opened_at", "-id")
    )
