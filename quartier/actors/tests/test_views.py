import pytest
from django.urls import reverse

from quartier.actors.models import Actor
from quartier.actors.tests.factories import ActorFactory, TieFactory

pytestmark = pytest.mark.django_db


def list_url(m):
    return reverse("actors:list", kwargs={"municipality_slug": m.slug})


def test_it_shows_public_actors_to_guests_but_not_internal_ones(client, municipality):
    ActorFactory(municipality=municipality, name="Sportverein Sonnenberg e.V.")
    ActorFactory(
        municipality=municipality, name="Interne Steuerungsrunde", visibility="internal"
    )
    response = client.get(list_url(municipality))
    assert response.status_code == 200
    assert "Sportverein Sonnenberg e.V." in response.content.decode()
    assert "Interne Steuerungsrunde" not in response.content.decode()


def test_it_searches_by_name(client, municipality):
    ActorFactory(municipality=municipality, name="Tafel Musterstadt e.V.")
    ActorFactory(municipality=municipality, name="Seniorenbüro Musterstadt")
    response = client.get(list_url(municipality), {"q": "tafel"})
    body = response.content.decode()
    assert "Tafel Musterstadt e.V." in body
    assert "Seniorenbüro" not in body


def test_htmx_search_returns_only_the_results_fragment(client, municipality):
    ActorFactory(municipality=municipality, name="Tafel Musterstadt e.V.")
    response = client.get(
        list_url(municipality),
        {"q": "tafel"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="actor-results",
    )
    body = response.content.decode()
    assert "Tafel Musterstadt e.V." in body
    assert "<html" not in body


@pytest.mark.parametrize("rows", [5, 500])
def test_actor_list_query_count_does_not_grow(
    client, municipality, neighborhood, rows, django_assert_max_num_queries
):
    actors = ActorFactory.create_batch(rows, municipality=municipality)
    for actor in actors[:5]:
        actor.neighborhoods.add(neighborhood)
    with django_assert_max_num_queries(8):
        response = client.get(list_url(municipality))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == rows


def test_coordinator_creates_an_actor_and_bad_input_keeps_what_was_typed(
    client_for, coordinator, municipality
):
    client = client_for(coordinator)
    url = reverse("actors:new", kwargs={"municipality_slug": municipality.slug})
    response = client.post(
        url,
        {
            "kind": "organisation",
            "name": "Lauftreff Sonnenberg",
            "website": "kein-link",
            "visibility": "public",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Lauftreff Sonnenberg"' in body
    assert "kern-error" in body
    assert not Actor.objects.filter(name="Lauftreff Sonnenberg").exists()

    from quartier.actors.models import Sector

    sector = Sector.objects.get(code="zivilgesellschaft")
    response = client.post(
        url,
        {
            "kind": "initiative",
            "name": "Lauftreff Sonnenberg",
            "visibility": "public",
            "sectors": [sector.pk],
            "description": "<p>Wir laufen.</p><script>alert(1)</script>",
        },
    )
    actor = Actor.objects.get(name="Lauftreff Sonnenberg")
    assert response.status_code == 302
    assert actor.municipality == municipality
    assert "<script>" not in actor.description
    assert actor.history.earliest().history_user == coordinator


def test_archiving_keeps_the_actor_and_hides_it_from_the_list(
    client_for, coordinator, municipality
):
    actor = ActorFactory(municipality=municipality, name="Bürgerbus Musterstadt e.V.")
    client = client_for(coordinator)
    client.post(
        reverse(
            "actors:archive",
            kwargs={"municipality_slug": municipality.slug, "pk": actor.pk},
        )
    )
    actor.refresh_from_db()
    assert actor.archived_at is not None
    response = client.get(list_url(municipality))
    assert actor not in response.context["page"].object_list
    assert response.context["page"].paginator.count == 0


def test_detail_shows_ties_in_both_directions(client, municipality):
    tie = TieFactory(
        source__municipality=municipality,
        source__name="Familienzentrum",
        target__name="Stadtteilbibliothek",
    )
    body = client.get(tie.target.get_absolute_url()).content.decode()
    assert "Familienzentrum" in body


def test_another_municipalitys_internal_actor_is_404(
    client_for, other_admin, municipality
):
    actor = ActorFactory(municipality=municipality, visibility="internal")
    response = client_for(other_admin).get(actor.get_absolute_url())
    assert response.status_code == 404
