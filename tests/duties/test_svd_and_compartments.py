"""The Serious Violence Duty register (PCSCA 2022 s.8, s.11 and Sch 1) and giving and ending access
to the restricted registers, on a real database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from csphub.agencies.models import Membership
from csphub.agencies.policies import Compartment
from csphub.audit.models import AuditEvent
from csphub.core.actor import Actor
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.duties.models import CompartmentMember
from csphub.duties.rules import svd as rules
from csphub.duties.selectors import svd as selectors
from csphub.duties.services import compartments
from csphub.duties.services import svd as services

pytestmark = pytest.mark.django_db
ActorOf = Callable[[str], Actor]


def test_pcsca2022_s8_documents_are_versions_and_publication_sets_the_yearly_review(actor: ActorOf) -> None:
    coordinator = actor("avbc_partnership_coordinator")
    today = timezone.localdate()
    first = services.svd_document_record(
        actor=coordinator, kind="strategy", title="Strategy 2025", summary="Early help", agreed_on=today
    )
    second = services.svd_document_record(
        actor=coordinator, kind="strategy", title="Strategy 2026", summary="Refreshed", agreed_on=today
    )
    assert (first.version, second.version) == (1, 2)
    definition = services.svd_document_record(
        actor=coordinator,
        kind="definition",
        title="Definition",
        summary="Violence in public",
        agreed_on=today,
    )
    assert definition.version == 1
    with pytest.raises(ApplicationError, match="latest"):
        services.svd_document_publish(
            actor=coordinator, document=first, published_on=today, publication_url=""
        )
    with pytest.raises(ApplicationError) as error:
        services.svd_document_publish(
            actor=coordinator, document=second, published_on=today - dt.timedelta(days=1), publication_url=""
        )
    assert error.value.field == "published_on"
    services.svd_document_publish(
        actor=coordinator, document=second, published_on=today, publication_url="https://example.org/svd"
    )
    assert second.review_due_on == rules.review_due(today)
    first.refresh_from_db()
    assert first.title == "Strategy 2025" and first.published_on is None  # earlier versions untouched
    deadlines = selectors.upcoming_deadlines(coordinator, today)
    assert [(d.due, d.kind) for d in deadlines] == [(rules.review_due(today), "Serious Violence Duty")]
    assert deadlines[0].section.endswith("section 8(3)(c)")
    assert AuditEvent.objects.filter(verb="svddocument.published", target_id=str(second.pk)).exists()


def test_only_coordinators_record_the_duty(actor: ActorOf) -> None:
    for username in ("avbc_caseworker", "avbc_analyst", "avbc_administrator"):
        with pytest.raises(PermissionDeniedError):
            services.svd_document_record(
                actor=actor(username),
                kind="definition",
                title="x",
                summary="y",
                agreed_on=timezone.localdate(),
            )


def test_pcsca2022_s11_missing_specified_authorities(actor: ActorOf) -> None:
    coordinator = actor("avbc_partnership_coordinator")
    assert len(selectors.missing_specified(coordinator)) == len(rules.SPECIFIED)
    services.svd_authority_record(
        actor=coordinator,
        authority_type="police",
        name="Derbyshire Constabulary",
        taking_part=True,
        contribution="Data and analysts",
    )
    services.svd_authority_record(
        actor=coordinator,
        authority_type="probation",
        name="Probation Service",
        taking_part=False,
        contribution="",
    )
    missing = selectors.missing_specified(coordinator)
    assert "Chief officer of police" not in missing and "Probation service" in missing
    assert len(missing) == len(rules.SPECIFIED) - 1


def test_an_administrator_gives_and_ends_access_in_their_own_agency_only(
    actor: ActorOf, persona: Callable[[str], Any]
) -> None:
    admin = actor("avbc_administrator")
    caseworker = persona("avbc_caseworker")
    agency = Membership.objects.get(user=caseworker, is_active=True).agency
    member = compartments.compartment_member_add(
        actor=admin, compartment=Compartment.DOMESTIC_HOMICIDE_REVIEW, user=caseworker, agency=agency
    )
    assert actor("avbc_caseworker").policy.in_compartment(Compartment.DOMESTIC_HOMICIDE_REVIEW)
    assert not admin.policy.in_compartment(Compartment.DOMESTIC_HOMICIDE_REVIEW)
    police = persona("police_caseworker")
    with pytest.raises(PermissionDeniedError, match="own agency"):
        compartments.compartment_member_add(
            actor=admin,
            compartment=Compartment.DOMESTIC_HOMICIDE_REVIEW,
            user=police,
            agency=Membership.objects.get(user=police, is_active=True).agency,
        )
    with pytest.raises(PermissionDeniedError):
        compartments.compartment_member_add(
            actor=actor("avbc_team_manager"),
            compartment=Compartment.PREVENT,
            user=caseworker,
            agency=agency,
        )
    compartments.compartment_member_end(actor=admin, member=member, reason="Left the panel")
    member.refresh_from_db()
    assert member.ended_at is not None
    assert not actor("avbc_caseworker").policy.in_compartment(Compartment.DOMESTIC_HOMICIDE_REVIEW)
    event = AuditEvent.objects.get(verb="compartmentmember.ended", target_id=str(member.pk))
    assert event.justification == "Left the panel" and event.actor == admin.user
    assert not CompartmentMember.objects.filter(ended_at__isnull=True, user=caseworker).exists()
