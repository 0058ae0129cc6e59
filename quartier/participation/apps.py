from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "quartier.participation"
    label = "participation"
    verbose_name = _("Participation")

    def ready(self) -> None:
        from quartier.participation import rules, signals  # noqa: F401
        from quartier.participation.links import register_link_kinds
        from quartier.participation.worklist import register as register_worklist

        register_link_kinds()
        register_worklist()
        from quartier.participation.retention import register as register_retention

        register_retention()
        from quartier.participation.counters import connect as connect_counters

        connect_counters()
