"""Profile one page of the benchmark database with cProfile.

    SECRET_KEY=… DATABASE_URL=sqlite:///var/bench.sqlite3 \
        .venv/bin/python bench/profile_page.py /musterstadt/actors/ [requests] [sort]

Prints the 35 most expensive functions (cumulative time by default) over the given
number of requests (default 50), after one warm-up request.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
django.setup()

from django.test import Client  # noqa: E402


def main() -> None:
    path = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    order = sys.argv[3] if len(sys.argv) > 3 else "cumulative"
    client = Client()
    response = client.get(path)
    print(f"{path}: HTTP {response.status_code}, {len(response.content)} bytes")
    started = time.perf_counter()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(count):
        client.get(path)
    profiler.disable()
    elapsed = time.perf_counter() - started
    print(f"{count} requests, {elapsed / count * 1000:.1f} ms each (with profiling)")
    pstats.Stats(profiler).sort_stats(order).print_stats(35)


if __name__ == "__main__":
    main()
