"""Benchmark pages of the Quartiers-Check and the support offers (`make bench`).

No data of its own: the check page of Musterstadt shows the demo's rounds with
suggestions computed from the bench data of the other modules."""

BENCH_PAGES = [
    ("Quartiers-Check (login)", "/{slug}/check/"),
    ("support offers", "/{slug}/support/"),
]
