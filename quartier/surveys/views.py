"""Views of the surveys app: list, detail, answering, results (HTML and CSV), and the
builder for the coordination (survey, questions, order, publish, close)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.core.charts import bar_chart
from quartier.core.csvexport import csv_response
from quartier.core.forms import add_service_errors
from quartier.core.gate import get_object_for, require
from quartier.core.ratelimit import allow_anonymous
from quartier.surveys import services
from quartier.surveys.forms import AnswerForm, QuestionForm, SurveyForm
from quartier.surveys.models import Question, QuestionKind, Survey

COOKIE = "quartier_survey"
COOKIE_SALT = "quartier.surveys.respondent"
COOKIE_AGE = 2 * 365 * 24 * 3600
ANSWER_LIMIT = 20  # anonymous answers per address and hour


def respondent_id(request: HttpRequest) -> str | None:
    """The random id of this browser (signed cookie), or None."""
    try:
        value = request.get_signed_cookie(COOKIE, salt=COOKIE_SALT)
    except (KeyError, signing.BadSignature):
        return None
    return value or None


def _survey(request: HttpRequest, pk: int, perm: str | None = None) -> Survey:
    return get_object_for(
        request,
        Survey.objects.select_related("municipality", "neighborhood"),
        perm,
        pk=pk,
    )


def _question(request: HttpRequest, survey: Survey, question_pk: int) -> Question:
    return get_object_for(
        request,
        Question.objects.filter(survey=survey).select_related("survey__municipality"),
        "surveys.change_question",
        pk=question_pk,
    )


@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    surveys = (
        Survey.objects.visible_to(request.user, municipality)
        .select_related("neighborhood", "municipality")
        .annotate(response_count=Count("responses", distinct=True))
        .order_by("-opens_at", "-created_at", "-pk")
    )
    page = Paginator(surveys, 20).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "can_add": request.user.has_perm("surveys.add_survey", municipality),
    }
    return render(request, "surveys/survey_list.html", context)


@require_GET
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    user = request.user
    can_change = user.has_perm("surveys.change_survey", survey)
    questions = list(survey.questions.prefetch_related("choices"))
    response_count = survey.responses.count()
    context = {
        "survey": survey,
        "questions": questions,
        "response_count": response_count,
        "can_change": can_change,
        "builder_open": can_change and response_count == 0,
        "can_see_results": user.has_perm("surveys.view_results", survey),
        "answered": services.already_answered(
            survey, user=user, respondent_id=respondent_id(request)
        ),
    }
    return render(request, "surveys/survey_detail.html", context)


def survey_answer(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    questions = list(survey.questions.prefetch_related("choices"))
    rid = respondent_id(request)
    answered = services.already_answered(survey, user=request.user, respondent_id=rid)
    form = AnswerForm(request.POST or None, questions=questions)
    context: dict[str, Any] = {"survey": survey, "form": form, "answered": answered}
    if request.method != "POST":
        return render(request, "surveys/survey_answer.html", context)
    if not survey.is_open or answered:
        messages.error(
            request,
            _("You have already answered this survey.")
            if answered
            else _("This survey is not open for answers."),
        )
        return redirect(survey)
    if not allow_anonymous(request, "surveys.answer", limit=ANSWER_LIMIT):
        form.is_valid()
        form.add_error(
            None,
            _("Too many answers from your connection. Please try again in an hour."),
        )
        return render(request, "surveys/survey_answer.html", context, status=429)
    new_id = None
    if form.is_valid():
        if not request.user.is_authenticated and rid is None:
            rid = new_id = services.new_respondent_id()
        try:
            services.response_submit(
                survey=survey,
                answers=form.cleaned_data,
                user=request.user,
                respondent_id=rid,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you! Your answers were saved."))
            response = redirect(survey)
            if new_id:
                response.set_signed_cookie(
                    COOKIE,
                    new_id,
                    salt=COOKIE_SALT,
                    max_age=COOKIE_AGE,
                    samesite="Lax",
                    httponly=True,
                    secure=request.is_secure(),
                )
            return response
    return render(request, "surveys/survey_answer.html", context)


def _charts(results: services.SurveyResults) -> list[dict[str, Any]]:
    items = []
    for result in results.questions:
        chart = None
        if result.rows:
            chart = bar_chart(
                result.question.text,
                result.rows,
                headers=(_("Answer"), _("Number of answers")),
            )
        items.append({"result": result, "chart": chart})
    return items


@require_GET
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk, "surveys.view_results")
    results = services.survey_results(survey)
    context = {
        "survey": survey,
        "results": results,
        "items": _charts(results),
        "preliminary": not survey.is_closed,
    }
    return render(request, "surveys/survey_results.html", context)


@require_GET
def survey_results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The results as CSV for Excel: UTF-8 with BOM, semicolons; counts per answer
    option and scale value, then the free texts."""
    survey = _survey(request, pk, "surveys.view_results")
    results = services.survey_results(survey)
    header = [_("Question"), _("Answer"), _("Number of answers"), _("Share (%)")]
    rows = []
    for result in results.questions:
        for label, count in result.rows:
            share = f"{result.share(count):.1f}".replace(".", ",")
            rows.append([result.question.text, label, count, share])
        if result.question.kind == QuestionKind.TEXT:
            rows.extend([result.question.text, text, "", ""] for text in result.texts)
    name = slugify(survey.title)[:50] or "umfrage"
    return csv_response(f"{name}-ergebnisse.csv", header, rows)


# --- Builder -----------------------------------------------------------------------


def survey_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    survey = None
    if pk is None:
        require(request, "surveys.add_survey")
    else:
        survey = _survey(request, pk, "surveys.change_survey")
    form = SurveyForm(request.POST or None, instance=survey, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.survey_save(
                by=request.user,
                municipality=municipality,
                survey=survey,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("“%s” was saved.") % saved.title)
            return redirect(saved)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": survey})


def question_edit(
    request: HttpRequest, pk: int, question_pk: int | None = None
) -> HttpResponse:
    survey = _survey(request, pk, "surveys.change_survey")
    question = None if question_pk is None else _question(request, survey, question_pk)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_save(
                by=request.user, survey=survey, question=question, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The question was saved."))
            return redirect(survey)
    context = {"form": form, "survey": survey, "question": question}
    return render(request, "surveys/question_form.html", context)


@require_POST
def question_move(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    survey = _survey(request, pk, "surveys.change_survey")
    question = _question(request, survey, question_pk)
    services.question_move(
        by=request.user, question=question, up=request.POST.get("direction") == "up"
    )
    return redirect(f"{survey.get_absolute_url()}#question-{question.pk}")


@require_POST
def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    survey = _survey(request, pk, "surveys.change_survey")
    question = _question(request, survey, question_pk)
    try:
        services.question_delete(by=request.user, question=question)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The question was removed."))
    return redirect(survey)


def _state_change(
    request: HttpRequest, pk: int, action: Any, done: str
) -> HttpResponse:
    survey = _survey(request, pk, "surveys.change_survey")
    try:
        action(by=request.user, survey=survey)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(survey)


@require_POST
def survey_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _state_change(
        request, pk, services.survey_publish, _("The survey was published.")
    )


@require_POST
def survey_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _state_change(
        request,
        pk,
        services.survey_close,
        _("The survey was closed; its results are public now."),
    )
