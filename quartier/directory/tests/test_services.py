"""Writes of the directory: who may change which offering, validation, schedules,
languages and places kept in sync with stable ids."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from quartier.actors.models import ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.directory import services
from quartier.directory.models import Schedule, ServiceLanguage, TaxonomyTerm
from quartier.directory.tests.factories import LocationFactory, ServiceFactory, term

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_actor(municipality, partner):
    actor = ActorFactory(municipality=municipality, name="Sportverein")
    ActorMember.objects.create(actor=actor, user=partner)
    return actor


@pytest.fixture
def other_actor(municipality):
    return ActorFactory(municipality=municipality, name="Anderer Verein")


def save(by, municipality, **fields):
    values = {"name": "Laufgruppe", "status": "active", "free_of_charge": True}
    values.update(fields)
    return services.service_save(by=by, municipality=municipality, **values)


def test_default_terms_exist_for_every_new_municipality(
    municipality, other_municipality
):
    for place in (municipality, other_municipality):
        terms = TaxonomyTerm.objects.of(place)
        assert terms.topics().count() == 12
        assert terms.target_groups().count() == 9
        assert terms.health_layers().count() == 5
    assert term(municipality, "bewegung").name == "Bewegung"


def test_partner_creates_an_offering_of_their_own_actor(
    municipality, partner, own_actor
):
    place = LocationFactory(municipality=municipality)
    service = save(
        partner,
        municipality,
        provider=own_actor,
        terms=[term(municipality, "bewegung"), term(municipality, "aeltere")],
        languages=["de", "tr"],
        locations=[place],
        schedules=[
            {
                "freq": "WEEKLY",
                "byday": "tu",
                "opens_at": datetime.time(14),
                "closes_at": datetime.time(16),
            }
        ],
        contacts=[{"name": "Frau Test", "phone": "0123"}],
    )
    assert service.provider == own_actor
    assert service.last_confirmed_at == timezone.localdate()
    assert sorted(service.language_codes) == ["de", "tr"]
    assert list(service.locations.all()) == [place]
    assert service.schedules.get().byday == "TU"
    assert service.contacts.get().name == "Frau Test"


def test_partner_cannot_name_another_actor(
    municipality, partner, own_actor, other_actor
):
    with pytest.raises(PermissionDenied):
        save(partner, municipality, provider=other_actor)


def test_partner_cannot_change_another_actors_offering(
    municipality, partner, own_actor, other_actor
):
    foreign = ServiceFactory(municipality=municipality, provider=other_actor)
    with pytest.raises(PermissionDenied):
        save(partner, municipality, service=foreign, provider=other_actor)
    with pytest.raises(PermissionDenied):
        services.service_archive(by=partner, service=foreign)
    with pytest.raises(PermissionDenied):
        services.service_set_status(by=partner, service=foreign, status="inactive")


def test_partner_cannot_move_own_offering_to_another_actor(
    municipality, partner, own_actor, other_actor
):
    mine = ServiceFactory(municipality=municipality, provider=own_actor)
    with pytest.raises(PermissionDenied):
        save(partner, municipality, service=mine, provider=other_actor)


def test_partner_without_actor_and_resident_may_not_add(municipality, resident):
    actor = ActorFactory(municipality=municipality)
    with pytest.raises(PermissionDenied):
        save(resident, municipality, provider=actor)


def test_coordinator_maintains_all(municipality, coordinator, other_actor):
    service = save(coordinator, municipality, provider=other_actor)
    services.service_set_status(
        by=coordinator, service=service, status="temporarily closed"
    )
    services.service_archive(by=coordinator, service=service)
    service.refresh_from_db()
    assert service.status == "temporarily closed"
    assert service.archived_at is not None


def test_other_municipalitys_data_is_refused(
    municipality, other_municipality, coordinator, other_actor
):
    foreign_actor = ActorFactory(municipality=other_municipality)
    with pytest.raises(PermissionDenied):
        # The coordinator of Musterstadt is nobody in Beispielheim.
        save(coordinator, other_municipality, provider=foreign_actor)
    with pytest.raises(ValidationError):
        save(
            coordinator,
            municipality,
            provider=other_actor,
            terms=[term(other_municipality, "bewegung")],
        )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"free_of_charge": False, "fee_description": ""}, "fee_description"),
        ({"minimum_age": 18, "maximum_age": 10}, "maximum_age"),
        ({"languages": ["xx"]}, "languages"),
        ({"schedules": [{"byday": "Dienstag"}]}, "byday"),
        ({"schedules": [{"freq": "WEEKLY", "byday": "1TU"}]}, "byday"),
        ({"schedules": [{"freq": "WEEKLY", "bymonthday": "15"}]}, "bymonthday"),
        ({"contacts": [{"name": ""}]}, None),
    ],
)
def test_validation_names_the_field(
    municipality, coordinator, other_actor, fields, field
):
    with pytest.raises(ValidationError) as info:
        save(coordinator, municipality, provider=other_actor, **fields)
    if field:
        assert field in info.value.message_dict


def test_failed_save_changes_nothing(municipality, coordinator, other_actor):
    service = ServiceFactory(
        municipality=municipality, provider=other_actor, name="Alt"
    )
    with pytest.raises(ValidationError):
        save(
            coordinator,
            municipality,
            service=service,
            provider=other_actor,
            name="Neu",
            schedules=[{"byday": "XX"}],
        )
    service.refresh_from_db()
    assert service.name == "Alt"


def test_schedules_and_languages_keep_their_ids(municipality, coordinator, other_actor):
    service = save(
        coordinator,
        municipality,
        provider=other_actor,
        languages=["de", "ar"],
        schedules=[{"byday": "MO", "opens_at": datetime.time(9)}],
    )
    schedule = Schedule.objects.get(service=service)
    german = ServiceLanguage.objects.get(service=service, code="de")
    save(
        coordinator,
        municipality,
        service=service,
        provider=other_actor,
        languages=["de", "uk"],
        schedules=[
            {"id": schedule.pk, "byday": "MO,TU", "opens_at": datetime.time(9)},
            {"freq": "MONTHLY", "byday": "1FR", "opens_at": datetime.time(18)},
        ],
    )
    assert Schedule.objects.filter(service=service).count() == 2
    assert Schedule.objects.get(pk=schedule.pk).byday == "MO,TU"
    assert ServiceLanguage.objects.get(service=service, code="de").pk == german.pk
    assert sorted(service.language_codes) == ["de", "uk"]


def test_possibly_outdated_after_13_months(municipality, other_actor):
    today = datetime.date(2026, 5, 15)
    fresh = ServiceFactory(
        municipality=municipality,
        provider=other_actor,
        last_confirmed_at=datetime.date(2025, 4, 16),
    )
    stale = ServiceFactory(
        municipality=municipality,
        provider=other_actor,
        last_confirmed_at=datetime.date(2025, 4, 14),
    )
    assert not fresh.is_possibly_outdated(today)
    assert stale.is_possibly_outdated(today)
    from quartier.directory.models import Service

    assert set(Service.objects.outdated(today)) == {stale}


def test_confirm(municipality, partner, own_actor):
    service = ServiceFactory(
        municipality=municipality,
        provider=own_actor,
        last_confirmed_at=datetime.date(2020, 1, 1),
    )
    services.service_confirm(by=partner, service=service)
    assert service.last_confirmed_at == timezone.localdate()


def test_places(
    municipality, partner, coordinator, own_actor, other_actor, neighborhood
):
    place = services.location_save(
        by=partner,
        municipality=municipality,
        name="Vereinsheim",
        owner=own_actor,
        neighborhood=neighborhood,
        is_meeting_place=True,
        meeting_place_kind="cafe",
        schedules=[
            {
                "byday": "SA",
                "opens_at": datetime.time(10),
                "closes_at": datetime.time(14),
            }
        ],
    )
    assert place.schedules.count() == 1
    with pytest.raises(ValidationError):
        services.location_save(
            by=partner, municipality=municipality, name="Fremd", owner=other_actor
        )
    with pytest.raises(ValidationError):
        services.location_save(
            by=coordinator, municipality=municipality, name="Ort", is_meeting_place=True
        )
    with pytest.raises(ValidationError):
        services.location_save(
            by=coordinator, municipality=municipality, name="Ort", latitude=50
        )


def test_terms(municipality, coordinator, partner):
    new = services.term_create(
        by=coordinator, municipality=municipality, taxonomy="topic", name="Digitales"
    )
    assert new.code == "digitales"
    with pytest.raises(ValidationError):
        services.term_create(
            by=coordinator, municipality=municipality, taxonomy="topic", name="Bewegung"
        )
    with pytest.raises(PermissionDenied):
        services.term_create(
            by=partner, municipality=municipality, taxonomy="topic", name="Kunst"
        )
