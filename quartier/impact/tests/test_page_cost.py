"""The impact pages at scale (issue 19): no page a coordinator uses grows with the
municipality's initiatives or decisions. Where one of many is chosen, the page has
a search field matched on the server (impact/picker.py) and offers at most
picker.OFFERED matches; nothing is listed before a search. The pages need the same
queries for few and more rows, and a chosen id is checked against everything the
person may choose (a foreign or forged id: German error next to the field)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.impact import picker
from quartier.impact.models import Goal, ImpactModel
from quartier.impact.tests.factories import GoalFactory
from quartier.impact.tests.test_views import url
from quartier.initiatives.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _queries(client, path, data=None):
    client.get(path, data)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, data)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _add(municipality, n, start):
    for i in range(start, start + n):
        GoalFactory(municipality=municipality, title=f"Ziel {i}")
        InitiativeFactory(municipality=municipality, title=f"Vorhaben <{i}>")


def _offered(page):
    return re.findall(r'<input type="radio" name="initiative" value="(\d+)"', page)


def test_the_goals_page_offers_initiatives_only_after_a_search(
    client_for, municipality, other_municipality, coordinator, monkeypatch
):
    monkeypatch.setattr(picker, "OFFERED", 2)
    cafe = InitiativeFactory(municipality=municipality, title="Eltern <Café>")
    InitiativeFactory(municipality=municipality, title="Elterntreff am Markt")
    InitiativeFactory(municipality=municipality, title="Lauftreff")
    modelled = InitiativeFactory(municipality=municipality, title="Eltern Café alt")
    ImpactModel.objects.create(
        municipality=municipality, initiative=modelled, stage_1="x"
    )
    InitiativeFactory(municipality=other_municipality, title="Eltern Café fremd")
    client = client_for(coordinator)
    goals = url("goals", municipality)

    page = client.get(goals).content.decode()
    assert 'name="initiative_search"' in page and 'type="search"' in page
    assert _offered(page) == [] and "Lauftreff" not in page

    page = client.get(goals, {"initiative_search": "café  Eltern"}).content.decode()
    assert _offered(page) == [str(cafe.pk)]  # every word; modelled and foreign ones not
    assert "Eltern &lt;Café&gt;</label>" in page
    assert 'value="café  Eltern"' in page  # what was typed stays
    assert "1 Vorhaben passt zu „café  Eltern“." in page

    page = client.get(goals, {"initiative_search": "eltern"}).content.decode()
    assert len(_offered(page)) == 2
    assert "Mehr als 2 Vorhaben passen zu „eltern“" not in page  # exactly 2 match
    InitiativeFactory(municipality=municipality, title="Elternabend")
    page = client.get(goals, {"initiative_search": "eltern"}).content.decode()
    assert len(_offered(page)) == 2
    assert "Mehr als 2 Vorhaben passen zu „eltern“" in page

    page = client.get(goals, {"initiative_search": "Schwimmbad"}).content.decode()
    assert _offered(page) == []
    assert "Kein Vorhaben passt zu „Schwimmbad“." in page

    answer = client.get(url("initiative_pick", municipality), {"initiative": cafe.pk})
    assert answer.url == url("initiative_model", municipality, pk=cafe.pk)


def test_a_resident_gets_no_initiative_search(client_for, municipality, resident):
    InitiativeFactory(municipality=municipality, title="Elterncafé")
    page = client_for(resident).get(
        url("goals", municipality), {"initiative_search": "Eltern"}
    )
    assert 'name="initiative_search"' not in page.content.decode()
    assert _offered(page.content.decode()) == []


def test_the_goals_page_needs_the_same_queries_for_more_rows(
    client_for, municipality, coordinator, resident
):
    search = {"initiative_search": "Vorhaben"}
    for who in (coordinator, resident):
        _add(municipality, 2, 100 if who is resident else 0)
        client = client_for(who)
        small = _queries(client, url("goals", municipality))[0]
        small_search = _queries(client, url("goals", municipality), search)[0]
        _add(municipality, 4, 200 if who is resident else 10)
        assert _queries(client, url("goals", municipality))[0] == small
        assert _queries(client, url("goals", municipality), search)[0] == small_search


def test_linking_an_initiative_searches_and_refuses_a_foreign_one(
    client_for, municipality, other_municipality, coordinator
):
    goal = GoalFactory(municipality=municipality)
    ours = InitiativeFactory(municipality=municipality, title="Bewegter Sonnenberg")
    InitiativeFactory(municipality=municipality, title="Lesepaten")
    foreign = InitiativeFactory(
        municipality=other_municipality, title="Bewegter Sonnenberg"
    )
    client = client_for(coordinator)
    link = url("goal_link", municipality, pk=goal.pk)

    page = client.get(link).content.decode()
    assert _offered(page) == [] and "Lesepaten" not in page
    page = client.get(link, {"initiative_search": "sonnenberg"}).content.decode()
    assert _offered(page) == [str(ours.pk)]
    assert 'value="sonnenberg"' in page

    for forged in (foreign.pk, "abc", "99999999999999999999", ""):
        answer = client.post(
            link, {"initiative": forged, "initiative_search": "sonnenberg"}
        )
        assert answer.status_code == 200
        page = answer.content.decode()
        assert 'class="kern-error"' in page
        assert ("Bitte wählen Sie ein Vorhaben" in page) or (
            "Wählen Sie ein Vorhaben aus der Liste" in page
        )
        assert _offered(page) == [str(ours.pk)]  # the search is offered again
    assert not Goal.objects.get(pk=goal.pk).initiatives.exists()

    answer = client.post(link, {"initiative": ours.pk})
    assert answer.status_code == 302
    assert list(Goal.objects.get(pk=goal.pk).initiatives.all()) == [ours]


def test_the_link_page_needs_the_same_queries_for_more_initiatives(
    client_for, municipality, coordinator
):
    goal = GoalFactory(municipality=municipality)
    client = client_for(coordinator)
    link = url("goal_link", municipality, pk=goal.pk)
    search = {"initiative_search": "Vorhaben"}
    _add(municipality, 2, 0)
    small = _queries(client, link)[0], _queries(client, link, search)[0]
    _add(municipality, 4, 10)
    assert (_queries(client, link)[0], _queries(client, link, search)[0]) == small


def _more_of_everything(municipality, n, start):
    """Initiatives, decisions and organisations: what grows in a municipality."""
    from quartier.actors.tests.factories import ActorFactory
    from quartier.forums.tests.factories import DecisionFactory

    _add(municipality, n, start)
    for i in range(start, start + n):
        DecisionFactory(
            agenda_item__meeting__forum__municipality=municipality,
            text=f"Beschluss über den Spielplatz {i}",
        )
        ActorFactory(municipality=municipality, name=f"Verein {i}")


def test_no_impact_page_offers_more_choices_with_more_data(
    client_for, municipality, coordinator
):
    """Every page of the impact app a coordinator opens (each URL pattern, GET):
    the number of <option>s and radio buttons, and the queries, do not grow with
    the municipality's initiatives, decisions and organisations."""
    from quartier.impact import urls
    from quartier.impact.tests.factories import ImpactModelFactory, IndicatorFactory

    goal = GoalFactory(municipality=municipality)
    model = ImpactModelFactory(goal=goal)
    indicator = IndicatorFactory(impact_model=model)
    initiative = InitiativeFactory(municipality=municipality)
    ids = {
        "goal": goal.pk,
        "model": model.pk,
        "indicator": indicator.pk,
        "initiative": initiative.pk,
    }
    client = client_for(coordinator)

    def measure():
        found = {}
        for pattern in urls.urlpatterns:
            name = pattern.name
            kwargs = {}
            if "<int:pk>" in str(pattern.pattern):
                owner = next(k for k in ids if k in str(pattern.pattern))
                kwargs["pk"] = ids[
                    "goal" if str(pattern.pattern).startswith("goals") else owner
                ]
            if "initiative_pk" in str(pattern.pattern):
                kwargs["initiative_pk"] = initiative.pk
            path = url(name, municipality, **kwargs)
            with CaptureQueriesContext(connection) as queries:
                answer = client.get(path)
            if answer.status_code != 200:
                continue
            page = answer.content.decode()
            found[name] = (
                page.count("<option") + page.count('type="radio"'),
                len(queries),
            )
        return found

    _more_of_everything(municipality, 1, 0)
    measure()  # warm-up (per-process kept fragments)
    few = measure()
    assert {"goals", "goal", "goal_new", "goal_edit", "goal_link"} <= set(few)
    _more_of_everything(municipality, 2, 10)
    assert measure() == few


