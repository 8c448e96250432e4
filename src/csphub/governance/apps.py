from typing import Any

from django.apps import AppConfig


def _handles_data_protection(user: Any) -> bool:
    from csphub.agencies.policies import Capability
    from csphub.core.actor import as_actor

    actor = as_actor(user)
    return actor is not None and actor.policy.has_capability(Capability.MANAGE_DATA_PROTECTION)


class GovernanceConfig(AppConfig):
    name = "csphub.governance"
    label = "governance"
    verbose_name = "Records governance"

    def ready(self) -> None:
        from csphub.frontend.registry import NavItem, register_nav

        register_nav(
            NavItem("Data protection", "dataprotection:requests", _handles_data_protection, order=95)
        )
