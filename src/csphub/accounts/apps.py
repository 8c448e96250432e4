from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "csphub.accounts"
    label = "accounts"
    verbose_name = "Sign-in and two-factor authentication"

    def ready(self) -> None:
        from csphub.accounts import receivers  # noqa: F401