def test_the_goal_form_finds_its_decision_by_a_search(
    client_for, municipality, other_municipality, coordinator, monkeypatch
):
    from quartier.forums.tests.factories import DecisionFactory

    monkeypatch.setattr(picker, "OFFERED", 2)
    playground = DecisionFactory(
        agenda_item__meeting__forum__municipality=municipality,
        text="Der Spielplatz <Lindenweg> wird erneuert.",
    )
    DecisionFactory(
        agenda_item__meeting__forum__municipality=municipality, text="Haushalt 2027"
    )
    foreign = DecisionFactory(
        agenda_item__meeting__forum__municipality=other_municipality,
        text="Spielplatz fremd",
    )
    client = client_for(coordinator)
    new = url("goal_new", municipality)
    page = client.get(new).content.decode()
    assert "Haushalt" not in page and 'name="decision_search"' in page

    typed = {
        "title": "Spielen im Quartier",
        "narrative": "Weil.",
        "visibility": "public",
    }
    answer = client.post(
        new, {**typed, "decision_search": "spielplatz", "search_decision": "1"}
    )
    page = answer.content.decode()
    assert answer.status_code == 200 and not Goal.objects.exists()  # nothing saved
    assert 'value="Spielen im Quartier"' in page  # what was typed stays
    assert 'value="spielplatz"' in page
    decisions = re.findall(r'<input type="radio" name="decision" value="(\d*)"', page)
    assert decisions == ["", str(playground.pk)]  # not the foreign one
    assert "Spielplatz &lt;Lindenweg&gt; wird erneuert." in page
    assert "1 Beschluss passt zu „spielplatz“." in page
    assert 'class="kern-error"' not in page

    for forged in (foreign.pk, "abc", "99999999999999999999"):
        answer = client.post(
            new, {**typed, "decision": forged, "decision_search": "spielplatz"}
        )
        assert answer.status_code == 200 and not Goal.objects.exists()
        page = answer.content.decode()
        assert "Bitte wählen Sie einen Beschluss Ihrer Foren." in page
        assert 'id="id_decision_error"' in page  # next to the field

    answer = client.post(
        new, {**typed, "decision": playground.pk, "decision_search": "spielplatz"}
    )
    assert answer.status_code == 302
    goal = Goal.objects.get()
    assert goal.decision == playground

    # Editing: the decision chosen so far is offered without a search.
    page = client.get(url("goal_edit", municipality, pk=goal.pk)).content.decode()
    checked = re.findall(
        r'<input type="radio" name="decision" value="(\d*)"[^>]* checked', page
    )
    assert checked == [str(playground.pk)]
    assert "Haushalt" not in page
    page = client.post(
        url("goal_edit", municipality, pk=goal.pk),
        {**typed, "decision_search": "Beschluss zu nichts", "search_decision": "1"},
    ).content.decode()
    assert "Kein Beschluss passt zu „Beschluss zu nichts“." in page


