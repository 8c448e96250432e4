"""Dispersal pages: authorisation, direction, variation of a direction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from csphub.agencies.policies import Action
from csphub.powers import forms, rules, selectors, services
from csphub.powers.models import PowerUse
from csphub.powers.rules import Power, Status
from csphub.powers.views.common import (
    _case_blockers,
    _posted,
    _power_of,
    _status_blockers,
    _step,
)


@login_required
def dispersal_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = selectors.case_for_powers(request.user, case_pk, action=Action.CHANGE)
    form = forms.DispersalAuthorisationForm(_posted(request))
    return _step(
        request,
        form=form,
        case=case,
        title="Authorise the use of dispersal powers",
        section="s.34",
        check_title="Check the authorisation before you record it",
        action_label="Record authorisation",
        perform=lambda data: services.dispersal_authorise(actor=request.user, case=case, **data),
        success=lambda u: f"Dispersal authorisation {u.reference} recorded",
        blocked_title="You cannot authorise dispersal on this case",
        standing=_case_blockers(case),
        notes=["Only an inspector or above may authorise, in writing and signed, for at most 48 hours."],
    )


@login_required
def dispersal_direction_new(request: HttpRequest, pk: int) -> HttpResponse:
    authorisation = _power_of(request, pk, Power.DISPERSAL_AUTHORISATION)
    case = authorisation.case
    form = forms.DispersalDirectionForm(_posted(request), recipients=selectors.case_recipients(case))

    def perform(data: dict[str, Any]) -> PowerUse:
        return services.dispersal_direction_give(
            actor=request.user,
            authorisation=authorisation,
            **{**data, "recipient": selectors.case_party_person(case, data["recipient"])},
        )

    standing = (
        []
        if authorisation.status == Status.AUTHORISED
        else [
            f"You cannot give a direction under {authorisation.reference}: it is "
            f"{authorisation.get_status_display().lower()}"
        ]
    )
    return _step(
        request,
        form=form,
        case=case,
        parent=authorisation,
        title=f"Record a dispersal direction under {authorisation.reference}",
        section="s.35",
        check_title="Check the direction before you record it",
        action_label="Record direction",
        perform=perform,
        success=lambda u: f"Dispersal direction {u.reference} recorded",
        blocked_title="You cannot give a direction",
        standing=standing,
        notes=["The person must be 10 or over; the exclusion lasts at most 48 hours."],
    )


@login_required
def dispersal_direction_vary(request: HttpRequest, pk: int) -> HttpResponse:
    direction = _power_of(request, pk, Power.DISPERSAL_DIRECTION)
    form = forms.DispersalVariationForm(_posted(request))
    notes = []
    if direction.issued_at is not None:
        latest = direction.issued_at + dt.timedelta(
            hours=rules.rule_set(direction.rule_version).dispersal_max_hours
        )
        notes.append(
            f"The direction was given {timezone.localtime(direction.issued_at):%-d %B %Y at %H:%M}: "
            f"a variation can never extend the exclusion beyond {timezone.localtime(latest):%-d %B %Y at %H:%M}."
        )
    return _step(
        request,
        form=form,
        case=direction.case,
        parent=direction,
        title=f"Vary dispersal direction {direction.reference}",
        section="s.35(8)",
        check_title="Check the variation before you record it",
        action_label="Record variation",
        perform=lambda data: services.dispersal_direction_vary(
            actor=request.user, direction=direction, **data
        ),
        success=lambda u: f"Dispersal direction {u.reference} varied",
        blocked_title="You cannot vary this direction",
        standing=_status_blockers(direction, Status.VARIED, doing="vary the direction"),
        notes=notes,
    )
