"""The totals page's sums (learning/totals.py), read in few passes, agree with a
plain count over the entries, for the whole town and for one neighbourhood."""

import datetime
import random
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory
from quartier.core.tests.factories import NeighborhoodFactory
from quartier.learning.models import TimeCategory, TimeEntry, TimeTrackingSetting
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
    sums = year_totals(selected, YEAR, viewer=coordinator, per_person=True, top=3)
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
    selected = TimeEntry.objects.of(municipality)
    sums = year_totals(selected, YEAR, viewer=coordinator, per_person=False, top=15)
    assert (sums.total, sums.own, sums.persons) == (None, None, None)
    assert sums.actors.rows == [] and sums.actors.rest_count == 0


def test_the_page_reads_the_year_in_three_passes(
    client_for, coordinator, municipality, entries
):
    """Sums, the actors' top and the people's top: the entries table is read three
    times (ten before), plus the first and last date for the list of years."""
    url = reverse("learning:time", kwargs={"municipality_slug": municipality.slug})
    client = client_for(coordinator)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"year": YEAR})
    assert response.status_code == 200
    reads = [q["sql"] for q in queries if 'FROM "learning_timeentry"' in q["sql"]]
    assert len(reads) == 4


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
