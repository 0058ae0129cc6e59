"""'Offerings I maintain' in a town with many places (issue 19): the page lists the
first 20 places by name, says how many there are (up to "more than 100") and finds
the others by a search on the name (no JavaScript); its queries do not grow with
the places."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.actors.models import ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.directory.models import Location
from quartier.directory.views.offerings import MANAGE_PLACES, MANAGE_PLACES_COUNTED

pytestmark = pytest.mark.django_db


def _path(municipality, query=""):
    path = reverse("directory:manage", kwargs={"municipality_slug": municipality.slug})
    return f"{path}?{query}" if query else path


def _places(municipality, count, name="Treffpunkt", owner=None):
    Location.objects.bulk_create(
        Location(municipality=municipality, name=f"{name} {i:03d}", owner=owner)
        for i in range(count)
    )


def _links(html):
    return html.split('id="places"')[1].count('<li><a class="kern-link"')


def test_few_places_are_all_listed_without_a_search(
    client_for, municipality, coordinator
):
    _places(municipality, 3)
    html = client_for(coordinator).get(_path(municipality)).content.decode()
    assert _links(html) == 3
    assert 'name="place"' not in html and 'id="place-count"' not in html


def test_many_places_show_the_first_20_and_a_search(
    client_for, municipality, coordinator
):
    _places(municipality, 25)
    html = client_for(coordinator).get(_path(municipality)).content.decode()
    assert _links(html) == MANAGE_PLACES == 20
    assert "Treffpunkt 019" in html and "Treffpunkt 020" not in html
    assert "Die ersten 20 von 25 Orten nach Namen" in html
    assert 'name="place"' in html


def test_more_than_100_places_are_counted_as_more_than_100(
    client_for, municipality, coordinator
):
    _places(municipality, MANAGE_PLACES_COUNTED + 5)
    html = client_for(coordinator).get(_path(municipality)).content.decode()
    assert "Die ersten 20 von mehr als 100 Orten nach Namen" in html


def test_the_search_finds_a_place_behind_the_first_20(
    client_for, municipality, coordinator
):
    _places(municipality, 25)
    _places(municipality, 1, name="Stadtteilgarten")
    client = client_for(coordinator)
    html = client.get(_path(municipality, "place=Treffpunkt+024")).content.decode()
    assert _links(html) == 1 and "Treffpunkt 024" in html
    assert 'value="Treffpunkt 024"' in html  # the search stays in the field
    html = client.get(_path(municipality, "place=garten+stadt")).content.decode()
    assert _links(html) == 1 and "Stadtteilgarten" in html
    html = client.get(_path(municipality, "place=Schwimmbad")).content.decode()
    assert _links(html) == 0
    assert "Kein Ort passt zu Ihrer Suche." in html


@pytest.mark.parametrize(
    "text", ["%", "_", "\\", "'", "\x00", "²", "x" * 300, "a b c d e f g"]
)
def test_odd_searches_answer(client_for, municipality, coordinator, text):
    _places(municipality, 25)
    response = client_for(coordinator).get(_path(municipality), {"place": text})
    assert response.status_code == 200


def test_a_partner_finds_only_the_places_of_their_organisation(
    client_for, municipality, partner
):
    mine = ActorFactory(municipality=municipality)
    ActorMember.objects.create(actor=mine, user=partner)
    _places(municipality, 22, name="Unser Ort", owner=mine)
    _places(municipality, 22, name="Fremder Ort")
    client = client_for(partner)
    html = client.get(_path(municipality)).content.decode()
    assert _links(html) == 20 and "Fremder Ort" not in html
    assert "Die ersten 20 von 22 Orten nach Namen" in html
    html = client.get(_path(municipality, "place=Ort+021")).content.decode()
    assert "Unser Ort 021" in html and "Fremder Ort 021" not in html


def test_the_page_needs_the_same_queries_for_3_and_130_places(
    client_for, municipality, coordinator
):
    client = client_for(coordinator)

    def queries():
        client.get(_path(municipality))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_path(municipality)).status_code == 200
        return len(captured)

    _places(municipality, 3)
    few = queries()
    _places(municipality, 127, name="Platz")
    assert queries() == few
