"""Quartiers-Check suggestion from the initiatives (core/check_suggestions.py): R3
new things tried in pilot phases before they last."""

from __future__ import annotations

from django.db.models import Q

from quartier.core.check_suggestions import Evidence, Suggestion, register
from quartier.core.models import Municipality


def pilots(municipality: Municipality) -> Suggestion | None:
    from quartier.initiatives.models import Initiative, Phase

    initiatives = Initiative.objects.filter(municipality=municipality)
    total = initiatives.count()
    if not total:
        return None
    piloted = list(
        initiatives.filter(
            Q(phase=Phase.PILOT)
            | Q(phase_changes__new_phase=Phase.PILOT)
            | Q(pilots__isnull=False)
        )
        .distinct()
        .select_related("municipality")
        .order_by("title")
    )
    count = len(piloted)
    value = 1 if count == 0 else 3 if count == 1 else 4
    return Suggestion(
        value,
        f"vorgeschlagen, weil {count} von {total} Vorhaben eine Pilotphase haben "
        "oder hatten.",
        [Evidence(i.title, i.get_absolute_url()) for i in piloted[:5]],
    )


register("r3.pilots", pilots, source="initiatives")
