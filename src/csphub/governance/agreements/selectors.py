"""Reads of the agreements register: an agency sees the agreements it is a party to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from csphub.agencies.models import Agency, InformationSharingAgreement, Partnership
from csphub.core.actor import Actor
from csphub.governance.agreements import rules


@dataclass(frozen=True)
class Listed:
    agreement: InformationSharingAgreement
    standing: rules.Standing
    shares: int


def standing_of(agreement: InformationSharingAgreement, today: dt.date | None = None) -> rules.Standing:
    return rules.standing(
        start=agreement.start_date,
        review=agreement.review_date,
        ended=agreement.ended_on,
        today=today or timezone.localdate(),
    )


def agreements_of(actor: Actor) -> QuerySet[InformationSharingAgreement]:
    """The agreements the actor's agency is a party to (none when acting for no agency)."""
    if actor.agency is None:
        return InformationSharingAgreement.objects.none()
    return (
        InformationSharingAgreement.objects.filter(parties=actor.agency)
        .prefetch_related("parties", "partnerships")
        .order_by("reference")
    )


def register_of(actor: Actor, today: dt.date | None = None) -> list[Listed]:
    """The actor's agreements with where each stands and how many records are shared under it."""
    found = agreements_of(actor).annotate(share_count=Count("shares", distinct=True))
    return [Listed(a, standing_of(a, today), a.share_count) for a in found]  # type: ignore[attr-defined]


def agreement_for(actor: Actor, pk: int) -> InformationSharingAgreement | None:
    return agreements_of(actor).filter(pk=pk).first()


def party_choices() -> QuerySet[Agency]:
    """Every agency that may be a party (the partners of any partnership in this installation)."""
    return Agency.objects.order_by("name")


def partnership_choices() -> QuerySet[Partnership]:
    return Partnership.objects.order_by("name")
