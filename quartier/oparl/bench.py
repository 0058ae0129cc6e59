"""Benchmark pages of the OParl server (`make bench`, docs/benchmarks.md): the
body list and Musterstadt's paper list — its forums' decisions from the bench
data of `quartier seed_bench` (the oparl app adds no data of its own). Their
query count does not grow with the data (tests/test_server.py)."""

from __future__ import annotations

from quartier.core.models import Municipality


def seed_bench(municipality: Municipality, count: int) -> None:
    """Nothing to add: the served papers are the forums' bench decisions."""


BENCH_PAGES = [
    ("oparl bodies", "/oparl/bodies/"),
    ("oparl papers", "/oparl/bodies/{slug}/papers/"),
]
