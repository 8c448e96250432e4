"""The permission policy, rule by rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.http import Http404
from django.utils import timezone

from csphub.agencies.models import InformationSharingAgreement, LawfulBasis, Membership, Role, ShareScope
from csphub.agencies.policies import (
    Action,
    can,
    get_object_or_404_for,
    set_acting_membership,
    share_scope,
    visible_to,
)
from csphub.agencies.services import name_user_on_record, share_record
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.people.models import Person
from csphub.people.services import person_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def police_person(persona: Any) -> Person:
    return person_create(actor=persona("police_caseworker"), given_name="Pat", family_name="Police-Owned")


def test_own_agency_sees_and_changes(persona: Any, police_person: Person) -> None:
    colleague = persona("police_team_manager")
    assert can(colleague, Action.VIEW, police_person)
    assert can(colleague, Action.CHANGE, police_person)
    assert police_person in visible_to(colleague, Action.VIEW, Person)


def test_other_agency_does_not_see_unshared(persona: Any, police_person: Person) -> None:
    outsider = persona("avbc_caseworker")
    assert not can(outsider, Action.VIEW, police_person)
    assert police_person not in visible_to(outsider, Action.VIEW, Person)
    with pytest.raises(Http404):
        get_object_or_404_for(outsider, Action.VIEW, Person, pk=police_person.pk)


def test_shared_under_isa_is_visible_not_changeable(persona: Any, world: Any, police_person: Person) -> None:
    share_record(
        actor=persona("police_caseworker"),
        obj=police_person,
        agency=world.agencies["avbc"],
        agreement=world.asb_isa,
        reason="Joint ASB case",
    )
    outsider = persona("avbc_caseworker")
    assert can(outsider, Action.VIEW, police_person)
    assert not can(outsider, Action.CHANGE, police_person)
    assert not can(outsider, Action.SHARE, police_person)
    assert share_scope(outsider, police_person) == ShareScope.FULL
    # Other agencies still do not see it.
    assert not can(persona("housing_caseworker"), Action.VIEW, police_person)


def test_summary_share_scope(persona: Any, world: Any, police_person: Person) -> None:
    share_record(
        actor=persona("police_caseworker"),
        obj=police_person,
        agency=world.agencies["housing"],
        agreement=world.panel_isa,
        scope=ShareScope.SUMMARY,
        reason="High-risk panel",
    )
    assert share_scope(persona("housing_caseworker"), police_person) == ShareScope.SUMMARY


def test_expired_isa_hides_shared_record(persona: Any, world: Any, police_person: Person) -> None:
    share_record(
        actor=persona("police_caseworker"),
        obj=police_person,
        agency=world.agencies["avbc"],
        agreement=world.asb_isa,
        reason="Joint ASB case",
    )
    outsider = persona("avbc_caseworker")
    assert can(outsider, Action.VIEW, police_person)
    InformationSharingAgreement.objects.filter(pk=world.asb_isa.pk).update(
        review_date=timezone.localdate() - dt.timedelta(days=1)
    )
    assert not can(outsider, Action.VIEW, police_person)


def test_ended_isa_hides_shared_record(persona: Any, world: Any, police_person: Person) -> None:
    share_record(
        actor=persona("police_caseworker"),
        obj=police_person,
        agency=world.agencies["avbc"],
        agreement=world.asb_isa,
        reason="Joint ASB case",
    )
    InformationSharingAgreement.objects.filter(pk=world.asb_isa.pk).update(
        ended_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert not can(persona("avbc_caseworker"), Action.VIEW, police_person)


def test_cannot_share_under_isa_not_naming_the_agency(
    persona: Any, world: Any, police_person: Person
) -> None:
    # The panel ISA does not name the fire service.
    with pytest.raises(ApplicationError, match="parties"):
        share_record(
            actor=persona("police_caseworker"),
            obj=police_person,
            agency=world.agencies["fire"],
            agreement=world.panel_isa,
            reason="x",
        )


def test_cannot_share_under_lapsed_isa(persona: Any, world: Any, police_person: Person) -> None:
    lapsed = InformationSharingAgreement.objects.create(
        reference="OLD-1",
        name="Old",
        purpose="x",
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        start_date=dt.date(2019, 1, 1),
        review_date=dt.date(2020, 1, 1),
    )
    lapsed.parties.set(world.agencies.values())
    with pytest.raises(ApplicationError, match="not in force"):
        share_record(
            actor=persona("police_caseworker"),
            obj=police_person,
            agency=world.agencies["avbc"],
            agreement=lapsed,
            reason="x",
        )


def test_only_owner_may_share(persona: Any, world: Any, police_person: Person) -> None:
    with pytest.raises(PermissionDeniedError):
        share_record(
            actor=persona("avbc_caseworker"),
            obj=police_person,
            agency=world.agencies["avbc"],
            agreement=world.asb_isa,
            reason="taking it",
        )


def test_named_user_sees_record_of_other_agency(persona: Any, police_person: Person) -> None:
    outsider = persona("avbc_caseworker")
    name_user_on_record(actor=persona("police_caseworker"), obj=police_person, user=outsider, reason="SPOC")
    assert can(outsider, Action.VIEW, police_person)
    assert not can(persona("avbc_team_manager"), Action.VIEW, police_person)


def test_restricted_record_named_users_only(persona: Any, world: Any) -> None:
    owner = persona("police_caseworker")
    person = person_create(actor=owner, given_name="Sam", family_name="Restricted", is_restricted=True)
    name_user_on_record(actor=owner, obj=person, user=owner, reason="officer in case")
    assert can(owner, Action.VIEW, person)
    # A colleague in the owning agency does not see a restricted record…
    assert not can(persona("police_team_manager"), Action.VIEW, person)
    # …nor does an agency it is shared with.
    share_record(actor=owner, obj=person, agency=world.agencies["avbc"], agreement=world.asb_isa, reason="x")
    assert not can(persona("avbc_caseworker"), Action.VIEW, person)


def test_roles_without_personal_data_access_see_nothing(persona: Any, police_person: Person) -> None:
    for username in ("police_analyst", "police_board_member", "police_administrator"):
        assert not can(persona(username), Action.VIEW, police_person), username
    assert can(persona("police_administrator"), Action.VIEW_AUDIT, police_person)
    assert can(persona("police_partnership_coordinator"), Action.VIEW_AUDIT, police_person)
    assert not can(persona("police_caseworker"), Action.VIEW_AUDIT, police_person)


def test_partner_viewer_reads_but_cannot_change(persona: Any, police_person: Person) -> None:
    viewer = persona("police_partner_viewer")
    assert can(viewer, Action.VIEW, police_person)
    assert not can(viewer, Action.CHANGE, police_person)
    assert not can(viewer, Action.EXPORT, police_person)


def test_multi_agency_user_acting_in_the_wrong_agency(
    persona: Any, world: Any, police_person: Person
) -> None:
    user = persona("avbc_caseworker")
    police_membership = Membership.objects.create(
        user=user, agency=world.agencies["police"], role=Role.CASEWORKER
    )
    avbc_membership = Membership.objects.get(user=user, agency=world.agencies["avbc"])
    user = persona("avbc_caseworker")  # fresh object: two memberships, none chosen
    assert not can(user, Action.VIEW, police_person), "no acting membership chosen: deny"
    set_acting_membership(user, avbc_membership)
    assert not can(user, Action.VIEW, police_person)
    set_acting_membership(user, police_membership)
    assert can(user, Action.VIEW, police_person)


def test_cannot_act_in_someone_elses_membership(persona: Any) -> None:
    other = Membership.objects.get(user=persona("police_caseworker"))
    with pytest.raises(ValueError):
        set_acting_membership(persona("avbc_caseworker"), other)


def test_inactive_user_and_membership_denied(persona: Any, police_person: Person) -> None:
    colleague = persona("police_team_manager")
    Membership.objects.filter(user=colleague).update(is_active=False)
    assert not can(persona("police_team_manager"), Action.VIEW, police_person)


def test_unregistered_model_denied_by_default(persona: Any) -> None:
    from csphub.agencies.models import Agency

    assert not visible_to(persona("police_caseworker"), Action.VIEW, Agency).exists()


def test_anonymous_denied(police_person: Person) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), Action.VIEW, police_person)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("avbc_team_manager", True),
        ("avbc_partnership_coordinator", True),
        ("avbc_caseworker", False),
        ("avbc_analyst", False),
        ("avbc_administrator", False),
    ],
)
def test_only_managers_and_coordinators_may_configure_case_review_areas(
    persona: Any, who: str, allowed: bool
) -> None:
    from csphub.agencies.policies import Capability, has_capability

    assert has_capability(persona(who), Capability.CONFIGURE_CASE_REVIEW_AREA) is allowed


def test_contributing_needs_a_full_share_and_a_role_that_creates(
    persona: Any, world: Any, police_person: Person
) -> None:
    from csphub.agencies.policies import can_contribute

    owner = persona("police_caseworker")
    assert can_contribute(owner, police_person)
    assert not can_contribute(persona("police_partner_viewer"), police_person)
    share_record(
        actor=owner,
        obj=police_person,
        agency=world.agencies["housing"],
        agreement=world.panel_isa,
        scope=ShareScope.SUMMARY,
        reason="panel",
    )
    assert not can_contribute(persona("housing_caseworker"), police_person)
    share_record(
        actor=owner,
        obj=police_person,
        agency=world.agencies["avbc"],
        agreement=world.asb_isa,
        reason="joint case",
    )
    assert can_contribute(persona("avbc_caseworker"), police_person)
