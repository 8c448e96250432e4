"""Audit verbs of casework: incidents, cases, people, addresses, notes, tasks, documents, risk, victims,
MARAC, panels and problem-solving.

Part of the closed list that ``csphub.audit.models.verbs.AuditVerb`` joins together.
"""

from __future__ import annotations

from django.db import models


class CaseworkVerb(models.TextChoices):
    ADDRESS_CREATED = "address.created", "Added an address"
    ADDRESS_LISTED = "address.listed", "Saw an address in a list"
    ADDRESS_SHARE_REVOKED = "address.share_revoked", "Stopped sharing an address with another agency"
    ADDRESS_SHARED = "address.shared", "Shared an address with another agency"
    ADDRESS_USER_NAMED = "address.user_named", "Named a user on an address"
    ADDRESS_VIEWED = "address.viewed", "Viewed an address"
    AGENDAITEM_DECIDED = "agendaitem.decided", "Recorded a panel decision on a case"
    ASSESSMENT_LISTED = "assessment.listed", "Saw a risk assessment in a list"
    ASSESSMENT_VIEWED = "assessment.viewed", "Viewed a risk assessment"
    CASE_ADDED_TO_AGENDA = "case.added_to_agenda", "Put a case on a panel agenda"
    CASE_CLOSED = "case.closed", "Closed a case"
    CASE_DISPOSED = (
        "case.disposed",
        "Disposed of a case at the end of its retention period (a tombstone is kept)",
    )
    CASE_EXPORTED = "case.exported", "Exported a case"
    CASE_INCIDENT_ADDED = "case.incident_added", "Added an incident to a case"
    CASE_LINKED = "case.linked", "Linked two cases"
    CASE_LISTED = "case.listed", "Saw a case in a list"
    CASE_OFFICER_ASSIGNED = "case.officer_assigned", "Assigned the officer for a case"
    CASE_OPENED = "case.opened", "Opened a case"
    CASE_PARTY_ADDED = "case.party_added", "Added a person to a case"
    CASE_REOPENED = "case.reopened", "Reopened a case"
    CASE_SHARE_REVOKED = "case.share_revoked", "Stopped sharing a case with another agency"
    CASE_SHARED = "case.shared", "Shared a case with another agency"
    CASE_STATUS_CHANGED = "case.status_changed", "Changed the status of a case"
    CASE_SUMMARY_CHANGED = "case.summary_changed", "Changed the summary of a case"
    CASE_USER_NAMED = "case.user_named", "Named a user on a case"
    CASE_VICTIM_TOLD_OF_CLOSURE = (
        "case.victim_told_of_closure",
        "Recorded that the victim was told when and why their case closed",
    )
    CASE_VIEWED = "case.viewed", "Viewed a case"
    DOCUMENT_DOWNLOADED = "document.downloaded", "Downloaded a document"
    DOCUMENT_UPLOADED = "document.uploaded", "Uploaded a document"
    EARLYINTERVENTION_OUTCOME_RECORDED = (
        "earlyintervention.outcome_recorded",
        "Recorded the outcome of an early intervention on a case",
    )
    EARLYINTERVENTION_RECORDED = (
        "earlyintervention.recorded",
        "Recorded an early intervention (warning letter, behaviour contract, mediation, restorative "
        "approach or support) on a case",
    )
    INCIDENT_DISPOSED = (
        "incident.disposed",
        "Disposed of an incident at the end of its retention period (a tombstone is kept)",
    )
    INCIDENT_LISTED = "incident.listed", "Saw an incident in a list"
    INCIDENT_MAPPED = "incident.mapped", "Viewed incidents on the map"
    INCIDENT_PARTY_ADDED = "incident.party_added", "Added a person to an incident"
    INCIDENT_RECORDED = "incident.recorded", "Recorded an incident"
    INCIDENT_SHARE_REVOKED = "incident.share_revoked", "Stopped sharing an incident with another agency"
    INCIDENT_SHARED = "incident.shared", "Shared an incident with another agency"
    INCIDENT_UPDATED = "incident.updated", "Changed an incident"
    INCIDENT_USER_NAMED = "incident.user_named", "Named a user on an incident"
    INCIDENT_VIEWED = "incident.viewed", "Viewed an incident"
    MARAC_REFERRAL_OUTCOME = "marac_referral.outcome", "Recorded the outcome of a MARAC referral"
    MARAC_REFERRAL_RECORDED = "marac_referral.recorded", "Recorded a MARAC referral"
    MARAC_REFERRAL_REPEAT_FLAGGED = (
        "marac_referral.repeat_flagged",
        "Flagged a repeat MARAC case (a further domestic abuse incident within 12 months)",
    )
    MARACREFERRAL_VIEWED = "maracreferral.viewed", "Viewed a MARAC referral"
    NOTE_ADDED = "note.added", "Added a note"
    PANEL_CREATED = "panel.created", "Set up a panel"
    PANEL_LISTED = "panel.listed", "Saw a panel in a list"
    PANEL_SHARE_REVOKED = "panel.share_revoked", "Stopped sharing a panel with another agency"
    PANEL_SHARED = "panel.shared", "Shared a panel with another agency"
    PANEL_USER_NAMED = "panel.user_named", "Named a user on a panel"
    PANEL_VIEWED = "panel.viewed", "Viewed a panel"
    PANELMEETING_EXPORTED = (
        "panelmeeting.exported",
        "Downloaded a panel meeting's agenda pack or minutes",
    )
    PANELMEETING_MINUTED = "panelmeeting.minuted", "Recorded the minutes of a panel meeting"
    PANELMEETING_SCHEDULED = "panelmeeting.scheduled", "Scheduled a panel meeting"
    PERSON_ADDRESS_LINKED = "person.address_linked", "Linked an address to a person"
    PERSON_CREATED = "person.created", "Added a person"
    PERSON_DISPOSED = (
        "person.disposed",
        "Disposed of a person's record at the end of its retention period (a tombstone is kept)",
    )
    PERSON_ERASED = "person.erased", "Erased a person's record on their request (UK GDPR Art 17)"
    PERSON_LISTED = "person.listed", "Saw a person in a list"
    PERSON_SHARE_REVOKED = "person.share_revoked", "Stopped sharing a person with another agency"
    PERSON_SHARED = "person.shared", "Shared a person with another agency"
    PERSON_UPDATED = "person.updated", "Changed a person's details"
    PERSON_USER_NAMED = "person.user_named", "Named a user on a person"
    PERSON_VIEWED = "person.viewed", "Viewed a person"
    PROBLEM_PLAN_ASSESSED = (
        "problem_plan.assessed",
        "Measured a problem-solving plan's change against comparison cells",
    )
    PROBLEM_PLAN_OPENED = "problem_plan.opened", "Opened a problem-solving plan for a hot spot"
    PROBLEM_PLAN_UPDATED = (
        "problem_plan.updated",
        "Changed a problem-solving plan's scanning, analysis or response",
    )
    PROBLEM_RESPONSE_ADDED = "problem_response.added", "Added a partner's action to a problem-solving plan"
    PROBLEM_RESPONSE_UPDATED = (
        "problem_response.updated",
        "Changed the status of a partner's action in a problem-solving plan",
    )
    QUESTIONNAIRE_INSTALLED = "questionnaire.installed", "Installed a risk questionnaire"
    RISK_ASSESSMENT_BAND_RAISED = "risk_assessment.band_raised", "Raised the risk band of an assessment"
    RISK_ASSESSMENT_COMPLETED = "risk_assessment.completed", "Completed a risk assessment"
    RISK_ASSESSMENT_REQUIRED = "risk_assessment.required", "Asked for a risk assessment"
    TASK_CANCELLED = "task.cancelled", "Cancelled a task that no longer applies"
    TASK_COMPLETED = "task.completed", "Completed a task"
    TASK_CREATED = "task.created", "Set a task"
    TASK_LISTED = "task.listed", "Saw a task in a list"
    TASK_MERGED = "task.merged", "Added a repeated automatic task to the open one"
    TASK_REMINDER_SENT = "task.reminder_sent", "Sent a task reminder"
    TASK_SHARE_REVOKED = "task.share_revoked", "Stopped sharing a task with another agency"
    TASK_SHARED = "task.shared", "Shared a task with another agency"
    TASK_USER_NAMED = "task.user_named", "Named a user on a task"
    TASK_VIEWED = "task.viewed", "Viewed a task"
    VICTIMCONTACT_AGREED = (
        "victimcontact.agreed",
        "Recorded a victim's single point of contact and update schedule",
    )
    VICTIMUPDATE_RECORDED = "victimupdate.recorded", "Recorded an update given to a victim"
