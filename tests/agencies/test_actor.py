"""The request's Actor and the Policy bound to it (ADR 0004).

The policy gives the same answers as before (the permission matrix and test_policies.py check them);
these tests check what is new: one Actor per request, facts fetched once, changes seen.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from csphub.agencies.middleware import ActingMembershipMiddleware
from csphub.agencies.models import Membership, ShareScope
from csphub.agencies.policies import Action, Policy, acting_membership, can, policy_for
from csphub.agencies.services import share_record
from csphub.core.actor import Actor, as_actor
from csphub.people.models import Person
from csphub.people.services import person_create

pytestmark = pytest.mark.django_db


def _through_middleware(user: Any) -> Any:
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/")
    request.user = user
    request.session = SessionStore()
    ActingMembershipMiddleware(lambda r: None)(request)  # type: ignore[arg-type,return-value]
    return request


def test_middleware_sets_one_actor_per_request(persona: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    user = persona("avbc_caseworker")
    request = _through_middleware(user)
    actor = request.actor
    assert isinstance(actor, Actor)
    assert (actor.user, actor.agency.slug, actor.role) == (user, "avbc", "caseworker")
    # The partnership: the installation's (the demo's Amber Valley CSP), looked up on first use.
    assert actor.partnership is not None and actor.partnership.code == "E22000037"
    # Code that still passes request.user reaches the same Actor, and so the same cached policy.
    assert as_actor(request.user) is actor and policy_for(request.user) is actor.policy
    assert _through_middleware(AnonymousUser()).actor is None


def test_the_policy_fetches_shares_once_per_model(persona: Any, world: Any) -> None:
    police = persona("police_caseworker")
    people = [person_create(actor=police, given_name="Pat", family_name=f"Shared{i}") for i in range(3)]
    for person in people:
        share_record(
            actor=police,
            obj=person,
            agency=world.agencies["avbc"],
            agreement=world.asb_isa,
            reason="Joint case",
        )
    policy = _through_middleware(persona("avbc_caseworker")).actor.policy
    assert policy.can(Action.VIEW, people[0])  # fetches the shares of Person
    assert not policy.can(Action.CHANGE, people[0])  # fetches the records naming this user
    with CaptureQueriesContext(connection) as ctx:
        assert all(policy.can(Action.VIEW, p) for p in people)
        assert all(policy.share_scope(p) == ShareScope.FULL for p in people)
        assert not any(policy.can(Action.CHANGE, p) for p in people)
    assert len(ctx.captured_queries) == 0


def test_the_owner_is_answered_without_a_query(persona: Any) -> None:
    user = persona("avbc_caseworker")
    person = person_create(actor=user, given_name="Own", family_name="Record")
    actor = _through_middleware(user).actor
    assert actor.partnership is not None  # looked up once per request, on first use
    policy = actor.policy
    with CaptureQueriesContext(connection) as ctx:
        assert policy.can(Action.CHANGE, person) and policy.share_scope(person) == ShareScope.FULL
    assert len(ctx.captured_queries) == 0


def test_a_share_made_during_the_request_is_seen(persona: Any, world: Any) -> None:
    police = persona("police_caseworker")
    person = person_create(actor=police, given_name="Late", family_name="Share")
    policy = _through_middleware(persona("avbc_caseworker")).actor.policy
    assert not policy.can(Action.VIEW, person)
    share_record(actor=police, obj=person, agency=world.agencies["avbc"], agreement=world.asb_isa, reason="x")
    assert policy.can(Action.VIEW, person)


@pytest.mark.parametrize(
    "username", ["avbc_caseworker", "police_caseworker", "avbc_analyst", "avbc_administrator"]
)
def test_policy_can_agrees_with_visible_for_every_action(persona: Any, world: Any, username: str) -> None:
    police = persona("police_caseworker")
    shared = person_create(actor=police, given_name="Shared", family_name="Agree")
    share_record(actor=police, obj=shared, agency=world.agencies["avbc"], agreement=world.asb_isa, reason="x")
    people = [shared, person_create(actor=persona("avbc_caseworker"), given_name="Own", family_name="Agree")]
    policy = _through_middleware(persona(username)).actor.policy
    for action in Action:
        visible = set(policy.visible(action, Person).values_list("pk", flat=True))
        for person in people:
            assert policy.can(action, person) == (person.pk in visible), (username, action, person)


def test_an_actor_without_a_membership_may_do_nothing(persona: Any) -> None:
    user = persona("avbc_caseworker")
    person = person_create(actor=user, given_name="No", family_name="Membership")
    policy = Policy(Actor(user=user, membership=None))
    assert not policy.can(Action.VIEW, person) and not policy.visible(Action.VIEW, Person).exists()
    Membership.objects.filter(user=user).update(is_active=False)
    membership = Membership.objects.filter(user=user).first()
    assert not Policy(Actor(user=user, membership=membership)).can(Action.VIEW, person)
    assert acting_membership(Actor(user=user, membership=membership)) is None
    assert not can(None, Action.VIEW, person)
    assert Person.objects.filter(pk=person.pk).exists()


def test_the_policy_keeps_its_sql_between_requests_never_its_rows(persona: Any, world: Any) -> None:
    """The shares' and named users' subqueries are compiled once per process (ADR 0004), but what
    they find is read in each request: a share made or revoked after the SQL was kept is seen."""
    from csphub.agencies.policies.policy import _SQL_TEXT
    from csphub.agencies.services import share_revoke

    police = persona("police_caseworker")
    person = person_create(actor=police, given_name="Kept", family_name="Sql")
    first = _through_middleware(persona("avbc_caseworker")).actor.policy
    assert not first.visible(Action.VIEW, Person).filter(pk=person.pk).exists()
    assert not first.can(Action.VIEW, person)
    assert any(key[0] == "shared" for key in _SQL_TEXT) and any(key[0] == "share scopes" for key in _SQL_TEXT)
    share = share_record(
        actor=police, obj=person, agency=world.agencies["avbc"], agreement=world.asb_isa, reason="x"
    )
    second = _through_middleware(persona("avbc_caseworker")).actor.policy
    assert second.visible(Action.VIEW, Person).filter(pk=person.pk).exists()
    assert second.can(Action.VIEW, person)
    share_revoke(actor=police, share=share, reason="ended")
    third = _through_middleware(persona("avbc_caseworker")).actor.policy
    assert not third.visible(Action.VIEW, Person).filter(pk=person.pk).exists()
    assert not third.can(Action.VIEW, person)
