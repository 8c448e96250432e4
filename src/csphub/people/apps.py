from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "csphub.people"
    label = "people"
    verbose_name = "People and addresses"

    def ready(self) -> None:
        from csphub.agencies.policies import Action, role_allows
        from csphub.frontend.registry import NavItem, register_nav

        register_nav(
            NavItem(
                "People",
                "people:list",
                lambda user: role_allows(user, Action.VIEW) or role_allows(user, Action.VIEW_AUDIT),
                order=30,
            )
        )
