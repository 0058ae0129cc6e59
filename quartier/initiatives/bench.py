"""Benchmark data of the initiatives app (`quartier seed_bench`, docs/benchmarks.md).

`seed_bench(municipality, count)` adds `count` initiatives in every phase and
visibility across the municipality's neighbourhoods (bulk_create: no history rows),
with partners, topics and health checks, and one public initiative linked to 50
contributions – the page whose query count must not grow with its links.
"""

from __future__ import annotations

from typing import Any

BATCH = 2000
MANY_LINKS = 50
MANY_LINKS_TITLE = "Bench-Vorhaben mit vielen Verknüpfungen"


class _MostLinked(str):
    """The page of the initiative with the most links in a municipality (its id is
    only known after seeding); the list page where there is none."""

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> str:
        from django.db.models import Count

        from quartier.initiatives.models import Initiative

        slug = kwargs["slug"]
        initiative = (
            Initiative.objects.filter(municipality__slug=slug, visibility="public")
            .annotate(n=Count("links"))
            .order_by("-n", "pk")
            .first()
        )
        if initiative is None:
            return f"/{slug}/initiatives/"
        return f"/{slug}/initiatives/{initiative.pk}/"


BENCH_PAGES = [
    ("initiatives: list", "/{slug}/initiatives/"),
    ("initiatives: list filtered by phase", "/{slug}/initiatives/?phase=pilot"),
    (
        "initiatives: page with 50 links",
        _MostLinked("/{slug}/initiatives/<most linked>/"),
    ),
    ("initiatives: API list", "/api/v1/municipalities/{slug}/initiatives"),
    ("initiatives: health matrix (coordinator login)", "/{slug}/initiatives/matrix/"),
]


def seed_bench(municipality: Any, count: int) -> None:
    from django.utils import timezone

    from quartier.actors.models import Actor
    from quartier.core.models import Neighborhood
    from quartier.directory.models import TaxonomyTerm
    from quartier.initiatives.models import (
        PHASE_ORDER,
        HealthCheck,
        Initiative,
        InitiativeLink,
        InitiativePartner,
        Phase,
    )
    from quartier.participation.models import Contribution

    actors = list(
        Actor.objects.of(municipality).active().values_list("pk", flat=True)[:500]
    )
    neighborhoods = list(Neighborhood.objects.of(municipality))
    topics = list(TaxonomyTerm.objects.of(municipality).filter(taxonomy="topic"))
    phases = [*PHASE_ORDER, Phase.ENDED]
    visibilities = ["public", "public", "public", "members", "internal"]
    today = timezone.localdate()
    initiatives = Initiative.objects.bulk_create(
        (
            Initiative(
                municipality=municipality,
                title=f"Bench-Vorhaben {i}",
                summary="Ein Vorhaben für die Messung: Bewegung und Begegnung im Quartier.",
                lead_actor_id=actors[i % len(actors)] if actors else None,
                phase=phases[i % len(phases)],
                phase_since=today,
                visibility=visibilities[i % len(visibilities)],
            )
            for i in range(count)
        ),
        batch_size=BATCH,
    )
    through_n = Initiative.neighborhoods.through
    through_t = Initiative.topics.through
    if neighborhoods:
        through_n.objects.bulk_create(
            (
                through_n(
                    initiative=x, neighborhood=neighborhoods[i % len(neighborhoods)]
                )
                for i, x in enumerate(initiatives)
            ),
            batch_size=BATCH,
        )
    if topics:
        through_t.objects.bulk_create(
            (
                through_t(initiative=x, taxonomyterm=topics[i % len(topics)])
                for i, x in enumerate(initiatives)
            ),
            batch_size=BATCH,
        )
    if len(actors) > 1:
        InitiativePartner.objects.bulk_create(
            (
                InitiativePartner(
                    initiative=x,
                    actor_id=actors[(i + 1) % len(actors)],
                    role="contributor",
                )
                for i, x in enumerate(initiatives)
            ),
            batch_size=BATCH,
        )
    HealthCheck.objects.bulk_create(
        (
            HealthCheck(initiative=x, layers=[1 + i % 5, 1 + (i + 2) % 5])
            for i, x in enumerate(initiatives)
            if i % 2 == 0
        ),
        batch_size=BATCH,
    )
    linked = Initiative.objects.create(
        municipality=municipality,
        title=MANY_LINKS_TITLE,
        summary="Ein Vorhaben mit vielen verknüpften Beiträgen.",
        lead_actor_id=actors[0] if actors else None,
        phase=Phase.IMPLEMENTATION,
    )
    contributions = (
        Contribution.objects.of(municipality)
        .public()
        .values_list("pk", flat=True)[:MANY_LINKS]
    )
    InitiativeLink.objects.bulk_create(
        InitiativeLink(
            initiative=linked, kind="initiatives.contribution", object_id=str(pk)
        )
        for pk in contributions
    )
