from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "quartier.opendata"
    label = "opendata"
    verbose_name = _("Open data")

    def ready(self) -> None:
        from quartier.core.modules import MODULES, Module
        from quartier.opendata import rules  # noqa: F401

        card = Module(
            _("Open data"),
            _(
                "The public data of the neighbourhood work to download and reuse: "
                "decisions, contributions, meetings, offerings and more."
            ),
            "opendata:index",
        )
        # Among the cards for everyone, before the administrative ones.
        at = next(
            (i for i, m in enumerate(MODULES) if m.url_name == "hsds:import"),
            len(MODULES),
        )
        if card not in MODULES:
            MODULES.insert(at, card)
