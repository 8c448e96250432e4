"""Dispersal steps: authorisation, a direction under it, variation of a direction."""

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
]
