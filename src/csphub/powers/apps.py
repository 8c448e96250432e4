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
            PersonSection,
            register_case_section,
            register_home_panel,
            register_nav,
            register_person_section,
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

        register_person_section(
            PersonSection(
                "Tools and powers", "powers/person_section.html", sections.person_section_context, order=30
            )
        )
        # "Who has seen this person": a notice or order names its recipient, and its letter too.
        from csphub.people.registry import PersonRecords, register_person_records

        register_person_records(
            PersonRecords("Tool or power", lambda person: models.PowerUse.objects.filter(recipient=person))
        )

        from csphub.audit.records import register_record_reference
        from csphub.powers.rules import POWER_REFERENCE_PREFIXES, Power

        # Today's short prefixes ("CN-00016") and the long ones shown before ("CLOSURE-NOTICE-00016"),
        # which older task titles and notes still quote (sorted: the same pattern on every start).
        prefixes = "|".join(
            sorted(
                {*POWER_REFERENCE_PREFIXES.values(), *(p.value.upper().replace("_", "-") for p in Power)},
                key=len,
                reverse=True,
            )
        )
        register_record_reference(rf"(?:{prefixes})-0*(\d+)", models.PowerUse, "CPW-00012")
