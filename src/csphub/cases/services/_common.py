"""Helpers shared by the modules of csphub.cases.services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from csphub.agencies.models import Membership
from csphub.agencies.policies import Action, acting_membership, role_allows
from csphub.cases import rules
from csphub.core.actor import ActorOrUser
from csphub.core.errors import ApplicationError, PermissionDeniedError

# The earliest plausible incident date: guards typed years like 0202 or 1924.
EARLIEST_INCIDENT = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _membership_for_create(actor: ActorOrUser, what: str) -> Membership:
    membership = acting_membership(actor)
    if membership is None or not role_allows(actor, Action.CREATE):
        raise PermissionDeniedError(f"You cannot record {what}.")
    return membership


def _raise_first(problems: Sequence[rules.Problem]) -> None:
    if problems:
        raise ApplicationError(problems[0].message, field=problems[0].field)
