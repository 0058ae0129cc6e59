"""The totals page's sums (learning/totals.py), read from the kept sums of the year
(learning/year_sums.py), agree with a plain count over the entries, for the whole
town and for one neighbourhood, after every kind of write; `check_time_sums` finds
and fixes drift."""

import datetime
import random
from collections import defaultdict
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.actors.tests.factories import ActorFactory
from quartier.core.tests.factories import NeighborhoodFactory
from quartier.core.tests.race import outcomes, split
from quartier.learning import services, year_sums
from quartier.learning.models import (
    TimeCategory,
    TimeEntry,
    TimeSum,
    TimeTrackingSetting,
)
from quartier.learning.tests.factories import TimeEntryFactory
from quartier.learning.totals import year_totals

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year - 1


@pytest.fixture(autouse=True)
def agreement(municipality):
    return TimeTrackingSetting.objects.create(
        municipality=municipality, mode="agreement"
    )


@pytest.fixture
def entries(municipality, coordinator):
    """80 entries of 6 actors (two of the same name) and 4 people, over two years
    and two neighbourhoods, the coordinator's own among them."""
    rng = random.Random(19)  # noqa: S311 - test data
    actors = [ActorFactory(municipality=municipality, name=f"Verein {n}") for n in "ab"]
    actors += [ActorFactory(municipality=municipality, name="Verein a")]
    actors += [ActorFactory(municipality=municipality) for _ in range(3)]
    people = [coordinator, *(UserFactory() for _ in range(3))]
    places = [None, *(NeighborhoodFactory(municipality=municipality) for _ in "xy")]
    for _ in range(80):
        actor = rng.choice([*actors, None])
        TimeEntryFactory(
            municipality=municipality,
            actor=actor,
            person=None if actor else rng.choice(people),
            created_by=coordinator,
            date=datetime.date(rng.choice([YEAR - 1, YEAR]), rng.randint(1, 12), 5),
            hours=Decimal(rng.randint(1, 40)) / 4,
            category=rng.choice(TimeCategory.values),
            neighborhood=rng.choice(places),
        )
    # Another town's time: never counted.
    TimeEntryFactory(date=datetime.date(YEAR, 3, 1), hours=Decimal(24))
    return places[1]


def _expected(rows, viewer):
    by = defaultdict(Decimal)
    actors, persons = defaultdict(Decimal), defaultdict(Decimal)
    for entry in rows:
        by["total"] += entry.hours
        by[entry.category] += entry.hours
        by[f"q{(entry.date.month - 1) // 3}"] += entry.hours
        if entry.actor_id:
            actors[entry.actor_id] += entry.hours
        else:
            by["people"] += entry.hours
            persons[entry.person_id] += entry.hours
            if entry.person_id == viewer.pk:
                by["own"] += entry.hours
    return by, actors, persons


@pytest.mark.parametrize("in_place", [False, True])
def test_the_sums_agree_with_the_entries_counted_one_by_one(
    municipality, coordinator, entries, in_place
):
    selected = TimeEntry.objects.of(municipality).filter(date__year=YEAR)
    if in_place:
        selected = selected.filter(neighborhood=entries)
    by, actors, persons = _expected(list(selected), coordinator)
    sums = year_totals(
        municipality,
        YEAR,
        entries if in_place else None,
        viewer=coordinator,
        per_person=True,
        top=3,
    )
    assert sums.total == by["total"]
    assert sums.by_category == {c: by[c] for c in TimeCategory.values}
    assert sums.by_quarter == [by[f"q{n}"] for n in range(4)]
    assert (sums.people, sums.own) == (by["people"], by["own"] or None)
    # Two actors of the same name are two bars (grouped by actor, not by name).
    top = sorted(actors.values(), reverse=True)
    assert [hours for _name, hours in sums.actors.rows] == top[:3]
    assert sums.actors.rest_count == len(actors) - 3
    assert sums.actors.rest_hours == sum(top[3:])
    top = sorted(persons.values(), reverse=True)
    assert [hours for _name, hours in sums.persons.rows] == top[:3]
    assert (sums.persons.rest_count, sums.persons.rest_hours) == (
        max(len(persons) - 3, 0),
        sum(top[3:]),
    )