def test_a_goal_and_its_model_need_the_same_queries_for_more_indicators(
    client_for, municipality, coordinator
):
    from quartier.impact.tests.factories import (
        ImpactModelFactory,
        IndicatorFactory,
        MeasurementFactory,
    )

    goal = GoalFactory(municipality=municipality)
    model = ImpactModelFactory(goal=goal)
    client = client_for(coordinator)

    def add(n):
        for i in range(n):
            MeasurementFactory(
                indicator=IndicatorFactory(impact_model=model, stage=1 + i % 7)
            )

    add(1)
    few = [
        _queries(client, path)[0]
        for path in (goal.get_absolute_url(), model.get_absolute_url())
    ]
    add(3)
    assert [
        _queries(client, path)[0]
        for path in (goal.get_absolute_url(), model.get_absolute_url())
    ] == few


ODD_SEARCHES = [
    "²",
    "%",
    "_",
    "\\",
    "'",
    "1e5",
    "-1",
    "\x00",
    "ä" * 300,
    "a b c d e f g",
]


def test_odd_searches_answer_without_an_error(client_for, municipality, coordinator):
    from quartier.forums.tests.factories import DecisionFactory

    goal = GoalFactory(municipality=municipality)
    InitiativeFactory(municipality=municipality, title="100 % dabei")
    DecisionFactory(agenda_item__meeting__forum__municipality=municipality)
    client = client_for(coordinator)
    for text in ODD_SEARCHES:
        assert client.get(
            url("goals", municipality), {"initiative_search": text}
        ).status_code in (200, 400), text
        assert client.get(
            url("goal_link", municipality, pk=goal.pk), {"initiative_search": text}
        ).status_code in (200, 400), text
        for search in ({"search_decision": "1"}, {}):  # searched, and sent to save
            answer = client.post(
                url("goal_new", municipality),
                {"title": "", "decision_search": text, **search},
            )
            assert answer.status_code in (200, 400), text
        answer = client.post(
            url("goal_link", municipality, pk=goal.pk),
            {"initiative": "", "initiative_search": text},
        )
        assert answer.status_code in (200, 400), text
    page = client.get(url("goals", municipality), {"initiative_search": "%"})
    assert "100 % dabei" in page.content.decode()  # a percent sign is a character
    page = client.get(url("goals", municipality), {"initiative_search": "_"})
    assert "100 % dabei" not in page.content.decode()  # and so is an underscore
