"""Helpers every stage of the Case Review services shares: permission, rule problems, status moves."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from csphub.agencies.policies import Action, Capability, can, has_capability
from csphub.casereviews import rules
from csphub.casereviews.models import Application, CaseReviewArea
from csphub.core.actor import ActorOrUser
from csphub.core.errors import ApplicationError, PermissionDeniedError


def _require_manager(actor: ActorOrUser, application: Application | None = None) -> None:
    """Case Review staff only; for an existing application, one they may change."""
    if not has_capability(actor, Capability.MANAGE_CASE_REVIEWS):
        raise PermissionDeniedError("You cannot manage ASB Case Reviews in your current role.")
    if application is not None and not can(actor, Action.CHANGE, application):
        raise PermissionDeniedError("You cannot change this application.")


def _raise_problems(problems: list[rules.Problem]) -> None:
    if problems:
        raise ApplicationError(problems[0].message, field=problems[0].field)


def _transition(application: Application, to: rules.Status) -> None:
    if not rules.can_transition(application.status_enum, to=to):
        raise ApplicationError(
            f"This application is '{application.status_label}': "
            f"it cannot move to '{rules.STATUS_LABELS[to]}'."
        )
    application.status = to


def _local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()


def policy_for(area: CaseReviewArea, *, on: dt.date) -> rules.ThresholdPolicy:
    """The area's threshold rules in force on ``on`` (the statutory rules if none are configured)."""
    rule_set = area.rule_sets.filter(effective_from__lte=on).order_by("-effective_from", "-id").first()
    return rule_set.as_policy() if rule_set is not None else rules.STATUTORY_POLICY
