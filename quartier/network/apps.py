from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "quartier.network"
    label = "network"
    verbose_name = _("Network analysis")

    def ready(self) -> None:
        from quartier.network import rules  # noqa: F401
