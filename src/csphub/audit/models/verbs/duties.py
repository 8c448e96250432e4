"""Audit verbs of the statutory duty registers: Prevent/Channel, modern slavery, Domestic Homicide Reviews,
s.17/s.17A, scrutiny, the Serious Violence Duty, Community Remedy and the deadlines reminders.

Part of the closed list that ``csphub.audit.models.verbs.AuditVerb`` joins together.
"""

from __future__ import annotations

from django.db import models


class DutyVerb(models.TextChoices):
    CHANNELCASE_CONSENT_RECORDED = "channelcase.consent_recorded", "Recorded a Channel consent decision"
    CHANNELCASE_EXITED = "channelcase.exited", "Recorded that a person left Channel"
    CHANNELCASE_LISTED = "channelcase.listed", "Saw a Channel case in a list"
    CHANNELCASE_OPENED = "channelcase.opened", "Referred a person to the Channel panel"
    CHANNELCASE_REVIEWED = "channelcase.reviewed", "Recorded a Channel post-exit review"
    CHANNELCASE_SHARE_REVOKED = (
        "channelcase.share_revoked",
        "Stopped sharing a Channel case with another agency",
    )
    CHANNELCASE_SHARED = "channelcase.shared", "Shared a Channel case with another agency"
    CHANNELCASE_SUPPORT_PLANNED = "channelcase.support_planned", "Recorded a Channel support plan"
    CHANNELCASE_USER_NAMED = "channelcase.user_named", "Named a user on a Channel case"
    CHANNELCASE_VIEWED = "channelcase.viewed", "Viewed a Channel case"
    COMMUNITYREMEDYACTION_ADDED = (
        "communityremedyaction.added",
        "Added an action to the Community Remedy document",
    )
    COMMUNITYREMEDYACTION_WITHDRAWN = (
        "communityremedyaction.withdrawn",
        "Withdrew an action from the Community Remedy document",
    )
    COMMUNITYRESOLUTION_LISTED = "communityresolution.listed", "Saw a community resolution in a list"
    COMMUNITYRESOLUTION_RECORDED = (
        "communityresolution.recorded",
        "Recorded a community resolution and the victim's views",
    )
    DEADLINES_REMINDER_SENT = "deadlines.reminder_sent", "Sent a reminder of statutory deadlines by e-mail"
    DOMESTICHOMICIDEREVIEW_ACTION_ADDED = (
        "domestichomicidereview.action_added",
        "Added an action to a review's action plan",
    )
    DOMESTICHOMICIDEREVIEW_ACTION_UPDATED = (
        "domestichomicidereview.action_updated",
        "Recorded progress on a review's action",
    )
    DOMESTICHOMICIDEREVIEW_CHAIR_APPOINTED = (
        "domestichomicidereview.chair_appointed",
        "Appointed the independent chair of a Domestic Homicide Review",
    )
    DOMESTICHOMICIDEREVIEW_DECIDED = (
        "domestichomicidereview.decided",
        "Recorded the decision whether to hold a Domestic Homicide Review",
    )
    DOMESTICHOMICIDEREVIEW_DISPOSED = (
        "domestichomicidereview.disposed",
        "Disposed of a Domestic Homicide Review's file at the end of its retention period (a tombstone is kept)",
    )
    DOMESTICHOMICIDEREVIEW_EXTENDED = (
        "domestichomicidereview.extended",
        "Extended the target date of a Domestic Homicide Review report",
    )
    DOMESTICHOMICIDEREVIEW_HOME_OFFICE_TOLD = (
        "domestichomicidereview.home_office_told",
        "Recorded that the Home Office was told of a review decision",
    )
    DOMESTICHOMICIDEREVIEW_LISTED = (
        "domestichomicidereview.listed",
        "Saw a Domestic Homicide Review in a list",
    )
    DOMESTICHOMICIDEREVIEW_NOTIFIED = (
        "domestichomicidereview.notified",
        "Recorded a police notification of a death (Domestic Homicide Review)",
    )
    DOMESTICHOMICIDEREVIEW_PANEL_MEMBER_ADDED = (
        "domestichomicidereview.panel_member_added",
        "Added an agency to a review panel",
    )
    DOMESTICHOMICIDEREVIEW_PSEUDONYM_ADDED = (
        "domestichomicidereview.pseudonym_added",
        "Agreed a pseudonym for the anonymised review report",
    )
    DOMESTICHOMICIDEREVIEW_PUBLICATION_PRODUCED = (
        "domestichomicidereview.publication_produced",
        "Produced the anonymised publication version of a review report",
    )
    DOMESTICHOMICIDEREVIEW_PUBLISHED = (
        "domestichomicidereview.published",
        "Published a Domestic Homicide Review",
    )
    DOMESTICHOMICIDEREVIEW_QA_OUTCOME_RECORDED = (
        "domestichomicidereview.qa_outcome_recorded",
        "Recorded the Home Office Quality Assurance Panel's outcome",
    )
    DOMESTICHOMICIDEREVIEW_QA_SUBMITTED = (
        "domestichomicidereview.qa_submitted",
        "Sent a review report to the Home Office Quality Assurance Panel",
    )
    DOMESTICHOMICIDEREVIEW_RECOMMENDATION_ADDED = (
        "domestichomicidereview.recommendation_added",
        "Added a recommendation to a Domestic Homicide Review",
    )
    DOMESTICHOMICIDEREVIEW_REPORT_COMPLETED = (
        "domestichomicidereview.report_completed",
        "Recorded that a review's overview report is complete",
    )
    DOMESTICHOMICIDEREVIEW_SHARE_REVOKED = (
        "domestichomicidereview.share_revoked",
        "Stopped sharing a Domestic Homicide Review with another agency",
    )
    DOMESTICHOMICIDEREVIEW_SHARED = (
        "domestichomicidereview.shared",
        "Shared a Domestic Homicide Review with another agency",
    )
    DOMESTICHOMICIDEREVIEW_USER_NAMED = (
        "domestichomicidereview.user_named",
        "Named a user on a Domestic Homicide Review",
    )
    DOMESTICHOMICIDEREVIEW_VIEWED = "domestichomicidereview.viewed", "Viewed a Domestic Homicide Review"
    PREVENTREFERRAL_DISPOSED = (
        "preventreferral.disposed",
        "Disposed of a Prevent referral and its Channel case at the end of their retention period "
        "(a tombstone is kept)",
    )
    PREVENTREFERRAL_LISTED = "preventreferral.listed", "Saw a Prevent referral in a list"
    PREVENTREFERRAL_MADE = "preventreferral.made", "Made a Prevent referral"
    PREVENTREFERRAL_SCREENED = "preventreferral.screened", "Screened a Prevent referral"
    PREVENTREFERRAL_SHARE_REVOKED = (
        "preventreferral.share_revoked",
        "Stopped sharing a Prevent referral with another agency",
    )
    PREVENTREFERRAL_SHARED = "preventreferral.shared", "Shared a Prevent referral with another agency"
    PREVENTREFERRAL_USER_NAMED = "preventreferral.user_named", "Named a user on a Prevent referral"
    PREVENTREFERRAL_VIEWED = "preventreferral.viewed", "Viewed a Prevent referral"
    S17ARETURN_EXPORTED = "s17areturn.exported", "Downloaded a section 17A depersonalised data return"
    S17ARETURN_SUBMITTED = "s17areturn.submitted", "Submitted a section 17A depersonalised data return"
    S17ASSESSMENT_RECORDED = "s17assessment.recorded", "Recorded a section 17 crime and disorder assessment"
    SCRUTINY_PACK_PRODUCED = "scrutiny.pack_produced", "Produced the crime and disorder scrutiny pack"
    SCRUTINYRECOMMENDATION_RECORDED = (
        "scrutinyrecommendation.recorded",
        "Recorded a scrutiny committee recommendation",
    )
    SCRUTINYRECOMMENDATION_RESPONDED = (
        "scrutinyrecommendation.responded",
        "Recorded the response to a scrutiny recommendation",
    )
    SLAVERYCONCERN_DISPOSED = (
        "slaveryconcern.disposed",
        "Disposed of a modern slavery concern at the end of its retention period (a tombstone is kept)",
    )
    SLAVERYCONCERN_EXPORTED = (
        "slaveryconcern.exported",
        "Produced the Home Office notification for a modern slavery concern",
    )
    SLAVERYCONCERN_LISTED = "slaveryconcern.listed", "Saw a modern slavery concern in a list"
    SLAVERYCONCERN_NOTIFIED = (
        "slaveryconcern.notified",
        "Recorded that the Home Office was notified of a modern slavery concern",
    )
    SLAVERYCONCERN_RECORDED = (
        "slaveryconcern.recorded",
        "Recorded reasonable grounds to believe someone may be a victim of modern slavery",
    )
    SLAVERYCONCERN_SHARE_REVOKED = (
        "slaveryconcern.share_revoked",
        "Stopped sharing a modern slavery concern with another agency",
    )
    SLAVERYCONCERN_SHARED = "slaveryconcern.shared", "Shared a modern slavery concern with another agency"
    SLAVERYCONCERN_USER_NAMED = "slaveryconcern.user_named", "Named a user on a modern slavery concern"
    SLAVERYCONCERN_VIEWED = "slaveryconcern.viewed", "Viewed a modern slavery concern"
    SVDAUTHORITY_RECORDED = (
        "svdauthority.recorded",
        "Recorded an authority's part in the Serious Violence Duty",
    )
    SVDDOCUMENT_PUBLISHED = "svddocument.published", "Published a Serious Violence Duty document"
    SVDDOCUMENT_RECORDED = "svddocument.recorded", "Recorded a version of a Serious Violence Duty document"
