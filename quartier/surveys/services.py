"""Writes and result computations of the surveys app.

Every write checks the permission itself (ensure_allowed) and raises ValidationError
with a readable message; the views map those to their forms.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.models import Municipality
from quartier.core.services import ensure_allowed, record_action
from quartier.surveys.models import (
    SCALE_VALUES,
    Answer,
    Choice,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyStatus,
)

MAX_TEXT_ANSWER = 2000
MAX_CHOICES = 30


def respondent_hash(survey: Survey, respondent_id: str) -> str:
    """The stored form of an anonymous visitor's id: salted with the survey, so that
    the answers of one visitor to two surveys cannot be linked."""
    return hashlib.sha256(f"survey:{survey.pk}:{respondent_id}".encode()).hexdigest()


def new_respondent_id() -> str:
    return secrets.token_urlsafe(24)


def _choice_lines(text: str) -> list[str]:
    return [line.strip()[:200] for line in text.splitlines() if line.strip()]


def _ensure_builder_open(survey: Survey) -> None:
    if survey.responses.exists():
        raise ValidationError(
            _(
                "This survey has answers already; its questions can no longer be "
                "changed. Close it and start a new survey instead."
            )
        )


@transaction.atomic
def survey_save(
    *,
    by: Any,
    municipality: Municipality,
    survey: Survey | None = None,
    **fields: Any,
) -> Survey:
    """Create or change a survey's title, introduction, neighbourhood and dates."""
    if survey is None:
        ensure_allowed(by, "surveys.add_survey", municipality)
        survey = Survey(municipality=municipality)
    else:
        ensure_allowed(by, "surveys.change_survey", survey)
    for name, value in fields.items():
        setattr(survey, name, value)
    opens, closes = survey.opens_at, survey.closes_at
    if opens and closes and closes <= opens:
        raise ValidationError({"closes_at": _("The survey must close after it opens.")})
    if survey.neighborhood and survey.neighborhood.municipality_id != municipality.pk:
        raise ValidationError(
            {"neighborhood": _("Choose a neighbourhood from the list.")}
        )
    survey.full_clean()
    survey.save()
    record_action(by, municipality, "surveys.save_survey", survey)
    return survey


@transaction.atomic
def survey_publish(*, by: Any, survey: Survey) -> Survey:
    """Publish a draft: from now on (or from `opens_at`) answers are accepted."""
    ensure_allowed(by, "surveys.change_survey", survey)
    if survey.is_published:
        raise ValidationError(_("The survey is published already."))
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before publishing."))
    empty = survey.questions.filter(
        kind__in=[QuestionKind.SINGLE, QuestionKind.MULTIPLE], choices__isnull=True
    )
    if empty.exists():
        raise ValidationError(
            _("The question “%(text)s” has no answer options yet.")
            % {"text": empty.first().text}  # type: ignore[union-attr]
        )
    if survey.is_closed:
        raise ValidationError(
            {"closes_at": _("The closing date has passed; choose a later one first.")}
        )
    survey.status = SurveyStatus.PUBLISHED
    survey.published_at = timezone.now()
    survey.save(update_fields=["status", "published_at", "updated_at"])
    record_action(by, survey.municipality, "surveys.publish_survey", survey)
    return survey


@transaction.atomic
def survey_close(*, by: Any, survey: Survey) -> Survey:
    """Close a published survey now; its results become public."""
    ensure_allowed(by, "surveys.change_survey", survey)
    if not survey.is_published:
        raise ValidationError(_("Only a published survey can be closed."))
    if survey.is_closed:
        raise ValidationError(_("The survey is closed already."))
    now = timezone.now()
    survey.closes_at = now
    if survey.opens_at and survey.opens_at >= now:
        survey.opens_at = now - datetime.timedelta(seconds=1)
    survey.save(update_fields=["closes_at", "opens_at", "updated_at"])
    record_action(by, survey.municipality, "surveys.close_survey", survey)
    return survey


