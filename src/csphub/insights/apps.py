from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "csphub.insights"
    label = "insights"
    verbose_name = "Strategic Assessment"

    def ready(self) -> None:
        from csphub.agencies.policies import Capability, has_capability
        from csphub.frontend.registry import HomePanel, NavItem, register_home_panel, register_nav
        from csphub.insights.selectors import home_context

        register_nav(
            NavItem(
                "Strategic Assessment",
                "insights:list",
                lambda user: has_capability(user, Capability.VIEW_ASSESSMENT),
                order=60,
            )
        )
        # Administrators load data but do not read the assessment; analysts reach it from there.
        register_nav(
            NavItem(
                "Police data",
                "insights:uploads",
                lambda user: (
                    has_capability(user, Capability.LOAD_DATA)
                    and not has_capability(user, Capability.VIEW_ASSESSMENT)
                ),
                order=61,
            )
        )
        register_home_panel(
            HomePanel("Strategic Assessment", "insights/home_panel.html", home_context, order=60)
        )
