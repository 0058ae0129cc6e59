"""The register, its filters and CSV export, the decision page and the forms."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quartier.actors.tests.factories import ActorFactory
from quartier.core.tests.factories import NeighborhoodFactory
from quartier.forums.models import Decision, Responsibility
from quartier.forums.tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    ForumFactory,
    ForumMemberFactory,
    MeetingFactory,
    ResponsibilityFactory,
)


def url(name, municipality, **kwargs):
    return reverse(
        f"forums:{name}", kwargs={"municipality_slug": municipality.slug, **kwargs}
    )


def decision_in(forum, **fields):
    item = AgendaItemFactory(meeting=MeetingFactory(forum=forum))
    return DecisionFactory(agenda_item=item, **fields)


@pytest.fixture
def register(municipality, neighborhood):
    """Two forums in two neighbourhoods, three decisions, two responsible actors."""
    elsewhere = NeighborhoodFactory(
        municipality=municipality, name="Altstadt", slug="altstadt"
    )
    forum_a = ForumFactory(
        municipality=municipality,
        name="Forum Sonnenberg",
        slug="sonnenberg",
        neighborhoods=[neighborhood],
    )
    forum_b = ForumFactory(
        municipality=municipality,
        name="Forum Altstadt",
        slug="altstadt",
        neighborhoods=[elsewhere],
    )
    sport = ActorFactory(municipality=municipality, name="Sportverein")
    family = ActorFactory(municipality=municipality, name="Familienzentrum")
    today = timezone.localdate()
    alpha = decision_in(
        forum_a,
        text="Alpha Bewegungstreff",
        due_date=today - datetime.timedelta(days=3),
    )
    beta = decision_in(forum_b, text="Beta Spielplatz", status="done")
    gamma = decision_in(
        forum_b,
        text="Gamma Sitzbänke",
        status="in_progress",
        due_date=today + datetime.timedelta(days=30),
    )
    ResponsibilityFactory(decision=alpha, user=None, actor=sport)
    ResponsibilityFactory(decision=gamma, user=None, actor=family)
    ResponsibilityFactory(decision=beta, user=None, actor=sport, role="I")
    return {
        "a": forum_a,
        "b": forum_b,
        "sport": sport,
        "family": family,
        "neighborhood": neighborhood,
    }


def shown(response):
    content = response.content.decode()
    return {word for word in ("Alpha", "Beta", "Gamma") if word in content}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (lambda r: {}, {"Alpha", "Beta", "Gamma"}),
        (lambda r: {"forum": "altstadt"}, {"Beta", "Gamma"}),
        (lambda r: {"status": "done"}, {"Beta"}),
        (lambda r: {"actor": r["sport"].pk}, {"Alpha"}),
        (lambda r: {"actor": r["family"].pk}, {"Gamma"}),
        (lambda r: {"neighborhood": "sonnenberg"}, {"Alpha"}),
        (lambda r: {"overdue": "on"}, {"Alpha"}),
    ],
    ids=[
        "none",
        "forum",
        "status",
        "actor-r-only",
        "actor",
        "neighbourhood",
        "overdue",
    ],
)
def test_the_register_filters(client, municipality, register, query, expected):
    response = client.get(url("decisions", municipality), query(register))
    assert response.status_code == 200
    assert shown(response) == expected


def test_the_register_marks_overdue_with_text_and_names_the_responsible(
    client, municipality, register
):
    content = client.get(url("decisions", municipality)).content.decode()
    assert "overdue" in content or "überfällig" in content
    assert "Sportverein" in content


def test_an_unknown_filter_value_is_ignored_not_a_500(client, municipality, register):
    response = client.get(
        url("decisions", municipality), {"forum": "nope", "status": "x"}
    )
    assert response.status_code == 200


@pytest.fixture
def closed(municipality):
    forum = ForumFactory(municipality=municipality, slug="intern", visibility="members")
    return decision_in(forum, text="Geheimer Haushaltsplan")


@pytest.mark.parametrize("role", ["anonymous", "resident", "other_admin"])
def test_members_only_decisions_are_hidden_from_outsiders(
    client_for, users, municipality, closed, role
):
    client = client_for(users[role])
    assert "Geheimer" not in client.get(url("decisions", municipality)).content.decode()
    assert (
        "Geheimer"
        not in client.get(url("decisions_csv", municipality)).content.decode()
    )
    assert client.get(url("decision", municipality, pk=closed.pk)).status_code == 404


def test_members_only_decisions_are_visible_to_forum_members(
    client_for, resident, municipality, closed
):
    ForumMemberFactory(forum=closed.forum, user=resident)
    client = client_for(resident)
    assert "Geheimer" in client.get(url("decisions", municipality)).content.decode()
    assert client.get(url("decision", municipality, pk=closed.pk)).status_code == 200


def _bulk_decisions(municipality, count, start):
    forum = ForumFactory(municipality=municipality)
    item = AgendaItemFactory(meeting=MeetingFactory(forum=forum))
    actor = ActorFactory(municipality=municipality)
    today = timezone.localdate()
    decisions = Decision.objects.bulk_create(
        Decision(
            municipality=municipality,
            forum=forum,
            agenda_item=item,
            number=start + i,
            text=f"Beschluss {i}",
            decided_on=today,
            due_date=today - datetime.timedelta(days=i % 5),
        )
        for i in range(count)
    )
    Responsibility.objects.bulk_create(
        Responsibility(decision=d, role=role, actor=actor)
        for d in decisions
        for role in ("R", "A")
    )


def _queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["decisions", "decisions_csv", "who_decides"])
def test_lists_keep_a_constant_query_count(client_for, coordinator, municipality, name):
    client = client_for(coordinator)
    path = url(name, municipality)
    _bulk_decisions(municipality, 10, 1)
    client.get(path)  # warm caches (sessions, content types)
    small = _queries(client, path)
    _bulk_decisions(municipality, 990 if name != "decisions_csv" else 300, 100)
    large = _queries(client, path)
    assert large == small


def test_csv_has_the_columns_and_uses_the_filters(client, municipality, register):
    response = client.get(url("decisions_csv", municipality), {"forum": "altstadt"})
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == [
        "number",
        "decided_on",
        "forum",
        "meeting",
        "agenda_item",
        "kind",
        "text",
        "rationale",
        "status",
        "due_date",
        "overdue",
        "responsible",
        "accountable",
        "consulted",
        "informed",
    ]
    texts = sorted(row[6] for row in rows[1:])
    assert texts == ["Beta Spielplatz", "Gamma Sitzbänke"]
    beta = next(row for row in rows[1:] if row[6] == "Beta Spielplatz")
    assert beta[14] == "Sportverein"
    assert beta[2] == "Forum Altstadt"


def test_csv_defuses_formulas(client, municipality):
    decision_in(ForumFactory(municipality=municipality), text="=HYPERLINK(1)")
    body = client.get(url("decisions_csv", municipality)).content.decode()
    assert "'=HYPERLINK(1)" in body


def _form_data(item_rows, **fields):
    data = {
        "text": "Der Bewegungstreff startet im Mai.",
        "rationale": "Viele wünschen sich Bewegung im Park.",
        "kind": "resolution",
        "decided_on": "2026-03-12",
        "due_date": "2026-05-31",
        "responsibilities-TOTAL_FORMS": "4",
        "responsibilities-INITIAL_FORMS": "0",
        "responsibilities-MIN_NUM_FORMS": "0",
        "responsibilities-MAX_NUM_FORMS": "30",
    }
    for i, row in enumerate(item_rows):
        for key, value in row.items():
            data[f"responsibilities-{i}-{key}"] = value
    data.update(fields)
    return data


@pytest.fixture
def item(municipality):
    forum = ForumFactory(municipality=municipality, name="Quartiersforum Sonnenberg")
    return AgendaItemFactory(meeting=MeetingFactory(forum=forum), kind="decision")


def test_a_coordinator_records_a_decision_with_responsibilities(
    client_for, coordinator, municipality, item
):
    actor = ActorFactory(municipality=municipality, name="Sportverein")
    path = url("decision_new", municipality, pk=item.meeting_id, item_pk=item.pk)
    response = client_for(coordinator).post(
        path,
        _form_data(
            [{"role": "R", "actor": actor.pk}, {"role": "I", "user": coordinator.pk}]
        ),
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == decision.get_absolute_url()
    assert decision.due_date == datetime.date(2026, 5, 31)
    assert sorted(decision.responsibilities.values_list("role", flat=True)) == [
        "I",
        "R",
    ]
    page = client_for(coordinator).get(response["Location"]).content.decode()
    assert "Sportverein" in page and "Der Bewegungstreff startet" in page


def test_the_form_without_a_responsible_is_shown_again(
    client_for, coordinator, municipality, item
):
    path = url("decision_new", municipality, pk=item.meeting_id, item_pk=item.pk)
    response = client_for(coordinator).post(
        path, _form_data([{"role": "A", "user": coordinator.pk}])
    )
    assert response.status_code == 200
    assert "(R)" in response.content.decode()
    assert not Decision.objects.exists()


def test_the_form_refuses_a_person_of_another_municipality(
    client_for, coordinator, other_admin, municipality, item
):
    path = url("decision_new", municipality, pk=item.meeting_id, item_pk=item.pk)
    response = client_for(coordinator).post(
        path, _form_data([{"role": "R", "user": other_admin.pk}])
    )
    assert response.status_code == 200
    assert not Decision.objects.exists()


def test_a_status_change_without_comment_is_a_form_error(
    client_for, coordinator, municipality, item
):
    decision = DecisionFactory(agenda_item=item)
    response = client_for(coordinator).post(
        url("decision_status", municipality, pk=decision.pk), {"new_status": "done"}
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == "open"


def test_the_decision_page_shows_path_and_histories(
    client_for, coordinator, municipality, item
):
    decision = DecisionFactory(agenda_item=item, text="Sitzbänke am Marktplatz")
    client = client_for(coordinator)
    client.cookies["django_language"] = "en"  # assert the English source text
    client.post(
        url("decision_status", municipality, pk=decision.pk),
        {"new_status": "postponed", "comment": "Haushalt erst im Herbst."},
    )
    client.post(
        url("decision_edit", municipality, pk=decision.pk),
        _form_data(
            [{"role": "R", "user": coordinator.pk}],
            text="Sitzbänke am Marktplatz und im Park",
            **{"responsibilities-TOTAL_FORMS": "2"},
        ),
    )
    decision.refresh_from_db()
    assert decision.text == "Sitzbänke am Marktplatz und im Park"
    content = client.get(decision.get_absolute_url()).content.decode()
    assert "Haushalt erst im Herbst." in content
    assert coordinator.public_name in content
    assert "Quartiersforum Sonnenberg" in content
    assert item.title in content
    assert "Sitzbänke am Marktplatz” → “Sitzbänke am Marktplatz und im Park" in content
