"""The stories' queues on “Meine Übersicht”: the coordination's moderation queue and
a panel member's open rounds."""

from django.urls import reverse

from quartier.forums.tests.factories import ForumMemberFactory
from quartier.stories.tests.factories import RoundFactory, StoryFactory


def _overview(municipality):
    return reverse("core:overview", kwargs={"municipality_slug": municipality.slug})


def test_the_coordination_sees_stories_waiting_for_release(
    client_for, coordinator, municipality, neighborhood
):
    StoryFactory(
        municipality=municipality,
        neighborhood=neighborhood,
        moderation="pending",
        title="Wartende Geschichte",
    )
    StoryFactory(
        municipality=municipality, neighborhood=neighborhood, title="Schon frei"
    )
    html = client_for(coordinator).get(_overview(municipality)).content.decode()
    assert "Wartende Geschichte" in html and "Schon frei" not in html


def test_a_panel_member_sees_the_open_rounds_of_the_panel(
    client_for, resident, municipality
):
    mine = RoundFactory(municipality=municipality, title="Meine Runde")
    ForumMemberFactory(forum=mine.forum, user=resident)
    RoundFactory(municipality=municipality, title="Fremde Runde")
    html = client_for(resident).get(_overview(municipality)).content.decode()
    assert "Meine Runde" in html and "Fremde Runde" not in html
