"""Multi-agency panels, their meetings, agendas, decisions and minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from csphub.agencies.models import Agency, Membership, ShareScope
from csphub.agencies.policies import Action, can, partnership_for_new_record
from csphub.agencies.services import notify_agency, share_record
from csphub.audit.services import audit_record
from csphub.cases.models import (
    AgendaItem,
    Case,
    Panel,
    PanelMeeting,
    Task,
)
from csphub.cases.services._common import _membership_for_create
from csphub.cases.services.tasks import task_create
from csphub.core.actor import ActorOrUser, acting_user
from csphub.core.errors import ApplicationError, PermissionDeniedError

# --------------------------------------------------------------------------------------------
# Panels
# --------------------------------------------------------------------------------------------


def panel_create(
    *, actor: ActorOrUser, name: str, kind: str, agreement: Any, terms_of_reference: str = ""
) -> Panel:
    membership = _membership_for_create(actor, "panels")
    if not name.strip():
        raise ApplicationError("Enter the name of the panel", field="name")
    if not agreement.parties.filter(pk=membership.agency_id).exists():
        raise ApplicationError(
            "Your agency must be a party to the panel's sharing agreement", field="agreement"
        )
    with transaction.atomic():
        panel = Panel.objects.create(
            partnership=partnership_for_new_record(actor),
            owning_agency=membership.agency,
            name=name.strip(),
            kind=kind,
            agreement=agreement,
            terms_of_reference=terms_of_reference,
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        audit_record(actor=actor, verb="panel.created", target=panel)
    return panel


def panel_meeting_schedule(
    *,
    actor: ActorOrUser,
    panel: Panel,
    held_at: dt.datetime,
    attending_agencies: Iterable[Agency],
    location: str = "",
) -> PanelMeeting:
    if not can(actor, Action.CHANGE, panel):
        raise PermissionDeniedError("You cannot arrange meetings of this panel.")
    agencies = list(attending_agencies)
    parties = set(panel.agreement.parties.values_list("pk", flat=True))
    outside = [a.short_name for a in agencies if a.pk not in parties]
    if outside:
        raise ApplicationError(
            f"{', '.join(outside)} must sign {panel.agreement.reference} before attending",
            field="attending_agencies",
        )
    with transaction.atomic():
        meeting = PanelMeeting.objects.create(
            panel=panel,
            held_at=held_at,
            location=location,
            created_by=acting_user(actor),
            modified_by=acting_user(actor),
        )
        meeting.attending_agencies.set(agencies)
        audit_record(actor=actor, verb="panelmeeting.scheduled", target=meeting)
    return meeting


def panel_agenda_add(*, actor: ActorOrUser, meeting: PanelMeeting, case: Case, reason: str) -> AgendaItem:
    """Put a case on a meeting's agenda: share its SUMMARY with each attending agency under the
    panel's agreement (minimum necessary; the owner can still share in full case by case)."""
    if not can(actor, Action.SHARE, case):
        raise PermissionDeniedError("Only the agency that owns the case can put it on an agenda.")
    if not reason.strip():
        raise ApplicationError("Enter why the case is coming to the panel", field="reason")
    agreement = meeting.panel.agreement
    if not agreement.is_in_force():
        raise ApplicationError(
            f"{agreement.reference} is not in force: review it before sharing", field="reason"
        )
    with transaction.atomic():
        item, created = AgendaItem.objects.get_or_create(
            meeting=meeting,
            case=case,
            defaults={
                "reason": reason.strip(),
                "created_by": acting_user(actor),
                "modified_by": acting_user(actor),
            },
        )
        if created:
            share_reason = (
                f"{meeting.panel.name} on {timezone.localtime(meeting.held_at):%d %B %Y}: {reason.strip()}"
            )
            held = timezone.localtime(meeting.held_at)
            for agency in meeting.attending_agencies.exclude(pk=case.owning_agency_id):
                share_record(
                    actor=actor,
                    obj=case,
                    agency=agency,
                    agreement=agreement,
                    scope=ShareScope.SUMMARY,
                    reason=share_reason[:500],
                )
                notify_agency(
                    agency=agency,
                    subject=f"Case {case.reference} is on the agenda of {meeting.panel.name}",
                    body=(
                        f"{case.owning_agency.name} put case {case.reference} on the agenda of "
                        f"{meeting.panel.name} on {held.day} {held:%B %Y}. Your agency attends: you can see "
                        f"the case summary under {agreement.reference}."
                    ),
                    link=reverse("cases:meeting_detail", args=[meeting.pk]),
                )
            audit_record(
                actor=actor, verb="case.added_to_agenda", target=case, justification=meeting.panel.name
            )
    return item


def panel_decision_record(
    *,
    actor: ActorOrUser,
    item: AgendaItem,
    decision: str,
    action_title: str = "",
    action_owner: Any | None = None,
    action_due_on: dt.date | None = None,
) -> Task | None:
    """Record the panel's decision on an agenda item and, optionally, an action with owner and date."""
    if not can(actor, Action.CHANGE, item.meeting.panel):
        raise PermissionDeniedError("You cannot record this panel's decisions.")
    if not decision.strip():
        raise ApplicationError("Enter the panel's decision", field="decision")
    if action_title and (action_owner is None or action_due_on is None):
        raise ApplicationError("Enter who owns the action and when it is due", field="action_owner")
    with transaction.atomic():
        item.decision = decision.strip()
        item.modified_by = acting_user(actor)
        item.save(update_fields=["decision", "modified_by", "modified_at"])
        audit_record(actor=actor, verb="agendaitem.decided", target=item, changed_fields=["decision"])
        task = None
        if action_title:
            attending = set(item.meeting.attending_agencies.values_list("pk", flat=True)) | {
                item.case.owning_agency_id
            }
            if not Membership.objects.filter(
                user=action_owner, agency_id__in=attending, is_active=True
            ).exists():
                raise ApplicationError(
                    "The action owner must work for an attending agency", field="action_owner"
                )
            assert action_owner is not None and action_due_on is not None  # checked above
            task = task_create(
                actor=actor,
                title=action_title,
                owner=action_owner,
                due_on=action_due_on,
                case=item.case,
                source=f"panel.{item.meeting.panel.kind}",
                linked=item,
                check_permission=False,
            )
    return task


def panel_minutes_record(*, actor: ActorOrUser, meeting: PanelMeeting, minutes: str) -> PanelMeeting:
    if not can(actor, Action.CHANGE, meeting.panel):
        raise PermissionDeniedError("You cannot record this panel's minutes.")
    with transaction.atomic():
        meeting.minutes = minutes.strip()
        meeting.modified_by = acting_user(actor)
        meeting.save(update_fields=["minutes", "modified_by", "modified_at"])
        audit_record(actor=actor, verb="panelmeeting.minuted", target=meeting, changed_fields=["minutes"])
    return meeting


def users_of_agency(agency: Agency) -> QuerySet[Any]:
    """Staff who can work now: an active role in ``agency`` and an account not deactivated."""
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__agency=agency, memberships__is_active=True)
        .distinct()
    )
