from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "quartier.funds"
    label = "funds"
    verbose_name = _("Neighbourhood funds")

    def ready(self) -> None:
        from quartier.funds.worklist import register as register_worklist

        register_worklist()
        from quartier.funds.retention import register as register_retention

        register_retention()
