import datetime
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError, connection
from django.utils import timezone, translation

from quartier.surveys import services
from quartier.surveys.models import Answer, Response
from quartier.surveys.tests.factories import (
    QuestionFactory,
    SurveyFactory,
    survey_with_questions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in their English source text."""
    with translation.override("en"):
        yield


def _choice(question, text):
    return question.choices.get(text=text).pk


def test_it_stores_answers_of_every_kind(municipality, resident):
    survey, q = survey_with_questions(municipality)
    response = services.response_submit(
        survey=survey,
        user=resident,
        answers={
            f"q{q['single'].pk}": str(_choice(q["single"], "Schatten")),
            f"q{q['multiple'].pk}": [
                str(_choice(q["multiple"], "Nachbarn")),
                str(_choice(q["multiple"], "Verein")),
            ],
            f"q{q['scale'].pk}": "4",
            f"q{q['text'].pk}": "Mehr Bänke im Schatten",
        },
    )
    assert response.user == resident
    assert Answer.objects.filter(response=response).count() == 5
    assert Answer.objects.get(question=q["scale"]).value == 4


def test_it_refuses_a_second_answer_by_the_same_account(municipality, resident):
    survey, q = survey_with_questions(municipality)
    answers = {f"q{q['single'].pk}": str(_choice(q["single"], "Schatten"))}
    services.response_submit(survey=survey, user=resident, answers=answers)
    with pytest.raises(ValidationError, match="already answered"):
        services.response_submit(survey=survey, user=resident, answers=answers)
    assert Response.objects.filter(survey=survey).count() == 1


def test_it_refuses_a_second_answer_with_the_same_cookie(municipality):
    survey, q = survey_with_questions(municipality)
    answers = {f"q{q['single'].pk}": str(_choice(q["single"], "Schatten"))}
    services.response_submit(survey=survey, respondent_id="abc" * 8, answers=answers)
    with pytest.raises(ValidationError):
        services.response_submit(
            survey=survey, respondent_id="abc" * 8, answers=answers
        )
    services.response_submit(survey=survey, respondent_id="xyz" * 8, answers=answers)
    assert Response.objects.filter(survey=survey).count() == 2
    stored = Response.objects.filter(survey=survey).first()
    assert "abc" not in stored.respondent_hash  # only the hash is kept


def test_the_respondent_hash_differs_between_surveys(municipality):
    one, two = (
        SurveyFactory(municipality=municipality),
        SurveyFactory(municipality=municipality),
    )
    assert services.respondent_hash(one, "same") != services.respondent_hash(
        two, "same"
    )


def test_required_questions_must_be_answered(municipality):
    survey, q = survey_with_questions(municipality)
    with pytest.raises(ValidationError) as info:
        services.response_submit(survey=survey, respondent_id="r" * 20, answers={})
    assert f"q{q['single'].pk}" in info.value.message_dict
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    "kind,value",
    [("single", "999999"), ("scale", "6"), ("scale", "x"), ("single", ["1", "2"])],
)
def test_it_rejects_bad_values(municipality, kind, value):
    survey, q = survey_with_questions(municipality)
    answers = {f"q{q['single'].pk}": str(q["single"].choices.first().pk)}
    answers[f"q{q[kind].pk}"] = value
    with pytest.raises(ValidationError) as info:
        services.response_submit(survey=survey, respondent_id="r" * 20, answers=answers)
    assert f"q{q[kind].pk}" in info.value.message_dict


def test_a_choice_of_another_question_is_refused(municipality):
    survey, q = survey_with_questions(municipality)
    foreign = q["multiple"].choices.first().pk
    with pytest.raises(ValidationError):
        services.response_submit(
            survey=survey,
            respondent_id="r" * 20,
            answers={f"q{q['single'].pk}": str(foreign)},
        )


@pytest.mark.parametrize(
    "kwargs",
    [
        {
            "closes_at": timezone.now() - datetime.timedelta(hours=1),
            "opens_at": timezone.now() - datetime.timedelta(days=3),
        },
        {"status": "draft"},
        {"opens_at": timezone.now() + datetime.timedelta(days=1)},
    ],
    ids=["closed", "draft", "not yet open"],
)
def test_closed_draft_and_future_surveys_refuse_answers(municipality, kwargs):
    survey, q = survey_with_questions(municipality, **kwargs)
    with pytest.raises(ValidationError, match="not open"):
        services.response_submit(
            survey=survey,
            respondent_id="r" * 20,
            answers={f"q{q['single'].pk}": str(q["single"].choices.first().pk)},
        )


def test_results_count_choices_scale_and_texts(municipality):
    survey, q = survey_with_questions(municipality)
    shade = _choice(q["single"], "Schatten")
    water = _choice(q["single"], "Trinkbrunnen")
    neighbours = _choice(q["multiple"], "Nachbarn")
    family = _choice(q["multiple"], "Familie")
    rows = [
        (shade, [neighbours, family], "5", "Bänke"),
        (shade, [neighbours], "3", ""),
        (water, [], "", "Brunnen am Markt"),
        (shade, [family], "4", ""),
    ]
    for i, (single, multiple, scale, text) in enumerate(rows):
        services.response_submit(
            survey=survey,
            respondent_id=f"respondent-{i:020d}",
            answers={
                f"q{q['single'].pk}": str(single),
                f"q{q['multiple'].pk}": [str(c) for c in multiple],
                f"q{q['scale'].pk}": scale,
                f"q{q['text'].pk}": text,
            },
        )
    results = services.survey_results(survey)
    assert results.responses == 4
    single, multiple, scale, text = results.questions
    assert single.answered == 4
    assert single.rows == [("Schatten", 3), ("Trinkbrunnen", 1), ("Kühle Räume", 0)]
    assert single.share(3) == 75.0
    assert multiple.answered == 3
    assert multiple.rows == [("Nachbarn", 2), ("Familie", 2), ("Verein", 0)]
    assert scale.answered == 3
    assert [count for _label, count in scale.rows] == [0, 0, 1, 1, 1]
    assert scale.rows[0][0] == "1 – gar nicht"
    assert scale.average == 4.0
    assert sorted(text.texts) == ["Brunnen am Markt", "Bänke"]


def test_only_coordinators_build_surveys(municipality, resident, coordinator):
    with pytest.raises(PermissionDenied):
        services.survey_save(by=resident, municipality=municipality, title="X")
    survey = services.survey_save(
        by=coordinator, municipality=municipality, title="Hitze"
    )
    assert survey.status == "draft"


def test_the_builder_adds_moves_and_publishes(municipality, coordinator):
    survey = services.survey_save(
        by=coordinator, municipality=municipality, title="Hitze"
    )
    with pytest.raises(ValidationError):
        services.survey_publish(by=coordinator, survey=survey)
    first = services.question_save(
        by=coordinator,
        survey=survey,
        text="Was hilft?",
        kind="single",
        required=True,
        choices="Schatten\n\nWasser\n",
    )
    assert list(first.choices.values_list("text", flat=True)) == ["Schatten", "Wasser"]
    second = services.question_save(
        by=coordinator, survey=survey, text="Sonst noch?", kind="text"
    )
    services.question_move(by=coordinator, question=second, up=True)
    assert list(survey.questions.values_list("pk", flat=True)) == [second.pk, first.pk]
    with pytest.raises(ValidationError) as info:
        services.question_save(
            by=coordinator, survey=survey, text="Eins?", kind="multiple", choices="A"
        )
    assert "choices" in info.value.message_dict
    services.survey_publish(by=coordinator, survey=survey)
    assert survey.is_open
    services.survey_close(by=coordinator, survey=survey)
    survey.refresh_from_db()
    assert survey.is_closed and survey.results_public


def test_questions_are_locked_once_answers_exist(municipality, coordinator):
    survey, q = survey_with_questions(municipality)
    services.response_submit(
        survey=survey,
        respondent_id="r" * 20,
        answers={f"q{q['single'].pk}": str(q["single"].choices.first().pk)},
    )
    with pytest.raises(ValidationError):
        services.question_delete(by=coordinator, question=q["text"])
    with pytest.raises(ValidationError):
        services.question_save(by=coordinator, survey=survey, text="Neu", kind="text")


@pytest.mark.django_db(transaction=True)
def test_concurrent_answers_of_one_account_store_one(municipality, resident):
    survey = SurveyFactory(municipality=municipality)
    question = QuestionFactory(survey=survey, kind="text", required=True)
    errors, barrier = [], threading.Barrier(5)

    def answer():
        # SQLite's shared in-memory test database answers "table is locked" instead
        # of waiting like a database file would: wait and try again (as forums do).
        deadline = time.monotonic() + 20
        try:
            barrier.wait(timeout=30)
            while True:
                try:
                    services.response_submit(
                        survey=survey, user=resident, answers={f"q{question.pk}": "Ja"}
                    )
                    break
                except OperationalError as exc:
                    if "locked" not in str(exc) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.005)
        except ValidationError as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Response.objects.filter(survey=survey).count() == 1
    assert len(errors) == 4
