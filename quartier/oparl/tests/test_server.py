"""Quartier's OParl 1.1 server at /oparl/: the whole tree, walked from the System
object, validates against the OParl schemas (strictly, embedded objects too);
only public objects appear; lists paginate with links.next and filter by
modified_since / created_since; answers are public reads with CORS."""

from __future__ import annotations

import datetime
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from quartier.forums.tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    ForumFactory,
    MeetingFactory,
)
from quartier.oparl import schema

pytestmark = pytest.mark.django_db

# The list properties an OParl client follows from System and Body.
LIST_KEYS = ("body", "organization", "person", "meeting", "paper", "agendaItem")
LIST_KEYS_BODY = (*LIST_KEYS, "locationList")
SECRET = "Geheime Runde"


@pytest.fixture
def forum_world(municipality, other_municipality, settings):
    """A demo-like world: public forums with meetings, agenda items, decisions and
    recommendations, and things that must never be served."""
    settings.OPARL_PAGE_SIZE = 2
    municipality.ags = "08999001"
    municipality.save()
    public = ForumFactory(municipality=municipality, name="Quartiersforum Sonnenberg")
    second = ForumFactory(municipality=municipality, name="Stadtteilkonferenz Altstadt")
    closed = ForumFactory(municipality=municipality, name=SECRET, visibility="members")
    meetings = []
    for forum, address in ((public, "Bürgerhaus Sonnenberg, Am Markt 3"), (second, "")):
        for n in range(2):
            meeting = MeetingFactory(
                forum=forum, title=f"{forum.name}: Sitzung {n + 1}", address=address
            )
            meetings.append(meeting)
            AgendaItemFactory(meeting=meeting, position=1, title="Begrüßung")
            item = AgendaItemFactory(meeting=meeting, position=2, title="Spielplatz")
            DecisionFactory(
                agenda_item=item,
                kind="recommendation" if n == 0 else "resolution",
                text=f"Empfehlung {forum.name} {n}: Mehr Bänke am Spielplatz",
            )
    cancelled = MeetingFactory(
        forum=public, title="Abgesagte Sitzung", status="cancelled"
    )
    AgendaItemFactory(
        meeting=meetings[0], title=f"{SECRET}-Vorschlag", status="proposed"
    )
    MeetingFactory(forum=public, title=f"{SECRET}: vorgeschlagen", status="proposed")
    hidden_meeting = MeetingFactory(forum=closed, title=f"{SECRET}: Sitzung")
    DecisionFactory(
        agenda_item=AgendaItemFactory(meeting=hidden_meeting, title=f"{SECRET}-Punkt"),
        text=f"{SECRET}: interner Beschluss",
    )
    ForumFactory(municipality=other_municipality, name="Forum Beispielheim")
    return {"public": public, "meetings": meetings, "cancelled": cancelled}


def _walk(client, start="/oparl/"):
    """Every document reachable from `start`: {url: json}."""
    seen: dict[str, object] = {}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        path = urlsplit(url)
        local = path.path + (f"?{path.query}" if path.query else "")
        if local in seen:
            continue
        response = client.get(local)
        assert response.status_code == 200, (local, response.content[:200])
        assert response["Content-Type"].startswith("application/json")
        data = response.json()
        seen[local] = data
        if "data" in data:  # a list
            assert set(data["pagination"]) >= {"elementsPerPage", "currentPage"}
            if "next" in data["links"]:
                queue.append(data["links"]["next"])
            objects = data["data"]
        else:
            objects = [data]
        for obj in objects:
            keys = LIST_KEYS_BODY if schema.kind_of(obj) == "Body" else LIST_KEYS
            for key in keys:
                if isinstance(obj.get(key), str):
                    queue.append(obj[key])
            if "data" in data:
                queue.append(obj["id"])  # each object by its own URL
    return seen


def _objects(seen):
    for data in seen.values():
        yield from data["data"] if "data" in data else [data]


