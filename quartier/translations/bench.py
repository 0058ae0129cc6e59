"""Benchmark pages of the languages (issue 20): the municipality home and the
contribution list in Arabic (right to left) next to German. bench/query_counts.py
sends the language cookie the switch sets for a label ending in "in Arabic" or
"in German"; the target is Arabic within 10 % of German (docs/benchmarks.md)."""

from __future__ import annotations

from typing import Any

BENCH_PAGES = [
    ("municipality home in German", "/{slug}/"),
    ("municipality home in Arabic", "/{slug}/"),
    ("contribution list in German", "/{slug}/participation/"),
    ("contribution list in Arabic", "/{slug}/participation/"),
]


def seed_bench(municipality: Any, count: int) -> None:
    """Nothing to add: the pages show the participation app's bench data."""
