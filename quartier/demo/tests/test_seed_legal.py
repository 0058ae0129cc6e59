"""The demo's legal pages: Musterstadt's imprint, privacy notice and accessibility
statement filled in with marked fictitious data, its accessibility details, one
answered and one open feedback item; an idempotent second run."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from quartier.core.models import Municipality
from quartier.legal.models import (
    AccessibilityFeedback,
    AccessibilitySettings,
    LegalPage,
)

pytestmark = pytest.mark.django_db

MODELS = [
    LegalPage,
    LegalPage.history.model,
    AccessibilitySettings,
    AccessibilityFeedback,
]


@pytest.fixture
def musterstadt(demo_world, db):
    return Municipality.objects.get(slug="musterstadt")


def counts():
    return {m._meta.label: m._default_manager.count() for m in MODELS}


def test_musterstadts_pages_are_filled_in_and_marked_fictitious(musterstadt, client):
    pages = LegalPage.objects.filter(municipality=musterstadt)
    assert {p.kind for p in pages} == {"imprint", "privacy", "accessibility"}
    for page in pages:
        assert "Fiktive Angaben" in page.body
        assert "[" not in page.body  # no field left to complete
    imprint = client.get(
        reverse("legal:imprint", kwargs={"municipality_slug": "musterstadt"}),
        HTTP_ACCEPT_LANGUAGE="de",
    ).content.decode()
    assert "Musterstraße 1" in imprint and "12345 Musterstadt" in imprint


def test_the_statement_has_its_details_and_feedback_one_answered_one_open(
    musterstadt, client
):
    details = AccessibilitySettings.objects.get(municipality=musterstadt)
    assert details.conformity == "partial" and details.reviewed_on
    assert "fiktiv" in details.enforcement_body
    items = AccessibilityFeedback.objects.of(musterstadt)
    answered = items.get(status="answered")
    assert answered.answered_by.email == "koordination@musterstadt.example"
    assert answered.answered_at > answered.received_at
    assert items.open().count() == 1
    assert not items.overdue().exists()
    html = client.get(
        reverse("legal:accessibility", kwargs={"municipality_slug": "musterstadt"}),
        HTTP_ACCEPT_LANGUAGE="de",
    ).content.decode()
    assert "teilweise vereinbar" in html
    assert "eingescannte PDF-Dateien" in html


def test_seeding_again_changes_nothing(musterstadt):
    before = counts()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert counts() == before
    assert "Rows created: 0, updated: 0" in out.getvalue()
