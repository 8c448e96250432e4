from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "csphub.cases"
    label = "cases"
    verbose_name = "ASB casework"

    def ready(self) -> None:
        from csphub.agencies.policies import register_attendance, register_child
        from csphub.cases import models

        # Children of a case are visible exactly when the case is; what of them a partner with a
        # summary share may see is decided in csphub.cases.selectors.
        for model in (
            models.CaseIncident,
            models.CaseParty,
            models.CaseStatusChange,
            models.Note,
            models.Document,
            models.VictimContact,
            models.ClosureSurvey,
            models.EarlyIntervention,
        ):
            register_child(model, parent_field="case")
        register_child(models.VictimUpdate, parent_field="contact")
        register_child(models.IncidentParty, parent_field="incident")
        register_child(models.PanelMeeting, parent_field="panel")
        register_child(models.AgendaItem, parent_field="meeting")
        # A partner attending a meeting opens it and its agenda (each case shows its summary, shared
        # when it was put on the agenda), not the panel's other meetings.
        register_attendance(models.PanelMeeting, agencies_field="attending_agencies")

        from csphub.agencies.policies import Action, UserOrActor, role_allows
        from csphub.cases.views import home_context
        from csphub.cases.views.sharing import sharing_section
        from csphub.frontend.registry import (
            CaseSection,
            HomePanel,
            NavItem,
            register_case_section,
            register_home_panel,
            register_nav,
        )

        def casework(user: UserOrActor) -> bool:
            return role_allows(user, Action.VIEW)

        register_nav(NavItem("Cases", "cases:case_list", casework, order=20))
        register_nav(NavItem("My tasks", "cases:my_tasks", casework, order=21))
        register_nav(NavItem("Search", "cases:search", casework, order=22))
        register_nav(NavItem("Map", "cases:map", casework, order=23))
        register_nav(NavItem("Panels", "cases:panel_list", casework, order=24))
        register_home_panel(HomePanel("My casework", "cases/home_tasks.html", home_context, order=10))

        from csphub.audit.records import register_record_reference

        register_record_reference(r"ASB-0*(\d+)", models.Case, "ASB-000024")
        register_record_reference(r"INC-0*(\d+)", models.Incident, "INC-000184")

        from csphub.cases.views.people import person_section_context
        from csphub.frontend.registry import PersonSection, register_person_section

        register_person_section(
            PersonSection(
                "Cases and incidents", "cases/person_section.html", person_section_context, order=10
            )
        )

        # "Who has seen this person": a case page names its parties, an incident its people.
        from csphub.people.registry import PersonRecords, register_person_records

        register_person_records(
            PersonRecords(
                "Case", lambda person: models.Case.objects.filter(parties__person=person).distinct()
            )
        )
        register_person_records(
            PersonRecords(
                "Incident", lambda person: models.Incident.objects.filter(parties__person=person).distinct()
            )
        )

        def victim_updates(user: UserOrActor) -> dict[str, object] | None:
            from csphub.cases.selectors import victim_updates_due

            if not role_allows(user, Action.VIEW):
                return None
            due = victim_updates_due(user)
            return {"due": due} if due else None

        def share_requests(user: UserOrActor) -> dict[str, object] | None:
            from csphub.cases.selectors import share_requests_for

            requests = list(share_requests_for(user)[:20])
            return {"requests": requests} if requests else None

        register_home_panel(
            HomePanel(
                "Requests to share your records", "cases/home_share_requests.html", share_requests, order=12
            )
        )
        register_home_panel(
            HomePanel(
                "Victims waiting for an update", "cases/home_victim_updates.html", victim_updates, order=11
            )
        )
        register_case_section(CaseSection("Sharing", "cases/sharing_section.html", sharing_section, order=5))
