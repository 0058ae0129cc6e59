from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReflectionsConfig(AppConfig):
    name = "quartier.reflections"
    label = "reflections"
    verbose_name = _("Reflections")

    def ready(self) -> None:
        from quartier.reflections import rules  # noqa: F401
        from quartier.reflections.links import register_link_kinds

        register_link_kinds()
