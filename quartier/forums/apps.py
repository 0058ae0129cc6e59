from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "quartier.forums"
    label = "forums"
    verbose_name = _("Negotiation spaces")

    def ready(self) -> None:
        from quartier.forums.retention import register as register_retention
        from quartier.forums.worklist import register as register_worklist

        register_worklist()
        register_retention()
