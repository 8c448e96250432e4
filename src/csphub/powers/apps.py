from django.apps import AppConfig


class PowersConfig(AppConfig):
    name = "csphub.powers"
    label = "powers"
    verbose_name = "ASB tools and powers"

    def ready(self) -> None:
        from csphub.agencies.policies import register_child
        from csphub.frontend.registry import (
            CaseSection,
            HomePanel,
            NavItem,
            register_case_section,
            register_home_panel,
            register_nav,
        )
        from csphub.powers import models, sections

        # A power is part of its case: visible exactly when the case is.
        register_child(models.PowerUse, parent_field="case")
        register_child(models.PowerEvent, parent_field="power")

        register_nav(NavItem("Powers", "powers:list", sections.nav_visible, order=25))
        register_home_panel(
            HomePanel(
                "Tools and powers: dates in the next 14 days",
                "powers/home_panel.html",
                sections.home_context,
                order=20,
            )
        )
        register_case_section(
            CaseSection(
                "Tools and powers", "powers/case_section.html", sections.case_section_context, order=30
            )
        )
