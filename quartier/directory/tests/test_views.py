"""Directory pages: list with search and filters, detail pages, forms without
JavaScript, tenant isolation, bad input, constant query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.actors.models import ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.directory.models import Location, Service
from quartier.directory.tests.factories import (
    ContactFactory,
    LocationFactory,
    ScheduleFactory,
    ServiceFactory,
    term,
)

pytestmark = pytest.mark.django_db


def url(name, municipality, **kwargs):
    return reverse(
        f"directory:{name}", kwargs={"municipality_slug": municipality.slug, **kwargs}
    )


@pytest.fixture
def own_actor(municipality, partner):
    actor = ActorFactory(municipality=municipality, name="Sportverein")
    ActorMember.objects.create(actor=actor, user=partner)
    return actor


def grow(municipality, neighborhood, count):
    for _ in range(count):
        place = LocationFactory(municipality=municipality, neighborhood=neighborhood)
        service = ServiceFactory(
            municipality=municipality,
            terms=[term(municipality, "bewegung"), term(municipality, "aeltere")],
            languages=["de", "tr"],
            neighborhoods=[neighborhood],
            locations=[place],
        )
        ScheduleFactory(service=service)


def count_queries(client, municipality, query=""):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("list", municipality) + query)
    assert response.status_code == 200
    return len(queries), len(response.context["page"].object_list)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=Angebot&topic=bewegung&language=tr&neighborhood=sonnenberg",
        "?open_now=on",
    ],
)
def test_list_query_count_is_constant(
    client_for, municipality, neighborhood, coordinator, query
):
    client = client_for(coordinator)
    grow(municipality, neighborhood, 5)
    small, shown_small = count_queries(client, municipality, query)
    grow(municipality, neighborhood, 15)
    large, shown_large = count_queries(client, municipality, query)
    if "open_now" not in query:
        assert shown_small == 5 and shown_large == 20
    assert small == large


def test_list_search_filters_and_map(client_for, municipality, neighborhood):
    place = LocationFactory(
        municipality=municipality, neighborhood=neighborhood, name="Turnhalle"
    )
    ServiceFactory(
        municipality=municipality,
        name="Sportgruppe",
        locations=[place],
        languages=["uk"],
    )
    ServiceFactory(municipality=municipality, name="Kochkurs")
    response = client_for(None).get(
        url("list", municipality), {"q": "Sport", "language": "uk"}
    )
    page = response.context["page"]
    assert [s.name for s in page.object_list] == ["Sportgruppe"]
    assert (
        response.context["features"]["features"][0]["properties"]["title"]
        == "Turnhalle"
    )
    assert 'id="directory-map"' in response.content.decode()


def test_list_hides_unlisted(client_for, municipality):
    ServiceFactory(municipality=municipality, name="Aktiv")
    ServiceFactory(municipality=municipality, name="Eingestellt", status="defunct")
    ServiceFactory(
        municipality=municipality,
        name="Archiviert",
        archived_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
    )
    internal = ActorFactory(municipality=municipality, visibility="internal")
    ServiceFactory(municipality=municipality, provider=internal, name="Intern")
    response = client_for(None).get(url("list", municipality))
    assert [s.name for s in response.context["page"].object_list] == ["Aktiv"]


def test_bad_filter_values_do_not_break_the_list(client_for, municipality):
    ServiceFactory(municipality=municipality, name="Aktiv")
    response = client_for(None).get(
        url("list", municipality),
        {"topic": "nonsense", "language": "xx", "page": "abc", "q": "x" * 500},
    )
    assert response.status_code == 200


def test_detail_shows_schedules_places_contacts(client_for, municipality, neighborhood):
    place = LocationFactory(
        municipality=municipality, name="Bürgerhaus", neighborhood=neighborhood
    )
    service = ServiceFactory(
        municipality=municipality,
        name="Seniorencafé",
        locations=[place],
        last_confirmed_at=datetime.date(2020, 1, 1),
    )
    ScheduleFactory(
        service=service,
        byday="TU",
        opens_at=datetime.time(14),
        closes_at=datetime.time(16),
    )
    ContactFactory(service=service, name="Frau Demir")
    response = client_for(None).get(service.get_absolute_url())
    body = response.content.decode()
    assert response.context["schedules"] == [str(service.schedules.get())]
    assert "Bürgerhaus" in body and "Frau Demir" in body
    assert service.provider.name in body
    assert response.context["service"].possibly_outdated


def test_place_and_meeting_place_pages(client_for, municipality):
    cafe = LocationFactory(
        municipality=municipality,
        name="Lesecafé",
        is_meeting_place=True,
        meeting_place_kind="cafe",
    )
    LocationFactory(municipality=municipality, name="Büro")
    service = ServiceFactory(
        municipality=municipality, name="Deutsch-Café", locations=[cafe]
    )
    client = client_for(None)
    response = client.get(url("meeting_places", municipality))
    assert [p.name for p in response.context["page"].object_list] == ["Lesecafé"]
    response = client.get(cafe.get_absolute_url())
    assert response.context["offerings"] == [service]


def test_other_municipality_is_invisible(
    client_for, municipality, other_municipality, coordinator
):
    foreign = ServiceFactory(municipality=other_municipality)
    place = LocationFactory(municipality=other_municipality)
    client = client_for(coordinator)
    assert client.get(url("service", municipality, pk=foreign.pk)).status_code == 404
    assert client.get(url("location", municipality, pk=place.pk)).status_code == 404
    assert (
        client.get(url("service_edit", municipality, pk=foreign.pk)).status_code == 404
    )


def form_data(provider, **extra):
    data = {
        "provider": provider.pk,
        "name": "Laufgruppe",
        "description": "Wir laufen.",
        "status": "active",
        "free_of_charge": "on",
        "topics": [],
        "target_groups": [],
        "languages": ["de", "tr"],
        "schedules-TOTAL_FORMS": "2",
        "schedules-INITIAL_FORMS": "0",
        "schedules-MIN_NUM_FORMS": "0",
        "schedules-MAX_NUM_FORMS": "30",
        "schedules-0-repeat": "weekly",
        "schedules-0-interval": "1",
        "schedules-0-days": ["TU", "TH"],
        "schedules-0-opens_at": "14:00",
        "schedules-0-closes_at": "16:00",
        "schedules-1-repeat": "weekly",
        "schedules-1-interval": "1",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "20",
        "contacts-0-name": "Trainerin Maier",
        "contacts-0-phone": "0123 4567",
    }
    data.update(extra)
    return data


def test_partner_creates_an_offering_with_the_plain_form(
    client_for, municipality, partner, own_actor
):
    client = client_for(partner)
    data = form_data(
        own_actor,
        topics=[term(municipality, "bewegung").pk],
        target_groups=[term(municipality, "alle").pk],
    )
    response = client.post(url("service_new", municipality), data)
    assert response.status_code == 302, response.context["form"].errors
    service = Service.objects.get(name="Laufgruppe")
    assert service.provider == own_actor
    assert service.schedules.get().byday == "TU,TH"
    assert service.contacts.get().name == "Trainerin Maier"
    assert {t.code for t in service.terms.all()} == {"bewegung", "alle"}
    # Editing keeps the rows and shows them again.
    response = client.get(url("service_edit", municipality, pk=service.pk))
    assert response.status_code == 200
    assert response.context["schedules"].initial[0]["days"] == ["TU", "TH"]


def test_bad_input_keeps_the_input_and_names_the_field(
    client_for, municipality, partner, own_actor
):
    client = client_for(partner)
    data = form_data(
        own_actor,
        name="Laufgruppe mit Fehler",
        free_of_charge="",
        fee_description="",
        **{"schedules-0-opens_at": "25:99"},
        topics=[term(municipality, "bewegung").pk],
        target_groups=[term(municipality, "alle").pk],
    )
    response = client.post(url("service_new", municipality), data)
    assert response.status_code == 200
    assert "opens_at" in response.context["schedules"].forms[0].errors
    assert "Laufgruppe mit Fehler" in response.content.decode()
    assert not Service.objects.filter(name="Laufgruppe mit Fehler").exists()
    data["schedules-0-opens_at"] = "14:00"
    response = client.post(url("service_new", municipality), data)
    assert response.status_code == 200
    assert "fee_description" in response.context["form"].errors


def test_partner_only_sees_own_actors_as_provider(
    client_for, municipality, partner, own_actor
):
    ActorFactory(municipality=municipality, name="Fremder Verein")
    response = client_for(partner).get(url("service_new", municipality))
    assert list(response.context["form"].fields["provider"].queryset) == [own_actor]


def test_manage_lists_only_own(client_for, municipality, partner, own_actor):
    mine = ServiceFactory(
        municipality=municipality, provider=own_actor, status="inactive"
    )
    ServiceFactory(municipality=municipality)
    response = client_for(partner).get(url("manage", municipality))
    assert list(response.context["page"].object_list) == [mine]


def test_location_form(client_for, municipality, coordinator, neighborhood):
    data = {
        "name": "Sonnenwiese",
        "neighborhood": neighborhood.pk,
        "latitude": "48.7645",
        "longitude": "9.17",
        "is_meeting_place": "on",
        "meeting_place_kind": "park",
        "country": "DE",
        "hours-TOTAL_FORMS": "1",
        "hours-INITIAL_FORMS": "0",
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "30",
        "hours-0-repeat": "weekly",
        "hours-0-interval": "1",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "20",
    }
    response = client_for(coordinator).post(url("location_new", municipality), data)
    assert response.status_code == 302, response.context["form"].errors
    place = Location.objects.get(name="Sonnenwiese")
    assert place.is_meeting_place and place.meeting_place_kind == "park"
    data["latitude"] = "north"
    response = client_for(coordinator).post(url("location_new", municipality), data)
    assert response.status_code == 200
    assert "latitude" in response.context["form"].errors
