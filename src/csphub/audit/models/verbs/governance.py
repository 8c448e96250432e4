"""Audit verbs of records governance: retention and disposal, legal holds, individuals' rights requests,
the record of processing, information sharing agreements and the public pages.

Part of the closed list that ``csphub.audit.models.verbs.AuditVerb`` joins together.
"""

from __future__ import annotations

from django.db import models


class GovernanceVerb(models.TextChoices):
    ISA_ENDED = "isa.ended", "Ended an information sharing agreement"
    ISA_RECORDED = "isa.recorded", "Recorded an information sharing agreement"
    ISA_REVIEWED = "isa.reviewed", "Recorded a review of an information sharing agreement"
    LEGAL_HOLD_PLACED = "legal_hold.placed", "Placed a legal hold on a record"
    LEGAL_HOLD_RELEASED = "legal_hold.released", "Released a legal hold"
    LEGALHOLD_LISTED = "legalhold.listed", "Saw a legal hold in a list"
    LEGALHOLD_VIEWED = "legalhold.viewed", "Viewed a legal hold"
    PUBLIC_PAGES_SET = (
        "partnership.public_pages_set",
        "Changed the partnership's privacy notice or whether its public pages are offered in Welsh",
    )
    RETENTION_DRY_RUN = "retention.dry_run", "Listed the records due for disposal (nothing deleted)"
    RETENTION_PURGED = "retention.purged", "Ran a disposal of records past their retention period"
    RETENTION_SCHEDULE_VIEWED = (
        "retention.schedule_viewed",
        "Viewed the retention schedule, the records due for disposal and the legal holds",
    )
    RETENTION_RULE_SET = "retention_rule.set", "Set a retention period"
    RIGHTSREQUEST_BUNDLE_PRODUCED = (
        "rightsrequest.bundle_produced",
        "Produced the subject access bundle (PDF or JSON)",
    )
    RIGHTSREQUEST_DECIDED = (
        "rightsrequest.decided",
        "Decided a rectification or erasure request (UK GDPR Art 16, 17)",
    )
    RIGHTSREQUEST_DISCLOSED = "rightsrequest.disclosed", "Recorded a disclosure to a data subject"
    RIGHTSREQUEST_DISPOSED = (
        "rightsrequest.disposed",
        "Disposed of a data subject's request past its retention period (a record without personal data is kept)",
    )
    RIGHTSREQUEST_EXTENDED = (
        "rightsrequest.extended",
        "Extended the time to answer a data subject's request (UK GDPR Art 12(3))",
    )
    RIGHTSREQUEST_IDENTITY_VERIFIED = (
        "rightsrequest.identity_verified",
        "Recorded that a requester's identity was verified",
    )
    RIGHTSREQUEST_ITEM_DECIDED = (
        "rightsrequest.item_decided",
        "Decided whether to disclose, redact or withhold an item of a subject access request",
    )
    RIGHTSREQUEST_LISTED = "rightsrequest.listed", "Saw a data subject's rights request in a list"
    RIGHTSREQUEST_NEITHER_CONFIRMED_NOR_DENIED = (
        "rightsrequest.neither_confirmed_nor_denied",
        "Answered a subject access request by neither confirming nor denying that data is held "
        "(DPA 2018 s.45(4))",
    )
    RIGHTSREQUEST_RECEIVED = "rightsrequest.received", "Recorded a data subject's rights request"
    RIGHTSREQUEST_SEARCHED = (
        "rightsrequest.searched",
        "Searched the agency's records for a data subject (subject access)",
    )
    RIGHTSREQUEST_SHARE_REVOKED = (
        "rightsrequest.share_revoked",
        "Stopped sharing a data subject's rights request with another agency",
    )
    RIGHTSREQUEST_SHARED = (
        "rightsrequest.shared",
        "Shared a data subject's rights request with another agency",
    )
    RIGHTSREQUEST_USER_NAMED = "rightsrequest.user_named", "Named a user on a data subject's rights request"
    RIGHTSREQUEST_VIEWED = "rightsrequest.viewed", "Viewed a data subject's rights request"
    ROPA_EXPORTED = "ropa.exported", "Exported the record of processing activities (UK GDPR Art 30)"
