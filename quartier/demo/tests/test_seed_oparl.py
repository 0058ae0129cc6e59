"""The demo's council information system ("Ratsinformationssystem Musterstadt",
quartier/demo/data/oparl/): imported through the same importer as a real system,
three forum recommendations linked to council papers in three states, the council
dated after the forums, an idempotent second run, and the pages show it."""

from io import StringIO

import pytest
from django.core.management import call_command

from quartier.accounts.models import User
from quartier.core.models import Municipality
from quartier.oparl import schema
from quartier.oparl.models import CouncilPaper, ImportRun, PaperLink
from quartier.oparl.progress import attach_progress, status_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def musterstadt(demo_world, db):
    return Municipality.objects.get(slug="musterstadt")


def test_three_recommendations_are_linked_to_papers_in_three_states(musterstadt):
    run = ImportRun.objects.of(musterstadt).get()
    assert (run.status, run.failed_count) == ("done", 0)
    assert CouncilPaper.objects.of(musterstadt).count() == 4
    links = PaperLink.objects.of(musterstadt).select_related("decision", "paper")
    assert links.count() == 3
    assert {status_of(link.paper) for link in links} == {
        "Beschlossen",
        "Abgelehnt",
        "in Beratung",
    }
    for link in links:
        assert link.decision.kind == "recommendation"
        attach_progress([link.paper])
        # The council took the paper up after the forum recommended it.
        assert link.paper.date > link.decision.decided_on
        for step in link.paper.steps:
            assert step.start.date() > link.decision.decided_on


def test_the_decision_page_and_the_forum_list_show_the_council(musterstadt, client):
    link = PaperLink.objects.of(musterstadt).get(decision__number=3)
    page = client.get(link.decision.get_absolute_url()).content.decode()
    assert "VO/0147: Hitzeaktionsplan für Musterstadt" in page
    assert "Beschlossen" in page
    forum = link.decision.forum
    listing = client.get(f"/musterstadt/oparl/forums/{forum.slug}/").content.decode()
    assert "Hitzeaktionsplan" in listing and "Abgelehnt" in listing
    client.force_login(User.objects.get(email="admin@musterstadt.example"))
    settings_page = client.get("/musterstadt/oparl/settings/").content.decode()
    assert "ris.musterstadt.example" in settings_page


def test_the_demo_forums_are_served_as_valid_oparl(musterstadt, client):
    papers = client.get("/oparl/bodies/musterstadt/papers/").json()
    assert papers["pagination"]["totalElements"] > 0
    for obj in papers["data"]:
        assert schema.problems(obj) == [], obj["id"]
    meetings = client.get("/oparl/bodies/musterstadt/meetings/").json()
    for obj in meetings["data"]:
        assert schema.problems(obj) == [], obj["id"]


def test_a_second_run_changes_nothing(musterstadt):
    call_command("seed_demo", stdout=StringIO())
    assert ImportRun.objects.of(musterstadt).count() == 1
    assert PaperLink.objects.of(musterstadt).count() == 3
    assert CouncilPaper.objects.of(musterstadt).count() == 4
