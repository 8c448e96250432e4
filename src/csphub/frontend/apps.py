from django.apps import AppConfig


class FrontendConfig(AppConfig):
    name = "csphub.frontend"
    label = "frontend"
    verbose_name = "Pages"
