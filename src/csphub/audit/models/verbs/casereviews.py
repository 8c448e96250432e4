"""Audit verbs of the ASB Case Review (Community Trigger): applications, threshold rules, letters, appeals
and the published figures.

Part of the closed list that ``csphub.audit.models.verbs.AuditVerb`` joins together.
"""

from __future__ import annotations

from django.db import models


class CaseReviewVerb(models.TextChoices):
    APPLICATION_LISTED = "application.listed", "Saw a Case Review application in a list"
    APPLICATION_SHARE_REVOKED = (
        "application.share_revoked",
        "Stopped sharing a Case Review application with another agency",
    )
    APPLICATION_SHARED = "application.shared", "Shared a Case Review application with another agency"
    APPLICATION_USER_NAMED = "application.user_named", "Named a user on a Case Review application"
    APPLICATION_VIEWED = "application.viewed", "Viewed a Case Review application"
    CASEREVIEWAPPEAL_DECIDED = "casereviewappeal.decided", "Decided a Case Review appeal"
    CASEREVIEWAPPEAL_LODGED = "casereviewappeal.lodged", "Recorded a Case Review appeal"
    CASEREVIEWAPPLICATION_ACKNOWLEDGED = (
        "casereviewapplication.acknowledged",
        "Acknowledged a Case Review application",
    )
    CASEREVIEWAPPLICATION_CLOSED = "casereviewapplication.closed", "Closed a Case Review application"
    CASEREVIEWAPPLICATION_DISPOSED = (
        "casereviewapplication.disposed",
        "Disposed of a Case Review application at the end of its retention period (a tombstone is kept)",
    )
    CASEREVIEWAPPLICATION_INCIDENT_LINKED = (
        "casereviewapplication.incident_linked",
        "Linked an incident to a Case Review application",
    )
    CASEREVIEWAPPLICATION_INCIDENT_UNLINKED = (
        "casereviewapplication.incident_unlinked",
        "Unlinked an incident from a Case Review application",
    )
    CASEREVIEWAPPLICATION_PASS_ON_BLOCKED = (
        "casereviewapplication.pass_on_blocked",
        "Could not pass a Case Review application to a relevant body (no sharing agreement in force)",
    )
    CASEREVIEWAPPLICATION_REVIEW_RECORDED = "casereviewapplication.review_recorded", "Recorded a Case Review"
    CASEREVIEWAPPLICATION_SPOC_ASSIGNED = (
        "casereviewapplication.spoc_assigned",
        "Assigned the single point of contact for a Case Review",
    )
    CASEREVIEWAPPLICATION_STATUS_CHECKED = (
        "casereviewapplication.status_checked",
        "Applicant checked the status of a Case Review application",
    )
    CASEREVIEWAPPLICATION_STATUS_CODE_SENT = (
        "casereviewapplication.status_code_sent",
        "Sent a Case Review status code",
    )
    CASEREVIEWAPPLICATION_STATUS_LETTER_DOWNLOADED = (
        "casereviewapplication.status_letter_downloaded",
        "Applicant downloaded a Case Review letter as PDF from the status page",
    )
    CASEREVIEWAPPLICATION_STATUS_LETTER_VIEWED = (
        "casereviewapplication.status_letter_viewed",
        "Applicant read a Case Review letter on the status page",
    )
    CASEREVIEWAPPLICATION_STATUS_VIEWED = (
        "casereviewapplication.status_viewed",
        "Applicant viewed their Case Review status page",
    )
    CASEREVIEWAPPLICATION_SUBMITTED = "casereviewapplication.submitted", "Submitted a Case Review application"
    CASEREVIEWAPPLICATION_THRESHOLD_DECIDED = (
        "casereviewapplication.threshold_decided",
        "Decided whether a Case Review application meets the threshold",
    )
    CASEREVIEWAPPLICATION_WITHDRAWN = "casereviewapplication.withdrawn", "Withdrew a Case Review application"
    CASEREVIEWAREA_CHANGED = "casereviewarea.changed", "Changed an area's Case Review procedure"
    CASEREVIEWAREA_CREATED = "casereviewarea.created", "Set up an area's Case Review procedure"
    CASEREVIEWLETTER_ACKNOWLEDGEMENT_SENT = (
        "casereviewletter.acknowledgement_sent",
        "Sent a Case Review acknowledgement letter",
    )
    CASEREVIEWLETTER_APPEAL_OUTCOME_SENT = (
        "casereviewletter.appeal_outcome_sent",
        "Sent a Case Review appeal outcome letter",
    )
    CASEREVIEWLETTER_OUTCOME_SENT = (
        "casereviewletter.outcome_sent",
        "Sent a Case Review review outcome letter",
    )
    CASEREVIEWLETTER_THRESHOLD_DECISION_SENT = (
        "casereviewletter.threshold_decision_sent",
        "Sent a Case Review threshold decision letter",
    )
    CASEREVIEWPROMPT_CREATED = (
        "casereviewprompt.created",
        "Asked an agency to explain an incident for a Case Review",
    )
    CASEREVIEWPROMPT_EXPLAINED = "casereviewprompt.explained", "Explained an incident for a Case Review"
    CASEREVIEWRECOMMENDATION_COMPLETED = (
        "casereviewrecommendation.completed",
        "Completed a Case Review recommendation",
    )
    CASEREVIEWRECOMMENDATION_CREATED = "casereviewrecommendation.created", "Made a Case Review recommendation"
    LETTER_LISTED = "letter.listed", "Saw a Case Review letter in a list"
    LETTER_VIEWED = "letter.viewed", "Viewed a Case Review letter"
    PUBLISHEDYEAR_PUBLISHED = (
        "publishedyear.published",
        "Published an area's yearly Case Review figures",
    )
    THRESHOLDRULESET_CREATED = "thresholdruleset.created", "Set the Case Review threshold rules"
