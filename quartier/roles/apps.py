from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    name = "quartier.roles"
    label = "roles"
    verbose_name = _("Role profiles and qualification")

    def ready(self) -> None:
        from quartier.roles.worklist import register as register_worklist

        register_worklist()
