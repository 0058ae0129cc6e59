from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _home_leitbild(request: Any) -> dict[str, Any]:
    from quartier.glossary.models import LeitbildVersion

    current = LeitbildVersion.objects.filter(municipality=request.municipality).first()
    return {"leitbild": current}


class GlossaryConfig(AppConfig):
    name = "quartier.glossary"
    label = "glossary"
    verbose_name = _("Glossary and Leitbild")

    def ready(self) -> None:
        from quartier.core.modules import HOME_SECTIONS, HomeSection

        HOME_SECTIONS.append(
            HomeSection("glossary/_home_leitbild.html", _home_leitbild)
        )
