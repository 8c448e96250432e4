from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "csphub.planning"
    label = "planning"
    verbose_name = "Priorities and the Plan"

    def ready(self) -> None:
        from csphub.agencies.policies import Capability, has_capability
        from csphub.frontend.registry import HomePanel, NavItem, register_home_panel, register_nav
        from csphub.planning.selectors import home_context

        register_nav(
            NavItem(
                "Priorities",
                "planning:index",
                lambda user: has_capability(user, Capability.VIEW_PRIORITIES),
                order=65,
            )
        )
        register_home_panel(HomePanel("Priorities", "planning/home_panel.html", home_context, order=65))
        from csphub.planning.board.selectors import home_context as board_home_context

        register_home_panel(
            HomePanel("Board pack", "planning/home_board_pack.html", board_home_context, order=66)
        )
