from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "quartier.support"
    label = "support"
    verbose_name = _("Quartiers-Check and support")

    def ready(self) -> None:
        from quartier.support import rules  # noqa: F401
