"""Stories and initiatives (link kind stories.story_initiative): linked from the
initiative's side by the coordination, shown on both pages, refused across
municipalities."""

import pytest
from django.urls import reverse

from quartier.initiatives.tests.factories import InitiativeFactory
from quartier.stories.tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def _url(initiative):
    return reverse(
        "stories:link_initiative",
        kwargs={"municipality_slug": initiative.municipality.slug, "pk": initiative.pk},
    )


def test_the_coordination_links_a_story_from_the_initiatives_page(
    municipality, neighborhood, coordinator, client_for
):
    initiative = InitiativeFactory(municipality=municipality, title="Gehtreff")
    story = StoryFactory(
        municipality=municipality, neighborhood=neighborhood, title="Mein Gehtreff"
    )
    client = client_for(coordinator)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert _url(initiative) in page  # "Link a story"
    assert (
        _url(initiative)
        not in client_for(None).get(initiative.get_absolute_url()).content.decode()
    )

    # client_for(None) signed the same client out: sign in again.
    response = client_for(coordinator).post(_url(initiative), {"story": story.pk})
    assert response.status_code == 302
    assert list(story.initiatives.all()) == [initiative]
    public = client_for(None).get(initiative.get_absolute_url()).content.decode()
    assert story.get_absolute_url() in public
    story_page = client_for(None).get(story.get_absolute_url()).content.decode()
    assert initiative.get_absolute_url() in story_page


def test_another_municipalitys_initiative_or_story_is_refused(
    municipality, other_municipality, neighborhood, coordinator, client_for
):
    foreign = InitiativeFactory(municipality=other_municipality)
    story = StoryFactory(municipality=municipality, neighborhood=neighborhood)
    client = client_for(coordinator)
    forged = reverse(
        "stories:link_initiative",
        kwargs={"municipality_slug": municipality.slug, "pk": foreign.pk},
    )
    assert client.post(forged, {"story": story.pk}).status_code == 404
    initiative = InitiativeFactory(municipality=municipality)
    from quartier.core.tests.factories import NeighborhoodFactory

    foreign_story = StoryFactory(
        municipality=other_municipality,
        neighborhood=NeighborhoodFactory(municipality=other_municipality),
    )
    response = client.post(_url(initiative), {"story": foreign_story.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["story"]
    assert not foreign_story.initiatives.exists()
    assert not story.initiatives.exists()


def test_the_link_form_offers_the_municipalitys_initiatives(
    municipality, other_municipality, neighborhood, coordinator, client_for
):
    ours = InitiativeFactory(municipality=municipality, title="Unser Vorhaben")
    InitiativeFactory(municipality=other_municipality, title="Fremdes Vorhaben")
    story = StoryFactory(municipality=municipality, neighborhood=neighborhood)
    url = reverse(
        "stories:link",
        kwargs={"municipality_slug": municipality.slug, "pk": story.pk},
    )
    page = client_for(coordinator).get(url).content.decode()
    assert "Unser Vorhaben" in page
    assert "Fremdes Vorhaben" not in page
    response = client_for(coordinator).post(url, {"initiatives": [ours.pk]})
    assert response.status_code == 302
    assert list(story.initiatives.all()) == [ours]
