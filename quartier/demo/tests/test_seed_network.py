"""The demo's network: three snapshots in which the Gesundheitskiosk becomes the
broker between the health sector and the migrant organisations; a survey round
with answers from 20 actors; an idempotent second run."""

from io import StringIO

import pytest
from django.core.management import call_command

from quartier.actors.models import Tie
from quartier.core.models import Municipality
from quartier.network.compare import bridging, brokers
from quartier.network.models import Answer, Participant, Snapshot

pytestmark = pytest.mark.django_db

KIOSK = "Gesundheitskiosk Bahnhofsviertel"


@pytest.fixture
def musterstadt(demo_world, db):
    return Municipality.objects.get(slug="musterstadt")


def kiosk_in(snapshot):
    return next(n for n in snapshot.data["nodes"] if n["name"] == KIOSK)


def test_the_kiosk_becomes_a_broker_over_three_snapshots(musterstadt):
    snapshots = list(Snapshot.objects.of(musterstadt).order_by("taken_on"))
    assert [s.taken_on.year for s in snapshots] == [2024, 2025, 2026]
    first, _middle, last = snapshots
    assert KIOSK not in [n["name"] for n in brokers(first.data)]
    assert KIOSK in [n["name"] for n in brokers(last.data)]
    assert bridging(kiosk_in(last)) > bridging(kiosk_in(first))
    assert kiosk_in(last)["betweenness"] > kiosk_in(first)["betweenness"]
    assert last.measures["ties"] > first.measures["ties"]


def test_the_survey_has_answers_from_twenty_actors(musterstadt):
    answered = Participant.objects.filter(
        round__municipality=musterstadt, answered_at__isnull=False
    )
    assert answered.count() == 20
    assert Answer.objects.filter(participant__in=answered).count() >= 30


def test_a_second_run_changes_nothing(musterstadt):
    before = (Snapshot.objects.count(), Tie.objects.count(), Answer.objects.count())
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert (
        Snapshot.objects.count(),
        Tie.objects.count(),
        Answer.objects.count(),
    ) == before
