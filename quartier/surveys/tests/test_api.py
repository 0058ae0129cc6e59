import datetime

import pytest
from django.utils import timezone

from quartier.accounts.models import ApiToken, hash_token
from quartier.surveys.models import Response
from quartier.surveys.tests.factories import survey_with_questions
from quartier.surveys.views import ANSWER_LIMIT

pytestmark = pytest.mark.django_db
BASE = "/api/v1/municipalities/musterstadt/surveys"


def _body(q, **extra):
    return {"answers": {f"q{q['single'].pk}": q["single"].choices.first().pk}, **extra}


def test_lists_published_surveys_only(client, municipality):
    survey, _ = survey_with_questions(municipality, title="Offen")
    survey_with_questions(municipality, title="Entwurf", status="draft")
    data = client.get(BASE).json()
    assert data["count"] == 1 and data["items"][0]["title"] == "Offen"
    detail = client.get(f"{BASE}/{survey.pk}").json()
    assert [q["kind"] for q in detail["questions"]] == [
        "single",
        "multiple",
        "scale",
        "text",
    ]
    assert detail["questions"][0]["key"].startswith("q")


def test_a_guest_answers_and_the_same_respondent_id_is_refused(client, municipality):
    survey, q = survey_with_questions(municipality)
    body = _body(q, respondent_id="device-1234567890abcdef")
    first = client.post(
        f"{BASE}/{survey.pk}/responses", body, content_type="application/json"
    )
    assert first.status_code == 201
    second = client.post(
        f"{BASE}/{survey.pk}/responses", body, content_type="application/json"
    )
    assert second.status_code == 422
    assert Response.objects.count() == 1


def test_missing_required_answer_names_the_field(client, municipality):
    survey, q = survey_with_questions(municipality)
    response = client.post(
        f"{BASE}/{survey.pk}/responses",
        {"answers": {}},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == f"q{q['single'].pk}"


def test_closed_surveys_refuse_and_results_are_public(client, municipality):
    survey, q = survey_with_questions(
        municipality,
        opens_at=timezone.now() - datetime.timedelta(days=9),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    response = client.post(
        f"{BASE}/{survey.pk}/responses", _body(q), content_type="application/json"
    )
    assert response.status_code == 403 and "detail" in response.json()
    results = client.get(f"{BASE}/{survey.pk}/results").json()
    assert results["final"] is True and results["responses"] == 0


def test_results_of_an_open_survey_are_hidden(client, municipality):
    survey, _ = survey_with_questions(municipality)
    assert client.get(f"{BASE}/{survey.pk}/results").status_code == 403


def test_guests_are_rate_limited(client, municipality):
    survey, q = survey_with_questions(municipality)
    for _ in range(ANSWER_LIMIT):
        client.post(
            f"{BASE}/{survey.pk}/responses", _body(q), content_type="application/json"
        )
    response = client.post(
        f"{BASE}/{survey.pk}/responses", _body(q), content_type="application/json"
    )
    assert response.status_code == 429
    assert Response.objects.count() == ANSWER_LIMIT


def test_with_a_token_once_per_account(client, municipality, resident):
    survey, q = survey_with_questions(municipality)
    ApiToken.objects.create(
        user=resident, name="t", token_hash=hash_token("qt_abc"), hint="qt_a"
    )
    auth = {"HTTP_AUTHORIZATION": "Bearer qt_abc"}
    url = f"{BASE}/{survey.pk}/responses"
    assert (
        client.post(url, _body(q), content_type="application/json", **auth).status_code
        == 201
    )
    assert (
        client.post(url, _body(q), content_type="application/json", **auth).status_code
        == 422
    )
    assert Response.objects.get().user == resident
    bad = client.post(
        url, _body(q), content_type="application/json", HTTP_AUTHORIZATION="Bearer nope"
    )
    assert bad.status_code == 401


def test_a_session_does_not_answer_as_the_account(client_for, municipality, resident):
    survey, q = survey_with_questions(municipality)
    client = client_for(resident)
    client.post(
        f"{BASE}/{survey.pk}/responses", _body(q), content_type="application/json"
    )
    assert Response.objects.get().user is None
