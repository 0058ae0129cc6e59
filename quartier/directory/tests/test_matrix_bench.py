"""The benchmark seed of the directory, and the matrix on top of it."""

from __future__ import annotations

import pytest

from quartier.directory.bench import BENCH_PAGES, bench_path, seed_bench
from quartier.directory.matrix import build_matrix
from quartier.directory.models import Schedule, Service, ServiceAtLocation

pytestmark = pytest.mark.django_db


def test_seed_bench_creates_the_offerings_with_their_relations(
    municipality, neighborhood
):
    seed_bench(municipality, 50)

    services = Service.objects.filter(municipality=municipality)
    assert services.count() == 50
    assert Schedule.objects.filter(service__in=services).count() == 50
    assert ServiceAtLocation.objects.filter(service__in=services).count() == 50
    assert all(s.terms.exists() for s in services[:10])
    assert build_matrix(municipality).offering_count > 0


def test_bench_pages_are_directory_pages(
    client, municipality, neighborhood, coordinator
):
    seed_bench(municipality, 20)
    for label, path in BENCH_PAGES:
        if "(login)" in label:
            client.force_login(coordinator)
        response = client.get(bench_path(path, municipality.slug))
        assert response.status_code == 200, path
