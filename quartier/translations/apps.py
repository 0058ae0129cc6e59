from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "quartier.translations"
    label = "translations"
    verbose_name = _("Translations")

    def ready(self) -> None:
        from quartier.translations import rules  # noqa: F401
        from quartier.translations.worklist import register as register_worklist

        register_worklist()
