"""The list of check rounds costs the same queries for one round or many, each with
confirmed results (issue 19: it read every round's results once for the list and
once more for scores it did not show)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.support import services
from quartier.support.questions import QUESTIONS
from quartier.support.tests.factories import CheckRoundFactory

pytestmark = pytest.mark.django_db


def _round_with_results(municipality, coordinator, year):
    check_round = CheckRoundFactory(municipality=municipality, year=year)
    for key in list(QUESTIONS)[:3]:
        services.result_confirm(
            by=coordinator, check_round=check_round, question=key, value=2
        )
    return check_round


def test_the_list_needs_the_same_queries_for_one_round_and_five(
    client_for, municipality, coordinator
):
    client = client_for(coordinator)
    path = reverse("support:check", kwargs={"municipality_slug": municipality.slug})
    first = _round_with_results(municipality, coordinator, 2020)
    client.get(path)
    with CaptureQueriesContext(connection) as one:
        response = client.get(path)
    assert response.status_code == 200
    for year in range(2021, 2025):
        _round_with_results(municipality, coordinator, year)
    with CaptureQueriesContext(connection) as five:
        html = client.get(path).content.decode()
    assert len(five) == len(one)
    assert html.count("/result/") == 5
    assert first.get_absolute_url() in html
