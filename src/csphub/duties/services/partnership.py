"""Writes to the partnership registers (s.17, s.17A, scrutiny, Community Remedy): each checks the
actor's policy and the statutory gate, and is audited in the same transaction."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.db import IntegrityError, transaction
from django.utils import timezone

from csphub.audit.models import DutyVerb
from csphub.audit.services import audit_record
from csphub.cases.models import Case
from csphub.core.actor import Actor
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.duties.models import (
    CommunityRemedyAction,
    CommunityResolution,
    S17AReturn,
    S17ARow,
    S17Assessment,
    ScrutinyRecommendation,
)
from csphub.duties.rules import remedy as remedy_rules
from csphub.duties.rules import s17 as rules
from csphub.duties.rules import scrutiny as scrutiny_rules
from csphub.duties.selectors import partnership as selectors
from csphub.duties.selectors.scope import register_partnership


def _not_future(day: dt.date, field: str, what: str) -> None:
    if day > timezone.localdate():
        raise ApplicationError(f"{what} must be today or in the past", field=field)


def s17_assessment_record(
    *,
    actor: Actor,
    title: str,
    decision_by: str,
    decision_on: dt.date,
    assessed_on: dt.date,
    considerations: dict[str, str],
    mitigation: str = "",
) -> S17Assessment:
    """Log an authority's due regard to the s.17(1) themes for a decision or policy.

    Every theme in force on the day of the assessment is considered in writing (even "no likely
    effect"), and the consideration comes before the decision, as due regard is had when deciding.
    """
    if not selectors.may_record_s17(actor) or actor.membership is None:
        raise PermissionDeniedError("You cannot record a section 17 assessment.")
    _not_future(assessed_on, "assessed_on", "The date of the assessment")
    if assessed_on > decision_on:
        raise ApplicationError(
            "The assessment must be made on or before the day of the decision", field="assessed_on"
        )
    missing = rules.missing_themes(considerations, assessed_on)
    if missing:
        raise ApplicationError("; ".join(f"Say how the decision may affect: {m.lower()}" for m in missing))
    with transaction.atomic():
        assessment = S17Assessment.objects.create(
            agency=actor.membership.agency,
            partnership=register_partnership(actor),
            title=title.strip(),
            decision_by=decision_by.strip(),
            decision_on=decision_on,
            assessed_on=assessed_on,
            mitigation=mitigation.strip(),
            rule_version=rules.RULE_VERSION,
            created_by=actor.user,
            modified_by=actor.user,
            **{code: considerations.get(code, "").strip() for code, _ in rules.THEMES},
        )
        audit_record(actor=actor, verb=DutyVerb.S17ASSESSMENT_RECORDED, target=assessment)
    return assessment


def s17a_parse(text: str, *, agency_type: str, quarter_start: dt.date) -> list[dict[str, str]]:
    """The rows of a CSV return, or ``ApplicationError`` naming every row and field that would leak."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        raise ApplicationError("The file is empty", field="file") from None
    rows, leaks = rules.validate_return(
        header,
        list(reader),
        quarter=rules.quarter_of(quarter_start),
        categories=rules.categories_for(agency_type),
    )
    if leaks:
        shown = [leak.message() for leak in leaks[:20]]
        if len(leaks) > 20:
            shown.append(f"and {len(leaks) - 20} more problems")
        raise ApplicationError("; ".join(shown), field="file")
    if not rows:
        raise ApplicationError("The file has no rows", field="file")
    return rows


def s17a_return_submit(*, actor: Actor, quarter_start: dt.date, text: str) -> S17AReturn:
    """Store an authority's depersonalised return for one period (SI 2007/1831), once per period."""
    if not selectors.may_submit_return(actor) or actor.membership is None:
        raise PermissionDeniedError("You cannot submit a section 17A return.")
    agency = actor.membership.agency
    quarter = rules.quarter_of(quarter_start)
    today = timezone.localdate()
    if quarter.end >= today:
        raise ApplicationError("A return can be made once its period has ended", field="quarter_start")
    rows = s17a_parse(text, agency_type=agency.agency_type, quarter_start=quarter.start)
    try:
        with transaction.atomic():
            submitted = S17AReturn.objects.create(
                agency=agency,
                partnership=register_partnership(actor),
                quarter_start=quarter.start,
                submitted_on=today,
                row_count=len(rows),
                rule_version=rules.RULE_VERSION,
                created_by=actor.user,
                modified_by=actor.user,
            )
            S17ARow.objects.bulk_create(
                [
                    S17ARow(
                        s17a_return=submitted,
                        category=row["category"],
                        subcategory=row["subcategory"],
                        occurred_on=dt.date.fromisoformat(row["occurred_on"]),
                        time_band=row["time_band"],
                        outward_postcode=row["outward_postcode"],
                        count=int(row["count"]),
                    )
                    for row in rows
                ]
            )
            audit_record(
                actor=actor,
                verb=DutyVerb.S17ARETURN_SUBMITTED,
                target=submitted,
                justification=f"{len(rows)} rows for {quarter.label}",
            )
    except IntegrityError:
        raise ApplicationError(
            f"Your authority has already submitted its return for {quarter.label}", field="quarter_start"
        ) from None
    return submitted


def s17a_export(*, actor: Actor, submitted: S17AReturn) -> str:
    """The return as CSV, checked again on the way out: nothing finer than an outward postcode leaves."""
    if not selectors.may_view(actor):
        raise PermissionDeniedError("You cannot download section 17A returns.")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(rules.COLUMNS)
    categories = rules.categories_for(submitted.agency.agency_type)
    rows = [
        [
            row.category,
            row.subcategory,
            row.occurred_on.isoformat(),
            row.time_band,
            row.outward_postcode,
            str(row.count),
        ]
        for row in submitted.rows.all()
    ]
    _, leaks = rules.validate_return(
        rules.COLUMNS, rows, quarter=rules.quarter_of(submitted.quarter_start), categories=categories
    )
    if leaks:  # a stored row that fails today's check is never sent on
        raise ApplicationError("; ".join(leak.message() for leak in leaks[:20]))
    writer.writerows(rows)
    audit_record(actor=actor, verb=DutyVerb.S17ARETURN_EXPORTED, target=submitted)
    return out.getvalue()


def scrutiny_recommendation_record(
    *,
    actor: Actor,
    committee: str,
    meeting_on: dt.date,
    received_on: dt.date,
    recommendation: str,
    owner_membership: int,
) -> ScrutinyRecommendation:
    """Log a recommendation of the crime and disorder committee; the 28-day response clock starts."""
    if not selectors.is_coordinator(actor):
        raise PermissionDeniedError("Only a partnership coordinator records scrutiny recommendations.")
    _not_future(received_on, "received_on", "The date it was received")
    if received_on < meeting_on:
        raise ApplicationError("It cannot be received before the committee met", field="received_on")
    partnership = register_partnership(actor)
    owner = selectors.coordinators(partnership).filter(pk=owner_membership).first()
    if owner is None:
        raise ApplicationError("Choose who will draft the response", field="owner_membership")
    with transaction.atomic():
        rec = ScrutinyRecommendation.objects.create(
            partnership=partnership,
            committee=committee.strip(),
            meeting_on=meeting_on,
            received_on=received_on,
            recommendation=recommendation.strip(),
            owner=owner.user,
            due_on=scrutiny_rules.response_due(received_on),
            rule_version=scrutiny_rules.RULE_VERSION,
            created_by=actor.user,
            modified_by=actor.user,
        )
        audit_record(actor=actor, verb=DutyVerb.SCRUTINYRECOMMENDATION_RECORDED, target=rec)
    return rec


def scrutiny_response_record(
    *,
    actor: Actor,
    recommendation: ScrutinyRecommendation,
    response: str,
    accepted: bool,
    responded_on: dt.date,
) -> ScrutinyRecommendation:
    if not selectors.is_coordinator(actor):
        raise PermissionDeniedError("Only a partnership coordinator records the partnership's response.")
    if actor.partnership is None or recommendation.partnership_id != actor.partnership.pk:
        raise PermissionDeniedError("This recommendation was made to another partnership.")
    if recommendation.responded_on is not None:
        raise ApplicationError("The response has already been recorded")
    _not_future(responded_on, "responded_on", "The date of the response")
    if responded_on < recommendation.received_on:
        raise ApplicationError(
            "The response cannot be before the recommendation arrived", field="responded_on"
        )
    if not response.strip():
        raise ApplicationError("Enter the response", field="response")
    with transaction.atomic():
        recommendation.response = response.strip()
        recommendation.accepted = accepted
        recommendation.responded_on = responded_on
        recommendation.modified_by = actor.user
        recommendation.save(
            update_fields=["response", "accepted", "responded_on", "modified_by", "modified_at"]
        )
        late = scrutiny_rules.response_late(recommendation.received_on, responded_on)
        audit_record(
            actor=actor,
            verb=DutyVerb.SCRUTINYRECOMMENDATION_RESPONDED,
            target=recommendation,
            justification="after the 28 days" if late else "",
        )
    return recommendation


def remedy_action_add(
    *, actor: Actor, title: str, description: str, purpose: str, published_on: dt.date
) -> CommunityRemedyAction:
    """Add an action to the PCC's community remedy document as published (s.101)."""
    if not selectors.is_coordinator(actor):
        raise PermissionDeniedError("Only a partnership coordinator keeps the Community Remedy document.")
    with transaction.atomic():
        action = CommunityRemedyAction.objects.create(
            title=title.strip(),
            description=description.strip(),
            purpose=purpose,
            published_on=published_on,
            order=CommunityRemedyAction.objects.count() + 1,
            created_by=actor.user,
            modified_by=actor.user,
        )
        audit_record(actor=actor, verb=DutyVerb.COMMUNITYREMEDYACTION_ADDED, target=action)
    return action


def community_resolution_record(
    *,
    actor: Actor,
    case: Case,
    action: CommunityRemedyAction,
    views_status: str,
    chosen_on: dt.date,
    views_sought_on: dt.date | None = None,
    victim_views: str = "",
    victim_preferred: bool = True,
    not_preferred_reason: str = "",
) -> CommunityResolution:
    """Record a community resolution chosen from the document for a case, the victim's views first (s.102)."""
    from csphub.agencies.policies import Action

    if not actor.policy.can(Action.CHANGE, case):
        raise PermissionDeniedError("You cannot record a community resolution on this case.")
    _not_future(chosen_on, "chosen_on", "The date the action was chosen")
    if not (
        action.published_on <= chosen_on and (action.withdrawn_on is None or chosen_on < action.withdrawn_on)
    ):
        raise ApplicationError(
            "That action was not on the Community Remedy document that day", field="action"
        )
    refusals = remedy_rules.choice_refusals(
        views_status=views_status,
        views_sought_on=views_sought_on,
        chosen_on=chosen_on,
        victim_preferred=victim_preferred,
        not_preferred_reason=not_preferred_reason,
    )
    if refusals:
        field = (
            "views_sought_on"
            if views_sought_on is None or views_sought_on > chosen_on
            else "not_preferred_reason"
        )
        raise ApplicationError("; ".join(refusals), field=field)
    if views_status == remedy_rules.VIEWS_GIVEN and not victim_views.strip():
        raise ApplicationError("Record what the victim said", field="victim_views")
    with transaction.atomic():
        resolution = CommunityResolution.objects.create(
            case=case,
            action=action,
            views_status=views_status,
            views_sought_on=views_sought_on if views_status != remedy_rules.NO_VICTIM else None,
            victim_views=victim_views.strip(),
            victim_preferred=victim_preferred,
            not_preferred_reason=not_preferred_reason.strip(),
            chosen_on=chosen_on,
            rule_version=remedy_rules.RULE_VERSION,
            created_by=actor.user,
            modified_by=actor.user,
        )
        audit_record(actor=actor, verb=DutyVerb.COMMUNITYRESOLUTION_RECORDED, target=resolution)
    return resolution
