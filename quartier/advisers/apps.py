from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisersConfig(AppConfig):
    name = "quartier.advisers"
    label = "advisers"
    verbose_name = _("Advisory service (Fachberatung)")

    def ready(self) -> None:
        from quartier.advisers import rules  # noqa: F401
        from quartier.advisers.retention import register as register_retention

        register_retention()
