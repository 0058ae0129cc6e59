"""Benchmark of the HSDS read API. The offerings come from the directory's
bench data (directory/bench.py seeds 20,000 of them); the HSDS app only adds import
jobs to the list of its import page.

`quartier seed_bench` calls `seed_bench(musterstadt, size)`; `make bench` measures
BENCH_PAGES (the list pages page through the directory's offerings).
"""

from __future__ import annotations

from quartier.core.models import Municipality
from quartier.hsds.models import ImportJob, ImportStatus


def seed_bench(municipality: Municipality, count: int) -> None:
    """`count` finished import jobs (history rows of the import page)."""
    ImportJob.objects.bulk_create(
        ImportJob(
            municipality=municipality,
            format="csv",
            filename=f"bench-{index}.csv",
            status=ImportStatus.DONE,
            total=10,
            processed=10,
        )
        for index in range(count)
    )


BENCH_PAGES = [
    ("hsds services page", "/{slug}/hsds/services"),
    ("hsds services full", "/{slug}/hsds/services?full=true&per_page=50"),
    ("hsds search", "/{slug}/hsds/services?search=Sport"),
    ("hsds service_at_locations", "/{slug}/hsds/service_at_locations"),
    ("hsds taxonomy_terms", "/{slug}/hsds/taxonomy_terms"),
]
