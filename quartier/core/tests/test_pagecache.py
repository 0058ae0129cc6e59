import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.actors.tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.ANON_CACHE_SECONDS = 30


def list_url(m):
    return reverse("actors:list", kwargs={"municipality_slug": m.slug})


def test_a_guests_second_visit_is_served_without_the_database(client, municipality):
    ActorFactory(municipality=municipality, name="Tafel Musterstadt e.V.")
    first = client.get(list_url(municipality))
    with CaptureQueriesContext(connection) as ctx:
        second = client.get(list_url(municipality))
    assert len(ctx) == 0
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_write_makes_guests_see_the_change_at_once(
    client_for, client, coordinator, municipality
):
    actor = ActorFactory(municipality=municipality, name="Tafel Musterstadt e.V.")
    before = client.get(actor.get_absolute_url()).content.decode()
    editor = client_for(coordinator)
    editor.post(
        reverse(
            "actors:archive",
            kwargs={"municipality_slug": municipality.slug, "pk": actor.pk},
        )
    )
    editor.logout()
    from django.test import Client

    body = Client().get(actor.get_absolute_url()).content.decode()
    assert "kern-alert--warning" not in before
    assert "kern-alert--warning" in body  # the "archived on …" notice


def test_signed_in_people_never_get_a_cached_page(client_for, resident, municipality):
    ActorFactory(
        municipality=municipality, name="Interner Kreis", visibility="internal"
    )
    from django.test import Client

    Client().get(list_url(municipality))  # a guest fills the cache
    body = client_for(resident).get(list_url(municipality)).content.decode()
    assert "Interner Kreis" in body


def test_languages_and_htmx_fragments_are_cached_apart(client, municipality):
    ActorFactory(municipality=municipality, name="Tafel Musterstadt e.V.")
    full = client.get(list_url(municipality)).content.decode()
    fragment = client.get(
        list_url(municipality), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="actor-results"
    ).content.decode()
    assert "<html" in full
    assert "<html" not in fragment
    client.cookies["django_language"] = "en"
    english = client.get(list_url(municipality))
    assert english["Content-Language"] == "en"
