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
            models.VictimContact,
            models.ClosureSurvey,
        ):
            register_child(model, parent_field="case")
        register_child(models.VictimUpdate, parent_field="contact")
        register_child(models.IncidentParty, parent_field="incident")
        register_child(models.PanelMeeting, parent_field="panel")
        register_child(models.AgendaItem, parent_field="meeting")

        from csphub.agencies.policies import Action, UserOrActor, role_allows
        from csphub.cases.views import home_context
        from csphub.frontend.registry import HomePanel, NavItem, register_home_panel, register_nav

        def casework(user: UserOrActor) -> bool:
            return role_allows(user, Action.VIEW)

        register_nav(NavItem("Cases", "cases:case_list", casework, order=20))
        register_nav(NavItem("My tasks", "cases:my_tasks", casework, order=21))
        register_nav(NavItem("Search", "cases:search", casework, order=22))
        register_nav(NavItem("Map", "cases:map", casework, order=23))
        register_nav(NavItem("Panels", "cases:panel_list", casework, order=24))
        register_home_panel(HomePanel("My casework", "cases/home_tasks.html", home_context, order=10))

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
