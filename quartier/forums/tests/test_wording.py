"""German wording of the forums and rooms pages (issue 10): counted words through
plural forms, "Zuständigkeiten" instead of "RACI"."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from quartier.forums.forms_decisions import ResponsibilityForm
from quartier.forums.tests.factories import MeetingFactory, RegistrationFactory

APPS = Path(__file__).resolve().parents[2]
BLOCK = re.compile(
    r"{%\s*blocktranslate(?P<args>[^%]*)%}(?P<body>.*?){%\s*endblocktranslate\s*%}",
    re.S,
)
# A number a word depends on: a count, a length, a number of places or people.
COUNTED = re.compile(
    r"(\bcount=|\bcounter=(?!forloop)|_count\b|\|length|\bplaces\b|capacity)"
)


def _templates():
    """Every template of every app and the shared ones: a new module inherits it."""
    yield from sorted(APPS.glob("*/templates/**/*.*"))
    yield from sorted((APPS / "templates").rglob("*.*"))


def test_every_counted_phrase_has_a_plural():
    """A blocktranslate that binds a count (count=…, …_count, |length, places,
    capacity) must be `blocktranslate count`, so German says "1 Termin"."""
    missing = []
    for path in _templates():
        for block in BLOCK.finditer(path.read_text()):
            args = block.group("args")
            if re.search(r"\bcount\s+\w+=", args):
                continue
            if COUNTED.search(args) or re.search(r"{{\s*\w*count\s*}}", block["body"]):
                missing.append(f"{path.name}: {block.group(0)[:90]}")
    assert not missing, missing


@pytest.mark.django_db
def test_registrations_say_1_von_1_platz(client, coordinator, municipality):
    meeting = MeetingFactory(forum__municipality=municipality, capacity=1)
    RegistrationFactory(meeting=meeting, status="confirmed")
    client.force_login(coordinator)
    url = reverse(
        "forums:registrations",
        kwargs={"municipality_slug": municipality.slug, "pk": meeting.pk},
    )
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert "1 von 1 Platz" in response.content.decode()


def test_the_decision_form_says_zustaendigkeiten_not_raci():
    html = (APPS / "forums/templates/forums/decision_form.html").read_text()
    assert "RACI" not in html
    with translation.override("de"):
        form = ResponsibilityForm(actors=None, people=None)
        labels = [str(label) for _value, label in form.fields["role"].choices]
    assert "verantwortlich" in labels
    assert not any(" – " in label for label in labels)
