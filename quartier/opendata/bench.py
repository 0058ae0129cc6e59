"""Benchmark pages of open data (`make bench`): the DCAT-AP.de catalogue and the
open-data page of Musterstadt, measured on the data the other apps' bench.py
seeded (100 000 contributions, 20 000 offerings, …). Open data adds no rows of its
own: its size is the others' data."""

from __future__ import annotations

from quartier.core.models import Municipality

BENCH_PAGES = [
    ("open-data catalogue (JSON-LD)", "/{slug}/open-data/catalog.jsonld"),
    ("open-data page", "/{slug}/open-data/"),
]


def seed_bench(municipality: Municipality, count: int) -> None:
    """Nothing to add: the catalogue describes the other apps' rows."""
