from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "quartier.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self) -> None:
        from quartier.learning import year_sums
        from quartier.learning.worklist import register as register_worklist

        register_worklist()
        year_sums.connect()
