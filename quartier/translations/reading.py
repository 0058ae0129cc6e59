"""What a reader sees of an object's translations (the template tags and the queue)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import get_language_info

from quartier.core.probe import value_of
from quartier.translations.models import ContentTranslation


def language_name(code: str) -> str:
    """A language named in itself ("Türkçe"); Django's name for the others."""
    names = dict(settings.LANGUAGES)
    if code in names:
        return str(names[code])
    try:
        return str(get_language_info(code)["name_local"])
    except KeyError:
        return code


@dataclass
class Version:
    language: str
    name: str
    # (label, text, is rich text), in the order of the registry
    fields: list[tuple[str, str, bool]]
    translator: Any
    updated_at: Any


def has_translations(kind: Any, obj: models.Model) -> bool:
    """Whether `obj` has any translation at all: one small query written out
    (core/probe.py: about 0.02 ms of CPU, where building the ORM query of
    `versions` costs 0.3–0.9 ms), so that the panel of an object without
    translations, most of them, reads nothing more. Asked on every request, never
    kept. The row's municipality key is part of the condition (tenant tables);
    without one it answers True and the full read decides."""
    municipality_id = (
        obj.pk
        if obj._meta.label == "core.Municipality"
        else getattr(obj, "municipality_id", None)
    )
    if municipality_id is None:
        return True
    found = value_of(
        ContentTranslation,
        "pk",
        municipality=municipality_id,
        content_type=ContentType.objects.get_for_model(kind.model).pk,
        object_id=str(obj.pk),
    )
    return found is not None


def versions(kind: Any, obj: models.Model) -> dict[str, Version]:
    """The translations of `obj`, one Version per language (one query)."""
    return versions_of_many(kind, [obj]).get(str(obj.pk), {})


def versions_of_many(
    kind: Any, objs: Iterable[models.Model]
) -> dict[str, dict[str, Version]]:
    """The translations of several objects of one kind, by the object's pk (as
    text) and language: one query for all of them (the comments of a page)."""
    ids = [str(obj.pk) for obj in objs]
    if not ids:
        return {}
    rows = (
        ContentTranslation.objects.filter(
            content_type=ContentType.objects.get_for_model(kind.model),
            object_id__in=ids,
        )
        .select_related("translator")
        .order_by("object_id", "language", "field")
    )
    found: dict[str, dict[str, dict[str, ContentTranslation]]] = {}
    for row in rows:
        found.setdefault(row.object_id, {}).setdefault(row.language, {})[row.field] = (
            row
        )
    return {
        object_id: {
            language: _version(kind, language, fields)
            for language, fields in sorted(by_language.items())
        }
        for object_id, by_language in found.items()
    }


def _version(
    kind: Any, language: str, fields: dict[str, ContentTranslation]
) -> Version:
    latest = max(fields.values(), key=lambda r: r.updated_at)
    return Version(
        language=language,
        name=language_name(language),
        fields=[
            (kind.label(name), fields[name].text, name in kind.rich_fields)
            for name in kind.fields
            if name in fields
        ],
        translator=latest.translator,
        updated_at=latest.updated_at,
    )
