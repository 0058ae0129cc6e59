"""Room for a self-hosted machine translation later (docs/languages.md).

A provider proposes a draft that a person then checks and saves; nothing is
published without a person. Only the manual provider exists: it proposes nothing,
and Quartier never calls a third-party service. A future provider (e.g. a
LibreTranslate or Bergamot instance run by the municipality's IT) implements
`TranslationProvider` and is named in the setting TRANSLATION_PROVIDER.
"""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class TranslationProvider(Protocol):
    def suggest(self, text: str, *, source: str, target: str) -> str | None:
        """A draft translation of `text`, or None when there is none."""
        ...


class ManualProvider:
    """People translate; no draft."""

    def suggest(self, text: str, *, source: str, target: str) -> str | None:
        return None


def provider() -> TranslationProvider:
    path = getattr(
        settings,
        "TRANSLATION_PROVIDER",
        "quartier.translations.providers.ManualProvider",
    )
    return import_string(path)()
