from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "quartier.topics"
    label = "topics"
    verbose_name = _("Topics in free text")

    def ready(self) -> None:
        from quartier.topics import rules  # noqa: F401
