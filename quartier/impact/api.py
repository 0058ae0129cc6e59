"""API endpoints of the impact app (mounted at /api/v1/ by quartier.api): goals with
their impact model, indicators with their measurements (read: session or token, as
visible as the pages), and recording a value of a recorded indicator (token,
coordination). Errors are JSON: 404 unseen, 403 not allowed, 422 invalid input."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from quartier.core.api import Id, Pages
from quartier.core.api_auth import municipality_for, read_auth, token_auth
from quartier.core.gate import get_object_for, require
from quartier.core.object_links import visible_targets
from quartier.impact import services
from quartier.impact.links import KEY
from quartier.impact.models import Goal, ImpactModel, Indicator, Measurement
from quartier.impact.progress import light

router = Router(tags=["Ziele und Wirkung"])

WRITE_RESPONSES = {401: dict, 403: dict, 404: dict, 422: dict}


class GoalOut(Schema):
    id: int
    title: str
    neighborhood: str | None
    visibility: str
    url: str

    @staticmethod
    def resolve_neighborhood(obj: Goal) -> str | None:
        return obj.neighborhood.slug if obj.neighborhood else None

    @staticmethod
    def resolve_url(obj: Goal) -> str:
        return obj.get_absolute_url()


class IndicatorBrief(Schema):
    id: int
    stage: int
    name: str
    unit: str
    kind: str


class StageOut(Schema):
    stage: int
    label: str
    text: str
    assumption_to_next: str
    indicators: list[IndicatorBrief]


class GoalDetailOut(Schema):
    id: int
    title: str
    neighborhood: str | None
    visibility: str
    url: str
    narrative: str
    decision: int | None
    initiatives: list[int]
    impact_model: list[StageOut] | None


class MeasurementOut(Schema):
    date: datetime.date
    value: Decimal
    computed: bool
    note: str | None = None


class IndicatorOut(IndicatorBrief):
    impact_model: int
    source_key: str
    source_option: str
    source_text: str
    baseline_value: Decimal | None
    baseline_date: datetime.date | None
    target_value: Decimal
    target_date: datetime.date
    direction: str
    status: str
    status_text: str
    measurements: list[MeasurementOut]


class MeasurementIn(Schema):
    date: datetime.date
    value: Decimal = Field(max_digits=14, decimal_places=2)
    note: str = Field("", max_length=2000)


@router.get(
    "/municipalities/{slug}/goals",
    response=list[GoalOut],
    auth=read_auth,
    summary="Gemeinsame Ziele einer Kommune",
)
@paginate(Pages)
def goal_list(request: HttpRequest, slug: str) -> QuerySet[Goal]:
    """Öffentliche Ziele (Entwürfe nur für Mitglieder der Kommune)."""
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    return (
        Goal.objects.visible_to(request.user, municipality)
        .select_related("municipality", "neighborhood")
        .order_by("title", "pk")
    )


def _stages(request: HttpRequest, model: ImpactModel) -> list[dict[str, Any]]:
    from quartier.impact.models import Stage

    indicators = list(model.indicators.all())
    return [
        {
            "stage": stage.value,
            "label": str(stage.label),
            "text": getattr(model, f"stage_{stage.value}"),
            "assumption_to_next": getattr(model, f"assumption_{stage.value}", ""),
            "indicators": [i for i in indicators if i.stage == stage.value],
        }
        for stage in Stage
    ]


@router.get(
    "/municipalities/{slug}/goals/{goal_id}",
    response={200: GoalDetailOut, 404: dict},
    auth=read_auth,
    summary="Ein Ziel mit seinem Wirkungsmodell",
)
def goal_detail(request: HttpRequest, slug: str, goal_id: Id) -> dict[str, Any]:
    """Die Erzählung („Warum uns das wichtig ist“), der Beschluss, die verknüpften
    Vorhaben (nur sichtbare) und die sieben Stufen der Wirkungstreppe."""
    municipality_for(request, slug)
    goal = get_object_for(
        request, Goal.objects.select_related("municipality", "neighborhood"), pk=goal_id
    )
    model = ImpactModel.objects.filter(goal=goal).first()
    decision = goal.decision
    return {
        "id": goal.pk,
        "title": goal.title,
        "neighborhood": goal.neighborhood.slug if goal.neighborhood else None,
        "visibility": goal.visibility,
        "url": goal.get_absolute_url(),
        "narrative": goal.narrative,
        "decision": decision.pk
        if decision and request.user.has_perm("forums.view_decision", decision)
        else None,
        "initiatives": [i.pk for i in visible_targets(request.user, goal, KEY)],
        "impact_model": _stages(request, model) if model else None,
    }


def _indicator_out(request: HttpRequest, indicator: Indicator) -> dict[str, Any]:
    measurements = list(indicator.measurements.order_by("date", "pk"))
    notes = request.user.has_perm(
        "impact.view_measurement_note", indicator.municipality
    )
    status = light(indicator, measurements)
    return {
        **{
            name: getattr(indicator, name)
            for name in (
                "id",
                "stage",
                "name",
                "unit",
                "kind",
                "source_key",
                "source_option",
                "source_text",
                "baseline_value",
                "baseline_date",
                "target_value",
                "target_date",
                "direction",
            )
        },
        "impact_model": indicator.impact_model_id,
        "status": status.state,
        "status_text": status.text,
        "measurements": [
            {
                "date": m.date,
                "value": m.value,
                "computed": m.computed,
                "note": m.note if notes else None,
            }
            for m in measurements
        ],
    }


def _indicators() -> QuerySet[Indicator]:
    return Indicator.objects.select_related(
        "municipality", "impact_model__goal", "impact_model__initiative"
    ).prefetch_related(Prefetch("measurements", queryset=Measurement.objects.all()))


@router.get(
    "/municipalities/{slug}/indicators/{indicator_id}",
    response={200: IndicatorOut, 404: dict},
    auth=read_auth,
    summary="Ein Indikator mit seinen Messwerten",
)
def indicator_detail(
    request: HttpRequest, slug: str, indicator_id: Id
) -> dict[str, Any]:
    """Zielwert, Ausgangswert, die Ampel in Worten (`status_text`) und alle
    Messwerte; Notizen nur für Mitglieder der Kommune."""
    municipality_for(request, slug)
    indicator = get_object_for(request, _indicators(), pk=indicator_id)
    return _indicator_out(request, indicator)


@router.post(
    "/municipalities/{slug}/indicators/{indicator_id}/measurements",
    response={201: IndicatorOut, **WRITE_RESPONSES},
    auth=token_auth,
    summary="Messwert erfassen (Token, Koordination)",
)
def measurement_create(
    request: HttpRequest, slug: str, indicator_id: Id, payload: MeasurementIn
) -> Status[dict[str, Any]]:
    """Nur für von Hand erfasste Indikatoren; ein Wert je Tag, nicht in der
    Zukunft (sonst 422 mit dem Grund je Feld)."""
    municipality_for(request, slug)
    indicator = get_object_for(
        request, _indicators(), "impact.record_measurement", pk=indicator_id
    )
    services.measurement_record(by=request.user, indicator=indicator, **payload.dict())
    return Status(201, _indicator_out(request, _indicators().get(pk=indicator.pk)))
