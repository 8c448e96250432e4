from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "csphub.risk"
    label = "risk"
    verbose_name = "Risk assessment"

    def ready(self) -> None:
        from csphub.agencies.policies import register_child
        from csphub.cases.signals import incident_added_to_case
        from csphub.risk import models, receivers

        register_child(models.Assessment, parent_field="case")
        register_child(models.AssessmentAnswer, parent_field="assessment")
        register_child(models.ReassessmentRequirement, parent_field="case")
        incident_added_to_case.connect(
            receivers.require_reassessment, dispatch_uid="risk.require_reassessment"
        )
