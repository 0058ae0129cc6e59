"""API endpoints of the support app (mounted at /api/v1/ by quartier.api): the
Quartiers-Check rounds and their team results (the team; advisers whose
organisation the municipality shares "support.check" with — never single answers)
and the support offers (public)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from quartier.core.api import Id, Pages
from quartier.core.api_auth import municipality_for, read_auth
from quartier.core.gate import get_object_for, require
from quartier.core.sharing import record_adviser_view
from quartier.support import services
from quartier.support.models import CheckRound, SupportOffer
from quartier.support.questions import QUESTIONS, RECOMMENDATION_OF

router = Router(tags=["Quartiers-Check und Unterstützung"])


class CheckRoundOut(Schema):
    id: int
    year: int
    status: str
    opened_on: datetime.date
    closed_on: datetime.date | None


class CheckQuestionResultOut(Schema):
    question: str
    recommendation: str
    text: str
    value: int
    suggested_value: int | None
    suggestion_rule: str
    reason: str


class RecommendationScoreOut(Schema):
    recommendation: str
    score: float | None


class NextStepOut(Schema):
    recommendation: str
    text: str
    done_on: datetime.date | None


class CheckResultOut(CheckRoundOut):
    recommendations: list[RecommendationScoreOut]
    results: list[CheckQuestionResultOut]
    next_steps: list[NextStepOut]


class DeadlineOut(Schema):
    due_on: datetime.date
    label: str


class SupportOfferOut(Schema):
    id: int
    kind: str
    title: str
    provider: str
    description: str
    audience: str
    conditions: str
    contact: str
    link: str
    state_wide: bool
    recommendations: list[str]
    amount_min: Decimal | None
    amount_max: Decimal | None
    cofinancing_percent: int | None
    deadlines: list[DeadlineOut]

    @staticmethod
    def resolve_state_wide(obj: SupportOffer) -> bool:
        return obj.is_state_wide

    @staticmethod
    def resolve_recommendations(obj: SupportOffer) -> list[str]:
        return obj.recommendation_keys

    @staticmethod
    def resolve_deadlines(obj: SupportOffer) -> list[Any]:
        return list(obj.deadlines.all())


class CatalogueOfferOut(SupportOfferOut):
    """An offer of a municipality's catalogue (state-wide or its own)."""


@router.get(
    "/municipalities/{slug}/check-rounds",
    response=list[CheckRoundOut],
    auth=read_auth,
    summary="Runden des Quartiers-Checks einer Kommune",
)
@paginate(Pages)
def check_round_list(request: HttpRequest, slug: str) -> QuerySet[CheckRound]:
    """Für das Team der Kommune und für Fachberatungen mit Freigabe „Quartiers-Check“."""
    municipality = municipality_for(request, slug)
    require(request, "support.view_checkround")
    record_adviser_view(request, municipality, "support.check", "API: check rounds")
    return CheckRound.objects.of(municipality).order_by("-year")


@router.get(
    "/municipalities/{slug}/check-rounds/{check_round_id}",
    response={200: CheckResultOut, 404: dict},
    auth=read_auth,
    summary="Ergebnis einer Runde des Quartiers-Checks",
)
def check_round_result(
    request: HttpRequest, slug: str, check_round_id: Id
) -> dict[str, Any]:
    """Die bestätigten Ergebnisse des Teams je Frage, der Mittelwert je Empfehlung und
    die nächsten Schritte. Einzelne Antworten gibt es hier nicht."""
    municipality = municipality_for(request, slug)
    check_round = get_object_for(
        request,
        CheckRound.objects.filter(municipality=municipality).select_related(
            "municipality"
        ),
        pk=check_round_id,
    )
    record_adviser_view(request, municipality, "support.check", f"API: {check_round}")
    scores = services.recommendation_scores(check_round)
    return {
        "id": check_round.pk,
        "year": check_round.year,
        "status": check_round.status,
        "opened_on": check_round.opened_on,
        "closed_on": check_round.closed_on,
        "recommendations": [
            {"recommendation": key, "score": score} for key, score in scores.items()
        ],
        "results": [
            {
                "question": r.question,
                "recommendation": RECOMMENDATION_OF[r.question].key,
                "text": QUESTIONS[r.question].text,
                "value": r.value,
                "suggested_value": r.suggested_value,
                "suggestion_rule": r.suggestion_rule,
                "reason": r.reason,
            }
            for r in check_round.results.all()
            if r.question in QUESTIONS
        ],
        "next_steps": list(
            check_round.next_steps.values("recommendation", "text", "done_on")
        ),
    }


@router.get(
    "/support-offers",
    response=list[SupportOfferOut],
    auth=read_auth,
    summary="Landesweite Unterstützungsangebote",
)
@paginate(Pages)
def support_offer_list(request: HttpRequest) -> QuerySet[SupportOffer]:
    """Information, Beratung, Förderung, Qualifizierung, Vernetzung (öffentlich)."""
    return SupportOffer.objects.state_wide().prefetch_related("deadlines")


@router.get(
    "/municipalities/{slug}/support-offers",
    response=list[CatalogueOfferOut],
    auth=read_auth,
    summary="Unterstützungsangebote einer Kommune (landesweit und lokal)",
)
@paginate(Pages)
def municipality_support_offer_list(
    request: HttpRequest, slug: str
) -> QuerySet[SupportOffer]:
    """Die landesweiten Angebote und die lokalen der Kommune (öffentlich)."""
    municipality = municipality_for(request, slug)
    return SupportOffer.objects.catalogue_of(municipality).prefetch_related("deadlines")
