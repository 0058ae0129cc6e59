"""Writes of the translations app: save a translation, ask for one."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.models import Municipality
from quartier.core.predicates import municipality_of
from quartier.core.sanitize import clean_html
from quartier.core.services import ensure_allowed, record_action
from quartier.translations import registry
from quartier.translations.models import (
    ContentTranslation,
    TranslationRequest,
    object_lookup,
)


def _kind(obj: models.Model) -> registry.Translatable:
    kind = registry.for_model(type(obj))
    if kind is None:
        raise ValidationError(_("This content cannot be translated."))
    return kind


def _municipality(obj: models.Model) -> Municipality:
    municipality = municipality_of(obj)
    if municipality is None:
        raise ValidationError(_("This content cannot be translated."))
    return municipality


def _language(kind: registry.Translatable, obj: models.Model, language: str) -> str:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Please choose one of the languages.")})
    if language == kind.original_language(obj):
        raise ValidationError(
            {"language": _("The original is already written in this language.")}
        )
    return language


@transaction.atomic
def translation_save(
    *, by: Any, obj: models.Model, language: str, texts: dict[str, str]
) -> list[ContentTranslation]:
    """Store the translation of the object's fields into `language` (an empty field
    removes its translation); rich text is sanitised like the original. Closes an
    open request for this language."""
    kind = _kind(obj)
    ensure_allowed(by, kind.translate_perm, obj)
    _language(kind, obj, language)
    municipality = _municipality(obj)
    of_object = object_lookup(obj)
    saved = []
    for name in kind.fields:
        text = (texts.get(name) or "").strip()
        if name in kind.rich_fields:
            text = clean_html(text).strip()
        lookup: dict[str, Any] = {**of_object, "field": name, "language": language}
        if not text:
            ContentTranslation.objects.filter(**lookup).delete()
            continue
        row, _created = ContentTranslation.objects.update_or_create(
            **lookup, defaults={"text": text, "translator": by}
        )
        saved.append(row)
    if not saved:
        raise ValidationError(_("Please translate at least one field."))
    TranslationRequest.objects.open().filter(**of_object, language=language).update(
        done_at=timezone.now()
    )
    record_action(by, municipality, "translations.translate", obj)
    return saved


@transaction.atomic
def translation_request(*, by: Any, obj: models.Model, language: str) -> bool:
    """Ask for a translation ("Übersetzung gewünscht"); False when one is already
    open or the translation exists."""
    kind = _kind(obj)
    ensure_allowed(by, "translations.request", obj)
    _language(kind, obj, language)
    _municipality(obj)
    lookup: dict[str, Any] = {**object_lookup(obj), "language": language}
    if ContentTranslation.objects.filter(**lookup).exists():
        return False
    if TranslationRequest.objects.open().filter(**lookup).exists():
        return False
    TranslationRequest.objects.create(**lookup, requested_by=by)
    return True
