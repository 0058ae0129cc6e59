from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompassConfig(AppConfig):
    name = "quartier.compass"
    label = "compass"
    verbose_name = _("Tension compass")
