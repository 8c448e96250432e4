"""Dispersal steps: authorisation, a direction under it, variation of a direction, and the
surrender of items with the direction and their return (s.37)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from csphub.powers import forms, rules, selectors, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.views.steps import Offer, PowerStep, can_become, case_open, may_become, notes


def _direction_standing(authorisation: PowerUse) -> list[str]:
    if authorisation.status == Status.AUTHORISED:
        return []
    return [
        f"You cannot give a direction under {authorisation.reference}: it is "
        f"{authorisation.get_status_display().lower()}"
    ]


def _variation_notes(direction: PowerUse) -> list[str]:
    if direction.issued_at is None:
        return []
    latest = direction.issued_at + dt.timedelta(
        hours=rules.rule_set(direction.rule_version).dispersal_max_hours
    )
    return [
        f"The direction was given {timezone.localtime(direction.issued_at):%-d %B %Y at %H:%M}: "
        f"a variation can never extend the exclusion beyond {timezone.localtime(latest):%-d %B %Y at %H:%M}."
    ]


def _surrender_standing(direction: PowerUse) -> list[str]:
    if direction.status in (Status.ISSUED, Status.VARIED):
        return []
    return [
        f"You cannot record a surrender: dispersal direction {direction.reference} is "
        f"{direction.get_status_display().lower()}"
    ]


def _awaiting_return(direction: PowerUse) -> list[dict[str, str]]:
    return [s for s in direction.details.get("surrenders", []) if not s.get("returned_at")]


def _return_standing(direction: PowerUse) -> list[str]:
    return [] if _awaiting_return(direction) else ["No surrendered items are waiting to be returned"]


def _return_notes(direction: PowerUse) -> list[str]:
    pending = _awaiting_return(direction)
    if not pending or direction.ends_at is None:
        return []
    end = timezone.localtime(direction.ends_at)
    return [
        f"Items: {pending[-1]['items']}. They are not returned before the exclusion period ends, at "
        f"{end:%H:%M} on {end:%-d %B %Y} (s.37)."
    ]


STEPS = [
    PowerStep(
        name="dispersal_new",
        route="case/<int:case_pk>/dispersal/new/",
        form=forms.DispersalAuthorisationForm,
        service=services.dispersal_authorise,
        subject="case",
        title="Authorise the use of dispersal powers",
        section="s.34",
        check_title="Check the authorisation before you record it",
        action_label="Record authorisation",
        success="Dispersal authorisation {use.reference} recorded",
        blocked_title="You cannot authorise dispersal on this case",
        standing=case_open,
        notes=notes("Only an inspector or above may authorise, in writing and signed, for at most 48 hours."),
    ),
    PowerStep(
        name="dispersal_direction_new",
        route="<int:pk>/direction/new/",
        on=(Power.DISPERSAL_AUTHORISATION,),
        form=forms.DispersalDirectionForm,
        form_kwargs=lambda authorisation: {"recipients": selectors.case_recipients(authorisation.case)},
        service=services.dispersal_direction_give,
        subject="authorisation",
        title="Record a dispersal direction under {use.reference}",
        section="s.35",
        check_title="Check the direction before you record it",
        action_label="Record direction",
        success="Dispersal direction {use.reference} recorded",
        blocked_title="You cannot give a direction",
        standing=_direction_standing,
        notes=notes("The person must be 10 or over; the exclusion lasts at most 48 hours."),
        offer=Offer("Record a direction", "record-direction", lambda use: use.status == Status.AUTHORISED),
    ),
    PowerStep(
        name="dispersal_direction_vary",
        route="<int:pk>/direction/vary/",
        on=(Power.DISPERSAL_DIRECTION,),
        form=forms.DispersalVariationForm,
        service=services.dispersal_direction_vary,
        subject="direction",
        title="Vary dispersal direction {use.reference}",
        section="s.35(8)",
        check_title="Check the variation before you record it",
        action_label="Record variation",
        success="Dispersal direction {use.reference} varied",
        blocked_title="You cannot vary this direction",
        standing=may_become(Status.VARIED, "vary the direction"),
        notes=_variation_notes,
        offer=Offer("Vary the direction", "vary-direction", can_become(Status.VARIED)),
    ),
    PowerStep(
        name="dispersal_surrender",
        route="<int:pk>/direction/surrender/",
        on=(Power.DISPERSAL_DIRECTION,),
        form=forms.DispersalSurrenderForm,
        service=services.dispersal_items_surrender,
        subject="direction",
        title="Record items surrendered with dispersal direction {use.reference}",
        section="s.37",
        check_title="Check the surrender before you record it",
        action_label="Record surrender",
        success="Items surrendered with {use.reference} recorded",
        blocked_title="You cannot record a surrender",
        standing=_surrender_standing,
        notes=notes(
            "The officer who gave the direction may also direct the person to surrender items they reasonably "
            "believe have been or are likely to be used in behaviour that harasses, alarms or distresses "
            "members of the public. Failing without reasonable excuse to comply is an offence (s.39)."
        ),
        offer=Offer("Record items surrendered", "record-surrender", lambda d: not _surrender_standing(d)),
    ),
    PowerStep(
        name="dispersal_item_return",
        route="<int:pk>/direction/surrender/return/",
        on=(Power.DISPERSAL_DIRECTION,),
        form=forms.DispersalItemReturnForm,
        service=services.dispersal_item_return,
        subject="direction",
        title="Record the return of items surrendered with {use.reference}",
        section="s.37",
        check_title="Check the return before you record it",
        action_label="Record return",
        success="Return of items surrendered with {use.reference} recorded",
        blocked_title="You cannot record a return",
        standing=_return_standing,
        notes=_return_notes,
        offer=Offer(
            "Record the return of surrendered items",
            "record-item-return",
            lambda d: bool(_awaiting_return(d)),
        ),
    ),
]
