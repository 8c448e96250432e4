"""Reads of the agreements register: an agency sees the agreements it is a party to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from csphub.agencies.models import Agency, InformationSharingAgreement, Partnership
from csphub.core.actor import Actor
from csphub.governance import ropa
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


def ropa_activities(actor: Actor, today: dt.date | None = None) -> list[ropa.ProcessingActivity]:
    """The agreements in force that the actor's agency is a party to, as processing activities with
    their own lawful bases (issue 15 item 5: the ROPA carries the agreements' bases, not only the apps')."""
    today = today or timezone.localdate()
    return [
        ropa.sharing_activity(
            reference=a.reference,
            name=a.name,
            purpose=a.purpose,
            lawful_basis=a.get_lawful_basis_display() + (f"; {a.gateway}" if a.gateway else ""),
            conditions=[a.special_category_condition, a.criminal_offence_condition],
            parties=[p.name for p in a.parties.all()],
            review_date=f"{a.review_date:%d %B %Y}",
        )
        for a in agreements_of(actor)
        if a.is_in_force(today)
    ]
