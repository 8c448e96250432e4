from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "csphub.accounts"
    label = "accounts"
    verbose_name = "Sign-in and two-factor authentication"

    def ready(self) -> None:
        from csphub.accounts import receivers  # noqa: F401
        from csphub.accounts.views import notifications_home_context
        from csphub.agencies.policies import Capability, has_capability
        from csphub.frontend.registry import HomePanel, NavItem, register_home_panel, register_nav

        register_nav(
            NavItem(
                "Staff accounts",
                "accounts:users",
                lambda u: has_capability(u, Capability.MANAGE_USERS),
                order=90,
            )
        )
        register_nav(NavItem("Role requests", "accounts:role_grants", _approves_roles, order=91))
        register_home_panel(
            HomePanel(
                "Notifications", "accounts/home_notifications.html", notifications_home_context, order=5
            )
        )
        register_nav(
            NavItem(
                "Audit search",
                "accounts:audit_search",
                # Administrators in the menu; a coordinator's menu is full (one row at 1280 px), so
                # they reach it from Role requests and from "Who has seen this person".
                lambda u: (
                    has_capability(u, Capability.VIEW_AUDIT_LOG)
                    and has_capability(u, Capability.MANAGE_USERS)
                ),
                order=92,
            )
        )


def _approves_roles(user: object) -> bool:
    from csphub.agencies.models import Role
    from csphub.agencies.policies import acting_membership

    membership = acting_membership(user)  # type: ignore[arg-type]  # nav hooks are called with request.user
    return membership is not None and membership.role in (Role.ADMINISTRATOR, Role.PARTNERSHIP_COORDINATOR)
