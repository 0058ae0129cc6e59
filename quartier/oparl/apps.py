from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OparlConfig(AppConfig):
    name = "quartier.oparl"
    label = "oparl"
    verbose_name = _("Council information system (OParl)")

    def ready(self) -> None:
        from quartier.oparl import rules  # noqa: F401
        from quartier.oparl.links import register_link_kinds

        register_link_kinds()
