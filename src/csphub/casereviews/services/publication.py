"""Publishing an area's yearly s.104(10) figures: a coordinator checks them and publishes the year.

Until then the public page labels the figures provisional ("year to date" while the year runs).
Publishing keeps the figures as they stood, records who and when, and is audited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from csphub.agencies.policies import Capability, acting_membership, has_capability
from csphub.audit.services import audit_record
from csphub.casereviews import rules, selectors
from csphub.casereviews.models import CaseReviewArea, PublishedYear
from csphub.core.actor import acting_user
from csphub.core.errors import ApplicationError, PermissionDeniedError


def year_can_publish(user: Any, area: CaseReviewArea) -> bool:
    """May ``user`` publish ``area``'s figures? Partnership coordinators of its managing agency."""
    if not has_capability(user, Capability.PUBLISH_CASE_REVIEW_FIGURES):
        return False
    membership = acting_membership(user)
    return membership is not None and membership.agency_id == area.managing_agency_id


def year_publish(
    *, actor: Any, area: CaseReviewArea, year: rules.ReportingYear, today: dt.date | None = None
) -> PublishedYear:
    """Publish ``year``'s figures for ``area`` as they stand now (a year that has ended, once)."""
    if not year_can_publish(actor, area):
        raise PermissionDeniedError(
            "Only a partnership coordinator of the agency that runs this area's Case Review procedure "
            "can publish its figures."
        )
    today = today or timezone.localdate()
    refusal = rules.publish_refusal(
        year, today=today, already_published=selectors.published_year(area, year) is not None
    )
    if refusal:
        raise ApplicationError(refusal)
    figures, months = selectors.publication_live(area, year=year, today=today)
    user = acting_user(actor)
    try:
        with transaction.atomic():
            published = PublishedYear.objects.create(
                area=area,
                start_year=year.start_year,
                figures=selectors.figures_snapshot(figures, months),
                created_by=user,
                modified_by=user,
            )
            audit_record(
                actor=actor,
                verb="publishedyear.published",
                target=published,
                justification=f"{area.name} {year.label}",
            )
    except IntegrityError as exc:  # published by someone else a moment ago
        raise ApplicationError(f"The figures for {year.label} are already published.") from exc
    return published