def _set_choices(question: Question, choices_text: str) -> None:
    lines = _choice_lines(choices_text)
    if question.has_choices:
        if len(lines) < 2:
            raise ValidationError(
                {"choices": _("Write at least two answer options, one per line.")}
            )
        if len(lines) > MAX_CHOICES:
            raise ValidationError(
                {
                    "choices": _("At most %(max)d answer options, please.")
                    % {"max": MAX_CHOICES}
                }
            )
        if len({line.casefold() for line in lines}) != len(lines):
            raise ValidationError(
                {"choices": _("Each answer option may appear only once.")}
            )
    question.choices.all().delete()
    if question.has_choices:
        Choice.objects.bulk_create(
            Choice(question=question, text=line, order=i)
            for i, line in enumerate(lines)
        )


@transaction.atomic
def question_save(
    *,
    by: Any,
    survey: Survey,
    question: Question | None = None,
    choices: str = "",
    **fields: Any,
) -> Question:
    """Add a question to a survey (at the end) or change one; `choices` are the
    answer options, one per line (single and multiple choice only)."""
    ensure_allowed(by, "surveys.change_survey", survey)
    _ensure_builder_open(survey)
    if question is None:
        last = survey.questions.order_by("-order").values_list("order", flat=True)
        question = Question(survey=survey, order=(last.first() or 0) + 1)
    elif question.survey_id != survey.pk:
        raise ValidationError(_("This question belongs to another survey."))
    for name, value in fields.items():
        setattr(question, name, value)
    question.full_clean()
    question.save()
    _set_choices(question, choices)
    record_action(by, survey.municipality, "surveys.save_question", question)
    return question


@transaction.atomic
def question_delete(*, by: Any, question: Question) -> None:
    survey = question.survey
    ensure_allowed(by, "surveys.change_survey", survey)
    _ensure_builder_open(survey)
    record_action(by, survey.municipality, "surveys.delete_question", question)
    question.delete()


@transaction.atomic
def question_move(*, by: Any, question: Question, up: bool) -> None:
    """Swap a question with its neighbour above (up) or below."""
    survey = question.survey
    ensure_allowed(by, "surveys.change_survey", survey)
    questions = list(survey.questions.select_for_update().order_by("order", "pk"))
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if other < 0 or other >= len(questions):
        return
    questions[index], questions[other] = questions[other], questions[index]
    for position, item in enumerate(questions, start=1):
        item.order = position
    Question.objects.bulk_update(questions, ["order"])


# --- Answers -----------------------------------------------------------------------


def already_answered(
    survey: Survey, *, user: Any = None, respondent_id: str | None = None
) -> bool:
    if user is not None and getattr(user, "is_authenticated", False):
        return survey.responses.filter(user=user).exists()
    if respondent_id:
        return survey.responses.filter(
            respondent_hash=respondent_hash(survey, respondent_id)
        ).exists()
    return False


def _answer_rows(
    question: Question, raw: Any, choices: Mapping[int, Choice]
) -> list[Answer]:
    """The Answer rows for one question's raw value (validated); [] if empty."""
    key = f"q{question.pk}"
    if raw in (None, "", [], ()):
        if question.required:
            raise ValidationError({key: _("Please answer this question.")})
        return []
    if question.kind == QuestionKind.TEXT:
        text = str(raw).strip()
        if len(text) > MAX_TEXT_ANSWER:
            raise ValidationError(
                {
                    key: _("At most %(max)d characters, please.")
                    % {"max": MAX_TEXT_ANSWER}
                }
            )
        if not text:
            if question.required:
                raise ValidationError({key: _("Please answer this question.")})
            return []
        return [Answer(question=question, text=text)]
    if question.kind == QuestionKind.SCALE:
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = 0
        if value not in SCALE_VALUES:
            raise ValidationError({key: _("Choose a value from 1 to 5.")})
        return [Answer(question=question, value=value)]
    ids = raw if isinstance(raw, list | tuple | set) else [raw]
    if question.kind == QuestionKind.SINGLE and len(ids) != 1:
        raise ValidationError({key: _("Choose one answer.")})
    rows = []
    for item in ids:
        try:
            choice = choices[int(item)]
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                {key: _("Choose from the answers offered.")}
            ) from None
        rows.append(Answer(question=question, choice=choice))
    if len({row.choice_id for row in rows}) != len(rows):
        raise ValidationError({key: _("Each answer can be ticked only once.")})
    return rows


