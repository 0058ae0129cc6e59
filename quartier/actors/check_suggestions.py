"""Quartiers-Check suggestion from the actors (core/check_suggestions.py): R1 people
in an intermediary role (Quartierskoordination, Gesundheitslotsen) who mediate
between administration and civil society."""

from __future__ import annotations

from quartier.core.check_suggestions import Evidence, Suggestion, register
from quartier.core.models import Municipality


def intermediaries(municipality: Municipality) -> Suggestion | None:
    from quartier.actors.models import Actor, ActorKind

    actors = Actor.objects.filter(municipality=municipality).filter(
        archived_at__isnull=True
    )
    if not actors.exists():
        return None
    brokers = list(actors.filter(kind=ActorKind.INTERMEDIARY).order_by("name"))
    count = len(brokers)
    value = 1 if count == 0 else 3 if count == 1 else 4
    return Suggestion(
        value,
        f"vorgeschlagen, weil {count} Akteure als vermittelnde Rolle "
        "(z. B. Quartierskoordination) im Akteursverzeichnis stehen.",
        [Evidence(a.name, a.get_absolute_url()) for a in brokers[:5]],
    )


register("r1.brokers", intermediaries, source="actors")
