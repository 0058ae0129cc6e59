"""Consents are never pre-ticked (Art. 4 (11), Art. 7 DSGVO; issue 12).

The rule: a checkbox (a BooleanField) whose *name* contains one of CONSENT_WORDS, or
whose *label* contains one of LABEL_WORDS, expresses a consent or a decision to make
something public ("group name public", "others may see the purpose", "I confirm the
agreement"). Such a box starts unticked: its initial value, the model field's
default included, is false. A person ticks it; nobody ticks it for them.

The test walks every form class of every Quartier app (each app's `forms` module or
package), so a new form inherits the rule: first the declared fields (`base_fields`,
which carry a model field's default as `initial`), then each form instantiated
unbound where its constructor's arguments can be supplied, which also covers fields
added in `__init__`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType

import pytest
from django import forms
from django.apps import apps

pytestmark = pytest.mark.django_db

CONSENT_WORDS = ("public", "publish", "consent", "agree", "visible", "show_")
LABEL_WORDS = ("public", "publish", "consent", "agree", "visible", "may see")

# Boxes the rule matches that are no person's consent, with why. Keep this short: an
# entry needs a reason a data protection officer would accept.
NOT_CONSENT = {
    "quartier.rooms.forms.RoomForm.is_public": (
        "a room of the municipality or a partner organisation, listed for booking: "
        "the owner's setting for a facility, no personal data"
    ),
}


def form_modules() -> list[ModuleType]:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("quartier."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError as exc:
            if exc.name == f"{config.name}.forms":
                continue
            raise
        modules.append(module)
        for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
            modules.append(importlib.import_module(f"{module.__name__}.{info.name}"))
    return modules


def form_classes() -> list[type[forms.BaseForm]]:
    found = {}
    for module in form_modules():
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[k] for k in sorted(found)]


def is_consent(name: str, field: forms.Field) -> bool:
    if not isinstance(field, forms.BooleanField):
        return False
    label = str(field.label or "").lower()
    return any(w in name.lower() for w in CONSENT_WORDS) or any(
        w in label for w in LABEL_WORDS
    )


def initial_of(field: forms.Field) -> object:
    value = field.initial
    return value() if callable(value) else value


def test_the_walk_finds_the_forms_and_their_consent_boxes():
    classes = form_classes()
    assert len(classes) >= 20
    names = {c.__name__ for c in classes}
    assert {"ApplicationForm", "BookingForm", "TimeTrackingForm"} <= names
    boxes = {
        (cls.__name__, name)
        for cls in classes
        for name, field in cls.base_fields.items()
        if is_consent(name, field)
    }
    assert ("ApplicationForm", "show_name") in boxes
    assert ("BookingForm", "purpose_public") in boxes


def test_no_declared_consent_box_is_pre_ticked():
    ticked = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in form_classes()
        for name, field in cls.base_fields.items()
        if is_consent(name, field) and initial_of(field)
    ]
    ticked = [path for path in ticked if path not in NOT_CONSENT]
    assert ticked == []


def _arguments(cls, pool):
    """Keyword arguments for an unbound instance, or None if one is unknown."""
    kwargs = {}
    for name, param in inspect.signature(cls.__init__).parameters.items():
        if name == "self" or param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if param.default is not param.empty:
            continue
        if name not in pool:
            return None
        kwargs[name] = pool[name]
    return kwargs


def test_no_consent_box_is_pre_ticked_on_an_unbound_form(municipality, coordinator, rf):
    from quartier.rooms.tests.factories import RoomFactory

    request = rf.get("/")
    request.user = coordinator
    request.municipality = municipality
    pool = {
        "user": coordinator,
        "by": coordinator,
        "municipality": municipality,
        "request": request,
        "years": [2026],
        "room": RoomFactory(municipality=municipality),
        "meetings": None,
        "neighborhoods": [],
    }
    ticked, built = [], []
    for cls in form_classes():
        kwargs = _arguments(cls, pool)
        if kwargs is None:
            continue
        try:
            form = cls(**kwargs)
        except Exception:  # noqa: S112 - a constructor needing more is checked above
            continue
        built.append(cls.__name__)
        for name, field in form.fields.items():
            if is_consent(name, field) and form[name].value():
                ticked.append(f"{cls.__module__}.{cls.__name__}.{name}")
    print(f"{len(built)} of {len(form_classes())} forms built unbound")
    assert [path for path in ticked if path not in NOT_CONSENT] == []
    # The walk is not vacuous: the forms of the issue are built.
    assert {"ApplicationForm", "BookingForm", "TimeTrackingForm"} <= set(built)
