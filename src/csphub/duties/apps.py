from django.apps import AppConfig


class DutiesConfig(AppConfig):
    name = "csphub.duties"
    label = "duties"
    verbose_name = "Statutory duty registers"

    def ready(self) -> None:
        from csphub.agencies.policies import (
            Compartment,
            register_child,
            register_compartment,
            register_compartment_membership,
        )
        from csphub.duties import models, sections
        from csphub.duties.selectors.compartments import compartments_of
        from csphub.frontend.registry import (
            CaseSection,
            HomePanel,
            NavItem,
            PersonSection,
            register_case_section,
            register_home_panel,
            register_nav,
            register_person_section,
        )

        register_compartment_membership(compartments_of)
        # Each agency's duty to notify is its own: members see their own agency's concerns.
        register_compartment(models.SlaveryConcern, Compartment.MODERN_SLAVERY, across_agencies=False)
        # Prevent and Channel: a multi-agency panel, so members in every agency see its records.
        register_compartment(models.PreventReferral, Compartment.PREVENT, across_agencies=True)
        register_compartment(models.ChannelCase, Compartment.PREVENT, across_agencies=True)
        register_child(models.ChannelReview, parent_field="channel_case")
        register_nav(NavItem("Prevent", "duties:prevent_list", sections.prevent_nav_visible, order=86))
        register_home_panel(
            HomePanel(
                "Prevent and Channel", "duties/prevent/home_panel.html", sections.prevent_home, order=23
            )
        )
        register_nav(NavItem("Modern slavery", "duties:slavery_list", sections.slavery_nav_visible, order=85))
        register_home_panel(
            HomePanel(
                "Modern slavery notifications due",
                "duties/slavery/home_panel.html",
                sections.slavery_home,
                order=22,
            )
        )
        register_case_section(
            CaseSection(
                "Modern slavery", "duties/slavery/case_section.html", sections.slavery_case_section, order=60
            )
        )
        register_person_section(
            PersonSection(
                "Modern slavery",
                "duties/slavery/person_section.html",
                sections.slavery_person_section,
                order=60,
            )
        )

        # The partnership registers (s.17, s.17A, scrutiny, Community Remedy) and the deadlines page.
        from csphub.duties import deadlines
        from csphub.duties.selectors import deadlines as providers

        register_child(models.CommunityResolution, parent_field="case")
        # No menu items: the menu must fit one row at 1280 px for coordinators. The registers are
        # reached from the "Partnership duties" home panel, the full deadlines page from "Your deadlines".
        register_home_panel(
            HomePanel(
                "Partnership duties",
                "duties/partnership/home_links.html",
                lambda user: {"shown": True} if sections.partnership_nav_visible(user) else None,
                order=88,
            )
        )
        register_home_panel(
            HomePanel(
                "Your deadlines", "duties/partnership/home_panel.html", sections.deadlines_home, order=5
            )
        )
        register_case_section(
            CaseSection(
                "Community resolution",
                "duties/partnership/case_section.html",
                sections.remedy_case_section,
                order=61,
            )
        )
        deadlines.register_provider("s17a_returns", providers.s17a_returns)
        deadlines.register_provider("scrutiny_responses", providers.scrutiny_responses)
        deadlines.register_provider("case_tasks", providers.case_tasks, remind=False)
        deadlines.register_provider("case_review_clocks", providers.case_review_clocks)
        deadlines.register_provider("power_dates", providers.power_dates)
        deadlines.register_provider("plan_actions", providers.plan_actions)
        # Domestic Homicide Reviews: a multi-agency review panel, so members in every agency see it.
        from csphub.duties.selectors import compartments as compartment_pages
        from csphub.duties.selectors import dhr, svd

        register_compartment(
            models.DomesticHomicideReview, Compartment.DOMESTIC_HOMICIDE_REVIEW, across_agencies=True
        )
        register_child(models.DhrPanelMember, parent_field="review")
        register_child(models.DhrExtension, parent_field="review")
        register_child(models.DhrRecommendation, parent_field="review")
        register_child(models.DhrAction, parent_field="recommendation")
        register_child(models.DhrPseudonym, parent_field="review")
        from csphub.duties.deadlines import register_provider

        register_provider("dhr", dhr.upcoming_deadlines)
        register_provider("svd", svd.upcoming_deadlines)
        # No menu item: knowing whether the user is a member costs a query on every page (the page
        # budgets); members reach the register from their home panel.
        register_home_panel(
            HomePanel("Domestic Homicide Reviews", "duties/dhr/home_panel.html", dhr.home_panel, order=24)
        )
        # The menu is full at 1280 px for coordinators: the duty's holders open it from their home page.
        register_home_panel(
            HomePanel("Serious Violence Duty", "duties/svd/home_panel.html", svd.home_panel, order=25)
        )
        register_nav(
            NavItem(
                "Restricted registers",
                "duties:compartment_list",
                compartment_pages.manage_nav_visible,
                order=92,
            )
        )
