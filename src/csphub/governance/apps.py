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
        from csphub.frontend.registry import HomePanel, register_home_panel

        # A home panel, not a menu item: the menu must fit one row at 1280 px for coordinators.
        register_home_panel(
            HomePanel("Data protection", "governance/staff/home_panel.html", _data_protection_panel, order=90)
        )


def _configures_public_pages(user: Any) -> bool:
    from csphub.agencies.policies import Capability
    from csphub.core.actor import as_actor

    actor = as_actor(user)
    return actor is not None and actor.policy.has_capability(Capability.CONFIGURE_PUBLIC_PAGES)


def _data_protection_panel(user: Any) -> dict[str, object] | None:
    handles, configures = _handles_data_protection(user), _configures_public_pages(user)
    if not (handles or configures):
        return None
    return {"handles_requests": handles, "configures_public_pages": configures}
