from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "quartier.legal"
    label = "legal"
    verbose_name = _("Legal pages")

    def ready(self) -> None:
        from quartier.legal.retention import register as register_retention
        from quartier.legal.worklist import register as register_worklist

        register_retention()
        register_worklist()
