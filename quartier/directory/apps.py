from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _create_default_terms(sender, instance, created, raw=False, **kwargs):  # type: ignore[no-untyped-def]
    if created and not raw:
        from quartier.directory.defaults import ensure_default_terms

        ensure_default_terms(instance)


class DirectoryConfig(AppConfig):
    name = "quartier.directory"
    label = "directory"
    verbose_name = _("Offerings and places")

    def ready(self) -> None:
        from quartier.core.models import Municipality

        post_save.connect(
            _create_default_terms,
            sender=Municipality,
            dispatch_uid="directory_default_terms",
        )
