"""Free-text search (PostgreSQL full-text with the German configuration over a
stored search vector; a simpler equivalent on SQLite – the PostgreSQL pass runs the
same tests) and the filters."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartier.core.tests.query_plans import plan_of
from quartier.directory.models import Service, ServiceStatus
from quartier.directory.search import german_stem, search_services
from quartier.directory.tests.factories import (
    LocationFactory,
    ScheduleFactory,
    ServiceFactory,
    term,
)
from quartier.directory.views.offerings import filter_services, open_service_ids

pytestmark = pytest.mark.django_db


def names(qs):
    return {s.name for s in qs}


@pytest.fixture
def offerings(municipality, neighborhood):
    sport = ServiceFactory(
        municipality=municipality,
        name="Sportgruppe für Ältere",
        description="Wir treffen uns in der Turnhalle.",
        terms=[term(municipality, "aeltere")],
        languages=["de", "tr"],
        neighborhoods=[neighborhood],
    )
    walk = ServiceFactory(
        municipality=municipality,
        name="Spaziergang am Fluss",
        description="Gemeinsam unterwegs.",
        terms=[term(municipality, "bewegung"), term(municipality, "alle")],
        languages=["de"],
        free_of_charge=False,
        fee_description="2 €",
    )
    counsel = ServiceFactory(
        municipality=municipality,
        name="Schuldnerberatung",
        description="Beratungen bei Schulden, vertraulich.",
        terms=[term(municipality, "beratung")],
        languages=["ar"],
        barrier_free=True,
    )
    return {"sport": sport, "walk": walk, "counsel": counsel}


def all_services(municipality):
    return Service.objects.of(municipality)


def found(municipality, text):
    return search_services(all_services(municipality), text, municipality)


def test_stems():
    assert german_stem("Sportgruppe") == "sport"
    assert german_stem("Bewegungen") == "beweg"
    assert german_stem("Sport") == "sport"


def test_sport_finds_sportgruppe(municipality, offerings):
    assert names(found(municipality, "Sport")) == {"Sportgruppe für Ältere"}


def test_bewegung_finds_the_topic(municipality, offerings):
    assert names(found(municipality, "Bewegung")) == {"Spaziergang am Fluss"}


def test_inflected_words_and_case(municipality, offerings):
    assert "Schuldnerberatung" in names(found(municipality, "beratungen"))
    assert names(found(municipality, "TURNHALLE")) == {"Sportgruppe für Ältere"}


def test_all_words_must_match(municipality, offerings):
    assert names(found(municipality, "Sport Fluss")) == set()
    assert names(found(municipality, "Spaziergang Bewegung")) == {
        "Spaziergang am Fluss"
    }


def test_empty_and_odd_input(municipality, offerings):
    assert len(found(municipality, "")) == 3
    assert list(found(municipality, "'&|!:*()")) is not None
    assert names(found(municipality, "zzzz")) == set()


def test_filters(municipality, neighborhood, offerings):
    qs = all_services(municipality)
    assert names(filter_services(qs, {"topic": "bewegung"}, municipality)) == {
        "Spaziergang am Fluss"
    }
    assert names(filter_services(qs, {"group": "aeltere"}, municipality)) == {
        "Sportgruppe für Ältere"
    }
    assert names(filter_services(qs, {"language": "tr"}, municipality)) == {
        "Sportgruppe für Ältere"
    }
    assert names(
        filter_services(qs, {"neighborhood": neighborhood.slug}, municipality)
    ) == {"Sportgruppe für Ältere"}
    assert "Spaziergang am Fluss" not in names(
        filter_services(qs, {"free": True}, municipality)
    )
    assert names(filter_services(qs, {"barrier_free": True}, municipality)) == {
        "Schuldnerberatung"
    }


def test_neighbourhood_filter_also_matches_places_there(
    municipality, neighborhood, offerings
):
    place = LocationFactory(
        municipality=municipality, neighborhood=neighborhood, barrier_free=True
    )
    offerings["counsel"].locations.add(place)
    qs = all_services(municipality)
    assert names(
        filter_services(qs, {"neighborhood": neighborhood.slug}, municipality)
    ) == {"Sportgruppe für Ältere", "Schuldnerberatung"}


def test_open_now(municipality, offerings):
    now = timezone.localtime()
    # An hour either side, within today (near midnight the window would wrap).
    start = max(now - datetime.timedelta(hours=1), now.replace(hour=0, minute=0))
    end = min(now + datetime.timedelta(hours=1), now.replace(hour=23, minute=59))
    start = start.time().replace(second=0, microsecond=0)
    end = end.time().replace(second=0, microsecond=0)
    weekday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][now.weekday()]
    other = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][(now.weekday() + 3) % 7]
    ScheduleFactory(
        service=offerings["sport"], byday=weekday, opens_at=start, closes_at=end
    )
    ScheduleFactory(
        service=offerings["walk"], byday=other, opens_at=start, closes_at=end
    )
    qs = all_services(municipality)
    assert open_service_ids(qs, timezone.now()) == [offerings["sport"].pk]
    assert names(filter_services(qs, {"open_now": True}, municipality)) == {
        "Sportgruppe für Ältere"
    }


def test_search_stays_in_its_municipality(municipality, other_municipality, offerings):
    ServiceFactory(municipality=other_municipality, name="Sportgruppe Beispielheim")
    assert names(found(municipality, "Sport")) == {"Sportgruppe für Ältere"}


def test_results_are_listed_by_name(municipality, offerings):
    ServiceFactory(municipality=municipality, name="Sportabend im Park")
    ServiceFactory(
        municipality=municipality, name="Yoga", description="Sport für den Rücken."
    )
    assert [s.name for s in found(municipality, "Sport")] == [
        "Sportabend im Park",
        "Sportgruppe für Ältere",
        "Yoga",
    ]


def test_a_changed_or_bulk_written_offering_is_found_by_its_new_words(
    municipality, offerings
):
    # PostgreSQL keeps the search vector with the row (a generated column): an
    # update, a bulk write and a queryset update are found at once.
    walk = offerings["walk"]
    walk.name = "Nordic Walking am Fluss"
    walk.save()
    Service.objects.bulk_create(
        [
            Service(
                id=uuid.uuid4(),
                municipality=municipality,
                provider=walk.provider,
                name="Walking-Treff",
                status=ServiceStatus.ACTIVE,
            )
        ]
    )
    assert names(found(municipality, "Walking")) == {
        "Nordic Walking am Fluss",
        "Walking-Treff",
    }
    Service.objects.filter(name="Walking-Treff").update(description="Stöcke da")
    assert names(found(municipality, "Stöcke")) == {"Walking-Treff"}
    assert names(found(municipality, "Spaziergang")) == set()


def test_postgresql_reads_the_stored_vector_through_its_index(municipality, offerings):
    with CaptureQueriesContext(connection) as queries:
        assert names(found(municipality, "Turnhalle")) == {"Sportgruppe für Ältere"}
    (sql,) = [q["sql"] for q in queries.captured_queries]
    if connection.vendor == "postgresql":
        # Not `to_tsvector` of every offering's text on every search.
        assert "search_vector" in sql and "to_tsvector" not in sql
        assert "directory_service_search" in plan_of(sql, sorts=True)
    else:
        with connection.cursor() as cursor:
            columns = connection.introspection.get_table_description(
                cursor, "directory_service"
            )
        assert "search_vector" not in {column.name for column in columns}
        assert "search_vector" not in sql
