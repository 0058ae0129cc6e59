"""Time made visible: who records for whom, who sees what, totals computed right,
CSV, and constant queries."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.models import ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.learning import services
from quartier.learning.models import TimeEntry, TimeTrackingSetting
from quartier.learning.tests.factories import TimeEntryFactory

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year - 1


@pytest.fixture(autouse=True)
def agreement(municipality):
    """These tests run where the staff council agreed (test_time_setting.py has the
    other modes)."""
    return TimeTrackingSetting.objects.create(
        municipality=municipality, mode="agreement"
    )


def url(name, municipality, **kwargs):
    return reverse(name, kwargs={"municipality_slug": municipality.slug, **kwargs})


def day(month, d=10):
    return datetime.date(YEAR, month, d)


@pytest.fixture
def sport(municipality, partner):
    actor = ActorFactory(municipality=municipality, name="Sportverein Sonnenberg")
    ActorMember.objects.create(actor=actor, user=partner)
    return actor


def save(by, municipality, **kw):
    values = {"date": day(3), "hours": "1.5", "category": "networking", **kw}
    return services.time_entry_save(by=by, municipality=municipality, **values)


def test_a_resident_records_own_time(resident, municipality):
    entry = save(resident, municipality)
    assert (entry.person, entry.actor, entry.created_by) == (resident, None, resident)
    assert entry.hours == Decimal("1.5")


def test_a_resident_cannot_record_for_an_actor_or_another_person(
    resident, partner, sport, municipality
):
    with pytest.raises(ValidationError):
        save(resident, municipality, actor=sport)
    with pytest.raises(ValidationError):
        save(resident, municipality, person=partner)


def test_a_partner_records_for_their_actor_only(partner, sport, municipality):
    entry = save(partner, municipality, actor=sport)
    assert (entry.actor, entry.person) == (sport, None)
    other = ActorFactory(municipality=municipality)
    with pytest.raises(ValidationError):
        save(partner, municipality, actor=other)


def test_coordinators_record_for_anyone_of_the_municipality(
    coordinator, resident, sport, municipality, other_admin
):
    assert save(coordinator, municipality, person=resident).person == resident
    assert save(coordinator, municipality, actor=sport).actor == sport
    with pytest.raises(ValidationError):
        save(coordinator, municipality, person=other_admin)
    with pytest.raises(ValidationError):
        save(coordinator, municipality, person=resident, actor=sport)


def test_other_municipalities_and_guests_cannot_record(other_admin, municipality):
    with pytest.raises(PermissionDenied):
        save(other_admin, municipality)


@pytest.mark.parametrize("hours", ["0", "0.1", "24.25", "-1", "1.3"])
def test_hours_must_be_quarter_hours_from_a_quarter_to_24(
    resident, municipality, hours
):
    with pytest.raises(ValidationError) as info:
        save(resident, municipality, hours=hours)
    assert "hours" in info.value.error_dict


def test_no_time_in_the_future(resident, municipality):
    with pytest.raises(ValidationError) as info:
        save(
            resident,
            municipality,
            date=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert "date" in info.value.error_dict


def test_the_database_wants_exactly_one_of_person_and_actor(municipality, sport):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        TimeEntryFactory(municipality=municipality, person=None, actor=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        TimeEntryFactory(municipality=municipality, actor=sport)


def test_people_edit_and_delete_their_own_entries_only(
    client_for, resident, partner, municipality
):
    entry = TimeEntryFactory(municipality=municipality, person=resident)
    assert (
        client_for(partner)
        .get(url("learning:time_edit", municipality, pk=entry.pk))
        .status_code
        == 404
    )
    client = client_for(resident)
    response = client.post(
        url("learning:time_edit", municipality, pk=entry.pk),
        {
            "date": day(5).isoformat(),
            "hours": "3",
            "category": "advice",
            "note": "Sprechstunde",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.hours, entry.category) == (Decimal("3"), "advice")
    client.post(url("learning:time_delete", municipality, pk=entry.pk))
    assert not TimeEntry.objects.exists()


def test_a_bad_number_of_hours_is_shown_next_to_the_field(
    client_for, resident, municipality
):
    with translation.override("en"):
        response = client_for(resident).post(
            url("learning:time_new", municipality),
            {"date": day(5).isoformat(), "hours": "30", "category": "advice"},
        )
    assert response.status_code == 200
    assert 'id="id_hours_error"' in response.content.decode()
    assert 'value="30"' in response.content.decode()


@pytest.fixture
def year_of_time(municipality, resident, partner, sport):
    family = ActorFactory(municipality=municipality, name="Familienzentrum")
    TimeEntryFactory(
        municipality=municipality,
        person=None,
        actor=sport,
        created_by=partner,
        date=day(1),
        hours=Decimal("2"),
        category="networking",
    )
    TimeEntryFactory(
        municipality=municipality,
        person=None,
        actor=sport,
        created_by=partner,
        date=day(5),
        hours=Decimal("3.5"),
        category="volunteering",
    )
    TimeEntryFactory(
        municipality=municipality,
        person=None,
        actor=family,
        created_by=partner,
        date=day(8),
        hours=Decimal("1.25"),
        category="translation",
    )
    TimeEntryFactory(
        municipality=municipality,
        person=resident,
        date=day(11),
        hours=Decimal("4"),
        category="volunteering",
    )
    TimeEntryFactory(
        municipality=municipality,
        person=resident,
        date=day(12),
        hours=Decimal("0.75"),
        category="networking",
    )
    # Another year: not counted.
    TimeEntryFactory(
        municipality=municipality,
        person=resident,
        date=datetime.date(YEAR - 1, 6, 1),
        hours=Decimal("9"),
    )
    return sport, family


def _rows(chart):
    return {bar.label: bar.value for bar in chart.bars}


def test_totals_per_category_actor_and_quarter(
    client_for, resident, year_of_time, municipality
):
    client = client_for(resident)
    client.cookies["django_language"] = "en"  # category names in English
    response = client.get(url("learning:time", municipality), {"year": YEAR})
    by_category, by_actor, by_quarter = response.context["charts"]
    assert _rows(by_category) == {
        "Networking": 2.75,
        "Moderation": 0,
        "Translation": 1.25,
        "Organisation": 0,
        "Volunteering": 7.5,
        "Advice": 0,
    }
    assert _rows(by_actor) == {
        "Sportverein Sonnenberg": 5.5,
        "Familienzentrum": 1.25,
        "Individual people (together)": 4.75,
    }
    assert list(_rows(by_quarter).values()) == [2, 3.5, 1.25, 4.75]
    assert response.context["total"] == "11.5"  # English number format
    assert response.context["person_chart"] is None  # residents see no one by name


def test_the_coordination_sees_hours_per_person(
    client_for, coordinator, resident, year_of_time, municipality
):
    response = client_for(coordinator).get(
        url("learning:time", municipality), {"year": YEAR}
    )
    assert _rows(response.context["person_chart"]) == {resident.public_name: 4.75}


def test_many_actors_and_people_show_the_top_and_the_rest_together(
    client_for, coordinator, partner, municipality
):
    """A town's 2,000 actors were 2,000 bars: the charts show the TOP by hours and
    one bar for the rest, with their number and their hours together."""
    from quartier.learning.views import TOP

    for n in range(TOP + 3):  # actor n has n + 1 hours
        TimeEntryFactory(
            municipality=municipality,
            person=None,
            actor=ActorFactory(municipality=municipality, name=f"Verein {n:02d}"),
            created_by=partner,
            date=day(2),
            hours=Decimal(n + 1),
        )
    for n in range(TOP + 2):  # person n has n + 1 hours
        TimeEntryFactory(
            municipality=municipality,
            person=UserFactory(display_name=f"Person {n:02d}"),
            date=day(3),
            hours=Decimal(n + 1),
        )
    response = client_for(coordinator).get(
        url("learning:time", municipality), {"year": YEAR}
    )
    actors = list(_rows(response.context["charts"][1]).items())
    assert [name for name, _h in actors[:TOP]] == [
        f"Verein {n:02d}" for n in range(TOP + 2, 2, -1)
    ]
    # The three smallest (1 + 2 + 3 hours) together, then the individual people.
    assert actors[TOP] == ("3 weitere Akteur:innen (zusammen)", 6)
    assert actors[TOP + 1][1] == sum(range(1, TOP + 3))
    people = list(_rows(response.context["person_chart"]).items())
    assert len(people) == TOP + 1
    assert people[0] == ("Person 16", 17)
    assert people[TOP] == ("2 weitere Personen (zusammen)", 3)


def test_the_neighbourhood_filter(client_for, resident, neighborhood, municipality):
    TimeEntryFactory(
        municipality=municipality,
        person=resident,
        neighborhood=neighborhood,
        date=day(2),
        hours=Decimal("2"),
    )
    TimeEntryFactory(
        municipality=municipality, person=resident, date=day(2), hours=Decimal("5")
    )
    response = client_for(resident).get(
        url("learning:time", municipality),
        {"year": YEAR, "neighborhood": neighborhood.slug},
    )
    assert response.context["total"] == "2"


def test_the_entry_list_shows_own_and_own_actors_entries(
    client_for, partner, resident, year_of_time, municipality
):
    response = client_for(partner).get(url("learning:time_entries", municipality))
    shown = list(response.context["page"].object_list)
    assert len(shown) == 3 and all(e.actor_id for e in shown)
    response = client_for(resident).get(url("learning:time_entries", municipality))
    assert {e.person_id for e in response.context["page"].object_list} == {resident.pk}


def test_the_csv_lists_the_visible_entries(
    client_for, partner, year_of_time, municipality
):
    response = client_for(partner).get(
        url("learning:time_csv", municipality), {"year": YEAR}
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == "date;person;actor;category;hours;neighbourhood;note;recorded_by"
    assert len(lines) == 4
    assert any(";3,5;" in line for line in lines)


@pytest.mark.parametrize("name", ["learning:time", "learning:time_entries"])
def test_time_pages_need_the_same_queries_for_5_and_50_entries(
    client_for, coordinator, municipality, django_assert_max_num_queries, name
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(count):
        for i in range(count):
            actor = ActorFactory(municipality=municipality)
            TimeEntryFactory(
                municipality=municipality,
                person=None,
                actor=actor,
                created_by=coordinator,
                date=day(1 + i % 12),
            )
            TimeEntryFactory(
                municipality=municipality, person=UserFactory(), date=day(1 + i % 12)
            )

    client = client_for(coordinator)
    add(3)
    client.get(url(name, municipality), {"year": YEAR})
    with CaptureQueriesContext(connection) as few:
        client.get(url(name, municipality), {"year": YEAR})
    add(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url(name, municipality), {"year": YEAR}).status_code == 200
