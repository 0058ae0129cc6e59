"""The audit log in words: a label for every action code and a name for every object.

Entries store codes (`funds.manage_jury`, `forums.save_meeting`) and, for refused
access, the object as `Fund:1`. This registry turns them into what an admin reads:
"Jury verwalten" and "Quartiersfonds „Nachbarschaftsfonds 2026“".

- Apps contribute labels in a module `<app>/audit_labels.py` that calls
  `register_labels()` (found like Django's admin.py modules).
- A code nobody registered is composed from its parts when both are known: the
  verb (`VERBS`) and the app's model named after it (`forums.save_meeting` →
  "Sitzung: speichern"); `forums.meeting_cancelled` → "Sitzung: abgesagt".
- core/tests/test_audit_labels.py collects every code that can be written (every
  permission of django-rules, every `record_action` code in the source, archive and
  restore of every archivable model) and requires a label for each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.module_loading import autodiscover_modules
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

_LABELS: dict[str, Any] = {}

# The verbs of Quartier's permission and action codes, as an admin reads them.
VERBS: dict[str, Any] = {
    "add": pgettext_lazy("audit", "create"),
    "change": pgettext_lazy("audit", "change"),
    "view": pgettext_lazy("audit", "view"),
    "delete": pgettext_lazy("audit", "delete"),
    "archive": pgettext_lazy("audit", "archive"),
    "restore": pgettext_lazy("audit", "restore"),
    "save": pgettext_lazy("audit", "save"),
    "publish": pgettext_lazy("audit", "publish"),
    "approve": pgettext_lazy("audit", "approve"),
    "reject": pgettext_lazy("audit", "reject"),
    "decline": pgettext_lazy("audit", "decline"),
    "accept": pgettext_lazy("audit", "accept"),
    "cancel": pgettext_lazy("audit", "cancel"),
    "close": pgettext_lazy("audit", "close"),
    "open": pgettext_lazy("audit", "open"),
    "decide": pgettext_lazy("audit", "decide on"),
    "manage": pgettext_lazy("audit", "manage"),
    "remove": pgettext_lazy("audit", "remove"),
    "record": pgettext_lazy("audit", "record"),
    "revoke": pgettext_lazy("audit", "revoke"),
    "export": pgettext_lazy("audit", "export"),
    "moderate": pgettext_lazy("audit", "moderate"),
    "answer": pgettext_lazy("audit", "answer"),
    "book": pgettext_lazy("audit", "book"),
    "confirm": pgettext_lazy("audit", "confirm"),
    "import": pgettext_lazy("audit", "import"),
    "edit": pgettext_lazy("audit", "edit"),
    "set": pgettext_lazy("audit", "set"),
    "support": pgettext_lazy("audit", "support"),
    "report": pgettext_lazy("audit", "report"),
    "register": pgettext_lazy("audit", "register for"),
    "apply": pgettext_lazy("audit", "apply for"),
    "vote": pgettext_lazy("audit", "vote on"),
    "precheck": pgettext_lazy("audit", "pre-check"),
    "pay": pgettext_lazy("audit", "pay out"),
    "comment": pgettext_lazy("audit", "comment on"),
    "propose": pgettext_lazy("audit", "propose"),
    "review": pgettext_lazy("audit", "review"),
}
# Past participles for codes that say what happened to an object (`meeting_held`).
STATES: dict[str, Any] = {
    "planned": pgettext_lazy("audit", "planned again"),
    "held": pgettext_lazy("audit", "marked as held"),
    "cancelled": pgettext_lazy("audit", "cancelled"),
}


_discovered = False


def register_labels(labels: Mapping[str, Any]) -> None:
    """Labels (gettext_lazy) for action or permission codes of one app."""
    _LABELS.update(labels)


def _discover() -> None:
    """Import every app's `audit_labels` module once (like Django's admin.py):
    each registers its labels, so core never imports the apps."""
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("audit_labels")


def _model(app_label: str, name: str) -> type[models.Model] | None:
    try:
        config = apps.get_app_config(app_label)
    except LookupError:
        return None
    for model in config.get_models():
        if model._meta.model_name == name.replace("_", ""):
            return model
    return None


def _composed(code: str) -> str | None:
    app_label, _dot, rest = code.partition(".")
    verb, _sep, noun = rest.partition("_")
    model = _model(app_label, noun) if noun else None
    if model is not None and verb in VERBS:
        return f"{capfirst(model._meta.verbose_name)}: {VERBS[verb]}"
    # `<model>_<state>`: forums.meeting_held
    noun, _sep, state = rest.rpartition("_")
    model = _model(app_label, noun) if noun else None
    if model is not None and state in STATES:
        return f"{capfirst(model._meta.verbose_name)}: {STATES[state]}"
    return None


def action_label(code: str) -> str | None:
    """What the code means in words; None when nobody said."""
    _discover()
    if code in _LABELS:
        return str(_LABELS[code])
    label = _composed(code)
    return str(label) if label else None


def readable_action(code: str) -> str:
    """The label, or the code itself (never an empty cell)."""
    return action_label(code) or code


def _model_by_class_name() -> dict[str, type[models.Model]]:
    return {
        model.__name__: model
        for model in apps.get_models()
        if model.__module__.startswith("quartier.")
    }


def readable_targets(targets: Iterable[str]) -> dict[str, str]:
    """`Fund:1` → 'Quartiersfonds „Nachbarschaftsfonds“' for a page of entries:
    one query per model, whatever the number of entries. Targets that are not of
    that form (already a name) or whose object is gone stay as they are."""
    wanted: dict[type[models.Model], set[int]] = defaultdict(set)
    classes = _model_by_class_name()
    parsed: dict[str, tuple[type[models.Model], int]] = {}
    for target in set(targets):
        name, sep, pk = target.partition(":")
        model = classes.get(name)
        if sep and model is not None and pk.isdigit():
            parsed[target] = (model, int(pk))
            wanted[model].add(int(pk))
    found: dict[tuple[type[models.Model], int], str] = {}
    for model, pks in wanted.items():
        for obj in model._default_manager.filter(pk__in=pks):
            found[(model, obj.pk)] = f"{capfirst(model._meta.verbose_name)} „{obj}“"
    out = {}
    for target, key in parsed.items():
        out[target] = found.get(
            key, f"{key[0]._meta.verbose_name} ({_('deleted')}, {key[1]})"
        )
    return out
