"""Benchmark of topics in free text (`quartier seed_bench`): one clustering run over
the latest `count` contributions of Musterstadt's last year (the bench seeds
100,000 contributions, so 10,000 are taken), computed by the background task as a
worker runs it, timed (docs/topics.md, "Speed"). The runs page then lists it."""

from __future__ import annotations

import datetime
import sys
import time

from django.test import override_settings
from django.utils import timezone

from quartier.core.models import Municipality

BENCH_PAGES = [
    ("topics runs (login)", "/{slug}/topics/"),
]


def seed_bench(municipality: Municipality, count: int) -> None:
    from quartier.topics import tasks
    from quartier.topics.models import ClusterRun

    today = timezone.localdate()
    run = ClusterRun.objects.create(
        municipality=municipality,
        period_start=today - datetime.timedelta(days=365),
        period_end=today,
        sources=["contribution"],
    )
    started = time.monotonic()
    with override_settings(TOPICS_MAX_TEXTS=count):
        tasks.run_clustering.call(run_id=run.pk)
    seconds = time.monotonic() - started
    run.refresh_from_db()
    sys.stdout.write(
        f"Topics of {municipality.slug}: {run.text_count} texts, status {run.status}, "
        f"{run.k} clusters (silhouette {run.silhouette}) in {seconds:.2f} s\n"
    )
