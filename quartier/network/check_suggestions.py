"""Quartiers-Check suggestions from the network analysis
(core/check_suggestions.py): R7 density and bridging ties of the latest snapshot."""

from __future__ import annotations

from django.urls import reverse

from quartier.core.check_suggestions import (
    Evidence,
    Suggestion,
    register,
    scale_by_share,
)
from quartier.core.models import Municipality


def _latest(municipality: Municipality):  # type: ignore[no-untyped-def]
    from quartier.network.models import Snapshot

    return (
        Snapshot.objects.filter(municipality=municipality)
        .light()
        .order_by("-taken_on", "-pk")
        .first()
    )


def _evidence(municipality: Municipality, snapshot) -> list[Evidence]:  # type: ignore[no-untyped-def]
    return [
        Evidence(
            f"Momentaufnahme vom {snapshot.taken_on:%d.%m.%Y}",
            reverse(
                "network:snapshot",
                kwargs={"municipality_slug": municipality.slug, "pk": snapshot.pk},
            ),
        )
    ]


def density(municipality: Municipality) -> Suggestion | None:
    snapshot = _latest(municipality)
    value = snapshot and snapshot.measures.get("density")
    if value is None or snapshot is None:
        return None
    return Suggestion(
        scale_by_share(value, (0.05, 0.1, 0.2)),
        f"vorgeschlagen, weil die Dichte des Kooperationsnetzes in der letzten "
        f"Momentaufnahme {value:.2f} beträgt (Anteil der möglichen Verbindungen, die "
        "es gibt; ab 0,05 / 0,10 / 0,20 eine Stufe höher).",
        _evidence(municipality, snapshot),
    )


def bridging(municipality: Municipality) -> Suggestion | None:
    snapshot = _latest(municipality)
    share = snapshot and snapshot.measures.get("bridging_share")
    if share is None or snapshot is None:
        return None
    return Suggestion(
        scale_by_share(share, (0.05, 0.15, 0.3)),
        f"vorgeschlagen, weil {round(100 * share)} % der Verbindungen in der letzten "
        "Momentaufnahme Verwaltung und Zivilgesellschaft verbinden (ab 5 / 15 / 30 % "
        "eine Stufe höher).",
        _evidence(municipality, snapshot),
    )


register("r7.network", density, source="network")
register("r7.bridging", bridging, source="network")
