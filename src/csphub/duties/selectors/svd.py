"""Reads of the Serious Violence Duty register: the partnership's documents (each kind's versions)
and its authorities. Strategic records without personal data: every signed-in member of the
partnership reads them; partnership coordinators record and publish them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.policies import Capability
from csphub.core.actor import Actor, as_actor
from csphub.duties.deadlines import Deadline
from csphub.duties.models import SvdAuthority, SvdDocument, SvdDocumentKind
from csphub.duties.rules import svd as rules
from csphub.duties.selectors.scope import of_actors_partnership

KIND = "Serious Violence Duty"
SECTION = "Police, Crime, Sentencing and Courts Act 2022, section 8"
# The partnership's coordinators hold its strategic documents (as they adopt the Strategic Assessment).
MANAGE = Capability.ADOPT_ASSESSMENT


def home_panel(user: Any) -> dict[str, Any] | None:
    """For the duty's holders (coordinators, board members): the yearly reviews and a way in."""
    actor = as_actor(user)
    if actor is None or not may_manage(actor):
        return None
    today = timezone.localdate()
    return {"deadlines": upcoming_deadlines(actor, today)[:5], "today": today}


def may_manage(actor: Actor) -> bool:
    return actor.policy.has_capability(MANAGE)


def documents(actor: Actor) -> QuerySet[SvdDocument]:
    """Every version of every document of the actor's partnership."""
    return SvdDocument.objects.filter(of_actors_partnership(actor)).order_by("kind", "-version")


def document_get(actor: Actor, pk: int) -> SvdDocument:
    return get_object_or_404(SvdDocument.objects.filter(of_actors_partnership(actor)), pk=pk)


def current_documents(actor: Actor) -> dict[str, SvdDocument | None]:
    """kind -> the latest version (published or not), or None when there is none yet."""
    latest: dict[str, SvdDocument | None] = dict.fromkeys(SvdDocumentKind.values)
    for document in documents(actor):
        if latest[document.kind] is None:
            latest[document.kind] = document
    return latest


def authorities(actor: Actor) -> QuerySet[SvdAuthority]:
    return SvdAuthority.objects.filter(of_actors_partnership(actor))


def missing_specified(actor: Actor) -> list[str]:
    """The labels of the specified authorities (s.11, Sch 1) not recorded as taking part."""
    taking_part = set(authorities(actor).filter(taking_part=True).values_list("authority_type", flat=True))
    labels = dict(SvdAuthority._meta.get_field("authority_type").choices or [])
    return [str(labels[code]) for code in rules.missing_specified(taking_part)]


def upcoming_deadlines(actor: Actor, today: dt.date, *, within_days: int | None = None) -> list[Deadline]:
    """The yearly reviews of the published definition, needs assessment and strategy, soonest first
    (a deadlines provider): for the partnership's coordinators and board members, who hold them."""
    if not may_manage(actor):
        return []
    found = []
    for document in current_documents(actor).values():
        if document is None or document.review_due_on is None:
            continue
        found.append(
            Deadline(
                f"Review the {document.get_kind_display().lower()} (version {document.version})",
                document.review_due_on,
                reverse("duties:svd_document", args=[document.pk]),
                f"{SECTION}{rules.DOCUMENT_SECTIONS[document.kind].removeprefix('s.8')}",
                KIND,
            )
        )
    if within_days is not None:
        last = today + dt.timedelta(days=within_days)
        found = [d for d in found if d.due <= last]
    return sorted(found, key=lambda d: (d.due, d.title))


# police.uk's categories that the Serious Violence Duty's statutory guidance names as the violence in
# scope (violence against the person, including sexual violence; robbery; weapons possession). The
# local definition decides what else counts; these are the figures the assessment can give.
SERIOUS_VIOLENCE_CATEGORIES = ("Violence and sexual offences", "Robbery", "Possession of weapons")


def needs_assessment_evidence(actor: Actor) -> dict[str, Any] | None:
    """The adopted Strategic Assessment's serious-violence figures, for the strategic needs
    assessment (issue 14 item 1): each category's count, the count before, the rate per 1,000
    residents and the adjusted test's words. None when the partnership has adopted no assessment or
    the actor may not see assessments."""
    from csphub.insights.selectors import adopted_assessment

    adopted = adopted_assessment(actor)
    if adopted is None:
        return None
    run, assessment = adopted
    rows = [row for row in assessment.by_crime_type if row.crime_type in SERIOUS_VIOLENCE_CATEGORIES]
    return {
        "run": run,
        "area": assessment.area.name,
        "period": f"{assessment.period.first} to {assessment.period.last}",
        "rows": rows,
        "total": sum(row.count for row in rows),
        "total_previous": sum(row.count_previous for row in rows),
    }
