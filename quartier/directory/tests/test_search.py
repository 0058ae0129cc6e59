"""Free-text search (PostgreSQL full-text with the German configuration; a simpler
equivalent on SQLite – the PostgreSQL pass runs the same tests) and the filters."""

import datetime

import pytest
from django.utils import timezone

from quartier.directory.models import Service
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


def test_stems():
    assert german_stem("Sportgruppe") == "sport"
    assert german_stem("Bewegungen") == "beweg"
    assert german_stem("Sport") == "sport"


def test_sport_finds_sportgruppe(municipality, offerings):
    assert names(search_services(all_services(municipality), "Sport")) == {
        "Sportgruppe für Ältere"
    }


def test_bewegung_finds_the_topic(municipality, offerings):
    assert names(search_services(all_services(municipality), "Bewegung")) == {
        "Spaziergang am Fluss"
    }


def test_inflected_words_and_case(municipality, offerings):
    assert "Schuldnerberatung" in names(
        search_services(all_services(municipality), "beratungen")
    )
    assert names(search_services(all_services(municipality), "TURNHALLE")) == {
        "Sportgruppe für Ältere"
    }


def test_all_words_must_match(municipality, offerings):
    assert names(search_services(all_services(municipality), "Sport Fluss")) == set()
    assert names(
        search_services(all_services(municipality), "Spaziergang Bewegung")
    ) == {"Spaziergang am Fluss"}


def test_empty_and_odd_input(municipality, offerings):
    assert len(search_services(all_services(municipality), "")) == 3
    assert list(search_services(all_services(municipality), "'&|!:*()")) is not None
    assert names(search_services(all_services(municipality), "zzzz")) == set()


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
    assert names(search_services(all_services(municipality), "Sport")) == {
        "Sportgruppe für Ältere"
    }
