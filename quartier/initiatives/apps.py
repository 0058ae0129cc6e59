from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "quartier.initiatives"
    label = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from quartier.initiatives import rules  # noqa: F401
        from quartier.initiatives.links import register_link_kinds
        from quartier.initiatives.worklist import register as register_worklist

        register_link_kinds()
        register_worklist()

        from quartier.core.modules import NEIGHBORHOOD_SECTIONS, NeighborhoodSection
        from quartier.initiatives.views.public import initiatives_here

        NEIGHBORHOOD_SECTIONS.append(
            NeighborhoodSection(
                "initiatives/_neighborhood_section.html", initiatives_here
            )
        )
