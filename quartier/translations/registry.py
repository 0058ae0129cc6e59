"""Which content can be translated: one registry, filled by each app's
`translatable.py` (discovered by module name, like core/indicator_sources.py).

An app declares a model, its translatable fields (and which of them are rich text,
sanitised like the original with core/sanitize.py), the permission that lets a
person read an object (the gate's view permission by default) and the language the
original is written in (a field such as Contribution.language, else German). Who may
translate is the same for every kind: the coordination and the volunteer translators
of the object's municipality (translations/rules.py), unless a kind names its own
permission. translations/tests/test_registry.py walks the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Translatable:
    model: type[models.Model]
    fields: tuple[str, ...]
    rich_fields: tuple[str, ...] = ()
    # The permission to translate it (checked with the object).
    translate_perm: str = "translations.translate"
    # The model field holding the original's language ("" = German).
    language_field: str = ""
    # False: the original's language is not recorded (comments): it may be any
    # language, so a translation into any language is allowed.
    language_recorded: bool = True
    # Where the object is shown (None: its get_absolute_url).
    url: Callable[[Any], str] | None = None
    # Shown in a list on another object's page (a contribution's comments), with
    # {% inline_translations %} instead of a panel of its own.
    inline: bool = False

    @property
    def key(self) -> str:
        return f"{self.model._meta.app_label}.{self.model._meta.model_name}"

    def url_of(self, obj: models.Model) -> str:
        if self.url is not None:
            return self.url(obj)
        return str(obj.get_absolute_url())  # type: ignore[attr-defined]

    def original_language(self, obj: models.Model) -> str:
        """The original's language code; "" when the kind does not record it."""
        if not self.language_recorded:
            return ""
        if self.language_field:
            return str(getattr(obj, self.language_field) or settings.LANGUAGE_CODE)
        return settings.LANGUAGE_CODE

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    def label(self, name: str) -> str:
        field = self.model._meta.get_field(name)
        return str(getattr(field, "verbose_name", name))


_KINDS: dict[str, Translatable] = {}
_discovered = False


def register(*kinds: Translatable) -> None:
    for kind in kinds:
        for name in (*kind.fields, *kind.rich_fields):
            kind.model._meta.get_field(name)  # fails early on a typo
        if not set(kind.rich_fields) <= set(kind.fields):
            raise ValueError(f"{kind.key}: rich fields must be among the fields")
        _KINDS[kind.key] = kind


def _discover() -> None:
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("translatable")


def kinds() -> list[Translatable]:
    _discover()
    return sorted(_KINDS.values(), key=lambda k: k.key)


def get(key: str) -> Translatable | None:
    _discover()
    return _KINDS.get(key)


def for_model(model: type[models.Model]) -> Translatable | None:
    return get(f"{model._meta.app_label}.{model._meta.model_name}")
