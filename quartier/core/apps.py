from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "quartier.core"
    label = "core"
    verbose_name = _("Municipalities and neighbourhoods")

    def ready(self) -> None:
        from quartier.core.retention import register_core_rules

        register_core_rules()

        # Managers of tenant tables add the request's municipality when
        # TENANT_QUERY_SCOPING is on (docs/operations.md, "Distributed database").
        from quartier.core.tenancy import scope_managers

        scope_managers()