@transaction.atomic
def response_submit(
    *,
    survey: Survey,
    answers: Mapping[str, Any],
    user: Any = None,
    respondent_id: str | None = None,
) -> Response:
    """Store one person's answers.

    `answers` maps "q<question id>" to a choice id, a list of choice ids, a scale
    value 1–5 or a text. Signed-in people are known by their account, guests by
    `respondent_id` (the random id of their cookie, stored only as a hash). A second
    answer of the same person is refused, also when two requests race (the unique
    constraints decide).
    """
    if not survey.is_open:
        raise ValidationError(_("This survey is not open for answers."))
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    if not signed_in and not respondent_id:
        raise ValidationError(
            _("We could not recognise your answer; please try again.")
        )
    questions = list(survey.questions.prefetch_related("choices"))
    known = {f"q{q.pk}" for q in questions}
    unknown = set(answers) - known
    if unknown:
        raise ValidationError(
            _("These questions do not belong to this survey: %(keys)s")
            % {"keys": ", ".join(sorted(unknown))}
        )
    errors: dict[str, list[str]] = {}
    rows: list[Answer] = []
    for question in questions:
        choices = {c.pk: c for c in question.choices.all()}
        try:
            rows.extend(_answer_rows(question, answers.get(f"q{question.pk}"), choices))
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    response = Response(survey=survey)
    if signed_in:
        response.user = user
    else:
        response.respondent_hash = respondent_hash(survey, respondent_id or "")
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise ValidationError(_("You have already answered this survey.")) from None
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    return response


# --- Results -----------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    rows: list[tuple[str, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    average: float | None = None

    def share(self, count: int) -> float:
        return round(100 * count / self.answered, 1) if self.answered else 0.0


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    questions: list[QuestionResult]


def _scale_label(question: Question, value: int) -> str:
    if value == 1 and question.scale_low_label:
        return f"1 – {question.scale_low_label}"
    if value == 5 and question.scale_high_label:
        return f"5 – {question.scale_high_label}"
    return str(value)


def survey_results(survey: Survey, *, text_limit: int | None = None) -> SurveyResults:
    """Counts per answer option and scale value, the share of those who answered the
    question, the scale average and the free texts (newest first). A fixed number of
    queries, however many answers there are."""
    questions = list(survey.questions.prefetch_related("choices"))
    answers = Answer.objects.filter(question__survey=survey)
    per_choice: dict[tuple[int, int], int] = {
        (row["question_id"], row["choice_id"]): row["n"]
        for row in answers.filter(choice__isnull=False)
        .values("question_id", "choice_id")
        .annotate(n=Count("id"))
    }
    per_value: dict[tuple[int, int], int] = {
        (row["question_id"], row["value"]): row["n"]
        for row in answers.filter(value__isnull=False)
        .values("question_id", "value")
        .annotate(n=Count("id"))
    }
    answered: dict[int, int] = {
        row["question_id"]: row["n"]
        for row in answers.values("question_id").annotate(
            n=Count("response_id", distinct=True)
        )
    }
    texts: dict[int, list[str]] = defaultdict(list)
    text_rows: Iterable[tuple[int, str]] = (
        answers.exclude(text="")
        .order_by("-response__created_at", "-pk")
        .values_list("question_id", "text")
    )
    for question_id, text in text_rows:
        if text_limit is None or len(texts[question_id]) < text_limit:
            texts[question_id].append(text)
    results = []
    for question in questions:
        result = QuestionResult(
            question=question, answered=answered.get(question.pk, 0)
        )
        if question.has_choices:
            result.rows = [
                (choice.text, per_choice.get((question.pk, choice.pk), 0))
                for choice in question.choices.all()
            ]
        elif question.kind == QuestionKind.SCALE:
            result.rows = [
                (_scale_label(question, v), per_value.get((question.pk, v), 0))
                for v in SCALE_VALUES
            ]
            total = sum(per_value.get((question.pk, v), 0) * v for v in SCALE_VALUES)
            if result.answered:
                result.average = round(total / result.answered, 2)
        else:
            result.texts = texts.get(question.pk, [])
        results.append(result)
    return SurveyResults(
        survey=survey, responses=survey.responses.count(), questions=results
    )
