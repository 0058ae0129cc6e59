"""Benchmark data of the compass (`quartier seed_bench`): a history like the demo's
(an earlier, closed round and the open one), `count` anonymous assessments shared
between them, with a position on every field and a comment on some.

Kleinstadt gets the same shape at its size, so that its compass pages are the same
pages as Musterstadt's (results, trends, comments) and the time ratio compares like
with like."""

from __future__ import annotations

import random
from datetime import timedelta

from quartier.core.models import Municipality

BENCH_PAGES = [
    ("compass results", "/{slug}/compass/"),
    ("compass trends", "/{slug}/compass/trends/"),
]

# Every COMMENT_EVERY-th position carries a comment (the demo: about one in ten).
COMMENT_EVERY = 7


def seed_bench(municipality: Municipality, count: int) -> None:
    from django.utils import timezone

    from quartier.compass import tallies
    from quartier.compass.models import (
        Assessment,
        Perspective,
        Position,
        Round,
        RoundStatus,
        TensionField,
    )
    from quartier.compass.services import default_fields_ensure

    rng = random.Random(2030)  # noqa: S311 - test data
    default_fields_ensure(municipality=municipality)
    fields = list(TensionField.objects.of(municipality).active())
    now = timezone.now()
    stamp = f"{now:%Y%m%d%H%M%S%f}"
    earlier = Round.objects.create(
        municipality=municipality,
        title=f"Bench-Runde {stamp} (1)",
        status=RoundStatus.CLOSED,
        opened_at=now - timedelta(days=300),
        closed_at=now - timedelta(days=250),
    )
    current = Round.objects.create(
        municipality=municipality,
        title=f"Bench-Runde {stamp} (2)",
        status=RoundStatus.OPEN,
        opened_at=now - timedelta(days=30),
    )
    # Five perspectives, as in the demo: every group is large enough to be shown.
    perspectives = Perspective.values[:5]
    first = count // 2
    # Anonymous numbers (user = None): the unique constraint applies to people only.
    assessments = Assessment.objects.bulk_create(
        (
            Assessment(
                municipality=municipality,
                round=earlier if i < first else current,
                user=None,
                perspective=perspectives[i % len(perspectives)],
            )
            for i in range(count)
        ),
        batch_size=2000,
    )
    Position.objects.bulk_create(
        (
            Position(
                assessment=a,
                field=f,
                current=rng.randint(0, 100),
                target=rng.randint(0, 100),
                comment=(
                    f"Anmerkung {i + 1} zu „{f.name}“."
                    if (i * len(fields) + j) % COMMENT_EVERY == 0
                    else ""
                ),
            )
            for i, a in enumerate(assessments)
            for j, f in enumerate(fields)
        ),
        batch_size=2000,
    )
    # Written in bulk: count the kept tallies now, not on the first page view.
    for seeded in (earlier, current):
        tallies.rebuild(seeded)
