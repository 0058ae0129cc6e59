"""Benchmark data for contributions: `count` contributions (the bench uses 100,000) in
one municipality, with topics, supports and answers, written with bulk_create (no
signals, no mails).

`quartier seed_bench` calls `seed_bench(municipality, count)`; `make bench` measures
BENCH_PAGES.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.utils import timezone

from quartier.core.models import Municipality, Neighborhood
from quartier.participation import counters
from quartier.participation.models import (
    Channel,
    Contribution,
    Kind,
    Status,
    Support,
    Topic,
    create_layer_topics,
)

BATCH = 2000


class _Newest(str):
    """A contribution's page: the newest public contribution of the municipality
    (its id is only known after seeding; Kleinstadt has its own) other than the
    glossary's bench page, the list where there is none. What follows the
    placeholder ("<id>/link/") is kept: a page of that contribution."""

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> str:
        from quartier.glossary.bench import TITLE as GLOSSARY_PAGE

        slug = kwargs["slug"]
        found = (
            Contribution.objects.filter(municipality__slug=slug)
            .public()
            .exclude(title=GLOSSARY_PAGE)  # measured by the glossary's pages
            .order_by("-created_at", "-id")
            .values_list("pk", flat=True)
            .first()
        )
        if found is None:
            return f"/{slug}/participation/"
        below = self.partition(">/")[2]
        return f"/{slug}/participation/{found}/{below}"


BENCH_PAGES = [
    ("contribution list", "/{slug}/participation/"),
    ("contribution list, most supported", "/{slug}/participation/?sort=supported"),
    ("contribution list, filtered", "/{slug}/participation/?kind=idea&status=taken_up"),
    # Signed in: the resident (public page) and the coordinator, who also gets the
    # answer, topic and link forms.
    ("contribution page", _Newest("/{slug}/participation/<newest>/")),
    ("contribution page, coordinator (login)", _Newest("/{slug}/participation/<id>/")),
    # The links to the forums: the decision is found by a search, the newest 20
    # offered (the select offered all 10,000 decisions of Musterstadt's bench).
    (
        "contribution links page (coordinator login)",
        _Newest("/{slug}/participation/<id>/link/"),
    ),
]

TITLES = [
    "Bänke im Schatten",
    "Spielplatz sicherer machen",
    "Bus am Wochenende",
    "Treffpunkt für Ältere",
    "Gesundheitslotsen",
    "Hitzeschutz im Sommer",
    "Lauftreff",
    "Trinkbrunnen",
]


def seed_bench(municipality: Municipality, count: int) -> None:
    rng = random.Random(4)  # noqa: S311 - benchmark data, not security
    create_layer_topics(municipality)
    neighborhoods = list(Neighborhood.objects.of(municipality))
    if not neighborhoods:
        neighborhoods = [
            Neighborhood.objects.create(
                municipality=municipality, name="Bench-Quartier", slug="bench-quartier"
            )
        ]
    topics = list(Topic.objects.of(municipality))
    now = timezone.now()
    through = Contribution.topics.through
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        rows: list[Any] = []
        for i in range(size):
            n = done + i
            status = rng.choice(Status.values)
            created = now - datetime.timedelta(minutes=n * 7)
            rows.append(
                Contribution(
                    municipality=municipality,
                    kind=rng.choice(Kind.values),
                    title=f"{rng.choice(TITLES)} #{n}",
                    text="Ein Beitrag für den Benchmark. " * 5,
                    neighborhood=rng.choice(neighborhoods),
                    channel=rng.choice(Channel.values),
                    status=status,
                    created_at=created,
                    answered_at=None
                    if status == Status.RECEIVED
                    else created + datetime.timedelta(days=5),
                )
            )
        created_rows = Contribution.objects.bulk_create(rows, batch_size=BATCH)
        if created_rows and created_rows[0].pk is None:
            created_rows = list(
                Contribution.objects.of(municipality).order_by("-pk")[:size]
            )
        through.objects.bulk_create(
            [
                through(
                    municipality=municipality,
                    contribution_id=c.pk,
                    topic_id=rng.choice(topics).pk,
                )
                for c in created_rows
            ],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        Support.objects.bulk_create(
            [
                Support(
                    municipality=municipality,
                    contribution_id=c.pk,
                    email=f"b{j}@bench.example",
                    confirmed_at=now,
                )
                for c in created_rows[::3]
                for j in range(rng.randint(1, 4))
            ],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        # bulk_create sends no signals: the stored counters, in one UPDATE.
        counters.recount_all(
            Contribution.objects.filter(pk__in=[c.pk for c in created_rows])
        )
        done += size
