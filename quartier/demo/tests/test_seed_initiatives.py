"""The demo's initiatives: every phase across the three neighbourhoods, two local
adaptations, three pilots (adapted, consolidated, running), at least three links to
other modules each; an idempotent second run; the pages show it."""

from io import StringIO

import pytest
from django.core.management import call_command

from quartier.core.models import Municipality
from quartier.core.object_links import visible_links
from quartier.initiatives.models import (
    PHASE_ORDER,
    Adaptation,
    ChecklistItem,
    ElementFit,
    FollowUp,
    HealthCheck,
    Initiative,
    InitiativeLink,
    InitiativePartner,
    PhaseChange,
    Pilot,
    Responsibility,
)

pytestmark = pytest.mark.django_db

MODELS = [
    Initiative,
    Initiative.history.model,
    InitiativeLink,
    InitiativePartner,
    PhaseChange,
    Pilot,
    Adaptation,
    ElementFit,
    ChecklistItem,
    FollowUp,
    HealthCheck,
    Responsibility,
]


def counts():
    return {m._meta.label: m._default_manager.count() for m in MODELS}


@pytest.fixture
def musterstadt(demo_world, db):
    return Municipality.objects.get(slug="musterstadt")


def test_initiatives_in_every_phase_across_the_neighbourhoods(musterstadt):
    initiatives = Initiative.objects.of(musterstadt)
    assert initiatives.count() >= 12
    assert set(initiatives.values_list("phase", flat=True)) == {*PHASE_ORDER, "ended"}
    slugs = set(initiatives.values_list("neighborhoods__slug", flat=True))
    assert {"sonnenberg", "bahnhofsviertel", "altstadt"} <= slugs
    for initiative in initiatives:
        history = list(initiative.phase_changes.order_by("changed_on", "pk"))
        assert history[-1].new_phase == initiative.phase, initiative.title
        assert [c.changed_on for c in history] == sorted(c.changed_on for c in history)
    assert not Initiative.objects.filter(municipality__slug="beispielheim").exists()


def test_every_initiative_is_linked_to_three_objects_of_other_modules(
    musterstadt, coordinator_of_musterstadt
):
    for initiative in Initiative.objects.of(musterstadt):
        groups = visible_links(coordinator_of_musterstadt, initiative)
        linked = sum(len(group.links) for group in groups)
        assert linked >= 3, initiative.title
        # Every link the initiative stores is visible to the coordination; other
        # modules may link to it as well (a goal of the impact module, a story).
        assert linked >= initiative.links.count(), initiative.title


@pytest.fixture
def coordinator_of_musterstadt(musterstadt):
    from quartier.accounts.models import User

    return User.objects.get(email="koordination@musterstadt.example")


def test_pilots_and_adaptations(musterstadt):
    pilots = Pilot.objects.filter(initiative__municipality=musterstadt)
    assert set(pilots.values_list("decision", flat=True)) == {
        "adapt",
        "consolidate",
        "",
    }
    adapted = pilots.get(decision="adapt")
    assert adapted.changes and adapted.initiative.phase == "concept"
    consolidated = pilots.get(decision="consolidate")
    assert consolidated.initiative.phase == "consolidation" and consolidated.learning
    running = pilots.get(decision="")
    assert running.initiative.phase == "pilot"
    adaptations = Adaptation.objects.filter(initiative__municipality=musterstadt)
    assert adaptations.count() == 2
    for adaptation in adaptations:
        assert adaptation.needs_analysis
        assert adaptation.programme.municipality == musterstadt
        assert adaptation.fits.filter(kept=False).exclude(why="").exists()


def test_the_pages_show_the_demo(musterstadt, client):
    from quartier.accounts.models import User

    html = client.get("/musterstadt/initiatives/").content.decode()
    assert "Bürgerbus am Wochenende zum Sonnenberg" in html
    assert "Gesundheitsdaten je Quartier" not in html  # internal
    walk = Initiative.objects.get(title__startswith="Gehen in Gesellschaft")
    page = client.get(walk.get_absolute_url()).content.decode()
    assert "Gemeinsam gehen statt allein zu Hause sitzen" in page
    # The municipality's own programme is for its members: the side-by-side too.
    assert "Programm → lokale Passung" not in page
    client.force_login(User.objects.get(email="bewohnerin@musterstadt.example"))
    page = client.get(walk.get_absolute_url()).content.decode()
    assert "Programm → lokale Passung" in page


def test_a_second_run_changes_nothing(musterstadt):
    before = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == before
