"""Art. 13 DSGVO: every form that takes personal data shows a notice at the point of
collection, linked to its section of the privacy notice (core/processing.py).

The rule: a form class with a field whose name looks personal (PERSONAL: e-mail,
phone, address, contact, names of people, persons, users …) names its processing
activity, `processing = "<app>.<name>"`, registered in core/processing.py; a form
may name one without such a field (comments, bookings, answers). Then every page
that renders such a form shows `{% privacy_notice form %}`: the crawl requests every
page of the permission truth table (quartier/core/tests/test_truth_table.py, its
world and URL cases) as the first role that may see it and as the admin, finds the
forms in the page's context and requires the notice with its link
(`…/datenschutz/#<anchor>`) in the HTML; and every form class that declares an
activity must be met on some page. A new form, module or page inherits both checks.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.apps import apps
from django.forms.formsets import BaseFormSet
from django.urls import reverse

from quartier.core import processing
from quartier.core.tests.module_data import built_once
from quartier.core.tests.test_consent_defaults import form_modules
from quartier.core.tests.test_truth_table import CASES, _build_world

PERSONAL = re.compile(
    r"e_?mail|phone|address|contact|first_name|last_name|author_name|guest_name"
    r"|display_name|group_name|username|person|birth|^users?$"
)

# Fields the pattern matches that hold no personal data, with why. Keep it short: an
# entry needs a reason a data protection officer would accept.
NOT_PERSONAL = {
    "quartier.forums.forms.MeetingForm.address": "the venue of a meeting, a place",
    "quartier.forums.forms_proposals.MeetingProposalForm.address": "a venue",
    "quartier.funds.forms.CallForm.persons_may_apply": (
        "whether private persons may apply to a call: a setting, nobody's data"
    ),
    "quartier.opendata.forms.OpenDataSettingsForm.contact_email": (
        "the municipality's functional open-data address, published in the catalogue"
    ),
    "quartier.support.forms.OfferForm.contact": (
        "a provider's office or hotline, published with the offer (the field says so)"
    ),
}

# Form classes that declare an activity but that no page of the truth table renders,
# with where their notice is instead (kept honest by the test below).
RENDERED_ELSEWHERE: dict[str, str] = {}


def _all_form_modules():
    """Each app's `forms` module or package, and its modules `forms_*.py` beside."""
    modules = list(form_modules())
    for config in apps.get_app_configs():
        if not config.name.startswith("quartier."):
            continue
        for info in pkgutil.iter_modules([config.path]):
            if info.name.startswith("forms_"):
                modules.append(importlib.import_module(f"{config.name}.{info.name}"))
    return modules


def form_classes() -> list[type[forms.BaseForm]]:
    found = {}
    for module in _all_form_modules():
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[k] for k in sorted(found)]


def path_of(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def personal_fields(cls: type[forms.BaseForm]) -> list[str]:
    return [
        name
        for name in cls.base_fields
        if PERSONAL.search(name) and f"{path_of(cls)}.{name}" not in NOT_PERSONAL
    ]


def test_the_pattern_finds_the_personal_forms_of_the_issue():
    found = {cls.__name__ for cls in form_classes() if personal_fields(cls)}
    assert {
        "ContributionForm",
        "SupportForm",
        "SignupForm",
        "ContactForm",
        "ApplicationForm",
        "ActorForm",
        "GuestRegistrationForm",  # in forums/forms_registrations.py
    } <= found
    assert "TopicForm" not in found  # a topic's name is no person's


def test_every_form_with_personal_fields_names_a_registered_activity():
    undeclared, unknown = [], []
    for cls in form_classes():
        key = getattr(cls, "processing", None)
        if key is None and personal_fields(cls):
            undeclared.append(f"{path_of(cls)} {personal_fields(cls)}")
        elif key is not None and processing.get(key) is None:
            unknown.append(f"{path_of(cls)}: {key}")
    assert undeclared == [], (
        "Forms taking personal data without `processing = '<activity>'` "
        "(core/processing.py; add the notice with {% privacy_notice form %}): "
        f"{undeclared}"
    )
    assert unknown == [], f"Forms naming an activity nobody registered: {unknown}"


def _forms_in(context) -> list[forms.BaseForm]:
    found: list[forms.BaseForm] = []

    def take(value) -> None:
        if isinstance(value, forms.BaseForm):
            found.append(value)
        elif isinstance(value, BaseFormSet):
            found.extend(value.forms)
        elif isinstance(value, list | tuple):
            for item in value[:50]:
                if isinstance(item, forms.BaseForm | BaseFormSet):
                    take(item)

    if context is None:
        return found
    for layer in context:
        for mapping in getattr(layer, "dicts", [layer]):
            if isinstance(mapping, dict):
                for value in mapping.values():
                    take(value)
    return found


def _rendered(form: forms.BaseForm, html: str) -> bool:
    """Whether the page shows the form (a context may carry one it does not)."""
    return any(
        f'name="{form.add_prefix(name)}"' in html
        for name, field in form.fields.items()
        if not field.widget.is_hidden
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, _build_world)


ORDER = ["anonymous", "resident", "partner", "coordinator", "admin"]


def _visits():
    """(url name, kwargs, role) of every page to crawl."""
    for case in CASES:
        if case.method != "get":
            continue
        allowed = [role for role in ORDER if case.expect.get(role) == 200]
        for role in dict.fromkeys(allowed[:1] + (["admin"] if allowed else [])):
            yield case, role


@pytest.mark.django_db
def test_every_page_with_a_personal_form_shows_the_notice(client_for, world):
    missing, seen = [], set()
    pages = 0
    visits = [(case.name, case.kwargs(world), role) for case, role in _visits()]
    visits.append(("account_signup", {}, "anonymous"))
    for name, kwargs, role in visits:
        client = client_for(world[role])
        # A page that fails is the truth table's finding; the crawl goes on.
        client.raise_request_exception = False
        response = client.get(reverse(name, kwargs=kwargs))
        if response.status_code != 200 or not response.get(
            "Content-Type", ""
        ).startswith("text/html"):
            continue
        pages += 1
        html = response.content.decode()
        for form in _forms_in(response.context):
            activity = processing.activity_of(form)
            if activity is None or not _rendered(form, html):
                continue
            seen.add(path_of(type(form)))
            marker = f'data-processing="{activity.key}"'
            link = f'datenschutz/#{activity.anchor}"'
            if marker not in html or link not in html:
                missing.append(f"{name} as {role}: {type(form).__name__}")
    print(f"{pages} pages crawled, {len(seen)} personal form classes met")
    declared = {path_of(c) for c in form_classes() if getattr(c, "processing", None)}
    unseen = declared - seen - set(RENDERED_ELSEWHERE)
    assert sorted(unseen) == [], (
        "Forms that take personal data but that no crawled page renders: give the "
        "truth table a case for their page (or say in RENDERED_ELSEWHERE why not)"
    )
    assert sorted(set(missing)) == [], sorted(set(missing))
