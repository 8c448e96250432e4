"""Serious Violence Duty: the partnership's documents as versions, their publication and the
authorities taking part. Audited; partnership coordinators only."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from csphub.audit.models import DutyVerb
from csphub.audit.services import audit_record
from csphub.core.actor import Actor
from csphub.core.errors import ApplicationError, PermissionDeniedError
from csphub.duties.models import AuthorityType, SvdAuthority, SvdDocument, SvdDocumentKind
from csphub.duties.rules import svd as rules
from csphub.duties.selectors.scope import of_actors_partnership, register_partnership
from csphub.duties.selectors.svd import may_manage


def _manager(actor: Actor) -> None:
    if not may_manage(actor):
        raise PermissionDeniedError("Only the partnership's coordinators record the Serious Violence Duty.")


def svd_document_record(
    *, actor: Actor, kind: str, title: str, summary: str, agreed_on: dt.date
) -> SvdDocument:
    """A new version of the local definition, the needs assessment or the strategy (s.8(3)); the
    earlier versions stay as they were."""
    _manager(actor)
    partnership = register_partnership(actor)
    if kind not in SvdDocumentKind.values:
        raise ApplicationError("Select which document it is", field="kind")
    if agreed_on > timezone.localdate():
        raise ApplicationError("The date it was agreed must be today or in the past", field="agreed_on")
    if not title.strip():
        raise ApplicationError("Enter the title", field="title")
    if not summary.strip():
        raise ApplicationError("Summarise what it says", field="summary")
    with transaction.atomic():
        existing = list(
            SvdDocument.objects.select_for_update()
            .filter(of_actors_partnership(actor), kind=kind)
            .values_list("version", flat=True)
        )
        document = SvdDocument.objects.create(
            partnership=partnership,
            kind=kind,
            version=rules.next_version(existing),
            title=title.strip(),
            summary=summary.strip(),
            agreed_on=agreed_on,
            rule_version=rules.RULE_VERSION,
            created_by=actor.user,
            modified_by=actor.user,
        )
        audit_record(
            actor=actor,
            verb=DutyVerb.SVDDOCUMENT_RECORDED,
            target=document,
            changed_fields=["kind", "version", "title", "summary", "agreed_on"],
        )
    return document


def svd_document_publish(
    *, actor: Actor, document: SvdDocument, published_on: dt.date, publication_url: str
) -> SvdDocument:
    """Publication of the latest version; its yearly review falls due a year later."""
    _manager(actor)
    if document.partnership_id != register_partnership(actor).pk:
        raise PermissionDeniedError("This document belongs to another partnership.")
    if document.published_on is not None:
        raise ApplicationError("This version is already published")
    latest = (
        SvdDocument.objects.filter(partnership_id=document.partnership_id, kind=document.kind)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    if latest != document.version:
        raise ApplicationError("Only the latest version can be published")
    if published_on > timezone.localdate():
        raise ApplicationError("The date of publication must be today or in the past", field="published_on")
    if not rules.publication_valid(document.agreed_on, published_on):
        raise ApplicationError("It cannot be published before it was agreed", field="published_on")
    with transaction.atomic():
        document.published_on = published_on
        document.publication_url = publication_url.strip()
        document.review_due_on = rules.review_due(published_on)
        document.modified_by = actor.user
        document.save()
        audit_record(
            actor=actor,
            verb=DutyVerb.SVDDOCUMENT_PUBLISHED,
            target=document,
            changed_fields=["published_on", "publication_url", "review_due_on"],
        )
    return document


def svd_authority_record(
    *, actor: Actor, authority_type: str, name: str, taking_part: bool, contribution: str
) -> SvdAuthority:
    """An authority of the area under the duty (s.11, Sch 1) or consulted on the strategy (s.8(4))."""
    _manager(actor)
    partnership = register_partnership(actor)
    if authority_type not in AuthorityType.values:
        raise ApplicationError("Select the kind of authority", field="authority_type")
    if not name.strip():
        raise ApplicationError("Enter the authority's name", field="name")
    with transaction.atomic():
        authority = SvdAuthority.objects.create(
            partnership=partnership,
            authority_type=authority_type,
            name=name.strip(),
            taking_part=taking_part,
            contribution=contribution.strip(),
            created_by=actor.user,
            modified_by=actor.user,
        )
        audit_record(
            actor=actor,
            verb=DutyVerb.SVDAUTHORITY_RECORDED,
            target=authority,
            changed_fields=["authority_type", "name", "taking_part", "contribution"],
        )
    return authority
