from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "csphub.governance"
    label = "governance"
    verbose_name = "Records governance"
