"""Every write of the ASB Case Review app: ``<entity>_<verb>(*, actor, ...)``, one module per stage.

Each service checks permission and rules, writes in ``transaction.atomic`` and records its audit event
in the same transaction; e-mail goes out ``on_commit``. Public (no-login) services take ``actor=None``
and are audited as such.

The stages: ``applying`` (the public application), ``intake`` (contact, acknowledgement, closing),
``threshold``, ``review`` (meeting and recommendations), ``letters``, ``appeal``, ``status`` (the
applicant's status check), ``antispam`` (the public form's protection), ``prompts`` (second report
within six months) and ``configuration`` (an area's procedure and threshold rules). Every service is
re-exported here, so ``from csphub.casereviews.services import application_submit`` keeps working.
"""

from __future__ import annotations

from csphub.casereviews.services._common import (
    _local_date,
    _raise_problems,
    _require_manager,
    _transition,
    policy_for,
)
from csphub.casereviews.services.antispam import (
    FORM_TOKEN_SALT,
    form_token_issue,
    form_token_problem,
    status_check_allowed,
    submission_allowed,
)
from csphub.casereviews.services.appeal import appeal_decide, appeal_lodge
from csphub.casereviews.services.applying import (
    REFERENCE_ALPHABET,
    _pass_to_relevant_bodies,
    _send_receipt,
    application_submit,
    new_reference,
)
from csphub.casereviews.services.configuration import (
    _require_configurer,
    area_can_configure,
    area_configure,
    rule_set_add,
    spoc_candidates,
)
from csphub.casereviews.services.intake import (
    _send_spoc_changed,
    application_acknowledge,
    application_assign_spoc,
    application_close,
    application_withdraw,
)
from csphub.casereviews.services.letters import (
    LETTER_TEMPLATES,
    _email_letter,
    _letter_allowed,
    letter_context,
    letter_pdf,
    letter_render,
    letter_send,
)
from csphub.casereviews.services.prompts import (
    prompt_record_explained,
    prompts_for_incident,
    threshold_flag_for_person,
)
from csphub.casereviews.services.publication import year_can_publish, year_publish
from csphub.casereviews.services.review import recommendation_add, recommendation_complete, review_record
from csphub.casereviews.services.status import (
    STATUS_CODE_MAX_ATTEMPTS,
    STATUS_CODE_MINUTES,
    _dummy_hash,
    status_code_check,
    status_code_request,
    status_letter_downloaded,
    status_letter_viewed,
    status_page_viewed,
)
from csphub.casereviews.services.threshold import (
    application_can_link,
    application_link_incident,
    application_unlink_incident,
    bodies_named_not_linked,
    complaints_for,
    incident_complainant,
    threshold_decide,
    threshold_preview,
)

# Tests and callers catch these as ``services.ApplicationError`` / ``services.PermissionDeniedError``.
from csphub.core.errors import ApplicationError, PermissionDeniedError

__all__ = [
    "FORM_TOKEN_SALT",
    "LETTER_TEMPLATES",
    "REFERENCE_ALPHABET",
    "STATUS_CODE_MAX_ATTEMPTS",
    "STATUS_CODE_MINUTES",
    "ApplicationError",
    "PermissionDeniedError",
    "_dummy_hash",
    "_email_letter",
    "_letter_allowed",
    "_local_date",
    "_pass_to_relevant_bodies",
    "_raise_problems",
    "_require_configurer",
    "_require_manager",
    "_send_receipt",
    "_send_spoc_changed",
    "_transition",
    "appeal_decide",
    "appeal_lodge",
    "application_acknowledge",
    "application_assign_spoc",
    "application_can_link",
    "application_close",
    "application_link_incident",
    "application_submit",
    "application_unlink_incident",
    "application_withdraw",
    "area_can_configure",
    "area_configure",
    "bodies_named_not_linked",
    "complaints_for",
    "form_token_issue",
    "form_token_problem",
    "incident_complainant",
    "letter_context",
    "letter_pdf",
    "letter_render",
    "letter_send",
    "new_reference",
    "policy_for",
    "prompt_record_explained",
    "prompts_for_incident",
    "recommendation_add",
    "recommendation_complete",
    "review_record",
    "rule_set_add",
    "spoc_candidates",
    "status_check_allowed",
    "status_code_check",
    "status_code_request",
    "status_letter_downloaded",
    "status_letter_viewed",
    "status_page_viewed",
    "submission_allowed",
    "threshold_decide",
    "threshold_flag_for_person",
    "threshold_preview",
    "year_can_publish",
    "year_publish",
]
