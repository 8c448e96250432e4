from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class CaseReviewsConfig(AppConfig):
    name = "csphub.casereviews"
    label = "casereviews"
    verbose_name = "ASB Case Reviews (Community Trigger)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from csphub.agencies.policies import register_child
        from csphub.casereviews import models, receivers

        # "Who has seen this person": an application shows the complainants named on its incidents.
        from csphub.people.registry import PersonRecords, register_person_records

        register_person_records(
            PersonRecords(
                "ASB Case Review application",
                lambda person: models.Application.objects.filter(
                    incident_links__complainant=person
                ).distinct(),
            )
        )
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

        from csphub.agencies.policies import Capability, has_capability
        from csphub.frontend.registry import NavItem, register_nav

        register_nav(
            NavItem(
                "Case Reviews",
                "casereviews:dashboard",
                lambda user: has_capability(user, Capability.MANAGE_CASE_REVIEWS),
                order=60,
            )
        )

        from csphub.frontend.registry import PersonSection, register_person_section

        register_person_section(
            PersonSection(
                "ASB Case Review",
                "casereviews/person_section.html",
                _threshold_section,
                order=40,
            )
        )


def _threshold_section(user: Any, person: Any) -> dict[str, Any] | None:
    """B.6: flag a person whose qualifying complaints have reached the Case Review threshold."""
    from csphub.casereviews.services import threshold_flag_for_person

    flag = threshold_flag_for_person(actor=user, person=person)
    return flag if flag is not None and flag["reached"] else None
