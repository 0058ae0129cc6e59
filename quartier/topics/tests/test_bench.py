"""The benchmark of topics: seed_bench clusters the latest `count` contributions as
the background task does, and the bench's pages answer."""

import pytest

from quartier.participation.tests.factories import ContributionFactory
from quartier.topics.bench import BENCH_PAGES, seed_bench
from quartier.topics.models import ClusterRun
from quartier.topics.tests.corpus import TEXTS

pytestmark = pytest.mark.django_db


def test_bench_clusters_the_latest_contributions(
    municipality, neighborhood, coordinator, client, capsys
):
    ContributionFactory(municipality=municipality, neighborhood=neighborhood)
    for text in TEXTS:
        ContributionFactory(
            municipality=municipality, neighborhood=neighborhood, title="-", text=text
        )
    seed_bench(municipality, len(TEXTS))
    run = ClusterRun.objects.of(municipality).get()
    assert (run.status, run.text_count, run.k) == ("done", len(TEXTS), 3)
    assert "30 texts, status done, 3 clusters" in capsys.readouterr().out
    client.force_login(coordinator)
    for label, path in BENCH_PAGES:
        assert client.get(path.format(slug=municipality.slug)).status_code == 200, label
