from django.apps import AppConfig


class PowersConfig(AppConfig):
    name = "csphub.powers"
    label = "powers"
    verbose_name = "ASB tools and powers"

    def ready(self) -> None:
        from csphub.agencies.policies import register_child
        from csphub.powers import models

        # A power is part of its case: visible exactly when the case is.
        register_child(models.PowerUse, parent_field="case")
        register_child(models.PowerEvent, parent_field="power")
