from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "csphub.cases"
    label = "cases"
    verbose_name = "ASB casework"

    def ready(self) -> None:
        from csphub.agencies.policies import register_child
        from csphub.cases import models

        # Children of a case are visible exactly when the case is; what of them a partner with a
        # summary share may see is decided in csphub.cases.selectors.
        for model in (
            models.CaseIncident,
            models.CaseParty,
            models.CaseStatusChange,
            models.Note,
            models.Document,
        ):
            register_child(model, parent_field="case")
        register_child(models.IncidentParty, parent_field="incident")
        register_child(models.PanelMeeting, parent_field="panel")
        register_child(models.AgendaItem, parent_field="meeting")
