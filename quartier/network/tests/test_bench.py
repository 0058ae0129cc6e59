"""The benchmark data of the network: it seeds ties and a snapshot, and its pages
answer from the stored snapshot with a fixed number of queries."""

import pytest
from django.urls import reverse

from quartier.actors.models import Tie
from quartier.actors.tests.factories import ActorFactory
from quartier.network.bench import BENCH_PAGES, seed_bench
from quartier.network.models import Snapshot

pytestmark = pytest.mark.django_db


def test_bench_seed_and_pages(
    municipality, coordinator, client, django_assert_max_num_queries
):
    ActorFactory.create_batch(30, municipality=municipality)
    seed_bench(municipality, 60)
    assert Tie.objects.of(municipality).active().count() == 60
    snapshot = Snapshot.objects.of(municipality).get()
    assert snapshot.measures["ties"] == 60
    client.force_login(coordinator)
    for label, path in BENCH_PAGES:
        url = path.format(slug=municipality.slug)
        assert client.get(url).status_code == 200, label
    with django_assert_max_num_queries(12):
        assert (
            client.get(reverse("network:index", args=[municipality.slug])).status_code
            == 200
        )
