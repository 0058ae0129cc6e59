"""API endpoints of the compass app (mounted at /api/v1/ by quartier.api): tension
fields, rounds, and the results of a round with the same numbers as the web page
(small groups merged, see docs/compass.md). Read-only; session or token."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from quartier.compass.models import Round, TensionField
from quartier.compass.results import compute_round
from quartier.core.api import Id, Pages
from quartier.core.api_auth import municipality_for, read_auth
from quartier.core.gate import get_object_for, require

router = Router(tags=["Spannungsfelder-Kompass"])


class FieldOut(Schema):
    id: int
    name: str
    left_pole: str
    right_pole: str
    explanation: str
    order: int
    archived: bool

    @staticmethod
    def resolve_archived(obj: TensionField) -> bool:
        return obj.archived_at is not None


class RoundOut(Schema):
    id: int
    title: str
    status: str
    neighborhood: str | None
    opened_at: Any
    closed_at: Any

    @staticmethod
    def resolve_neighborhood(obj: Round) -> str | None:
        return obj.neighborhood.slug if obj.neighborhood else None


class SummaryOut(Schema):
    n: int
    median: float | None
    q1: float | None
    q3: float | None
    iqr: float | None
    min: float | None
    max: float | None


class GroupOut(Schema):
    perspective: str
    n: int
    shown: bool
    current: SummaryOut | None
    target: SummaryOut | None
    gap: float | None


class FieldResultOut(Schema):
    field: FieldOut
    all: GroupOut
    perspectives: list[GroupOut]
    divergence_current: float | None
    divergence_target: float | None
    divergence: float | None
    rank: int


class CompassResultsOut(Schema):
    round: RoundOut
    assessments: int
    min_group: int
    fields: list[FieldResultOut]


def _summary(s: Any) -> dict[str, Any]:
    return {
        "n": s.n,
        "median": s.median,
        "q1": s.q1,
        "q3": s.q3,
        "iqr": s.iqr,
        "min": s.minimum,
        "max": s.maximum,
    }


def _group(g: Any) -> dict[str, Any]:
    return {
        "perspective": g.key,
        "n": g.n,
        "shown": g.shown,
        "current": _summary(g.current) if g.shown else None,
        "target": _summary(g.target) if g.shown else None,
        "gap": g.gap if g.shown else None,
    }


@router.get(
    "/municipalities/{slug}/compass/fields",
    response=list[FieldOut],
    auth=read_auth,
    summary="Spannungsfelder einer Kommune",
)
@paginate(Pages)
def field_list(
    request: HttpRequest, slug: str, archived: bool = False
) -> QuerySet[TensionField]:
    """Die Spannungsfelder mit ihren Polen (0 = linker Pol, 100 = rechter Pol)."""
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    fields = TensionField.objects.of(municipality)
    if not archived:
        fields = fields.active()
    return fields.order_by("order", "pk")


@router.get(
    "/municipalities/{slug}/compass/rounds",
    response=list[RoundOut],
    auth=read_auth,
    summary="Runden des Kompasses",
)
@paginate(Pages)
def round_list(request: HttpRequest, slug: str) -> QuerySet[Round]:
    """Offene und abgeschlossene Runden (Entwürfe nur für die Koordination)."""
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    return (
        Round.objects.visible_to(request.user, municipality)
        .select_related("neighborhood")
        .order_by("-created_at", "-pk")
    )


@router.get(
    "/municipalities/{slug}/compass/rounds/{round_id}/results",
    response={200: CompassResultsOut, 404: dict},
    auth=read_auth,
    summary="Ergebnisse einer Runde",
)
def round_results(request: HttpRequest, slug: str, round_id: Id) -> dict[str, Any]:
    """Median, Quartile, Spannweite (IQR), Minimum und Maximum von Ist und Soll je
    Feld und Perspektive, die Lücke Soll − Ist und die Divergenz. Perspektiven mit
    weniger als `min_group` Einschätzungen zählen nur in `all` (shown=false)."""
    from quartier.compass.results import MIN_GROUP

    municipality_for(request, slug)
    round = get_object_for(
        request, Round.objects.select_related("neighborhood"), pk=round_id
    )
    result = compute_round(round)
    ranks = {fr.field.pk: i for i, fr in enumerate(result.ranked, 1)}
    return {
        "round": round,
        "assessments": result.participants,
        "min_group": MIN_GROUP,
        "fields": [
            {
                "field": fr.field,
                "all": _group(fr.overall),
                "perspectives": [_group(g) for g in fr.groups],
                "divergence_current": fr.divergence_current,
                "divergence_target": fr.divergence_target,
                "divergence": fr.divergence,
                "rank": ranks[fr.field.pk],
            }
            for fr in result.fields
        ],
    }
