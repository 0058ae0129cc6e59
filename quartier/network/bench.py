"""Benchmark data of the network analysis (`quartier seed_bench`): ties among
Musterstadt's actors until it has `count` confirmed ties, then one snapshot of
all sources, timed (docs/network.md, "Speed"). The network pages then render
from that stored snapshot."""

from __future__ import annotations

import random
import sys

from quartier.core.models import Municipality

BENCH_PAGES = [
    ("network page (login)", "/{slug}/network/"),
    ("network snapshots (login)", "/{slug}/network/snapshots/"),
]


def seed_bench(municipality: Municipality, count: int) -> None:
    from quartier.actors.models import Actor, Tie, TieKind
    from quartier.network import services

    rng = random.Random(2040)  # noqa: S311 - test data
    ids = list(Actor.objects.of(municipality).values_list("pk", flat=True))
    existing = {
        (min(a, c), max(a, c))
        for a, c in Tie.objects.of(municipality).values_list("source_id", "target_id")
    }
    wanted = min(count, len(ids) * (len(ids) - 1) // 2)
    new: list[Tie] = []
    while len(existing) < wanted:
        a, c = rng.sample(ids, 2)
        pair = (min(a, c), max(a, c))
        if pair in existing:
            continue
        existing.add(pair)
        new.append(
            Tie(
                municipality=municipality,
                source_id=a,
                target_id=c,
                kind=rng.choice(TieKind.values),
                intensity=rng.randint(1, 4),
                status="active",
                recorded_by_coordination=True,
            )
        )
    Tie.objects.bulk_create(new, batch_size=2000)
    snapshot = services.snapshot_take(by=None, municipality=municipality)
    sys.stdout.write(
        f"Network snapshot of {municipality.slug}: {snapshot.measures['actors']} "
        f"actors, {snapshot.measures['ties']} ties in {snapshot.seconds:.2f} s\n"
    )
