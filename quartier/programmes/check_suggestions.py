"""Quartiers-Check suggestion from the programme library
(core/check_suggestions.py): R3 programmes from outside fitted to the
neighbourhood (copied from the shared library into the own one)."""

from __future__ import annotations

from django.urls import reverse

from quartier.core.check_suggestions import Evidence, Suggestion, register
from quartier.core.models import Municipality


def adapted_programmes(municipality: Municipality) -> Suggestion | None:
    from quartier.programmes.models import Programme

    own = Programme.objects.filter(municipality=municipality)
    if not own.exists():
        return None
    adapted = list(own.filter(copied_from__isnull=False).order_by("name"))
    count = len(adapted)
    value = 1 if count == 0 else 3 if count == 1 else 4
    return Suggestion(
        value,
        f"vorgeschlagen, weil {count} Programme aus der gemeinsamen Bibliothek "
        "übernommen und an das Quartier angepasst wurden.",
        [
            Evidence(
                p.name,
                reverse(
                    "programmes:detail",
                    kwargs={"municipality_slug": municipality.slug, "pk": p.pk},
                ),
            )
            for p in adapted[:5]
        ],
    )


register("r3.adapted", adapted_programmes, source="programmes")
