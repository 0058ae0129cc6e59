"""The goals page at scale (issue 19): the coordination's initiative picker is
written once (it was also written into the page's <title> and its breadcrumbs,
three selects with the same id and ~6,000 options for Musterstadt's 2,000
initiatives), with one option per initiative and no model per option; the page
needs the same queries for 2 and 6 goals and initiatives."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.impact.tests.factories import GoalFactory
from quartier.impact.tests.test_views import url
from quartier.initiatives.tests.factories import InitiativeFactory


def _queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _add(municipality, n, start):
    for i in range(start, start + n):
        GoalFactory(municipality=municipality, title=f"Ziel {i}")
        InitiativeFactory(municipality=municipality, title=f"Vorhaben <{i}>")


def test_the_picker_is_written_once_and_the_title_is_text(
    client_for, municipality, coordinator
):
    _add(municipality, 3, 0)
    _count, page = _queries(client_for(coordinator), url("goals", municipality))
    assert page.count('id="id_pick_initiative"') == 1
    title = re.search(r"<title>(.*?)</title>", page, re.S)[1]
    assert "<" not in title and "Vorhaben" not in title
    picker = re.search(r'id="id_pick_initiative">(.*?)</select>', page, re.S)[1]
    assert len(re.findall(r"<option ", picker)) == 3
    assert "Vorhaben &lt;2&gt;</option>" in page


def test_the_goals_page_needs_the_same_queries_for_more_rows(
    client_for, municipality, coordinator, resident
):
    for who in (coordinator, resident):
        _add(municipality, 2, 100 if who is resident else 0)
        client = client_for(who)
        small, _page = _queries(client, url("goals", municipality))
        _add(municipality, 4, 200 if who is resident else 10)
        assert _queries(client, url("goals", municipality))[0] == small
