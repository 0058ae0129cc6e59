"""Benchmark data of "time made visible" (`quartier seed_bench`): `count` time
entries of the big bench municipality's actors over the last year."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from quartier.core.models import Municipality

BENCH_PAGES = [
    ("time totals (coordinator login)", "/{slug}/learning/time/"),
    ("time entries", "/{slug}/learning/time/entries/"),
]


def seed_bench(municipality: Municipality, count: int) -> None:
    from django.utils import timezone

    from quartier.actors.models import Actor
    from quartier.learning.models import TimeCategory, TimeEntry, TimeTrackingSetting

    # The pages measure the full module: as after the staff council's agreement.
    TimeTrackingSetting.objects.update_or_create(
        municipality=municipality, defaults={"mode": "agreement"}
    )
    rng = random.Random(2030)  # noqa: S311 - test data
    actors = list(Actor.objects.of(municipality).values_list("pk", flat=True)[:500])
    if not actors:
        return
    today = timezone.localdate()
    categories = TimeCategory.values
    TimeEntry.objects.bulk_create(
        (
            TimeEntry(
                municipality=municipality,
                actor_id=rng.choice(actors),
                date=today - datetime.timedelta(days=rng.randint(0, 364)),
                hours=Decimal(rng.randint(1, 32)) / 4,
                category=rng.choice(categories),
                note="Bench",
            )
            for _ in range(count)
        ),
        batch_size=2000,
    )
    # Written in bulk, past the bookkeeping of single writes: sum the years now.
    from quartier.learning import year_sums

    year_sums.rebuild_all(municipality.pk)
