"""The kept tallies of a round (compass/tallies.py): every saved assessment moves
them exactly as a recount from the positions would, the results read them instead
of the positions, and a round without them gets them on its first read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.compass import services, tallies
from quartier.compass.models import Tally, TensionField
from quartier.compass.results import compute_round, compute_trends
from quartier.compass.tests.factories import RoundFactory, assess

pytestmark = pytest.mark.django_db


def _kept(round):
    return sorted(
        (t.field_id or 0, t.perspective, t.n, t.comments, t.current, t.target)
        for t in Tally.objects.filter(round=round)
        if t.n
    )


def _save(user, round, perspective, current, target, comment=""):
    fields = TensionField.objects.of(round.municipality).active()
    services.assessment_save(
        by=user,
        round=round,
        perspective=perspective,
        positions={
            f.pk: {"current": current, "target": target, "comment": comment}
            for f in fields
        },
    )


def _person(municipality):
    user = UserFactory()
    MembershipFactory(user=user, municipality=municipality, role="resident")
    return user


def test_saved_assessments_move_the_tallies_as_a_recount_does(municipality):
    round = RoundFactory(municipality=municipality, status="open")
    people = [_person(municipality) for _ in range(4)]
    _save(people[0], round, "residents", 10, 20, "Erste Anmerkung")
    assert Tally.objects.filter(round=round).count() == 0  # none kept yet
    compute_round(round)  # the first read counts them
    assert Tally.objects.filter(round=round).exists()
    steps = [
        (people[1], "residents", 30, 40, ""),
        (people[2], "politics", 50, 60, "Zweite"),
        (people[0], "residents", 11, 21, ""),  # values changed, comment removed
        (people[2], "economy", 50, 60, "Zweite"),  # perspective changed
        (people[3], "economy", 100, 0, "Dritte"),
        (people[1], "residents", 30, 40, "Jetzt mit Kommentar"),
    ]
    for user, perspective, current, target, comment in steps:
        _save(user, round, perspective, current, target, comment)
        kept = _kept(round)
        tallies.rebuild(round)
        assert kept == _kept(round), (perspective, current, target, comment)
    result = compute_round(round, with_comments=True)
    assert result.participants == 4
    fr = result.fields[0]
    assert fr.overall.current.median == 40  # 11 30 50 100 → (30 + 50) / 2
    assert fr.comment_count == 3


def test_a_guests_results_read_the_tallies_not_the_positions(client_for, municipality):
    round = RoundFactory(municipality=municipality, status="closed")
    field = TensionField.objects.of(municipality).first()
    for value in (20, 30, 40):
        assess(round, "administration", {field: (value, 50)})
    compute_round(round)
    with CaptureQueriesContext(connection) as queries:
        result = compute_round(round)
        compute_trends(municipality, [round])
    assert result.field(field.pk).overall.current.median == 30
    assert not [q for q in queries if "compass_position" in q["sql"]]
    assert len(queries) == 4  # tallies and fields, for the round and the trends


def test_trends_count_a_round_without_tallies_once(municipality):
    first = RoundFactory(municipality=municipality, status="closed")
    second = RoundFactory(municipality=municipality, status="open")
    empty = RoundFactory(municipality=municipality, status="open")
    field = TensionField.objects.of(municipality).first()
    for value in (10, 20, 30):
        assess(first, "residents", {field: (value, 100)})
        assess(second, "residents", {field: (value + 50, 0)})
    trend = next(
        t
        for t in compute_trends(municipality, [first, second, empty])
        if t.field == field
    )
    assert [(p.n, p.current, p.target) for p in trend.points] == [
        (3, 20, 100),
        (3, 70, 0),
        (0, None, None),
    ]
    assert Tally.objects.filter(round=first).exists()
    assert not Tally.objects.filter(round=empty).exists()
