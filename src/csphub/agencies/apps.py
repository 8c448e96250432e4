from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "csphub.agencies"
    label = "agencies"
    verbose_name = "Agencies and information sharing"