def test_no_entries_no_sums(municipality, coordinator):
    sums = year_totals(
        municipality, YEAR, None, viewer=coordinator, per_person=False, top=15
    )
    assert (sums.total, sums.own, sums.persons) == (None, None, None)
    assert sums.actors.rows == [] and sums.actors.rest_count == 0


def test_the_page_reads_kept_sums_not_the_entries(
    client_for, coordinator, municipality, entries
):
    """The entries table is read once, for the first and last date (the list of
    years); the figures come from the kept sums, whatever the year holds."""
    url = reverse("learning:time", kwargs={"municipality_slug": municipality.slug})
    client = client_for(coordinator)
    client.get(url, {"year": YEAR})  # warm: sessions, the setting
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"year": YEAR})
    assert response.status_code == 200
    reads = [q["sql"] for q in queries if 'FROM "learning_timeentry"' in q["sql"]]
    assert len(reads) == 1 and "SUM(" not in reads[0].upper()
    assert response.context["total"] != "0"
    many = len(queries)
    for _ in range(40):
        TimeEntryFactory(
            municipality=municipality,
            person=None,
            actor=ActorFactory(municipality=municipality),
            date=datetime.date(YEAR, 6, 1),
        )
    with CaptureQueriesContext(connection) as queries:
        client.get(url, {"year": YEAR})
    assert len(queries) == many


def test_the_years_run_from_the_first_entry_to_this_year(
    client_for, coordinator, municipality
):
    """The first and last entry's dates (two index reads): the years offered run
    from this year back to the first entry's; another town's entries do not count."""
    this_year = timezone.localdate().year
    url = reverse("learning:time", kwargs={"municipality_slug": municipality.slug})
    client = client_for(coordinator)

    def offered():
        form = client.get(url).context["form"]
        return [value for value, _label in form.fields["year"].choices]

    assert offered() == [this_year]
    TimeEntryFactory(date=datetime.date(this_year - 6, 1, 1))  # another town
    TimeEntryFactory(municipality=municipality, date=datetime.date(this_year - 2, 5, 1))
    TimeEntryFactory(municipality=municipality, date=datetime.date(this_year - 3, 7, 1))
    assert offered() == [this_year, this_year - 1, this_year - 2, this_year - 3]


def _figures(municipality, coordinator, neighborhood=None):
    sums = year_totals(
        municipality, YEAR, neighborhood, viewer=coordinator, per_person=True, top=3
    )
    return sums, _expected(
        list(
            TimeEntry.objects.of(municipality).filter(
                date__year=YEAR,
                **({"neighborhood": neighborhood} if neighborhood else {}),
            )
        ),
        coordinator,
    )


def _agree(municipality, coordinator, neighborhood=None):
    sums, (by, actors, persons) = _figures(municipality, coordinator, neighborhood)
    assert sums.total == (by["total"] or None)
    assert sums.by_category == {c: by[c] for c in TimeCategory.values}
    assert sums.by_quarter == [by[f"q{n}"] for n in range(4)]
    assert (sums.people, sums.own) == (by["people"], by["own"] or None)
    assert [h for _n, h in sums.actors.rows] == sorted(actors.values(), reverse=True)[
        :3
    ]
    assert sums.persons.rest_count == max(len(persons) - 3, 0)
    assert year_sums.drift(municipality.pk) == []


