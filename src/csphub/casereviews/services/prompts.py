"""Prompt on a victim's second report within six months (2025 statutory guidance)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from csphub.agencies.policies import Action, can
from csphub.audit.services import audit_record
from csphub.casereviews import rules
from csphub.casereviews.models import ExplanationPrompt
from csphub.casereviews.services._common import _local_date
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.errors import ApplicationError, PermissionDeniedError


def prompts_for_incident(*, actor: ActorOrUser, incident: Any) -> list[ExplanationPrompt]:
    """Create a prompt for each victim of ``incident`` who reported ASB in the previous six months.

    Earlier reports are looked for among the incidents the recording user may see (the policy decides),
    so a prompt never reveals a record the caseworker could not open.
    """
    from csphub.cases.models import PartyRole
    from csphub.cases.selectors import incident_parties, incidents_for_person

    reported_on = _local_date(incident.reported_at)
    earliest = rules.earliest_qualifying_complaint_date(reported_on)
    since = timezone.make_aware(dt.datetime.combine(earliest - dt.timedelta(days=31), dt.time.min))
    prompts = []
    for party in incident_parties(incident):
        if party.role != PartyRole.VICTIM:
            continue
        others = incidents_for_person(
            user=actor, person=party.person, since=since, roles=[PartyRole.VICTIM]
        ).exclude(pk=incident.pk)
        earlier = sorted(
            _local_date(i.reported_at) for i in others if _local_date(i.reported_at) <= reported_on
        )
        if not rules.second_report_within_six_months(earlier, new_report_on=reported_on):
            continue
        in_window = [d for d in earlier if d >= earliest]
        prompt, created = ExplanationPrompt.objects.get_or_create(
            incident=incident,
            victim=party.person,
            defaults={
                "earlier_report_on": in_window[-1],
                "created_by": acting_user(actor),
                "modified_by": acting_user(actor),
            },
        )
        if created:
            audit_record(actor=actor, verb="casereviewprompt.created", target=prompt)
            prompts.append(prompt)
    return prompts


def prompt_record_explained(
    *, actor: ActorOrUser, prompt: ExplanationPrompt, explained_on: dt.date, how_explained: str
) -> ExplanationPrompt:
    """Record that the Case Review was explained to the victim."""
    if not can(actor, Action.CHANGE, prompt.incident) and not can(actor, Action.VIEW, prompt.incident):
        raise PermissionDeniedError("You cannot answer this prompt.")
    if prompt.explained_on is not None:
        raise ApplicationError("This has already been recorded.")
    if explained_on > timezone.localdate():
        raise ApplicationError("The date must be today or in the past", field="explained_on")
    if explained_on < _local_date(prompt.incident.reported_at):
        raise ApplicationError("The date cannot be before the report", field="explained_on")
    if not how_explained.strip():
        raise ApplicationError(
            "Say how the Case Review was explained (for example, by phone)", field="how_explained"
        )
    with transaction.atomic():
        prompt.explained_on = explained_on
        prompt.explained_by = acting_user(actor)
        prompt.how_explained = how_explained.strip()
        prompt.modified_by = acting_user(actor)
        prompt.save()
        audit_record(
            actor=actor,
            verb="casereviewprompt.explained",
            target=prompt,
            changed_fields=["explained_on", "explained_by", "how_explained"],
        )
    return prompt


def threshold_flag_for_person(
    *, actor: ActorOrUser, person: Any, on: dt.date | None = None
) -> dict[str, Any] | None:
    """B.6 (2023 ASB Action Plan): would the complaints this person made as a victim, in the
    incidents the actor may see, meet the Case Review threshold if they applied on ``on``? The
    engine is the statutory one (three qualifying complaints, s.104(4), (11)); a partnership's lower
    number applies when an application is decided. None when the person was never a victim in a
    visible incident."""
    from csphub.cases.models import PartyRole
    from csphub.cases.selectors import incidents_for_person

    day = on or timezone.localdate()
    earliest = rules.earliest_qualifying_complaint_date(day)
    since = timezone.make_aware(dt.datetime.combine(earliest - dt.timedelta(days=62), dt.time.min))
    incidents = list(
        incidents_for_person(user=actor, person=person, since=since, roles=[PartyRole.VICTIM]).select_related(
            "reporting_agency"
        )
    )
    if not incidents:
        return None
    complaints = [
        rules.Complaint(
            key=f"incident:{i.pk}",
            behaviour_on=_local_date(i.occurred_at),
            reported_on=_local_date(i.reported_at),
            reporting_agency=i.reporting_agency.short_name or i.reporting_agency.name,
            complainant_key=f"person:{person.pk}",
            is_hate_motivated=i.is_hate_motivated,
            summary=i.reference,
        )
        for i in incidents
        if _local_date(i.reported_at) <= day
    ]
    decision = rules.assess_threshold(complaints, application_on=day)
    return {"reached": decision.met, "qualifying": decision.qualifying_count, "on": day}
