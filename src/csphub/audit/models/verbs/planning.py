"""Audit verbs of the Strategic Assessment, priority setting and the CSP Plan: data uploads, assessments,
scoring, the Plan and the board pack.

Part of the closed list that ``csphub.audit.models.verbs.AuditVerb`` joins together.
"""

from __future__ import annotations

from django.db import models


class PlanningVerb(models.TextChoices):
    ASSESSMENT_ADOPTED = (
        "assessment.adopted",
        "Adopted a strategic assessment as the partnership's official one",
    )
    ASSESSMENT_GENERATED = "assessment.generated", "Produced a strategic assessment"
    BOARDPACK_GENERATED = "boardpack.generated", "Made a quarterly board pack"
    DATA_UPLOAD_FAILED = "data_upload.failed", "Police data upload: could not be loaded"
    DATA_UPLOAD_LOADED = "data_upload.loaded", "Police data upload: loaded into the analytics store"
    DATA_UPLOAD_STARTED = "data_upload.started", "Uploaded police data for the analytics store"
    PARTNER_DATA_FAILED = "partner_data.failed", "Partner counts upload: could not be loaded"
    PARTNER_DATA_LOADED = "partner_data.loaded", "Partner counts upload: loaded into the assessment"
    PLAN_ACTION_ADDED = "plan.action_added", "Added an action to the CSP Plan"
    PLAN_ACTION_CHANGED = "plan.action_changed", "Changed an action of the CSP Plan"
    PLAN_ACTION_REMOVED = "plan.action_removed", "Removed an action from the CSP Plan"
    PLAN_CREATED = "plan.created", "Started a new CSP Plan"
    PLAN_DETAILS_CHANGED = (
        "plan.details_changed",
        "Changed the CSP Plan's title, period, Police and Crime Plan or county plan",
    )
    PLAN_KEY_AREA_ADDED = "plan.key_area_added", "Added a key area of work to the CSP Plan"
    PLAN_KEY_AREA_CHANGED = "plan.key_area_changed", "Changed a key area of work of the CSP Plan"
    PLAN_KEY_AREA_MOVED = "plan.key_area_moved", "Moved a key area of work up or down under its priority"
    PLAN_KEY_AREA_REMOVED = "plan.key_area_removed", "Removed a key area of work from the CSP Plan"
    PLAN_MEASURE_ADDED = "plan.measure_added", "Added a measure to the CSP Plan"
    PLAN_MEASURE_CHANGED = "plan.measure_changed", "Changed a measure of the CSP Plan"
    PLAN_MEASURE_REMOVED = "plan.measure_removed", "Removed a measure from the CSP Plan"
    PLAN_NARRATIVE_CHANGED = "plan.narrative_changed", "Changed the CSP Plan's narrative"
    PLAN_PCC_OBJECTIVE_ADDED = (
        "plan.pcc_objective_added",
        "Recorded an objective of the Police and Crime Commissioner's plan",
    )
    PLAN_PCC_OBJECTIVE_CHANGED = (
        "plan.pcc_objective_changed",
        "Changed an objective of the Police and Crime Commissioner's plan",
    )
    PLAN_PCC_OBJECTIVE_MOVED = (
        "plan.pcc_objective_moved",
        "Moved an objective of the Police and Crime Commissioner's plan up or down",
    )
    PLAN_PCC_OBJECTIVE_REMOVED = (
        "plan.pcc_objective_removed",
        "Removed an objective of the Police and Crime Commissioner's plan from the CSP Plan",
    )
    PLAN_PRIORITY_ADDED = (
        "plan.priority_added",
        "Added a priority, an area of everyday business or a golden thread to the CSP Plan",
    )
    PLAN_PRIORITY_CHANGED = (
        "plan.priority_changed",
        "Changed a priority, an area of everyday business or a golden thread of the CSP Plan",
    )
    PLAN_PRIORITY_MOVED = (
        "plan.priority_moved",
        "Moved a priority, an area of everyday business or a golden thread up or down the CSP Plan",
    )
    PLAN_PRIORITY_REMOVED = (
        "plan.priority_removed",
        "Removed a priority, an area of everyday business or a golden thread from the CSP Plan",
    )
    PLAN_PUBLISHED = "plan.published", "Published a version of the CSP Plan"
    PRIORITIES_ADOPTED = "priorities.adopted", "Adopted the partnership's priorities"
    SCORESHEET_SUBMITTED = "scoresheet.submitted", "Scored a theme for priority setting"
    SCORINGFRAMEWORK_IMPORTED = "scoringframework.imported", "Added a version of a priority scoring framework"
    SCORINGSESSION_OPENED = "scoringsession.opened", "Opened a priority scoring session"
