from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompassConfig(AppConfig):
    name = "quartier.compass"
    label = "compass"
    verbose_name = _("Tension compass")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from quartier.core.models import Municipality

        post_save.connect(
            _default_fields_for_new_municipality,
            sender=Municipality,
            dispatch_uid="compass_default_fields",
        )


def _default_fields_for_new_municipality(
    sender: object, instance: object, created: bool, raw: bool = False, **kwargs: object
) -> None:
    """Every new municipality starts with the five tension fields of the seed."""
    if created and not raw:
        from quartier.compass.services import default_fields_ensure

        default_fields_ensure(municipality=instance)
