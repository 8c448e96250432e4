from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "csphub.risk"
    label = "risk"
    verbose_name = "Risk assessment"

    def ready(self) -> None:
        from csphub.agencies.policies import register_child
        from csphub.cases.signals import case_closed, incident_added_to_case, incident_recorded
        from csphub.frontend.registry import (
            CaseSection,
            HomePanel,
            PersonSection,
            register_case_section,
            register_home_panel,
            register_person_section,
        )
        from csphub.risk import models, receivers, sections

        register_child(models.Assessment, parent_field="case")
        register_child(models.AssessmentAnswer, parent_field="assessment")
        register_child(models.ReassessmentRequirement, parent_field="case")
        register_child(models.MaracReferral, parent_field="case")
        incident_recorded.connect(receivers.flag_repeat_marac, dispatch_uid="risk.flag_repeat_marac")
        incident_added_to_case.connect(
            receivers.require_reassessment, dispatch_uid="risk.require_reassessment"
        )
        from csphub.people.registry import PersonRecords, register_person_records

        register_person_records(
            PersonRecords("Risk assessment", lambda person: models.Assessment.objects.filter(subject=person))
        )
        register_person_section(
            PersonSection(
                "Risk assessments", "risk/person_section.html", sections.person_section_context, order=20
            )
        )
        case_closed.connect(receivers.cancel_open_case_tasks, dispatch_uid="risk.cancel_open_case_tasks")
        # The questionnaires are configuration, read from the case's risk section and the help
        # pages; they are not in the menu (which must fit on one row at 1280 px).
        register_home_panel(
            HomePanel("Risk re-assessments due", "risk/home_panel.html", sections.home_context, order=21)
        )
        register_case_section(
            CaseSection("Risk assessments", "risk/case_section.html", sections.case_section_context, order=20)
        )
