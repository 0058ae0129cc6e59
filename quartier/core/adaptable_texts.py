"""Adaptable texts: the texts a reflection may change (issue 15, R9).

A reflection's "Was nun?" item is either a decision of the decisions register or a
change to a text that steers the work: a forum's mandate, an initiative's plan, a
fund's rules. Each app offers such texts in its own `adaptable.py` (forums,
initiatives, funds); the registry imports those modules by name once (like Django's
admin.py), so core and the reflections app never import the apps, and a new module
joins by adding the file.

A registered text has a key ("<app>.<Model>.<field>"), a label, the object's view
permission, the permission that allows changing the text (a rule name, checked on
the object), the choices a person may change in a municipality, and `write(by=,
obj=, text=)`: the app's own service that writes the new text (with its checks and
history), so a reflection changes nothing the app's own form could not.
reflections/services.py keeps the dated change log (before, after, reason, who,
when); `{% change_log obj %}` (reflections/templatetags/change_log.py) shows it on
the object's page. reflections/tests/test_text_adaptations.py walks the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class AdaptableText:
    key: str  # "<app_label>.<Model>.<field>", unique
    model: type[models.Model]
    field: str
    label: Any  # lazy translated, e.g. "Mandate of a forum"
    view_perm: str  # to see the object
    change_perm: str  # to change the text (checked on the object)
    # The objects `user` may change in `municipality`: choices(user, municipality).
    choices: Callable[[Any, Any], models.QuerySet[Any]]
    # Write the new text through the app's service: write(by=, obj=, text=).
    write: Callable[..., Any]
    # True when the field holds cleaned HTML (rich text), False for plain text.
    html: bool = False
    describe: Callable[[Any], str] = str

    def current(self, obj: Any) -> str:
        return str(getattr(obj, self.field) or "")


_TEXTS: dict[str, AdaptableText] = {}
_discovered = False


def register(*texts: AdaptableText) -> None:
    """Add an app's adaptable texts (called when its `adaptable` module is imported)."""
    for text in texts:
        expected = f"{text.model._meta.label}.{text.field}"
        if text.key != expected:
            raise ValueError(f"{text.key}: the key must be {expected}")
        text.model._meta.get_field(text.field)  # fails early on a typo
        _TEXTS[text.key] = text


def _discover() -> None:
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("adaptable")


def texts() -> list[AdaptableText]:
    """Every registered adaptable text, by key."""
    _discover()
    return sorted(_TEXTS.values(), key=lambda t: t.key)


def get(key: str) -> AdaptableText | None:
    _discover()
    return _TEXTS.get(key)


def texts_of(model: type[models.Model]) -> list[AdaptableText]:
    """The adaptable texts of one model (a page's change log covers all of them)."""
    return [t for t in texts() if t.model is model]
