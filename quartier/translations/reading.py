"""What a reader sees of an object's translations (the template tag and the queue)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import get_language_info

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


def versions(kind: Any, obj: models.Model) -> dict[str, Version]:
    """The translations of `obj`, one Version per language (one query)."""
    rows = (
        ContentTranslation.objects.of_object(obj)
        .select_related("translator")
        .order_by("language", "field")
    )
    by_language: dict[str, dict[str, ContentTranslation]] = {}
    for row in rows:
        by_language.setdefault(row.language, {})[row.field] = row
    result = {}
    for language, fields in sorted(by_language.items()):
        latest = max(fields.values(), key=lambda r: r.updated_at)
        result[language] = Version(
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
    return result
