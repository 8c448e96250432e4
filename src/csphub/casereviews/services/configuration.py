"""Configuration: an area's procedure, its single point of contact and its threshold rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from csphub.agencies.models import Agency, Partnership
from csphub.agencies.policies import ROLE_CAPABILITIES, Capability, acting_membership, has_capability
from csphub.agencies.selectors import partnership_for_area
from csphub.audit.services import audit_record
from csphub.casereviews import rules
from csphub.casereviews.models import CaseReviewArea, ThresholdRuleSet
from csphub.core.actor import ActorOrUser, as_actor, user_of
from csphub.core.errors import ApplicationError, PermissionDeniedError


# Roles that may change an area's procedure and threshold rules, in the area's managing agency.
def area_can_configure(user: ActorOrUser, area: CaseReviewArea) -> bool:
    """May ``user`` change ``area``'s procedure? Coordinators and team managers of its managing agency.

    The role question is the policy's (``Capability.CONFIGURE_CASE_REVIEW_AREA``); the area adds only
    that the user must act for its managing agency, so a caseworker of the managing agency, or a
    coordinator of another agency, may not.
    """
    if not has_capability(user, Capability.CONFIGURE_CASE_REVIEW_AREA):
        return False
    membership = acting_membership(user)
    return membership is not None and membership.agency_id == area.managing_agency_id


def _require_configurer(actor: ActorOrUser | None, area: CaseReviewArea | None) -> None:
    """``actor=None`` is a set-up command or the demo loader; a person must be allowed to configure."""
    if actor is None:
        return
    if area is None or not area_can_configure(actor, area):
        raise PermissionDeniedError(
            "Only coordinators and team managers of the agency that runs this area's Case Review "
            "procedure can change it."
        )


def spoc_candidates(agency: Agency) -> Any:
    """Users who may be a single point of contact: active Case Review staff of ``agency``."""
    roles = [role for role, caps in ROLE_CAPABILITIES.items() if Capability.MANAGE_CASE_REVIEWS in caps]
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__agency=agency,
            memberships__is_active=True,
            memberships__role__in=roles,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def area_configure(
    *,
    actor: ActorOrUser | None,
    name: str,
    slug: str,
    managing_agency: Agency,
    contact_team: str,
    contact_email: str,
    contact_phone: str,
    appeal_body_name: str,
    appeal_body_contact: str = "",
    relevant_bodies: Iterable[Agency] = (),
    sharing_agreement: Any = None,
    default_spoc: Any = None,
    service_levels: rules.ServiceLevels | None = None,
) -> CaseReviewArea:
    """Create or update an area's Case Review procedure.

    ``actor=None`` is a set-up command or the demo and may create areas; a person may only change an
    existing area whose managing agency they coordinate or manage. The managing agency is always one
    of the relevant bodies. The default single point of contact must be Case Review staff of the
    managing agency. Applications already received stay with the agency that received them.
    """
    existing = CaseReviewArea.objects.filter(slug=slug).first()
    if actor is not None and existing is None:
        raise PermissionDeniedError("Areas are set up by the partnership's set-up command.")
    _require_configurer(actor, existing)
    if not appeal_body_name.strip():
        raise ApplicationError(
            "Enter who hears appeals, for example the Police and Crime Commissioner", field="appeal_body_name"
        )
    if not contact_team.strip():
        raise ApplicationError("Enter the team applicants contact", field="contact_team")
    if default_spoc is not None and not spoc_candidates(managing_agency).filter(pk=default_spoc.pk).exists():
        raise ApplicationError(
            f"Choose a default single point of contact who works on Case Reviews at {managing_agency.name}",
            field="default_spoc",
        )
    levels = service_levels or rules.ServiceLevels()
    bodies = {agency.pk: agency for agency in relevant_bodies}
    bodies.setdefault(managing_agency.pk, managing_agency)
    # B.5 / s.105: a person configuring the procedure must include the council, the police and health,
    # or applications could never be passed to all the relevant bodies (s.104(3)).
    body_problems = rules.relevant_body_problems(a.agency_type for a in bodies.values())
    if actor is not None and body_problems and relevant_bodies:
        raise ApplicationError(body_problems[0], field="relevant_bodies")
    values = {
        "name": name.strip(),
        "managing_agency": managing_agency,
        "partnership": _area_partnership(actor, name, existing),
        "contact_team": contact_team.strip(),
        "contact_email": contact_email.strip(),
        "contact_phone": contact_phone.strip(),
        "appeal_body_name": appeal_body_name.strip(),
        "appeal_body_contact": appeal_body_contact.strip(),
        "sharing_agreement": sharing_agreement,
        "default_spoc": default_spoc,
        "acknowledge_wd": levels.acknowledge_wd,
        "threshold_decision_wd": levels.threshold_decision_wd,
        "review_meeting_wd": levels.review_meeting_wd,
        "outcome_letter_wd": levels.outcome_letter_wd,
        "appeal_window_wd": levels.appeal_window_wd,
        "appeal_decision_wd": levels.appeal_decision_wd,
    }
    if existing is None:
        changed = sorted([*values, "relevant_bodies"])
    else:
        changed = sorted(name for name, value in values.items() if getattr(existing, name) != value)
        if set(existing.relevant_bodies.values_list("pk", flat=True)) != set(bodies):
            changed.append("relevant_bodies")
    with transaction.atomic():
        area, created = CaseReviewArea.objects.update_or_create(slug=slug, defaults=values)
        area.relevant_bodies.set(list(bodies.values()))
        if created or changed:
            audit_record(
                actor=actor,
                verb="casereviewarea.created" if created else "casereviewarea.changed",
                target=area,
                changed_fields=changed,
            )
    return area


def _area_partnership(
    actor: ActorOrUser | None, name: str, existing: CaseReviewArea | None
) -> Partnership | None:
    """The partnership whose records the area's applications are: the area keeps the one it has;
    a new area takes the partnership its configurer acts in, else the district of its name."""
    if existing is not None and existing.partnership_id is not None:
        return existing.partnership
    actor_obj = as_actor(actor) if actor is not None else None
    if actor_obj is not None and actor_obj.partnership is not None:
        return actor_obj.policy.partnership_for_new_record()
    return partnership_for_area(name)


def rule_set_add(
    *,
    actor: ActorOrUser | None,
    area: CaseReviewArea,
    policy: rules.ThresholdPolicy,
    pcc_consulted_on: dt.date | None = None,
    housing_consulted_on: dt.date | None = None,
) -> ThresholdRuleSet:
    """Add a dated threshold policy version; earlier versions stay for the decisions made under them.

    A version can widen the statutory test but never narrow it: ``rules.ThresholdPolicy`` refuses a
    local number above three, and the engine applies the statutory test whatever the version says.
    Adding the same version again with the same rules changes nothing (set-up commands re-run); a
    version label already used for different rules is refused. A person may not date a version
    before the latest one, so that the rules decisions were made under are never rewritten.
    """
    _require_configurer(actor, area)
    values = {
        "effective_from": policy.effective_from,
        "qualifying_complaints_required": policy.qualifying_complaints_required,
        "count_same_incident_once": policy.count_same_incident_once,
        "distinct_complainants_required": policy.distinct_complainants_required,
        "hate_incident_meets_threshold": policy.hate_incident_meets_threshold,
        "description": policy.description,
    }
    existing = area.rule_sets.filter(version=policy.version).first()
    if existing is not None:
        if existing.as_policy() == policy:
            return existing
        raise ApplicationError(
            f"Version '{policy.version}' already exists for {area.name}: give this version a new label",
            field="version",
        )
    latest = area.rule_sets.order_by("-effective_from", "-id").first()
    if actor is not None and latest is not None and policy.effective_from < latest.effective_from:
        raise ApplicationError(
            f"Enter a date on or after {latest.effective_from.day} {latest.effective_from:%B %Y}, when version "
            f"'{latest.version}' took effect",
            field="effective_from",
        )
    if actor is not None:
        # Sch 4 (B.5): a person revising the procedure records the consultation; the set-up
        # commands that install a partnership's published rules (actor None) carry no such record.
        problems = rules.procedure_consultation_problems(
            pcc_consulted_on=pcc_consulted_on,
            housing_consulted_on=housing_consulted_on,
            effective_from=policy.effective_from,
            today=timezone.localdate(),
        )
        if problems:
            raise ApplicationError(problems[0].message, field=problems[0].field)
    with transaction.atomic():
        rule_set = ThresholdRuleSet.objects.create(
            area=area,
            version=policy.version,
            pcc_consulted_on=pcc_consulted_on,
            housing_consulted_on=housing_consulted_on,
            created_by=user_of(actor),
            modified_by=user_of(actor),
            **values,
        )
        audit_record(actor=actor, verb="thresholdruleset.created", target=rule_set)
    return rule_set
