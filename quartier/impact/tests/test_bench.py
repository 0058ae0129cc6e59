"""The benchmark data of the impact app: it seeds, its pages answer, and neither the
goals list nor the indicator page costs more queries with more rows (5 vs 50 goals;
a short series vs ten years of monthly values)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.impact.bench import BENCH_PAGES, LONG_SERIES, seed_bench
from quartier.impact.models import Goal, Indicator, Measurement
from quartier.impact.tests.factories import MeasurementFactory

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_bench_seed_and_pages(municipality, client, client_for, coordinator):
    seed_bench(municipality, 5)
    assert Goal.objects.of(municipality).count() == 5
    long = Indicator.objects.get(name=LONG_SERIES)
    assert long.measurements.count() == 120
    staff = client_for(coordinator)  # the pages whose label says "login"
    for label, path in BENCH_PAGES:
        filled = path.format(slug=municipality.slug)
        assert "<" not in filled, label
        if "goal" in label and "login" in label and "goals" not in label:
            assert "/goals/" in filled, label  # a goal of the bench, found
        who = staff if "login" in label else client
        assert who.get(filled).status_code == 200, label


def test_list_and_indicator_pages_cost_the_same_with_more_rows(
    municipality, client_for, coordinator
):
    client = client_for(coordinator)
    seed_bench(municipality, 5)
    goals_url = f"/{municipality.slug}/impact/"
    api_url = f"/api/v1/municipalities/{municipality.slug}/goals"
    few = _queries(client, goals_url), _queries(client, api_url)
    seed_bench(municipality, 45)
    assert Goal.objects.of(municipality).count() == 50
    many = _queries(client, goals_url), _queries(client, api_url)
    assert many == few

    short = Indicator.objects.exclude(name=LONG_SERIES).first()
    MeasurementFactory(indicator=short)
    long = Indicator.objects.filter(name=LONG_SERIES).first()
    assert Measurement.objects.filter(indicator=long).count() == 120
    assert _queries(client, short.get_absolute_url()) == _queries(
        client, long.get_absolute_url()
    )
