"""Writes to the agreements register. Each is refused unless the actor may manage data protection for
a party to the agreement, and is audited in its transaction (the policy re-reads the agreements when
they change: agencies.policies.policy_facts_changed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from csphub.agencies.models import Agency, InformationSharingAgreement, Partnership
from csphub.agencies.policies import Capability
from csphub.audit.models import GovernanceVerb
from csphub.audit.services import audit_record
from csphub.core.actor import Actor, acting_user
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.governance.agreements import rules


def _require_manager(actor: Actor) -> None:
    if actor.agency is None or not actor.policy.has_capability(Capability.MANAGE_DATA_PROTECTION):
        raise PermissionDeniedError("You cannot manage information sharing agreements.")


def _require_party(actor: Actor, agreement: InformationSharingAgreement) -> None:
    _require_manager(actor)
    if not agreement.parties.filter(pk=actor.agency.pk).exists():  # type: ignore[union-attr]
        raise PermissionDeniedError("Your agency is not a party to this agreement.")


def _refuse(problems: list[tuple[str, str]]) -> None:
    if problems:
        field = problems[0][0]
        raise ApplicationError("; ".join(m for f, m in problems if f == field), field=field)


def agreement_record(
    *,
    actor: Actor,
    reference: str,
    name: str,
    purpose: str,
    parties: Iterable[Agency],
    lawful_basis: str,
    start_date: dt.date,
    review_date: dt.date,
    gateway: str = "",
    special_category_condition: str = "",
    criminal_offence_condition: str = "",
    allows_record_locator: bool = False,
    partnerships: Iterable[Partnership] = (),
) -> InformationSharingAgreement:
    """Record an agreement the actor's agency has signed with its partners."""
    _require_manager(actor)
    parties = list(parties)
    partnerships = list(partnerships)
    reference = reference.strip()
    _refuse(
        rules.record_problems(
            start=start_date,
            review=review_date,
            parties={a.pk for a in parties},
            acting_agency=actor.agency.pk,  # type: ignore[union-attr]
            partnerships={p.pk for p in partnerships},
            acting_partnership=actor.partnership_id,
        )
    )
    if InformationSharingAgreement.objects.filter(reference__iexact=reference).exists():
        raise ApplicationError(
            f"An agreement with the reference {reference} is already recorded", field="reference"
        )
    try:
        with transaction.atomic():
            agreement = InformationSharingAgreement.objects.create(
                reference=reference,
                name=name.strip(),
                purpose=purpose.strip(),
                lawful_basis=lawful_basis,
                special_category_condition=special_category_condition.strip(),
                criminal_offence_condition=criminal_offence_condition.strip(),
                gateway=gateway.strip(),
                start_date=start_date,
                review_date=review_date,
                allows_record_locator=allows_record_locator,
                created_by=acting_user(actor),
                modified_by=acting_user(actor),
            )
            agreement.parties.set(parties)
            agreement.partnerships.set(partnerships)
            audit_record(actor=actor, verb=GovernanceVerb.ISA_RECORDED, target=agreement)
    except IntegrityError as error:  # the same reference recorded at the same moment by someone else
        raise ApplicationError(
            f"An agreement with the reference {reference} is already recorded", field="reference"
        ) from error
    return agreement


def agreement_review(
    *,
    actor: Actor,
    agreement: InformationSharingAgreement,
    review_date: dt.date,
    note: str,
    today: dt.date | None = None,
) -> InformationSharingAgreement:
    """The parties reviewed the agreement and set its next review date (a lapsed one comes back into
    force from today: sharing under it resumes)."""
    _require_party(actor, agreement)
    today = today or timezone.localdate()
    _refuse(rules.review_problems(new_review=review_date, ended=agreement.ended_on, today=today))
    if not note.strip():
        raise ApplicationError("Enter what the review found or changed", field="note")
    with transaction.atomic():
        agreement.review_date = review_date
        agreement.modified_by = acting_user(actor)
        agreement.save(update_fields=["review_date", "modified_by", "modified_at"])
        audit_record(
            actor=actor,
            verb=GovernanceVerb.ISA_REVIEWED,
            target=agreement,
            changed_fields=["review_date"],
            justification=note.strip(),
        )
    return agreement


def agreement_end(
    *,
    actor: Actor,
    agreement: InformationSharingAgreement,
    ends_on: dt.date,
    reason: str,
    today: dt.date | None = None,
) -> InformationSharingAgreement:
    """End the agreement on ``ends_on`` (today or later): from the day after, nothing is shared under it."""
    _require_party(actor, agreement)
    today = today or timezone.localdate()
    _refuse(
        rules.end_problems(ends_on=ends_on, start=agreement.start_date, ended=agreement.ended_on, today=today)
    )
    if not reason.strip():
        raise ApplicationError("Enter why the agreement ends", field="reason")
    with transaction.atomic():
        agreement.ended_on = ends_on
        agreement.modified_by = acting_user(actor)
        agreement.save(update_fields=["ended_on", "modified_by", "modified_at"])
        audit_record(
            actor=actor,
            verb=GovernanceVerb.ISA_ENDED,
            target=agreement,
            changed_fields=["ended_on"],
            justification=reason.strip(),
        )
    return agreement
