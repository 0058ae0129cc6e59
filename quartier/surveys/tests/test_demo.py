"""The surveys of the demo world: two, one closed and one open, ~40 answers each."""

from io import StringIO

import pytest
from django.core.management import call_command

from quartier.surveys.models import Answer, Response, Survey
from quartier.surveys.services import survey_results

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_closed_and_an_open_survey_with_answers(client):
    call_command("seed_demo", stdout=StringIO())
    surveys = Survey.objects.filter(municipality__slug="musterstadt")
    assert surveys.count() == 2
    closed = surveys.get(title__startswith="Hitze")
    open_ = surveys.get(title__startswith="Wie gut")
    assert closed.is_closed and closed.results_public
    assert open_.is_open
    for survey in (closed, open_):
        assert survey.responses.count() == 40
        results = survey_results(survey)
        required = [r for r in results.questions if r.question.required]
        assert all(r.answered == 40 for r in required)
    assert client.get(closed.get_absolute_url() + "results/").status_code == 200
    before = (Response.objects.count(), Answer.objects.count())
    call_command("seed_demo", "--force", stdout=StringIO())
    assert (Response.objects.count(), Answer.objects.count()) == before
