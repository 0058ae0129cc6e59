"""Indicator sources of the actors (core/indicator_sources.py): confirmed ties
that cross the borders between sectors."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quartier.core.indicator_sources import Source, register


def cross_sector_ties(
    municipality: Any, neighbourhood: Any, start: Any, end: Any, option: Any = None
) -> int:
    from quartier.actors.models import Actor, Tie, TieStatus

    # Confirmed then: still active now, or ended only after the period.
    ties = Tie.objects.of(municipality).filter(
        Q(status=TieStatus.ACTIVE, archived_at__isnull=True)
        | Q(status=TieStatus.ENDED, ended_at__date__gt=end)
    )
    ties = ties.filter(
        Q(since__lte=end) | Q(since__isnull=True, created_at__date__lte=end)
    )
    if neighbourhood is not None:
        ties = ties.filter(
            Q(source__neighborhoods=neighbourhood)
            | Q(target__neighborhoods=neighbourhood)
        )
    pairs = list(ties.distinct().values_list("source_id", "target_id"))
    ids = {pk for pair in pairs for pk in pair}
    sectors: dict[Any, set[Any]] = defaultdict(set)
    for actor_id, sector_id in Actor.sectors.through.objects.filter(
        actor_id__in=ids
    ).values_list("actor_id", "sector_id"):
        sectors[actor_id].add(sector_id)
    return sum(
        1 for a, b in pairs if sectors[a] and sectors[b] and not sectors[a] & sectors[b]
    )


register(
    Source(
        key="actors.cross_sector_ties",
        label=_("Active cross-sector ties"),
        unit=_("ties"),
        stage=5,
        formula=_(
            "Number of confirmed ties that existed on the last day of the period "
            "(begun on that day or earlier, not ended before) between two actors "
            "who share no sector; with a neighbourhood, ties of an actor working "
            "in it."
        ),
        compute=cross_sector_ties,
    ),
)
