"""Overlaps and gaps: the matrix neighbourhood × topic (for one target group or all).

A cell holds the active offerings of the municipality for one neighbourhood and one
topic. Two or more offerings from *different* providers make a cell a
"Vernetzungschance" (possibly parallel structures that could work together); an empty
cell is a gap. Offerings of one provider never form an opportunity on their own.

Which offerings count:
- status "active", not archived, provider not archived (inactive, temporarily
  closed, discontinued and archived offerings are ignored);
- internal providers count too: the matrix is for members of the municipality;
- the neighbourhoods an offering serves; without any, the neighbourhoods of its
  places; without those it belongs to the extra row "whole municipality";
- with a target group chosen: offerings for that group and offerings "for everyone"
  (term code "alle").

`build_matrix` runs a fixed number of queries, whatever the number of offerings.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Tie
from quartier.core.models import Municipality, Neighborhood
from quartier.directory.models import (
    Service,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)

FOR_EVERYONE_CODE = "alle"
# A cell lists at most this many provider pairs with a "record a tie" button; with
# more, the page names the providers and says how many pairs there are.
MAX_PAIRS_PER_CELL = 10
# Shading steps of the heat map (0 = gap … 4 = many).
SHADES = 4
WHOLE_MUNICIPALITY = _("Whole municipality (no neighbourhood given)")
WHOLE_SHORT = _("Whole municipality")


@dataclass(frozen=True)
class Provider:
    pk: int
    name: str
    public: bool = True


@dataclass(frozen=True)
class Offering:
    pk: uuid.UUID
    name: str
    provider: Provider


@dataclass
class Pair:
    first: Provider
    second: Provider
    tied: bool


@dataclass
class Cell:
    row: Row
    topic: TaxonomyTerm
    offerings: list[Offering] = field(default_factory=list)
    providers: list[Provider] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    pair_count: int = 0
    shade: int = 0

    @property
    def count(self) -> int:
        return len(self.offerings)

    @property
    def is_gap(self) -> bool:
        return not self.offerings

    @property
    def is_opportunity(self) -> bool:
        return len(self.providers) >= 2

    @property
    def more_pairs(self) -> int:
        return self.pair_count - len(self.pairs)


@dataclass
class Row:
    neighborhood: Neighborhood | None
    cells: list[Cell] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.neighborhood.name if self.neighborhood else str(WHOLE_MUNICIPALITY)

    @property
    def gaps(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.is_gap]

    @property
    def gap_names(self) -> list[str]:
        return [cell.topic.name for cell in self.gaps]

    @property
    def short_label(self) -> str:
        return self.neighborhood.name if self.neighborhood else str(WHOLE_SHORT)

    @property
    def key(self) -> str:
        return self.neighborhood.slug if self.neighborhood else ""


@dataclass
class Matrix:
    topics: list[TaxonomyTerm]
    rows: list[Row]
    target_group: TaxonomyTerm | None
    max_count: int = 0
    offering_count: int = 0

    @property
    def cells(self) -> list[Cell]:
        return [cell for row in self.rows for cell in row.cells]

    @property
    def opportunities(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.is_opportunity]

    @property
    def gaps(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.is_gap and cell.row.neighborhood]

    @property
    def by_topic(self) -> list[tuple[TaxonomyTerm, list[Cell]]]:
        """Topics as rows, neighbourhoods as columns (narrow enough for a phone)."""
        return [
            (topic, [row.cells[i] for row in self.rows])
            for i, topic in enumerate(self.topics)
        ]


def counted_services(municipality: Municipality) -> Any:
    """The offerings the matrix counts (see the module docstring)."""
    return Service.objects.filter(
        municipality=municipality,
        status=ServiceStatus.ACTIVE,
        archived_at__isnull=True,
        provider__archived_at__isnull=True,
    )


def _shade(count: int, top: int) -> int:
    if count == 0 or top == 0:
        return 0
    return max(1, min(SHADES, -(-count * SHADES // top)))


def _tied_pairs(municipality: Municipality) -> set[frozenset[int]]:
    """Pairs of actors with a confirmed tie in either direction (one query); a
    proposal waiting for confirmation does not count (actors/models.py)."""
    return {
        frozenset(pair)
        for pair in Tie.objects.of(municipality)
        .active()
        .values_list("source_id", "target_id")
    }


def build_matrix(
    municipality: Municipality, *, target_group: TaxonomyTerm | None = None
) -> Matrix:
    """The matrix of `municipality`, optionally for one target group.

    Seven queries: neighbourhoods, topics, offerings (with providers), their topics,
    their neighbourhoods, their places' neighbourhoods, ties (a target group is a
    subquery, not a query of its own).
    """
    neighborhoods = list(
        Neighborhood.objects.filter(municipality=municipality)
        .order_by("name")
        .only("id", "name", "slug")
    )
    topics = list(
        TaxonomyTerm.objects.filter(municipality=municipality, taxonomy=Taxonomy.TOPIC)
        .order_by("position", "name")
        .only("id", "name", "code", "position", "taxonomy")
    )
    services = counted_services(municipality)
    if target_group is not None:
        # One subquery: the offerings tagged with the group or with "alle".
        through = Service.terms.through.objects.filter(
            Q(taxonomyterm=target_group)
            | Q(
                taxonomyterm__municipality=municipality,
                taxonomyterm__taxonomy=Taxonomy.TARGET_GROUP,
                taxonomyterm__code=FOR_EVERYONE_CODE,
            )
        ).values("service_id")
        services = services.filter(pk__in=through)

    offerings: dict[uuid.UUID, Offering] = {}
    for pk, name, provider_id, provider_name, visibility in services.values_list(
        "pk", "name", "provider_id", "provider__name", "provider__visibility"
    ).order_by("name", "pk"):
        # Offerings of internal providers have no public page to link to.
        provider = Provider(provider_id, provider_name, visibility == "public")
        offerings[pk] = Offering(pk, name, provider)

    ids = services.values("pk")
    topic_ids = {topic.pk for topic in topics}
    topics_of: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for service_id, term_id in Service.terms.through.objects.filter(
        service_id__in=ids, taxonomyterm_id__in=topic_ids
    ).values_list("service_id", "taxonomyterm_id"):
        if term_id in topic_ids:
            topics_of[service_id].append(term_id)
    served: dict[uuid.UUID, set[int]] = defaultdict(set)
    for service_id, hood_id in Service.neighborhoods.through.objects.filter(
        service_id__in=ids
    ).values_list("service_id", "neighborhood_id"):
        served[service_id].add(hood_id)
    located: dict[uuid.UUID, set[int]] = defaultdict(set)
    for service_id, hood_id in ServiceAtLocation.objects.filter(
        service_id__in=ids,
        location__neighborhood__isnull=False,
        location__archived_at__isnull=True,
    ).values_list("service_id", "location__neighborhood_id"):
        located[service_id].add(hood_id)
    tied = _tied_pairs(municipality)

    # (row key, topic id) → offerings; row key None = whole municipality.
    buckets: dict[tuple[int | None, uuid.UUID], list[Offering]] = defaultdict(list)
    for pk, offering in offerings.items():
        hoods: set[int | None] = set(served.get(pk) or located.get(pk) or ())
        if not hoods:
            hoods = {None}
        for term_id in topics_of.get(pk, ()):
            for hood in hoods:
                buckets[(hood, term_id)].append(offering)

    rows = [Row(neighborhood=hood) for hood in neighborhoods]
    if any(key[0] is None for key in buckets):
        rows.append(Row(neighborhood=None))
    matrix = Matrix(
        topics=topics,
        rows=rows,
        target_group=target_group,
        offering_count=len(offerings),
    )
    for row in rows:
        row_key: int | None = row.neighborhood.pk if row.neighborhood else None
        for topic in topics:
            cell = Cell(
                row=row, topic=topic, offerings=buckets.get((row_key, topic.pk), [])
            )
            by_pk = {o.provider.pk: o.provider for o in cell.offerings}
            cell.providers = sorted(by_pk.values(), key=lambda p: (p.name, p.pk))
            cell.pair_count = len(cell.providers) * (len(cell.providers) - 1) // 2
            for first, second in combinations(cell.providers, 2):
                if len(cell.pairs) >= MAX_PAIRS_PER_CELL:
                    break
                cell.pairs.append(
                    Pair(first, second, frozenset((first.pk, second.pk)) in tied)
                )
            row.cells.append(cell)
            matrix.max_count = max(matrix.max_count, cell.count)
    for cell in matrix.cells:
        cell.shade = _shade(cell.count, matrix.max_count)
    return matrix
