"""Translations of content (issue 20, docs/languages.md).

One generic row per (object, field, language): what a coordinator or a volunteer
translator wrote. The original stays untouched and is always shown; a translation is
marked as such, with who made it. Which models and fields can be translated is
declared by each app in its own `translatable.py` (quartier/translations/registry.py).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TenantModel, TenantQuerySet
from quartier.core.predicates import municipality_of


def object_lookup(obj: models.Model) -> dict[str, Any]:
    """The columns that name an object's translations and requests: its
    municipality first (the distribution key, core/tenancy.py), then content type
    and id, as the unique constraints below."""
    return {
        "municipality": municipality_of(obj),
        "content_type": ContentType.objects.get_for_model(obj),
        "object_id": str(obj.pk),
    }


class ContentTranslationQuerySet(TenantQuerySet):
    def of_object(self, obj: models.Model) -> ContentTranslationQuerySet:
        return self.filter(**object_lookup(obj))


class ContentTranslation(TenantModel):
    """The text of one field of one object in one language ("Übersetzung")."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    # Text: offerings and places have UUIDs, the others integers.
    object_id = models.CharField(max_length=40)
    field = models.CharField(_("field"), max_length=60)
    language = models.CharField(_("language"), max_length=8)
    text = models.TextField(_("translation"))
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("translated by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContentTranslationQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "municipality",
                    "content_type",
                    "object_id",
                    "field",
                    "language",
                ],
                name="one_translation_per_field_and_language",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]


class TranslationRequestQuerySet(TenantQuerySet):
    def open(self) -> TranslationRequestQuerySet:
        return self.filter(done_at__isnull=True)


class TranslationRequest(TenantModel):
    """ "Übersetzung gewünscht": someone asks for an object in a language."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    # Text: offerings and places have UUIDs, the others integers.
    object_id = models.CharField(max_length=40)
    language = models.CharField(_("language"), max_length=8)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested on"), auto_now_add=True)
    done_at = models.DateTimeField(_("translated on"), null=True, blank=True)

    objects = TranslationRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation request")
        verbose_name_plural = _("translation requests")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "content_type", "object_id", "language"],
                condition=models.Q(done_at__isnull=True),
                name="one_open_translation_request",
            )
        ]
