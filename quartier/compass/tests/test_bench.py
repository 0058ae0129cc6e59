"""The compass's benchmark data: a history like the demo's (a closed and an open
round) for any municipality, Kleinstadt's 100 included, so that its pages compare
with Musterstadt's; the pages answer with the same queries for 10 and 100."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.compass.bench import BENCH_PAGES, seed_bench
from quartier.compass.models import Assessment, Position, Round, TensionField

pytestmark = pytest.mark.django_db


def test_the_seed_gives_a_closed_and_an_open_round_with_answers(municipality):
    seed_bench(municipality, 100)
    rounds = list(Round.objects.of(municipality).order_by("opened_at"))
    assert [r.status for r in rounds] == ["closed", "open"]
    assert [Assessment.objects.filter(round=r).count() for r in rounds] == [50, 50]
    fields = TensionField.objects.of(municipality).active().count()
    positions = Position.objects.filter(assessment__round__in=rounds)
    assert positions.count() == 100 * fields
    assert positions.exclude(comment="").exists()
    # Every perspective of the open round is large enough to be shown.
    perspectives = Assessment.objects.filter(round=rounds[1]).values("perspective")
    assert perspectives.distinct().count() == 5


def test_the_bench_pages_show_the_open_round_with_the_same_queries(
    municipality, client_for, resident
):
    client = client_for(resident)
    seed_bench(municipality, 10)
    counts = []
    for size in (10, 100):
        if size == 100:
            Round.objects.of(municipality).delete()
            seed_bench(municipality, 100)
        open_round = Round.objects.of(municipality).get(status="open")
        for label, path in BENCH_PAGES:
            filled = path.format(slug=municipality.slug)
            client.get(filled)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(filled)
            assert response.status_code == 200, label
            assert open_round.title in response.content.decode(), label
            counts.append((label, len(queries)))
    assert counts[:2] == counts[2:]
