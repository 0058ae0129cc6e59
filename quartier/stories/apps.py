from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "quartier.stories"
    label = "stories"
    verbose_name = _("Stories")

    def ready(self) -> None:
        from quartier.stories import processing, rules  # noqa: F401
        from quartier.stories.retention import register as register_retention
        from quartier.stories.worklist import register as register_worklist

        register_worklist()
        from quartier.stories.links import register_link_kinds

        register_link_kinds()
        register_retention()
