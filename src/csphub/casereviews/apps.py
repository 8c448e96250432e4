from __future__ import annotations

from django.apps import AppConfig


class CaseReviewsConfig(AppConfig):
    name = "csphub.casereviews"
    label = "casereviews"
    verbose_name = "ASB Case Reviews (Community Trigger)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from csphub.agencies.policies import register_child
        from csphub.casereviews import models, receivers

        # Everything hanging off an application is visible exactly when the application is.
        for child in (
            models.ApplicationIncident,
            models.ThresholdDecisionRecord,
            models.ReviewMeeting,
            models.Letter,
            models.Appeal,
        ):
            register_child(child, parent_field="application")
        register_child(models.Recommendation, parent_field="review")
        # A prompt is about an incident: whoever may see the incident may see and answer the prompt.
        register_child(models.ExplanationPrompt, parent_field="incident")
        receivers.connect()