def test_the_kept_sums_follow_every_write(municipality, coordinator, entries):
    """A change of date (into another year), hours, neighbourhood, category or whose
    time, a deletion, a person's deletion and a neighbourhood's deletion each leave
    the kept sums equal to the entries."""
    place = entries
    _agree(municipality, coordinator)
    _agree(municipality, coordinator, place)
    entry = TimeEntry.objects.of(municipality).filter(date__year=YEAR).first()
    entry.date = datetime.date(YEAR - 1, 2, 2)
    entry.save()
    _agree(municipality, coordinator)
    entry.hours = Decimal("23.75")  # the hours alone
    entry.save()
    _agree(municipality, coordinator)
    entry.note = "Nur die Notiz"  # no sum changes: no recount
    with CaptureQueriesContext(connection) as queries:
        entry.save()
    assert not [q for q in queries if "learning_time" in q["sql"] and "SUM" in q["sql"]]
    entry.date, entry.hours, entry.neighborhood = datetime.date(YEAR, 11, 3), 7, place
    entry.category = "advice"
    entry.save()
    _agree(municipality, coordinator, place)
    entry.actor, entry.person = None, coordinator
    entry.save()
    _agree(municipality, coordinator)
    _agree(municipality, coordinator, place)
    entry.delete()
    _agree(municipality, coordinator, place)
    person = UserFactory()
    for month in (1, 2, 3):
        TimeEntryFactory(
            municipality=municipality,
            person=person,
            date=datetime.date(YEAR, month, 9),
            neighborhood=place,
        )
    _agree(municipality, coordinator, place)
    person.delete()
    _agree(municipality, coordinator, place)
    before = year_totals(
        municipality, YEAR, None, viewer=coordinator, per_person=True, top=3
    )
    place.delete()
    _agree(municipality, coordinator)
    after = year_totals(
        municipality, YEAR, None, viewer=coordinator, per_person=True, top=3
    )
    assert after.total == before.total


def test_entries_written_in_bulk_are_summed_on_first_view(municipality, coordinator):
    actor = ActorFactory(municipality=municipality)
    TimeEntry.objects.bulk_create(
        TimeEntry(
            municipality=municipality,
            actor=actor,
            date=datetime.date(YEAR, 1 + n, 1),
            hours=Decimal(2),
            category="networking",
        )
        for n in range(6)
    )
    assert not TimeSum.objects.filter(municipality=municipality).exists()
    sums = year_totals(
        municipality, YEAR, None, viewer=coordinator, per_person=False, top=15
    )
    assert (sums.total, sums.by_quarter) == (12, [6, 6, 0, 0])
    assert sums.actors.rows == [(actor.name, 12)]
    assert year_sums.drift(municipality.pk) == []


def test_check_time_sums_finds_and_fixes_drift(municipality, coordinator, entries):
    call_command("check_time_sums", stdout=StringIO())  # nothing drifted
    TimeEntry.objects.of(municipality).filter(date__year=YEAR).update(hours=1)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check_time_sums", stdout=out)
    assert f"{municipality.slug} {YEAR}:" in out.getvalue()
    out = StringIO()
    call_command("check_time_sums", "--fix", stdout=out)
    assert "1 year(s) with drifted sums, fixed." in out.getvalue()
    assert year_sums.drift(municipality.pk) == []
    _agree(municipality, coordinator)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_entries_are_all_summed(municipality):
    """Eight people record time at the same moment into the same cells: each
    recount waits for the town's row lock, then counts what was committed meanwhile
    (PostgreSQL), or writes one after the other (SQLite)."""
    TimeTrackingSetting.objects.update_or_create(
        municipality=municipality, defaults={"mode": "agreement"}
    )
    people = UserFactory.create_batch(8)
    for person in people:
        MembershipFactory(user=person, municipality=municipality)
    day = datetime.date(YEAR, 5, 5)

    def record(person):
        services.time_entry_save(
            by=person,
            municipality=municipality,
            date=day,
            hours=Decimal("1.5"),
            category="networking",
        )

    done, refused, errors = split(outcomes(record, people))
    assert (len(done), refused, errors) == (8, [], [])
    assert year_sums.drift(municipality.pk) == []
    sums = year_totals(municipality, YEAR, None, viewer=None, per_person=True, top=3)
    assert (sums.total, sums.people) == (12, 12)
    assert sums.persons.rest_count == 5
