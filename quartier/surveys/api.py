"""API endpoints of the surveys app (mounted at /api/v1/ by quartier.api).

Reads: published surveys with their questions, and results where they are public
(closed surveys, or open ones whose coordination shows results while open); drafts
and early results for the coordination (session or token).
Answering: anonymous and rate-limited per address, or with a personal API token
(then once per account). An anonymous client may send a `respondent_id` of its own
(e.g. a random id kept on the device): it is stored only as a hash and makes a
second answer with the same id fail, like the cookie on the web page.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.pagination import paginate

from quartier.core.api import Id, Pages
from quartier.core.api_auth import (
    guest_write_auth,
    municipality_for,
    read_auth,
    token_auth,
)
from quartier.core.gate import get_object_for, require
from quartier.core.ratelimit import allow_anonymous
from quartier.surveys import services
from quartier.surveys.models import Survey
from quartier.surveys.views import ANSWER_LIMIT

router = Router(tags=["Umfragen"])


class ChoiceOut(Schema):
    id: int
    text: str


class QuestionOut(Schema):
    id: int
    key: str = Field(description="Name des Felds in `answers` beim Antworten")
    text: str
    help_text: str
    kind: str = Field(description="single, multiple, scale (1–5) oder text")
    required: bool
    scale_low_label: str
    scale_high_label: str
    choices: list[ChoiceOut]

    @staticmethod
    def resolve_key(obj: Any) -> str:
        return f"q{obj.pk}"

    @staticmethod
    def resolve_choices(obj: Any) -> Any:
        return obj.choices.all()


class SurveyOut(Schema):
    id: int
    title: str
    intro: str
    neighborhood: str | None
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    status: str
    is_open: bool
    results_public: bool
    responses: int
    url: str

    @staticmethod
    def resolve_neighborhood(obj: Survey) -> str | None:
        return obj.neighborhood.slug if obj.neighborhood_id else None

    @staticmethod
    def resolve_responses(obj: Any) -> int:
        return getattr(obj, "response_count", 0)

    @staticmethod
    def resolve_url(obj: Survey) -> str:
        return obj.get_absolute_url()


class SurveyDetailOut(SurveyOut):
    questions: list[QuestionOut]

    @staticmethod
    def resolve_questions(obj: Survey) -> Any:
        return obj.questions.prefetch_related("choices")


class CountOut(Schema):
    label: str
    count: int
    share: float = Field(
        description="Anteil an allen, die die Frage beantwortet haben, in %"
    )


class QuestionResultOut(Schema):
    id: int
    text: str
    kind: str
    answered: int
    average: float | None
    counts: list[CountOut]
    texts: list[str]


class SurveyResultsOut(Schema):
    survey: int
    responses: int
    final: bool
    questions: list[QuestionResultOut]


class AnswersIn(Schema):
    answers: dict[str, list[int] | int | str] = Field(
        description='Je Frage ihr `key` ("q12") → Auswahl-id, Liste von ids, '
        "Wert 1–5 oder Text"
    )
    respondent_id: str | None = Field(
        None,
        min_length=16,
        max_length=200,
        description="Optional, nur ohne Token: eine zufällige Kennung des Geräts",
    )


class ResponseOut(Schema):
    survey: int
    detail: str


def _surveys(request: HttpRequest, slug: str) -> QuerySet[Survey]:
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    return (
        Survey.objects.visible_to(request.user, municipality)
        .select_related("municipality", "neighborhood")
        .annotate(response_count=Count("responses", distinct=True))
    )


@router.get(
    "/municipalities/{slug}/surveys",
    response=list[SurveyOut],
    auth=read_auth,
    summary="Umfragen einer Kommune",
)
@paginate(Pages)
def survey_list(request: HttpRequest, slug: str) -> QuerySet[Survey]:
    """Veröffentlichte Umfragen, die neuesten zuerst (Entwürfe nur für die Koordination)."""
    return _surveys(request, slug).order_by("-opens_at", "-created_at", "-pk")


@router.get(
    "/municipalities/{slug}/surveys/{survey_id}",
    response=SurveyDetailOut,
    auth=read_auth,
    summary="Eine Umfrage mit ihren Fragen",
)
def survey_detail(request: HttpRequest, slug: str, survey_id: Id) -> Survey:
    return get_object_for(request, _surveys(request, slug), pk=survey_id)


@router.get(
    "/municipalities/{slug}/surveys/{survey_id}/results",
    response=SurveyResultsOut,
    auth=read_auth,
    summary="Ergebnisse einer Umfrage (ohne Namen)",
)
def survey_results(request: HttpRequest, slug: str, survey_id: Id) -> dict[str, Any]:
    """Zahlen je Antwortmöglichkeit und Skalenwert, Durchschnitt, freie Antworten.
    Öffentlich nach dem Ende der Umfrage oder wenn die Koordination das freigibt."""
    survey = get_object_for(
        request, _surveys(request, slug), "surveys.view_results", pk=survey_id
    )
    results = services.survey_results(survey)
    return {
        "survey": survey.pk,
        "responses": results.responses,
        "final": survey.is_closed,
        "questions": [
            {
                "id": r.question.pk,
                "text": r.question.text,
                "kind": r.question.kind,
                "answered": r.answered,
                "average": r.average,
                "counts": [
                    {"label": label, "count": count, "share": r.share(count)}
                    for label, count in r.rows
                ],
                "texts": r.texts,
            }
            for r in results.questions
        ],
    }


@router.post(
    "/municipalities/{slug}/surveys/{survey_id}/responses",
    response={201: ResponseOut, 401: dict, 403: dict, 404: dict, 422: dict, 429: dict},
    auth=guest_write_auth,
    summary="Eine Umfrage beantworten (ohne Anmeldung möglich)",
)
def response_create(
    request: HttpRequest, slug: str, survey_id: Id, payload: AnswersIn
) -> Status[dict[str, Any]]:
    """Ohne Token anonym und je Adresse begrenzt; mit Token einmal je Konto.
    Eine Sitzung (Cookie) zählt hier nicht: Schreiben geht ohne CSRF nur anonym."""
    if request.headers.get("Authorization"):
        if token_auth(request) is None:
            raise AuthenticationError
    else:
        request.user = AnonymousUser()
    survey = get_object_for(request, _surveys(request, slug), pk=survey_id)
    if not survey.is_open:
        raise HttpError(403, _("This survey is not open for answers."))
    if not allow_anonymous(request, "surveys.answer", limit=ANSWER_LIMIT):
        raise HttpError(
            429,
            _("Too many answers from your connection. Please try again in an hour."),
        )
    signed_in = request.user.is_authenticated
    respondent = None
    if not signed_in:
        respondent = payload.respondent_id or services.new_respondent_id()
    services.response_submit(
        survey=survey,
        answers=payload.answers,
        user=request.user if signed_in else None,
        respondent_id=respondent,
    )
    return Status(
        201, {"survey": survey.pk, "detail": _("Thank you! Your answers were saved.")}
    )
