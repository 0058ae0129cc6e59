from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "quartier.impact"
    label = "impact"
    verbose_name = _("Goals and impact")

    def ready(self) -> None:
        from quartier.impact import rules  # noqa: F401
        from quartier.impact.links import register_link_kinds

        register_link_kinds()
