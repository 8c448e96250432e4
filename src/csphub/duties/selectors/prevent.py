"""Reads of the Prevent and Channel register: named Prevent leads and panel members only (the
compartment), whatever their agency; never administrators."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import QuerySet

from csphub.agencies.models import Agency
from csphub.agencies.policies import Action, Compartment
from csphub.core.actor import Actor
from csphub.duties.models import ChannelCase, ChannelReview, CompartmentMember, PreventReferral
from csphub.duties.rules import prevent as rules


def is_member(actor: Actor) -> bool:
    return actor.policy.in_compartment(Compartment.PREVENT)


def acts_for_police(actor: Actor) -> bool:
    agency = actor.agency
    return agency is not None and agency.agency_type == rules.POLICE


def referrals_visible(actor: Actor) -> QuerySet[PreventReferral]:
    return actor.policy.visible(Action.VIEW, PreventReferral).select_related("owning_agency")


def referral_get(actor: Actor, pk: int, *, action: Action = Action.VIEW) -> PreventReferral:
    return actor.policy.get_object_or_404(
        action, PreventReferral.objects.select_related("owning_agency"), pk=pk
    )


def channel_cases_visible(actor: Actor) -> QuerySet[ChannelCase]:
    return actor.policy.visible(Action.VIEW, ChannelCase).select_related("referral", "chair", "owning_agency")


def channel_case_get(actor: Actor, pk: int, *, action: Action = Action.VIEW) -> ChannelCase:
    return actor.policy.get_object_or_404(
        action, ChannelCase.objects.select_related("referral", "chair", "owning_agency"), pk=pk
    )


def reviews_due(actor: Actor) -> QuerySet[ChannelReview]:
    return (
        actor.policy.visible(Action.VIEW, ChannelReview)
        .filter(completed_on__isnull=True)
        .select_related("channel_case")
        .order_by("due_on", "id")
    )


def review_get(actor: Actor, pk: int) -> ChannelReview:
    return actor.policy.get_object_or_404(
        Action.CHANGE, ChannelReview.objects.select_related("channel_case__referral"), pk=pk
    )


def possible_chairs() -> list[User]:
    """Members of the Prevent compartment acting in a local authority (s.36: the LA chairs)."""
    members = (
        CompartmentMember.objects.filter(
            compartment=Compartment.PREVENT,
            ended_at__isnull=True,
            agency__agency_type__in=sorted(rules.LOCAL_AUTHORITY_TYPES),
        )
        .select_related("user", "agency")
        .order_by("user__last_name", "user__first_name")
    )
    return [m.user for m in members]


def chair_agency(user: User) -> Agency | None:
    member = (
        CompartmentMember.objects.filter(
            compartment=Compartment.PREVENT,
            user=user,
            ended_at__isnull=True,
            agency__agency_type__in=sorted(rules.LOCAL_AUTHORITY_TYPES),
        )
        .select_related("agency")
        .first()
    )
    return member.agency if member else None
