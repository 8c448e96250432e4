"""Prevent and Channel on a real database: referral by any partner, police screening, the Channel
gates (police referral, LA chair, consent before support, parental consent under 18), exit reviews,
and the compartment that even administrators cannot open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from csphub.agencies.policies import Action, Compartment
from csphub.audit.models import AuditEvent
from csphub.core.actor import Actor
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.duties.models import ChannelCase, ChannelReview, ChannelStatus, PreventReferral
from csphub.duties.rules import prevent as rules
from csphub.duties.services import prevent as services

pytestmark = pytest.mark.django_db
ActorOf = Callable[[str], Actor]
TODAY = timezone.localdate


@pytest.fixture
def members(make_member: Callable[..., Any]) -> None:
    make_member("police_caseworker", Compartment.PREVENT)  # the police Prevent lead
    make_member("dcc_team_manager", Compartment.PREVENT, "panel_member")  # the LA panel chair
    make_member("nhs_caseworker", Compartment.PREVENT, "panel_member")


def _referral(actor: Actor, **overrides: Any) -> PreventReferral:
    values: dict[str, Any] = {
        "actor": actor,
        "referred_on": TODAY() - dt.timedelta(days=30),
        "referrer_name": "Sam Teacher",
        "referrer_role": "Designated safeguarding lead, Ripley School",
        "referrer_contact": "01773 000000",
        "subject_name": "Alex Example",
        "subject_date_of_birth": dt.date(1995, 1, 1),
        "concern_type": "extreme_right_wing",
        "concerns": "Sharing extremist material in class",
    }
    values.update(overrides)
    return services.prevent_referral_make(**values)


def _to_channel(actor: ActorOf, referral: PreventReferral) -> ChannelCase:
    police = actor("police_caseworker")
    services.prevent_referral_screen(
        actor=police,
        referral=referral,
        outcome="adopted",
        screened_on=referral.referred_on,
        notes="Meets threshold",
    )
    chair = actor("dcc_team_manager").user
    return services.channel_case_open(
        actor=police, referral=referral, chair=chair, first_panel_on=referral.referred_on
    )


def test_any_partner_refers_and_then_cannot_see_it(actor: ActorOf, members: None) -> None:
    referrer = actor("housing_caseworker")
    referral = _referral(referrer)
    assert not referrer.policy.can(Action.VIEW, referral)
    assert actor("police_caseworker").policy.can(Action.VIEW, referral)
    assert actor("nhs_caseworker").policy.can(Action.VIEW, referral)  # a panel member of another agency
    assert AuditEvent.objects.filter(verb="preventreferral.made", target_id=str(referral.pk)).exists()


def test_compartment_nobody_outside_it_sees_anything_not_even_administrators(
    actor: ActorOf, members: None, make_member: Callable[..., Any]
) -> None:
    referral = _referral(actor("avbc_caseworker"))
    case = _to_channel(actor, referral)
    with pytest.raises(ApplicationError):
        make_member("avbc_administrator", Compartment.PREVENT)
    outsiders = [
        f"{agency}_{role}"
        for agency in ("avbc", "police", "dcc")
        for role in (
            "caseworker",
            "team_manager",
            "partnership_coordinator",
            "partner_viewer",
            "analyst",
            "board_member",
            "administrator",
        )
    ]
    outsiders = [u for u in outsiders if u not in ("police_caseworker", "dcc_team_manager")]
    for username in outsiders:
        other = actor(username)
        for record in (referral, case):
            assert not other.policy.can(Action.VIEW, record), username
        assert not other.policy.visible(Action.VIEW, PreventReferral).exists(), username
        assert not other.policy.visible(Action.VIEW, ChannelReview).exists(), username


def test_ctsa_2015_s36_only_the_police_screen_and_refer_to_channel(actor: ActorOf, members: None) -> None:
    referral = _referral(actor("avbc_caseworker"))
    with pytest.raises(PermissionDeniedError):
        services.prevent_referral_screen(
            actor=actor("nhs_caseworker"),
            referral=referral,
            outcome="adopted",
            screened_on=TODAY(),
            notes="x",
        )
    police = actor("police_caseworker")
    chair = actor("dcc_team_manager").user
    with pytest.raises(ApplicationError):  # not yet screened
        services.channel_case_open(actor=police, referral=referral, chair=chair, first_panel_on=TODAY())
    services.prevent_referral_screen(
        actor=police, referral=referral, outcome="signposted", screened_on=TODAY(), notes="Mental health"
    )
    with pytest.raises(ApplicationError):  # signposted, not adopted
        services.channel_case_open(actor=police, referral=referral, chair=chair, first_panel_on=TODAY())


def test_ctsa_2015_s36_the_panel_chair_is_from_the_local_authority(actor: ActorOf, members: None) -> None:
    referral = _referral(actor("avbc_caseworker"))
    police = actor("police_caseworker")
    services.prevent_referral_screen(
        actor=police, referral=referral, outcome="adopted", screened_on=TODAY(), notes="x"
    )
    with pytest.raises(ApplicationError) as refused:
        services.channel_case_open(
            actor=police, referral=referral, chair=actor("nhs_caseworker").user, first_panel_on=TODAY()
        )
    assert refused.value.field == "chair"
    case = services.channel_case_open(
        actor=police, referral=referral, chair=actor("dcc_team_manager").user, first_panel_on=TODAY()
    )
    assert case.owning_agency.slug == "dcc"


def test_ctsa_2015_s36_consent_before_support_and_parental_under_18(actor: ActorOf, members: None) -> None:
    day = TODAY() - dt.timedelta(days=30)
    born = day.replace(year=day.year - 18) + dt.timedelta(days=1)  # turns 18 the day after
    case = _to_channel(actor, _referral(actor("avbc_caseworker"), subject_date_of_birth=born))
    chair = actor("dcc_team_manager")
    with pytest.raises(ApplicationError):  # support before consent
        services.channel_support_plan_record(
            actor=chair, case=case, support_plan="Mentoring", support_provider="", support_starts_on=day
        )
    with pytest.raises(ApplicationError) as refused:  # under 18 on the day: the person cannot consent alone
        services.channel_consent_record(
            actor=chair, case=case, consent_given=True, consent_on=day, given_by="person"
        )
    assert refused.value.field == "given_by"
    services.channel_consent_record(
        actor=chair, case=case, consent_given=True, consent_on=day, given_by="parent"
    )
    with pytest.raises(ApplicationError):  # support the day before consent
        services.channel_support_plan_record(
            actor=chair,
            case=case,
            support_plan="Mentoring",
            support_provider="",
            support_starts_on=day - dt.timedelta(days=1),
        )
    services.channel_support_plan_record(
        actor=chair, case=case, support_plan="Mentoring", support_provider="Provider", support_starts_on=day
    )
    assert ChannelCase.objects.get(pk=case.pk).status == ChannelStatus.SUPPORT


def test_declined_consent_means_no_support(actor: ActorOf, members: None) -> None:
    case = _to_channel(actor, _referral(actor("avbc_caseworker")))
    chair = actor("dcc_team_manager")
    services.channel_consent_record(
        actor=chair, case=case, consent_given=False, consent_on=TODAY(), given_by="person"
    )
    with pytest.raises(ApplicationError):
        services.channel_support_plan_record(
            actor=chair, case=case, support_plan="x", support_provider="", support_starts_on=TODAY()
        )


def test_ctsa_2015_s36_exit_sets_reviews_at_6_and_12_months(actor: ActorOf, members: None) -> None:
    case = _to_channel(actor, _referral(actor("avbc_caseworker")))
    panel = actor("nhs_caseworker")  # any panel member may record the steps
    day = case.first_panel_on
    services.channel_consent_record(
        actor=panel, case=case, consent_given=True, consent_on=day, given_by="person"
    )
    services.channel_support_plan_record(
        actor=panel, case=case, support_plan="Mentoring", support_provider="", support_starts_on=day
    )
    services.channel_exit_record(actor=panel, case=case, exited_on=TODAY(), exit_reason="Risk reduced")
    reviews = list(ChannelReview.objects.filter(channel_case=case).order_by("due_on"))
    assert [r.due_on for r in reviews] == list(rules.post_exit_review_dates(TODAY()))
    assert [r.months_after_exit for r in reviews] == [6, 12]
    services.channel_review_complete(
        actor=panel, review=reviews[0], completed_on=TODAY(), outcome="No concerns"
    )
    verbs = set(
        AuditEvent.objects.filter(target_id=str(case.pk), verb__startswith="channelcase.").values_list(
            "verb", flat=True
        )
    )
    assert {
        "channelcase.opened",
        "channelcase.consent_recorded",
        "channelcase.support_planned",
        "channelcase.exited",
        "channelcase.reviewed",
    } <= verbs


def test_an_administrator_with_a_membership_row_written_directly_still_cannot_open_it(
    actor: ActorOf, members: None
) -> None:
    """Defence in depth: even a CompartmentMember row for an administrator's membership (written past
    the service) does not open the compartment: the policy refuses the administrator role."""
    from csphub.agencies.models import Membership
    from csphub.duties.models import CompartmentMember

    referral = _referral(actor("avbc_caseworker"))
    admin = actor("avbc_administrator")
    membership = Membership.objects.get(user=admin.user, is_active=True)
    CompartmentMember.objects.create(
        compartment=Compartment.PREVENT, user=admin.user, agency=membership.agency
    )
    fresh = actor("avbc_administrator")
    assert not fresh.policy.in_compartment(Compartment.PREVENT)
    assert not fresh.policy.can(Action.VIEW, referral)
    assert not fresh.policy.visible(Action.VIEW, PreventReferral).exists()
