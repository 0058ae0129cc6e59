"""The benchmark data of initiatives: it seeds, its pages answer, and the page with
many links costs no more queries than one with a few."""

import pytest

from quartier.initiatives.bench import BENCH_PAGES, MANY_LINKS_TITLE, seed_bench
from quartier.initiatives.models import Initiative
from quartier.participation.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db


def test_bench_seed_and_pages(municipality, neighborhood, client):
    ContributionFactory.create_batch(
        12, municipality=municipality, neighborhood=neighborhood
    )
    seed_bench(municipality, 40)
    assert Initiative.objects.of(municipality).count() == 41
    linked = Initiative.objects.get(title=MANY_LINKS_TITLE)
    assert linked.links.count() == 12
    for label, path in BENCH_PAGES:
        url = path.format(slug=municipality.slug)
        expected = 302 if "login" in label else 200
        assert client.get(url).status_code == expected, label
    assert f"/initiatives/{linked.pk}/" in BENCH_PAGES[2][1].format(
        slug=municipality.slug
    )
