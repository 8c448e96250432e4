"""The closed list of audit verbs: every kind of event the audit trail records, with its label.

One enum (``AuditVerb``), kept apart from the event model (``events``) because it is most of the
app's code and grows with every workflow; ``csphub.audit.models`` re-exports it, and callers import
it from there.
"""

from __future__ import annotations

from django.db import models


class AuditVerb(models.TextChoices):
    """Every kind of event the audit trail records: a closed list, each with a plain-English label.

    ``audit_record`` refuses a verb that is not here, so the list is the whole answer to "what does
    the system record about people" (the question a DPIA asks). Pages show the label, never the
    code. A new workflow adds its verbs here; ``tests/audit/test_verbs.py`` names any verb passed to
    the audit functions in ``src/`` that is missing.

    ``<model>.viewed`` and ``<model>.listed`` are written by ``audit_viewed``/``audit_listed``;
    ``<model>.shared``, ``.share_revoked`` and ``.user_named`` by the agencies sharing services;
    ``<power>.<status>`` by the tools-and-powers services when a power use moves to that status.
    """

    # Statutory duty registers: s.17/s.17A, scrutiny, Community Remedy and the deadlines reminders.
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

    ABSOLUTE_GROUND_DRAFT = "absolute_ground.draft", "Absolute ground for possession: drafted"
    ABSOLUTE_GROUND_ESCALATED = (
        "absolute_ground.escalated",
        "Absolute ground for possession: escalated to a notice",
    )
    ABSOLUTE_GROUND_ISSUED = "absolute_ground.issued", "Absolute ground for possession: issued"
    ABSOLUTE_GROUND_LETTER_HTML_PRODUCED = (
        "absolute_ground.letter_html_produced",
        "Absolute ground for possession: letter produced",
    )
    ABSOLUTE_GROUND_LETTER_PDF_PRODUCED = (
        "absolute_ground.letter_pdf_produced",
        "Absolute ground for possession: letter produced as PDF",
    )
    ABSOLUTE_GROUND_REVIEW_REQUESTED = (
        "absolute_ground.review_requested",
        "Absolute ground for possession: review requested",
    )
    ABSOLUTE_GROUND_UPHELD = "absolute_ground.upheld", "Absolute ground for possession: upheld"
    ABSOLUTE_GROUND_WITHDRAWN = "absolute_ground.withdrawn", "Absolute ground for possession: withdrawn"

    ADDRESS_CREATED = "address.created", "Added an address"
    ADDRESS_LISTED = "address.listed", "Saw an address in a list"
    ADDRESS_SHARE_REVOKED = "address.share_revoked", "Stopped sharing an address with another agency"
    ADDRESS_SHARED = "address.shared", "Shared an address with another agency"
    ADDRESS_USER_NAMED = "address.user_named", "Named a user on an address"
    ADDRESS_VIEWED = "address.viewed", "Viewed an address"

    AGENDAITEM_DECIDED = "agendaitem.decided", "Recorded a panel decision on a case"

    API_TOKEN_ISSUED = "api_token.issued", "Issued an API token"
    API_TOKEN_REVOKED = "api_token.revoked", "Revoked an API token"

    APPLICATION_LISTED = "application.listed", "Saw a Case Review application in a list"
    APPLICATION_SHARE_REVOKED = (
        "application.share_revoked",
        "Stopped sharing a Case Review application with another agency",
    )
    APPLICATION_SHARED = "application.shared", "Shared a Case Review application with another agency"
    APPLICATION_USER_NAMED = "application.user_named", "Named a user on a Case Review application"
    APPLICATION_VIEWED = "application.viewed", "Viewed a Case Review application"

    ASSESSMENT_ADOPTED = (
        "assessment.adopted",
        "Adopted a strategic assessment as the partnership's official one",
    )
    ASSESSMENT_GENERATED = "assessment.generated", "Produced a strategic assessment"
    ASSESSMENT_LISTED = "assessment.listed", "Saw a risk assessment in a list"
    ASSESSMENT_VIEWED = "assessment.viewed", "Viewed a risk assessment"

    CASE_ADDED_TO_AGENDA = "case.added_to_agenda", "Put a case on a panel agenda"
    CASE_CLOSED = "case.closed", "Closed a case"
    CASE_VICTIM_TOLD_OF_CLOSURE = (
        "case.victim_told_of_closure",
        "Recorded that the victim was told when and why their case closed",
    )
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
    CASE_VIEWED = "case.viewed", "Viewed a case"

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
    CASEREVIEWAPPLICATION_REVIEW_RECORDED = "casereviewapplication.review_recorded", "Recorded a Case Review"
    CASEREVIEWAPPLICATION_SPOC_ASSIGNED = (
        "casereviewapplication.spoc_assigned",
        "Assigned the single point of contact for a Case Review",
    )
    CASEREVIEWAPPLICATION_STATUS_CHECKED = (
        "casereviewapplication.status_checked",
        "Applicant checked the status of a Case Review application",
    )
    CASEREVIEWAPPLICATION_STATUS_VIEWED = (
        "casereviewapplication.status_viewed",
        "Applicant viewed their Case Review status page",
    )
    CASEREVIEWAPPLICATION_STATUS_LETTER_VIEWED = (
        "casereviewapplication.status_letter_viewed",
        "Applicant read a Case Review letter on the status page",
    )
    CASEREVIEWAPPLICATION_STATUS_LETTER_DOWNLOADED = (
        "casereviewapplication.status_letter_downloaded",
        "Applicant downloaded a Case Review letter as PDF from the status page",
    )
    CASEREVIEWAPPLICATION_STATUS_CODE_SENT = (
        "casereviewapplication.status_code_sent",
        "Sent a Case Review status code",
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
    CASEREVIEWAPPLICATION_PASS_ON_BLOCKED = (
        "casereviewapplication.pass_on_blocked",
        "Could not pass a Case Review application to a relevant body (no sharing agreement in force)",
    )

    CASEREVIEWRECOMMENDATION_COMPLETED = (
        "casereviewrecommendation.completed",
        "Completed a Case Review recommendation",
    )
    CASEREVIEWRECOMMENDATION_CREATED = "casereviewrecommendation.created", "Made a Case Review recommendation"

    CBO_APPLIED = "cbo.applied", "Criminal Behaviour Order: applied"
    CBO_BREACHED = "cbo.breached", "Criminal Behaviour Order: breached"
    CBO_DISCHARGED = "cbo.discharged", "Criminal Behaviour Order: discharged"
    CBO_DRAFT = "cbo.draft", "Criminal Behaviour Order: drafted"
    CBO_EXPIRED = "cbo.expired", "Criminal Behaviour Order: expired"
    CBO_GRANTED = "cbo.granted", "Criminal Behaviour Order: granted"
    CBO_LETTER_HTML_PRODUCED = "cbo.letter_html_produced", "Criminal Behaviour Order: letter produced"
    CBO_LETTER_PDF_PRODUCED = "cbo.letter_pdf_produced", "Criminal Behaviour Order: letter produced as PDF"
    CBO_REFUSED = "cbo.refused", "Criminal Behaviour Order: refused"
    CBO_VARIED = "cbo.varied", "Criminal Behaviour Order: varied"
    CBO_WITHDRAWN = "cbo.withdrawn", "Criminal Behaviour Order: withdrawn"

    CLOSURE_NOTICE_DRAFT = "closure_notice.draft", "Closure notice: drafted"
    CLOSURE_NOTICE_ESCALATED = "closure_notice.escalated", "Closure notice: escalated to a notice"
    CLOSURE_NOTICE_EXPIRED = "closure_notice.expired", "Closure notice: expired"
    CLOSURE_NOTICE_EXTENDED = "closure_notice.extended", "Closure notice: extended"
    CLOSURE_NOTICE_ISSUED = "closure_notice.issued", "Closure notice: issued"
    CLOSURE_NOTICE_VARIED = "closure_notice.varied", "Closure notice: varied or cancelled (s.78)"
    CLOSURE_NOTICE_LETTER_HTML_PRODUCED = (
        "closure_notice.letter_html_produced",
        "Closure notice: letter produced",
    )
    CLOSURE_NOTICE_LETTER_PDF_PRODUCED = (
        "closure_notice.letter_pdf_produced",
        "Closure notice: letter produced as PDF",
    )
    CLOSURE_NOTICE_WITHDRAWN = "closure_notice.withdrawn", "Closure notice: withdrawn"

    CLOSURE_ORDER_APPLIED = "closure_order.applied", "Closure order: applied"
    CLOSURE_ORDER_APPEALED = "closure_order.appealed", "Closure order: appealed (s.84)"
    CLOSURE_ORDER_QUASHED = "closure_order.quashed", "Closure order: quashed on appeal"
    CLOSURE_ORDER_UPHELD = "closure_order.upheld", "Closure order: upheld on appeal"
    CLOSURE_ORDER_VARIED = "closure_order.varied", "Closure order: varied"
    CLOSURE_ORDER_DISCHARGED = "closure_order.discharged", "Closure order: discharged"
    CLOSURE_ORDER_DRAFT = "closure_order.draft", "Closure order: drafted"
    CLOSURE_ORDER_EXPIRED = "closure_order.expired", "Closure order: expired"
    CLOSURE_ORDER_EXTENDED = "closure_order.extended", "Closure order: extended"
    CLOSURE_ORDER_GRANTED = "closure_order.granted", "Closure order: granted"
    CLOSURE_ORDER_LETTER_HTML_PRODUCED = (
        "closure_order.letter_html_produced",
        "Closure order: letter produced",
    )
    CLOSURE_ORDER_LETTER_PDF_PRODUCED = (
        "closure_order.letter_pdf_produced",
        "Closure order: letter produced as PDF",
    )
    CLOSURE_ORDER_REFUSED = "closure_order.refused", "Closure order: refused"
    CLOSURE_ORDER_WITHDRAWN = "closure_order.withdrawn", "Closure order: withdrawn"
    CLOSURESURVEY_RECORDED = (
        "closuresurvey.recorded",
        "Recorded a victim's answer to the satisfaction question at closure",
    )

    CPN_APPEALED = "cpn.appealed", "Community Protection Notice: appealed"
    CPN_BREACHED = "cpn.breached", "Community Protection Notice: breached"
    CPN_COMPLIED = "cpn.complied", "Community Protection Notice: complied"
    CPN_DRAFT = "cpn.draft", "Community Protection Notice: drafted"
    CPN_EXPIRED = "cpn.expired", "Community Protection Notice: expired"
    CPN_ISSUED = "cpn.issued", "Community Protection Notice: issued"
    CPN_LETTER_HTML_PRODUCED = "cpn.letter_html_produced", "Community Protection Notice: letter produced"
    CPN_LETTER_PDF_PRODUCED = "cpn.letter_pdf_produced", "Community Protection Notice: letter produced as PDF"
    CPN_QUASHED = "cpn.quashed", "Community Protection Notice: quashed"
    CPN_UPHELD = "cpn.upheld", "Community Protection Notice: upheld"
    CPN_VARIED = "cpn.varied", "Community Protection Notice: varied"
    CPN_WITHDRAWN = "cpn.withdrawn", "Community Protection Notice: withdrawn"

    CPW_COMPLIED = "cpw.complied", "Community Protection Warning: complied"
    CPW_DRAFT = "cpw.draft", "Community Protection Warning: drafted"
    CPW_ESCALATED = "cpw.escalated", "Community Protection Warning: escalated to a notice"
    CPW_EXPIRED = "cpw.expired", "Community Protection Warning: expired"
    CPW_ISSUED = "cpw.issued", "Community Protection Warning: issued"
    CPW_LETTER_HTML_PRODUCED = "cpw.letter_html_produced", "Community Protection Warning: letter produced"
    CPW_LETTER_PDF_PRODUCED = (
        "cpw.letter_pdf_produced",
        "Community Protection Warning: letter produced as PDF",
    )
    CPW_WITHDRAWN = "cpw.withdrawn", "Community Protection Warning: withdrawn"

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

    COMPARTMENTMEMBER_ADDED = "compartmentmember.added", "Gave a user access to a restricted register"
    COMPARTMENTMEMBER_ENDED = "compartmentmember.ended", "Ended a user's access to a restricted register"
    COMPARTMENTMEMBER_LISTED = "compartmentmember.listed", "Saw who has access to a restricted register"

    DATA_UPLOAD_FAILED = "data_upload.failed", "Police data upload: could not be loaded"
    DATA_UPLOAD_LOADED = "data_upload.loaded", "Police data upload: loaded into the analytics store"
    DATA_UPLOAD_STARTED = "data_upload.started", "Uploaded police data for the analytics store"

    BOARDPACK_GENERATED = "boardpack.generated", "Made a quarterly board pack"

    PARTNER_DATA_FAILED = "partner_data.failed", "Partner counts upload: could not be loaded"
    PARTNER_DATA_LOADED = "partner_data.loaded", "Partner counts upload: loaded into the assessment"

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

    DISPERSAL_AUTHORISATION_AUTHORISED = (
        "dispersal_authorisation.authorised",
        "Dispersal authorisation: authorised",
    )
    DISPERSAL_AUTHORISATION_DRAFT = "dispersal_authorisation.draft", "Dispersal authorisation: drafted"
    DISPERSAL_AUTHORISATION_EXPIRED = "dispersal_authorisation.expired", "Dispersal authorisation: expired"
    DISPERSAL_AUTHORISATION_LETTER_HTML_PRODUCED = (
        "dispersal_authorisation.letter_html_produced",
        "Dispersal authorisation: letter produced",
    )
    DISPERSAL_AUTHORISATION_LETTER_PDF_PRODUCED = (
        "dispersal_authorisation.letter_pdf_produced",
        "Dispersal authorisation: letter produced as PDF",
    )
    DISPERSAL_AUTHORISATION_WITHDRAWN = (
        "dispersal_authorisation.withdrawn",
        "Dispersal authorisation: withdrawn",
    )

    DISPERSAL_DIRECTION_BREACHED = "dispersal_direction.breached", "Dispersal direction: breached"
    DISPERSAL_DIRECTION_COMPLIED = "dispersal_direction.complied", "Dispersal direction: complied"
    DISPERSAL_DIRECTION_DRAFT = "dispersal_direction.draft", "Dispersal direction: drafted"
    DISPERSAL_DIRECTION_EXPIRED = "dispersal_direction.expired", "Dispersal direction: expired"
    DISPERSAL_DIRECTION_ISSUED = "dispersal_direction.issued", "Dispersal direction: issued"
    DISPERSAL_DIRECTION_ITEMS_SURRENDERED = (
        "dispersal_direction.items_surrendered",
        "Dispersal direction: items surrendered (s.37)",
    )
    DISPERSAL_DIRECTION_ITEM_RETURNED = (
        "dispersal_direction.item_returned",
        "Dispersal direction: surrendered item returned (s.37)",
    )
    DISPERSAL_DIRECTION_LETTER_HTML_PRODUCED = (
        "dispersal_direction.letter_html_produced",
        "Dispersal direction: letter produced",
    )
    DISPERSAL_DIRECTION_LETTER_PDF_PRODUCED = (
        "dispersal_direction.letter_pdf_produced",
        "Dispersal direction: letter produced as PDF",
    )
    DISPERSAL_DIRECTION_VARIED = "dispersal_direction.varied", "Dispersal direction: varied"
    DISPERSAL_DIRECTION_WITHDRAWN = "dispersal_direction.withdrawn", "Dispersal direction: withdrawn"

    DOCUMENT_DOWNLOADED = "document.downloaded", "Downloaded a document"
    DOCUMENT_UPLOADED = "document.uploaded", "Uploaded a document"
    EARLYINTERVENTION_RECORDED = (
        "earlyintervention.recorded",
        "Recorded an early intervention (warning letter, behaviour contract, mediation, restorative "
        "approach or support) on a case",
    )
    EARLYINTERVENTION_OUTCOME_RECORDED = (
        "earlyintervention.outcome_recorded",
        "Recorded the outcome of an early intervention on a case",
    )
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
    DOMESTICHOMICIDEREVIEW_DISPOSED = (
        "domestichomicidereview.disposed",
        "Disposed of a Domestic Homicide Review's file at the end of its retention period (a tombstone is kept)",
    )
    DOMESTICHOMICIDEREVIEW_DECIDED = (
        "domestichomicidereview.decided",
        "Recorded the decision whether to hold a Domestic Homicide Review",
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

    FPN_DRAFT = "fpn.draft", "Fixed penalty notice (CPN or PSPO breach): drafted"
    FPN_ISSUED = "fpn.issued", "Fixed penalty notice (CPN or PSPO breach): issued"
    FPN_LETTER_HTML_PRODUCED = (
        "fpn.letter_html_produced",
        "Fixed penalty notice (CPN or PSPO breach): letter produced",
    )
    FPN_LETTER_PDF_PRODUCED = (
        "fpn.letter_pdf_produced",
        "Fixed penalty notice (CPN or PSPO breach): letter produced as PDF",
    )
    FPN_PAID = "fpn.paid", "Fixed penalty notice (CPN or PSPO breach): paid"
    FPN_PROSECUTED = "fpn.prosecuted", "Fixed penalty notice (CPN or PSPO breach): prosecuted"
    FPN_WITHDRAWN = "fpn.withdrawn", "Fixed penalty notice (CPN or PSPO breach): withdrawn"

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

    INJUNCTION_ADJOURNED = "injunction.adjourned", "Civil injunction: hearing adjourned"
    INJUNCTION_APPEAL_LODGED = (
        "injunction.appeal_lodged",
        "Civil injunction: appeal to the Crown Court against the youth court's decision recorded",
    )
    INJUNCTION_APPEAL_DECIDED = (
        "injunction.appeal_decided",
        "Civil injunction: the Crown Court's decision on the appeal recorded",
    )
    INJUNCTION_APPLIED = "injunction.applied", "Civil injunction: applied"
    INJUNCTION_BREACHED = "injunction.breached", "Civil injunction: breached"
    INJUNCTION_DISCHARGED = "injunction.discharged", "Civil injunction: discharged"
    INJUNCTION_DRAFT = "injunction.draft", "Civil injunction: drafted"
    INJUNCTION_EXPIRED = "injunction.expired", "Civil injunction: expired"
    INJUNCTION_GRANTED = "injunction.granted", "Civil injunction: granted"
    INJUNCTION_LETTER_HTML_PRODUCED = "injunction.letter_html_produced", "Civil injunction: letter produced"
    INJUNCTION_LETTER_PDF_PRODUCED = (
        "injunction.letter_pdf_produced",
        "Civil injunction: letter produced as PDF",
    )
    INJUNCTION_REFUSED = "injunction.refused", "Civil injunction: refused"
    INJUNCTION_VARIED = "injunction.varied", "Civil injunction: varied"
    INJUNCTION_WITHDRAWN = "injunction.withdrawn", "Civil injunction: withdrawn"
    ISA_ENDED = "isa.ended", "Ended an information sharing agreement"
    ISA_RECORDED = "isa.recorded", "Recorded an information sharing agreement"
    ISA_REVIEWED = "isa.reviewed", "Recorded a review of an information sharing agreement"

    RIGHTSREQUEST_RECEIVED = "rightsrequest.received", "Recorded a data subject's rights request"
    RIGHTSREQUEST_VIEWED = "rightsrequest.viewed", "Viewed a data subject's rights request"
    RIGHTSREQUEST_LISTED = "rightsrequest.listed", "Saw a data subject's rights request in a list"
    RIGHTSREQUEST_SHARED = (
        "rightsrequest.shared",
        "Shared a data subject's rights request with another agency",
    )
    RIGHTSREQUEST_SHARE_REVOKED = (
        "rightsrequest.share_revoked",
        "Stopped sharing a data subject's rights request with another agency",
    )
    RIGHTSREQUEST_USER_NAMED = "rightsrequest.user_named", "Named a user on a data subject's rights request"
    RIGHTSREQUEST_IDENTITY_VERIFIED = (
        "rightsrequest.identity_verified",
        "Recorded that a requester's identity was verified",
    )
    RIGHTSREQUEST_EXTENDED = (
        "rightsrequest.extended",
        "Extended the time to answer a data subject's request (UK GDPR Art 12(3))",
    )
    RIGHTSREQUEST_SEARCHED = (
        "rightsrequest.searched",
        "Searched the agency's records for a data subject (subject access)",
    )
    RIGHTSREQUEST_ITEM_DECIDED = (
        "rightsrequest.item_decided",
        "Decided whether to disclose, redact or withhold an item of a subject access request",
    )
    RIGHTSREQUEST_BUNDLE_PRODUCED = (
        "rightsrequest.bundle_produced",
        "Produced the subject access bundle (PDF or JSON)",
    )
    RIGHTSREQUEST_DISCLOSED = "rightsrequest.disclosed", "Recorded a disclosure to a data subject"
    RIGHTSREQUEST_NEITHER_CONFIRMED_NOR_DENIED = (
        "rightsrequest.neither_confirmed_nor_denied",
        "Answered a subject access request by neither confirming nor denying that data is held "
        "(DPA 2018 s.45(4))",
    )
    RIGHTSREQUEST_DISPOSED = (
        "rightsrequest.disposed",
        "Disposed of a data subject's request past its retention period (a record without personal data is kept)",
    )
    RIGHTSREQUEST_DECIDED = (
        "rightsrequest.decided",
        "Decided a rectification or erasure request (UK GDPR Art 16, 17)",
    )
    ROPA_EXPORTED = "ropa.exported", "Exported the record of processing activities (UK GDPR Art 30)"

    LEGAL_HOLD_PLACED = "legal_hold.placed", "Placed a legal hold on a record"
    LEGAL_HOLD_RELEASED = "legal_hold.released", "Released a legal hold"
    # written by audit_listed / audit_viewed (``legalhold.<kind>``) on the legal holds pages
    LEGALHOLD_LISTED = "legalhold.listed", "Saw a legal hold in a list"
    LEGALHOLD_VIEWED = "legalhold.viewed", "Viewed a legal hold"
    LETTER_LISTED = "letter.listed", "Saw a Case Review letter in a list"
    LETTER_VIEWED = "letter.viewed", "Viewed a Case Review letter"

    MEMBERSHIP_GRANTED = "membership.granted", "Gave a user a role in an agency"
    MEMBERSHIP_REQUESTED = (
        "membership.requested",
        "Asked for a user to be given a role (needs a second approver)",
    )
    MEMBERSHIP_REQUEST_REFUSED = "membership.request_refused", "Refused a request to give a user a role"
    MEMBERSHIP_REVOKED = "membership.revoked", "Removed a user's role in an agency"
    MEMBERSHIP_SWITCHED = "membership.switched", "Switched the agency acted for"

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

    PARTNERSHIP_CHOSEN = "partnership.chosen", "Chose the partnership to work in"

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

    POWERUSE_LISTED = "poweruse.listed", "Saw a tool or power in a list"
    POWERUSE_VIEWED = "poweruse.viewed", "Viewed a tool or power"

    PLAN_ACTION_ADDED = "plan.action_added", "Added an action to the CSP Plan"
    PLAN_ACTION_CHANGED = "plan.action_changed", "Changed an action of the CSP Plan"
    PLAN_NARRATIVE_CHANGED = "plan.narrative_changed", "Changed the CSP Plan's narrative"
    PLAN_PUBLISHED = "plan.published", "Published a version of the CSP Plan"
    PLAN_PRIORITY_ADDED = (
        "plan.priority_added",
        "Added a priority, an area of everyday business or a golden thread to the CSP Plan",
    )
    PLAN_PRIORITY_CHANGED = (
        "plan.priority_changed",
        "Changed a priority, an area of everyday business or a golden thread of the CSP Plan",
    )
    PLAN_KEY_AREA_ADDED = "plan.key_area_added", "Added a key area of work to the CSP Plan"
    PLAN_KEY_AREA_CHANGED = "plan.key_area_changed", "Changed a key area of work of the CSP Plan"
    PLAN_MEASURE_ADDED = "plan.measure_added", "Added a measure to the CSP Plan"
    PLAN_MEASURE_CHANGED = "plan.measure_changed", "Changed a measure of the CSP Plan"
    PLAN_PCC_OBJECTIVE_ADDED = (
        "plan.pcc_objective_added",
        "Recorded an objective of the Police and Crime Commissioner's plan",
    )
    PLAN_PCC_OBJECTIVE_CHANGED = (
        "plan.pcc_objective_changed",
        "Changed an objective of the Police and Crime Commissioner's plan",
    )
    PLAN_PRIORITY_REMOVED = (
        "plan.priority_removed",
        "Removed a priority, an area of everyday business or a golden thread from the CSP Plan",
    )
    PLAN_PRIORITY_MOVED = (
        "plan.priority_moved",
        "Moved a priority, an area of everyday business or a golden thread up or down the CSP Plan",
    )
    PLAN_KEY_AREA_REMOVED = "plan.key_area_removed", "Removed a key area of work from the CSP Plan"
    PLAN_KEY_AREA_MOVED = "plan.key_area_moved", "Moved a key area of work up or down under its priority"
    PLAN_MEASURE_REMOVED = "plan.measure_removed", "Removed a measure from the CSP Plan"
    PLAN_ACTION_REMOVED = "plan.action_removed", "Removed an action from the CSP Plan"
    PLAN_PCC_OBJECTIVE_REMOVED = (
        "plan.pcc_objective_removed",
        "Removed an objective of the Police and Crime Commissioner's plan from the CSP Plan",
    )
    PLAN_PCC_OBJECTIVE_MOVED = (
        "plan.pcc_objective_moved",
        "Moved an objective of the Police and Crime Commissioner's plan up or down",
    )
    PLAN_CREATED = "plan.created", "Started a new CSP Plan"
    PLAN_DETAILS_CHANGED = (
        "plan.details_changed",
        "Changed the CSP Plan's title, period, Police and Crime Plan or county plan",
    )
    PRIORITIES_ADOPTED = "priorities.adopted", "Adopted the partnership's priorities"

    PUBLISHEDYEAR_PUBLISHED = (
        "publishedyear.published",
        "Published an area's yearly Case Review figures",
    )

    PSPO_DISCHARGED = "pspo.discharged", "Public Spaces Protection Order: discharged"
    PSPO_DRAFT = "pspo.draft", "Public Spaces Protection Order: drafted"
    PSPO_EXPIRED = "pspo.expired", "Public Spaces Protection Order: expired"
    PSPO_EXTENDED = "pspo.extended", "Public Spaces Protection Order: extended"
    PSPO_LETTER_HTML_PRODUCED = "pspo.letter_html_produced", "Public Spaces Protection Order: letter produced"
    PSPO_LETTER_PDF_PRODUCED = (
        "pspo.letter_pdf_produced",
        "Public Spaces Protection Order: letter produced as PDF",
    )
    PSPO_MADE = "pspo.made", "Public Spaces Protection Order: made"
    PSPO_PUBLISHED = "pspo.published", "Public Spaces Protection Order: publication recorded"
    PSPO_QUASHED = "pspo.quashed", "Public Spaces Protection Order: quashed"
    PSPO_VARIED = "pspo.varied", "Public Spaces Protection Order: varied"
    PSPO_WITHDRAWN = "pspo.withdrawn", "Public Spaces Protection Order: withdrawn"

    PREVENTREFERRAL_LISTED = "preventreferral.listed", "Saw a Prevent referral in a list"
    PREVENTREFERRAL_MADE = "preventreferral.made", "Made a Prevent referral"
    PREVENTREFERRAL_DISPOSED = (
        "preventreferral.disposed",
        "Disposed of a Prevent referral and its Channel case at the end of their retention period "
        "(a tombstone is kept)",
    )
    PREVENTREFERRAL_SCREENED = "preventreferral.screened", "Screened a Prevent referral"
    PREVENTREFERRAL_SHARE_REVOKED = (
        "preventreferral.share_revoked",
        "Stopped sharing a Prevent referral with another agency",
    )
    PREVENTREFERRAL_SHARED = "preventreferral.shared", "Shared a Prevent referral with another agency"
    PREVENTREFERRAL_USER_NAMED = "preventreferral.user_named", "Named a user on a Prevent referral"
    PREVENTREFERRAL_VIEWED = "preventreferral.viewed", "Viewed a Prevent referral"

    QUESTIONNAIRE_INSTALLED = "questionnaire.installed", "Installed a risk questionnaire"

    MARAC_REFERRAL_RECORDED = "marac_referral.recorded", "Recorded a MARAC referral"
    # written by audit_viewed (``<model>.viewed``) on the MARAC outcome page
    MARACREFERRAL_VIEWED = "maracreferral.viewed", "Viewed a MARAC referral"
    MARAC_REFERRAL_OUTCOME = "marac_referral.outcome", "Recorded the outcome of a MARAC referral"
    MARAC_REFERRAL_REPEAT_FLAGGED = (
        "marac_referral.repeat_flagged",
        "Flagged a repeat MARAC case (a further domestic abuse incident within 12 months)",
    )
    RETENTION_SCHEDULE_VIEWED = (
        "retention.schedule_viewed",
        "Viewed the retention schedule, the records due for disposal and the legal holds",
    )
    RETENTION_DRY_RUN = "retention.dry_run", "Listed the records due for disposal (nothing deleted)"
    RETENTION_PURGED = "retention.purged", "Ran a disposal of records past their retention period"
    RETENTION_RULE_SET = "retention_rule.set", "Set a retention period"
    PUBLIC_PAGES_SET = (
        "partnership.public_pages_set",
        "Changed the partnership's privacy notice or whether its public pages are offered in Welsh",
    )
    RISK_ASSESSMENT_BAND_RAISED = "risk_assessment.band_raised", "Raised the risk band of an assessment"
    RISK_ASSESSMENT_COMPLETED = "risk_assessment.completed", "Completed a risk assessment"
    RISK_ASSESSMENT_REQUIRED = "risk_assessment.required", "Asked for a risk assessment"

    SCORESHEET_SUBMITTED = "scoresheet.submitted", "Scored a theme for priority setting"

    SCORINGFRAMEWORK_IMPORTED = "scoringframework.imported", "Added a version of a priority scoring framework"

    SCORINGSESSION_OPENED = "scoringsession.opened", "Opened a priority scoring session"

    SEARCH_PERFORMED = "search.performed", "Searched"
    SHAREREQUEST_ANSWERED = (
        "sharerequest.answered",
        "Answered another agency's request to share a record about a person",
    )
    SHAREREQUEST_MADE = (
        "sharerequest.made",
        "Asked another agency to share its record about a person (record locator)",
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

    TASK_CANCELLED = "task.cancelled", "Cancelled a task that no longer applies"
    TASK_COMPLETED = "task.completed", "Completed a task"
    TASK_CREATED = "task.created", "Set a task"
    TASK_MERGED = "task.merged", "Added a repeated automatic task to the open one"
    TASK_LISTED = "task.listed", "Saw a task in a list"
    TASK_REMINDER_SENT = "task.reminder_sent", "Sent a task reminder"
    TASK_SHARE_REVOKED = "task.share_revoked", "Stopped sharing a task with another agency"
    TASK_SHARED = "task.shared", "Shared a task with another agency"
    TASK_USER_NAMED = "task.user_named", "Named a user on a task"
    TASK_VIEWED = "task.viewed", "Viewed a task"

    THRESHOLDRULESET_CREATED = "thresholdruleset.created", "Set the Case Review threshold rules"

    USER_AUDIT_SEARCHED = "user.audit_searched", "Searched the audit trail for what a member of staff did"
    USER_CREATED = "user.created", "Created a user account"
    USER_DEACTIVATED = "user.deactivated", "Deactivated a user account (they can no longer sign in)"
    USER_LISTED = "user.listed", "Listed staff accounts"
    USER_LOCKED_OUT = "user.locked_out", "Account locked after failed sign-ins"
    USER_LOGGED_IN = "user.logged_in", "Signed in"
    USER_LOGGED_OUT = "user.logged_out", "Signed out"
    USER_LOGIN_FAILED = "user.login_failed", "Failed to sign in"
    USER_PASSWORD_CHANGED = "user.password_changed", "Changed password"
    USER_REACTIVATED = "user.reactivated", "Reactivated a user account (they can sign in again)"
    USER_SESSION_CAP_REACHED = "user.session_cap_reached", "Signed out 12 hours after signing in"
    USER_SESSION_TIMED_OUT = "user.session_timed_out", "Signed out after a period of inactivity"
    USER_TWO_FACTOR_ENROLLED = "user.two_factor_enrolled", "Set up two-factor authentication"
    USER_TWO_FACTOR_RESET = "user.two_factor_reset", "Reset a user's two-factor authentication"
    USER_UNLOCKED = "user.unlocked", "Unlocked a user account"
    VICTIMCONTACT_AGREED = (
        "victimcontact.agreed",
        "Recorded a victim's single point of contact and update schedule",
    )
    VICTIMUPDATE_RECORDED = "victimupdate.recorded", "Recorded an update given to a victim"
