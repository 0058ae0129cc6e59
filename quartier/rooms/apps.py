from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomsConfig(AppConfig):
    name = "quartier.rooms"
    label = "rooms"
    verbose_name = _("Rooms")

    def ready(self) -> None:
        from quartier.rooms.worklist import register as register_worklist

        register_worklist()
        from quartier.rooms.retention import register as register_retention

        register_retention()
