"""Benchmark data of the compass (`quartier seed_bench`): `count` assessments in one
closed round of the big bench municipality, with a position on every field."""

from __future__ import annotations

import random

from quartier.core.models import Municipality

BENCH_PAGES = [
    ("compass results", "/{slug}/compass/"),
    ("compass trends", "/{slug}/compass/trends/"),
]


def seed_bench(municipality: Municipality, count: int) -> None:
    from django.utils import timezone

    from quartier.compass.models import (
        Assessment,
        Perspective,
        Position,
        Round,
        TensionField,
    )
    from quartier.compass.services import default_fields_ensure

    rng = random.Random(2030)  # noqa: S311 - test data
    default_fields_ensure(municipality=municipality)
    fields = list(TensionField.objects.of(municipality).active())
    now = timezone.now()
    round = Round.objects.create(
        municipality=municipality,
        title=f"Bench-Runde {now:%Y%m%d%H%M%S}",
        status="closed",
        opened_at=now,
        closed_at=now,
    )
    perspectives = Perspective.values
    # Anonymous numbers (user = None): the unique constraint applies to people only.
    assessments = Assessment.objects.bulk_create(
        Assessment(
            municipality=municipality,
            round=round,
            user=None,
            perspective=perspectives[i % len(perspectives)],
        )
        for i in range(count)
    )
    Position.objects.bulk_create(
        (
            Position(
                assessment=a,
                field=f,
                current=rng.randint(0, 100),
                target=rng.randint(0, 100),
            )
            for a in assessments
            for f in fields
        ),
        batch_size=2000,
    )
