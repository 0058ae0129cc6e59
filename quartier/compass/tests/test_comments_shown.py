"""A round's comments on a field: the page lists the newest COMMENTS_SHOWN and says
how many there are, so that thousands of assessments do not print thousands of
comments (issue 19); the query count stays the same."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.compass import results
from quartier.compass.models import TensionField
from quartier.compass.results import compute_round
from quartier.compass.tests.factories import RoundFactory, assess

pytestmark = pytest.mark.django_db


def _comment_on(round, field, count, start=0):
    for i in range(start, start + count):
        assess(round, "residents", {field: (i % 101, 50, f"Anmerkung Nummer {i}.")})


def test_the_newest_comments_are_shown_and_all_are_counted(municipality, monkeypatch):
    monkeypatch.setattr(results, "COMMENTS_SHOWN", 3)
    round = RoundFactory(municipality=municipality, status="open")
    field, other = list(TensionField.objects.of(municipality))[:2]
    _comment_on(round, field, 5)
    assess(round, "residents", {other: (10, 20, "Nur eine.")})
    result = compute_round(round, with_comments=True)
    fr = result.field(field.pk)
    assert [text for _label, text in fr.comments] == [
        "Anmerkung Nummer 4.",
        "Anmerkung Nummer 3.",
        "Anmerkung Nummer 2.",
    ]
    assert fr.comment_count == 5 and fr.more_comments == 2
    single = result.field(other.pk)
    assert single.comment_count == 1 and single.more_comments == 0


def test_the_page_says_how_many_comments_and_that_the_newest_are_shown(
    client_for, resident, municipality, monkeypatch
):
    monkeypatch.setattr(results, "COMMENTS_SHOWN", 3)
    round = RoundFactory(municipality=municipality, status="open")
    field = TensionField.objects.of(municipality).first()
    _comment_on(round, field, 5)
    client = client_for(resident)
    client.cookies["django_language"] = "en"
    path = reverse("compass:index", kwargs={"municipality_slug": municipality.slug})
    html = client.get(path).content.decode()
    assert "5 comments" in html
    assert "The 3 newest comments are shown here." in html
    assert html.count("Anmerkung Nummer") == 3
    assert "Anmerkung Nummer 0." not in html
    client.cookies["django_language"] = "de"
    german = client.get(path).content.decode()
    assert "5 Kommentare" in german
    assert "Die 3 neuesten Kommentare werden hier gezeigt." in german


def test_a_round_with_more_comments_costs_no_more_queries_or_lines(
    client_for, resident, municipality
):
    round = RoundFactory(municipality=municipality, status="open")
    field = TensionField.objects.of(municipality).first()
    client = client_for(resident)
    path = reverse("compass:index", kwargs={"municipality_slug": municipality.slug})
    _comment_on(round, field, 5)
    client.get(path)
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    _comment_on(round, field, results.COMMENTS_SHOWN + 10, start=5)
    with CaptureQueriesContext(connection) as many:
        html = client.get(path).content.decode()
    assert len(many) == len(few)
    assert html.count("Anmerkung Nummer") == results.COMMENTS_SHOWN


def test_every_comment_is_reached_a_page_at_a_time(
    client_for, resident, municipality, monkeypatch
):
    monkeypatch.setattr(results, "COMMENTS_SHOWN", 2)
    monkeypatch.setattr(results, "COMMENTS_PAGE", 3)
    round = RoundFactory(municipality=municipality, status="open")
    field = TensionField.objects.of(municipality).first()
    _comment_on(round, field, 7)
    client = client_for(resident)
    client.cookies["django_language"] = "en"
    index = reverse("compass:index", kwargs={"municipality_slug": municipality.slug})
    path = reverse(
        "compass:comments",
        kwargs={
            "municipality_slug": municipality.slug,
            "pk": round.pk,
            "field_pk": field.pk,
        },
    )
    assert f'href="{path}"' in client.get(index).content.decode()
    seen, pages, next_path = [], 0, path
    while next_path:
        html = client.get(next_path).content.decode()
        pages += 1
        seen += re.findall(r"Anmerkung Nummer (\d+)\.", html)
        found = re.search(r'href="(\?before=\d+)"', html)
        next_path = path + found.group(1) if found else None
    assert pages == 3
    assert seen == [str(i) for i in range(6, -1, -1)]  # newest first, each once


@pytest.mark.parametrize("before", ["abc", "-1", "9" * 30, ""])
def test_an_odd_cursor_shows_the_first_page(client_for, resident, municipality, before):
    round = RoundFactory(municipality=municipality, status="open")
    field = TensionField.objects.of(municipality).first()
    _comment_on(round, field, 2)
    path = reverse(
        "compass:comments",
        kwargs={
            "municipality_slug": municipality.slug,
            "pk": round.pk,
            "field_pk": field.pk,
        },
    )
    response = client_for(resident).get(path, {"before": before})
    assert response.status_code == 200
    assert "Anmerkung Nummer 1." in response.content.decode()


def test_the_comments_page_costs_the_same_queries_for_few_and_many(
    client_for, resident, municipality
):
    round = RoundFactory(municipality=municipality, status="open")
    field = TensionField.objects.of(municipality).first()
    client = client_for(resident)
    path = reverse(
        "compass:comments",
        kwargs={
            "municipality_slug": municipality.slug,
            "pk": round.pk,
            "field_pk": field.pk,
        },
    )
    _comment_on(round, field, 3)
    client.get(path)
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    _comment_on(round, field, results.COMMENTS_PAGE + 5, start=3)
    with CaptureQueriesContext(connection) as many:
        html = client.get(path).content.decode()
    assert len(many) == len(few)
    assert html.count("Anmerkung Nummer") == results.COMMENTS_PAGE
