from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "csphub.agencies"
    label = "agencies"
    verbose_name = "Agencies and information sharing"

    def ready(self) -> None:
        from csphub.agencies.policies import Policy, acting_membership
        from csphub.agencies.selectors import partnership_for
        from csphub.core.actor import register_agencies, register_partnerships

        register_agencies(policy=Policy, acting_membership=acting_membership)
        register_partnerships(partnership_for)
