import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from quartier.surveys.models import Answer, Question, Response, Survey
from quartier.surveys.tests.factories import SurveyFactory, survey_with_questions
from quartier.surveys.views import COOKIE

pytestmark = pytest.mark.django_db


def url(name, survey, **extra):
    return reverse(
        f"surveys:{name}",
        kwargs={
            "municipality_slug": survey.municipality.slug,
            "pk": survey.pk,
            **extra,
        },
    )


def _answers(q, **override):
    data = {f"q{q['single'].pk}": str(q["single"].choices.first().pk)}
    data.update({f"q{q[k].pk}": v for k, v in override.items()})
    return data


def test_a_guest_answers_once_per_cookie(client, municipality):
    survey, q = survey_with_questions(municipality)
    response = client.post(url("answer", survey), _answers(q, text="Mehr Schatten"))
    assert response.status_code == 302
    assert COOKIE in response.cookies
    assert Response.objects.filter(survey=survey).count() == 1
    again = client.post(url("answer", survey), _answers(q), follow=True)
    assert Response.objects.filter(survey=survey).count() == 1
    assert again.status_code == 200
    page = client.get(url("answer", survey))
    assert page.context["answered"] is True
    assert b'name="q' not in page.content  # no form any more


def test_a_signed_in_resident_answers_once(client_for, municipality, resident):
    survey, q = survey_with_questions(municipality)
    client = client_for(resident)
    assert client.post(url("answer", survey), _answers(q)).status_code == 302
    client.post(url("answer", survey), _answers(q))
    assert Response.objects.get(survey=survey).user == resident


def test_missing_required_answer_shows_the_message_and_keeps_input(
    client, municipality
):
    survey, q = survey_with_questions(municipality)
    response = client.post(
        url("answer", survey),
        {f"q{q['single'].pk}": "", f"q{q['text'].pk}": "Mein Text bleibt"},
    )
    assert response.status_code == 200
    assert f'id="id_q{q["single"].pk}_error"'.encode() in response.content
    assert "Mein Text bleibt" in response.content.decode()
    assert not Response.objects.exists()


def test_a_forged_choice_is_a_form_error_not_a_500(client, municipality):
    survey, q = survey_with_questions(municipality)
    response = client.post(url("answer", survey), {f"q{q['single'].pk}": "999999"})
    assert response.status_code == 200
    assert not Response.objects.exists()


def test_a_closed_survey_refuses_answers(client, municipality):
    survey, q = survey_with_questions(
        municipality,
        opens_at=timezone.now() - datetime.timedelta(days=5),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    response = client.post(url("answer", survey), _answers(q))
    assert response.status_code == 302
    assert not Response.objects.exists()


def test_guests_are_rate_limited(client, municipality, settings):
    from quartier.surveys import views

    survey, q = survey_with_questions(municipality)
    for _ in range(views.ANSWER_LIMIT):
        client.cookies.pop(COOKIE, None)
        client.post(url("answer", survey), _answers(q))
    client.cookies.pop(COOKIE, None)
    response = client.post(url("answer", survey), _answers(q))
    assert response.status_code == 429
    assert Response.objects.count() == views.ANSWER_LIMIT


def test_results_show_charts_tables_and_escaped_texts_but_nobody(
    client, municipality, resident
):
    survey, q = survey_with_questions(
        municipality,
        opens_at=timezone.now() - datetime.timedelta(days=5),
        closes_at=timezone.now() + datetime.timedelta(days=1),
    )
    from quartier.surveys import services

    services.response_submit(
        survey=survey,
        user=resident,
        answers=_answers(q, text="<script>alert(1)</script> Bänke"),
    )
    Survey.objects.filter(pk=survey.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    page = client.get(url("results", survey)).content.decode()
    assert "<svg" in page and "<table" in page
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    assert resident.email not in page and resident.public_name not in page


def test_results_csv_has_bom_semicolons_and_counts(client, municipality):
    survey, q = survey_with_questions(
        municipality,
        opens_at=timezone.now() - datetime.timedelta(days=5),
        closes_at=timezone.now() + datetime.timedelta(days=1),
        show_results_while_open=True,
    )
    from quartier.surveys import services

    for i in range(3):
        services.response_submit(
            survey=survey,
            respondent_id=f"r{i:030d}",
            answers=_answers(q, text="=SUMME(A1)" if i == 0 else ""),
        )
    response = client.get(url("results_csv", survey))
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    lines = body.lstrip("\ufeff").splitlines()
    assert lines[0].count(";") == 3
    first_choice = q["single"].choices.first().text
    assert f"{q['single'].text};{first_choice};3;100,0" in lines
    assert any(";'=SUMME(A1);" in line for line in lines)  # no formula in Excel


def test_the_builder_without_javascript(client_for, municipality, coordinator):
    client = client_for(coordinator)
    slug = municipality.slug
    response = client.post(
        reverse("surveys:new", kwargs={"municipality_slug": slug}),
        {"title": "Wie gut kennen Sie Ihre Nachbarschaft?", "intro": "Kurz."},
    )
    survey = Survey.objects.get()
    assert response.status_code == 302
    new = url("question_new", survey)
    client.post(
        new,
        {
            "text": "Wie oft?",
            "kind": "single",
            "required": "on",
            "choices": "oft\nselten\nnie",
        },
    )
    client.post(
        new,
        {
            "text": "Wie zufrieden?",
            "kind": "scale",
            "scale_low_label": "gar nicht",
            "scale_high_label": "sehr",
        },
    )
    bad = client.post(new, {"text": "Was noch?", "kind": "multiple", "choices": "A"})
    assert bad.status_code == 200 and "id_choices_error" in bad.content.decode()
    first, second = Question.objects.order_by("order")
    client.post(
        url("question_move", survey, question_pk=second.pk), {"direction": "up"}
    )
    assert list(survey.questions.values_list("pk", flat=True)) == [second.pk, first.pk]
    client.post(url("publish", survey))
    survey.refresh_from_db()
    assert survey.is_open
    client.post(url("close", survey))
    survey.refresh_from_db()
    assert survey.is_closed


def test_drafts_are_invisible_to_residents(client_for, municipality, resident):
    draft = SurveyFactory(municipality=municipality, status="draft", title="Geheim")
    client = client_for(resident)
    listing = client.get(
        reverse("surveys:list", kwargs={"municipality_slug": "musterstadt"})
    )
    assert "Geheim" not in listing.content.decode()
    assert client.get(url("detail", draft)).status_code == 404


def test_another_municipality_sees_nothing(client, municipality, other_municipality):
    survey, _ = survey_with_questions(other_municipality)
    response = client.get(
        reverse(
            "surveys:detail",
            kwargs={"municipality_slug": "musterstadt", "pk": survey.pk},
        )
    )
    assert response.status_code == 404


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_has_a_fixed_number_of_queries(
    client, municipality, django_assert_max_num_queries, count
):
    for _ in range(count):
        survey_with_questions(municipality)
    with django_assert_max_num_queries(6):
        response = client.get(
            reverse("surveys:list", kwargs={"municipality_slug": municipality.slug})
        )
    assert response.status_code == 200


def test_answers_keep_no_link_to_the_guest(client, municipality):
    survey, q = survey_with_questions(municipality)
    client.post(url("answer", survey), _answers(q))
    stored = Response.objects.get()
    assert stored.user is None and len(stored.respondent_hash) == 64
    assert Answer.objects.filter(response=stored).count() == 1
