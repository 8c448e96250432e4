from django.apps import AppConfig


class FrontendConfig(AppConfig):
    name = "csphub.frontend"
    label = "frontend"
    verbose_name = "Pages"

    def ready(self) -> None:
        from csphub.frontend.registry import NavItem, register_nav

        # Last in the menu, for every signed-in member of staff.
        register_nav(NavItem("Help", "frontend:help", lambda user: user.is_authenticated, order=99))
