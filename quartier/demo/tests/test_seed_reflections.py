"""The demo's reflections: three (a meeting, a compass round, an initiative) with
seven adaptations in every state; an idempotent second run; the page shows them."""

from io import StringIO

import pytest
from django.core.management import call_command

from quartier.accounts.models import User
from quartier.core.models import Municipality
from quartier.reflections.models import Adaptation, Reflection

pytestmark = pytest.mark.django_db


@pytest.fixture
def musterstadt(demo_world, db):
    return Municipality.objects.get(slug="musterstadt")


def test_three_reflections_with_adaptations_in_every_state(musterstadt, client):
    reflections = Reflection.objects.of(musterstadt)
    assert reflections.count() == 3
    assert reflections.filter(meeting__isnull=False).count() == 1
    assert reflections.filter(compass_round__isnull=False).count() == 1
    assert reflections.filter(initiative__isnull=False).count() == 1
    adaptations = Adaptation.objects.filter(reflection__municipality=musterstadt)
    assert adaptations.count() == 7
    states = {a.state for a in adaptations.select_related("decision")}
    assert states == {"done", "open", "late", "dropped"}
    assert all(a.decision.responsibilities.exists() for a in adaptations)

    client.force_login(User.objects.get(email="koordination@musterstadt.example"))
    page = client.get(reflections.get(compass_round__isnull=False).get_absolute_url())
    assert page.status_code == 200
    assert "q-adaptation--dropped" in page.content.decode()

    call_command("seed_demo", stdout=StringIO())
    assert Reflection.objects.of(musterstadt).count() == 3
    assert adaptations.count() == 7


def test_a_forum_mandate_and_an_initiative_plan_changed_with_change_logs(
    musterstadt, client
):
    from quartier.forums.models import Forum
    from quartier.initiatives.models import Initiative
    from quartier.reflections.models import TextChange
    from quartier.stories.models import Story

    changes = TextChange.objects.of(musterstadt)
    assert {(c.key, c.state) for c in changes} == {
        ("forums.Forum.purpose", "applied"),
        ("initiatives.Initiative.description", "applied"),
        ("funds.Fund.rules", "proposed"),
    }
    forum = Forum.objects.of(musterstadt).get(slug="quartiersforum-sonnenberg")
    initiative = Initiative.objects.of(musterstadt).get(
        title="Gehen in Gesellschaft am Sonnenberg und in der Altstadt"
    )
    for obj in (forum, initiative):
        change = changes.of_object(obj).get()
        assert change.after == (obj.purpose if obj is forum else obj.description)
        assert change.before != change.after
        page = client.get(obj.get_absolute_url()).content.decode()
        assert "Änderungsverlauf" in page and change.reason in page
    linked = Story.objects.of(musterstadt).filter(initiatives__isnull=False)
    assert linked.distinct().count() == 5
    story = linked.get(title="Die Donnerstags-Laufgruppe")
    assert (
        story.get_absolute_url()
        in client.get(initiative.get_absolute_url()).content.decode()
    )
