"""What a municipality can share of its network analysis with an advisory
organisation (core/sharing.py): the measures of the latest snapshots, computed over
organisations; never the node and edge lists, which may hold persons."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.sharing import SharedModule, SharedTable, register

KEY = "network.measures"

MEASURES = [
    ("actors", _("Actors")),
    ("ties", _("Ties")),
    ("density", _("Density")),
    ("components", _("Components")),
    ("average_degree", _("Average number of ties")),
    ("ei_index", _("E-I index")),
    ("bridging_share", _("Ties between administration and civil society")),
]


def _snapshots(municipality: Municipality, count: int) -> list[Any]:
    from quartier.network.models import Snapshot

    return list(
        Snapshot.objects.of(municipality).light().only("taken_on", "measures")[:count]
    )


def _value(value: Any) -> str:
    if value is None:
        return "–"
    return number_format(value) if isinstance(value, int | float) else str(value)


def summaries(municipalities: list[Municipality]) -> dict[int, list[tuple[Any, str]]]:
    """Date and density of each municipality's latest snapshot, in one query."""
    from django.db.models import OuterRef, Subquery

    from quartier.network.models import Snapshot

    latest = Snapshot.objects.filter(municipality=OuterRef("municipality")).order_by(
        "-taken_on", "-pk"
    )
    result: dict[int, list[tuple[Any, str]]] = {m.pk: [] for m in municipalities}
    for snapshot in (
        Snapshot.objects.light()
        .filter(municipality__in=municipalities, pk=Subquery(latest.values("pk")[:1]))
        .only("municipality_id", "taken_on", "measures")
    ):
        result[snapshot.municipality_id] = [
            (_("Latest snapshot"), date_format(snapshot.taken_on, "SHORT_DATE_FORMAT")),
            (_("Density"), _value(snapshot.measures.get("density"))),
        ]
    return result


def detail(municipality: Municipality) -> list[SharedTable]:
    snapshots = _snapshots(municipality, 4)
    return [
        SharedTable(
            _t("Network measures of the latest snapshots"),
            [_t("Measure")]
            + [date_format(s.taken_on, "SHORT_DATE_FORMAT") for s in snapshots],
            [
                [str(label)] + [_value(s.measures.get(key)) for s in snapshots]
                for key, label in MEASURES
            ],
        )
    ]


register(
    SharedModule(
        key=KEY,
        label=_("Network measures"),
        description=_(
            "The measures of the network of organisations (density, openness "
            "between sectors …) from the latest snapshots, without names of persons."
        ),
        summaries=summaries,
        url=lambda m: reverse(
            "advisers:module", kwargs={"municipality_slug": m.slug, "key": KEY}
        ),
        detail=detail,
    )
)