def test_every_served_object_validates_against_the_oparl_schemas(client, forum_world):
    seen = _walk(client)
    kinds: dict[str, int] = {}
    for obj in _objects(seen):
        assert schema.problems(obj) == [], obj["id"]
        kinds[schema.kind_of(obj)] = kinds.get(schema.kind_of(obj), 0) + 1
    # System once, each list item twice (in its list, and at its own URL).
    assert kinds["System"] == 1
    assert kinds["Body"] == 2 * 2  # Musterstadt and Beispielheim
    assert kinds["Organization"] == 2 * 3  # two public forums + Beispielheim's
    assert kinds["Meeting"] == 2 * 5  # four meetings and the cancelled one
    assert kinds["Paper"] == 2 * 4
    assert kinds["AgendaItem"] == 2 * 8
    assert kinds["Location"] == 2 * 3  # the public forum's meetings have a place
    bodies = {o["shortName"]: o for o in _objects(seen) if schema.kind_of(o) == "Body"}
    assert bodies["Musterstadt"]["ags"] == "08999001"
    assert "ags" not in bodies["Beispielheim"]  # no key entered: left out


def test_an_object_at_its_own_url_equals_the_one_in_its_list(client, forum_world):
    seen = _walk(client)
    for data in list(seen.values()):
        for obj in data.get("data", []):
            local = urlsplit(obj["id"]).path
            assert seen[local] == obj


def test_only_public_objects_are_served(client, forum_world):
    seen = _walk(client)
    text = str(seen)
    assert SECRET not in text
    cancelled = forum_world["cancelled"]
    meeting = next(o for o in _objects(seen) if o.get("name") == cancelled.title)
    assert meeting["cancelled"] is True


def test_lists_paginate_with_links_next(client, forum_world):
    first = client.get("/oparl/bodies/musterstadt/papers/").json()
    assert first["pagination"]["totalElements"] == 4
    assert len(first["data"]) == 2
    second = client.get(urlsplit(first["links"]["next"]).path + "?page=2").json()
    assert "next" not in second["links"]
    ids = {o["id"] for o in first["data"]} | {o["id"] for o in second["data"]}
    assert len(ids) == 4


def test_links_next_and_prev_page_by_the_last_id_not_by_offset(
    client, forum_world, monkeypatch
):
    """links.next carries the last object's id (`after`): the next page starts
    behind it whatever the page number; links.prev goes back (`before`)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get(url):
        path = urlsplit(url)
        return client.get(f"{path.path}?{path.query}").json()

    first = client.get("/oparl/bodies/musterstadt/papers/").json()
    assert "after=" in first["links"]["next"] and "prev" not in first["links"]
    with CaptureQueriesContext(connection) as captured:
        second = get(first["links"]["next"])
    assert not any("OFFSET" in query["sql"] for query in captured)
    assert second["pagination"]["currentPage"] == 2
    assert "next" not in second["links"]
    ids = [o["id"] for o in first["data"] + second["data"]]
    assert len(set(ids)) == 4 and ids == sorted(
        ids, key=lambda u: int(u.split("/")[-2])
    )
    back = get(second["links"]["prev"])
    assert [o["id"] for o in back["data"]] == [o["id"] for o in first["data"]]
    assert "prev" not in back["links"] and "next" in back["links"]
    # Beyond COUNT_LIMIT objects the total is not counted (optional in OParl).
    from quartier.oparl.views import server

    monkeypatch.setattr(server, "COUNT_LIMIT", 3)
    capped = client.get("/oparl/bodies/musterstadt/papers/").json()
    assert "totalElements" not in capped["pagination"]
    assert "last" not in capped["links"] and "next" in capped["links"]
    for bad in ("x", "²", "-1", "9" * 30, "1.5"):
        answer = client.get("/oparl/bodies/musterstadt/papers/", {"after": bad})
        assert answer.status_code == 400 and "error" in answer.json()
        answer = client.get("/oparl/bodies/musterstadt/papers/", {"before": bad})
        assert answer.status_code == 400


def test_object_addresses_are_the_routes_addresses(client, forum_world):
    """serve.url() builds an object's address from its list's (reversed once):
    the same as reverse() for every kind."""
    from django.urls import reverse

    from quartier.core.maillinks import absolute_url
    from quartier.oparl import serve

    for kind in serve.KINDS:
        expected = reverse(
            "oparl_server:object", kwargs={"slug": "musterstadt", "kind": kind, "pk": 7}
        )
        assert serve.url("object", slug="musterstadt", kind=kind, pk=7) == (
            absolute_url(expected)
        )
    assert serve.url("body", slug="musterstadt") == absolute_url(
        reverse("oparl_server:body", kwargs={"slug": "musterstadt"})
    )


def test_modified_since_and_created_since_filter_the_lists(client, forum_world):
    meeting = forum_world["meetings"][0]
    later = timezone.now() + datetime.timedelta(minutes=5)
    type(meeting).objects.filter(pk=meeting.pk).update(updated_at=later)
    since = (later - datetime.timedelta(minutes=1)).isoformat()
    answer = client.get(
        "/oparl/bodies/musterstadt/meetings/", {"modified_since": since}
    )
    assert [o["name"] for o in answer.json()["data"]] == [meeting.title]
    # links.next keeps the filter.
    everything = client.get(
        "/oparl/bodies/musterstadt/meetings/",
        {"created_since": "2000-01-01T00:00:00+01:00"},
    ).json()
    assert "created_since" in everything["links"]["next"]
    none = client.get(
        "/oparl/bodies/musterstadt/papers/", {"created_since": later.isoformat()}
    ).json()
    assert none["data"] == [] and none["pagination"]["totalElements"] == 0


@pytest.mark.parametrize(
    "query",
    [{"modified_since": "gestern"}, {"created_since": "2026-13-45"}, {"page": "x"}],
)
def test_a_bad_filter_is_a_json_400(client, forum_world, query):
    answer = client.get("/oparl/bodies/musterstadt/papers/", query)
    assert answer.status_code == 400
    assert "error" in answer.json()


def test_an_unknown_body_or_object_is_a_json_404(client, forum_world):
    assert client.get("/oparl/bodies/nirgendwo/").status_code == 404
    assert client.get("/oparl/bodies/musterstadt/papers/999999/").json()["error"]


def test_the_answers_are_public_reads_with_cors(client_for, forum_world, coordinator):
    anonymous = client_for(None).get("/oparl/")
    assert anonymous["Access-Control-Allow-Origin"] == "*"
    assert "Cookie" in anonymous["Vary"]
    signed_in = client_for(coordinator).get("/oparl/bodies/musterstadt/papers/")
    # The same public objects, but no CORS header on an answer with a session.
    assert "Access-Control-Allow-Origin" not in signed_in
    assert SECRET not in signed_in.content.decode()


def test_the_list_query_count_is_constant(
    client, forum_world, django_assert_max_num_queries
):
    for _ in range(3):
        meeting = MeetingFactory(forum=forum_world["public"], address="Am Markt 1")
        DecisionFactory(agenda_item=AgendaItemFactory(meeting=meeting))
    for kind in ("organizations", "meetings", "agenda-items", "papers", "locations"):
        with django_assert_max_num_queries(6):
            response = client.get(f"/oparl/bodies/musterstadt/{kind}/?page=1")
        assert response.status_code == 200


def test_the_bench_pages_run_as_many_queries_with_more_data(client, forum_world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from quartier.core.tests.factories import MunicipalityFactory
    from quartier.oparl.bench import BENCH_PAGES

    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    paths = [path.format(slug="musterstadt") for _, path in BENCH_PAGES]
    before = [queries(path) for path in paths]
    MunicipalityFactory.create_batch(3)
    for _ in range(4):
        DecisionFactory(agenda_item__meeting__forum=forum_world["public"])
    assert [queries(path) for path in paths] == before
