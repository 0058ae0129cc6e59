"""The forums, meetings and decisions of the REST API: visibility like the web,
pagination with constant queries, token writes through the services, JSON errors."""

import datetime

import pytest
from django.utils import timezone

from quartier.accounts.services import token_create
from quartier.actors.tests.factories import ActorFactory
from quartier.forums.models import (
    AgendaItem,
    Decision,
    DecisionStatusChange,
    Forum,
    Meeting,
)
from quartier.forums.tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    ForumFactory,
    ForumMemberFactory,
    MeetingFactory,
    ResponsibilityFactory,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/municipalities/musterstadt"


def bearer(user):
    _token, raw = token_create(user=user, name="Test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, url, data, headers):
    return client.post(url, data, content_type="application/json", **headers)


def patch(client, url, data, headers):
    return client.patch(url, data, content_type="application/json", **headers)


@pytest.fixture
def public(municipality, neighborhood):
    forum = ForumFactory(
        municipality=municipality,
        name="Quartiersforum Sonnenberg",
        slug="sonnenberg",
        mandate="recommending",
        neighborhoods=[neighborhood],
    )
    return forum


@pytest.fixture
def hidden(municipality):
    return ForumFactory(
        municipality=municipality,
        name="Kollegiale Beratung",
        slug="kollegiale-beratung",
        kind="peer_consultation",
        visibility="members",
    )


def names(response):
    assert response.status_code == 200, response.content
    return [item.get("name") or item.get("title") for item in response.json()["items"]]


# --- Reading ---------------------------------------------------------------------


def test_guests_see_public_forums_only_and_members_see_their_own(
    client, public, hidden, resident, coordinator
):
    assert names(client.get(f"{BASE}/forums")) == ["Quartiersforum Sonnenberg"]
    assert names(client.get(f"{BASE}/forums", **bearer(resident))) == [
        "Quartiersforum Sonnenberg"
    ]
    ForumMemberFactory(forum=hidden, user=resident)
    assert names(client.get(f"{BASE}/forums", **bearer(resident))) == [
        "Kollegiale Beratung",
        "Quartiersforum Sonnenberg",
    ]
    assert len(names(client.get(f"{BASE}/forums", **bearer(coordinator)))) == 2


def test_a_forum_shows_its_mandate_neighbourhoods_and_members_without_emails(
    client, public, municipality, resident
):
    actor = ActorFactory(municipality=municipality, name="Tafel Musterstadt e.V.")
    ForumMemberFactory(forum=public, user=None, actor=actor, role="member")
    ForumMemberFactory(forum=public, user=resident, role="moderation")
    body = client.get(f"{BASE}/forums/sonnenberg").json()
    assert body["mandate"] == "recommending"
    assert body["neighborhoods"] == [{"slug": "sonnenberg", "name": "Sonnenberg"}]
    assert body["url"] == "/musterstadt/forums/sonnenberg/"
    assert {"role": "member", "actor": {"id": actor.pk, "name": actor.name}} in [
        {"role": m["role"], "actor": m["actor"]} for m in body["members"]
    ]
    assert resident.public_name in [m["person"] for m in body["members"]]
    assert resident.email not in str(body)


def test_a_members_only_forum_and_its_meetings_and_decisions_are_404_outside_it(
    client, hidden, resident, other_admin
):
    meeting = MeetingFactory(forum=hidden)
    decision = DecisionFactory(agenda_item=AgendaItemFactory(meeting=meeting))
    urls = [
        f"{BASE}/forums/{hidden.slug}",
        f"{BASE}/meetings/{meeting.pk}",
        f"{BASE}/decisions/{decision.pk}",
    ]
    for url in urls:
        assert client.get(url).status_code == 404
        response = client.get(url, **bearer(resident))
        assert response.status_code == 404
        assert response.json()["detail"]
        assert client.get(url, **bearer(other_admin)).status_code == 404
    assert client.get(f"{BASE}/meetings").json()["count"] == 0
    assert client.get(f"{BASE}/decisions").json()["count"] == 0
    ForumMemberFactory(forum=hidden, user=resident)
    for url in urls:
        assert client.get(url, **bearer(resident)).status_code == 200


def test_another_municipalitys_forum_is_404_here(client, other_municipality):
    foreign = ForumFactory(municipality=other_municipality, slug="ortskern")
    meeting = MeetingFactory(forum=foreign)
    assert client.get(f"{BASE}/forums/ortskern").status_code == 404
    assert client.get(f"{BASE}/meetings/{meeting.pk}").status_code == 404
    assert (
        client.get("/api/v1/municipalities/beispielheim/forums/ortskern").status_code
        == 200
    )


def test_meetings_filter_by_forum_and_dates(client, public, municipality):
    other = ForumFactory(municipality=municipality, slug="gesundheitskonferenz")
    now = timezone.now()
    MeetingFactory(
        forum=public, title="Vergangen", starts_at=now - datetime.timedelta(days=30)
    )
    MeetingFactory(
        forum=public, title="Bald", starts_at=now + datetime.timedelta(days=3)
    )
    MeetingFactory(
        forum=other, title="Konferenz", starts_at=now + datetime.timedelta(days=10)
    )
    today = timezone.localdate()
    assert names(client.get(f"{BASE}/meetings")) == ["Vergangen", "Bald", "Konferenz"]
    assert names(client.get(f"{BASE}/meetings", {"forum": "sonnenberg"})) == [
        "Vergangen",
        "Bald",
    ]
    assert names(client.get(f"{BASE}/meetings", {"from": str(today)})) == [
        "Bald",
        "Konferenz",
    ]
    to = today + datetime.timedelta(days=5)
    assert names(
        client.get(f"{BASE}/meetings", {"from": str(today), "to": str(to)})
    ) == ["Bald"]
    response = client.get(f"{BASE}/meetings", {"from": "gestern"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "from"


def test_a_meeting_shows_accepted_items_and_minutes_only_once_published(
    client, public, coordinator
):
    meeting = MeetingFactory(forum=public, title="Forum im Bürgerhaus")
    AgendaItemFactory(
        meeting=meeting, title="Wochenend-Bus", minutes="<p>Bürgerbus fragt an</p>"
    )
    AgendaItemFactory(meeting=meeting, title="Vorschlag", status="proposed")
    url = f"{BASE}/meetings/{meeting.pk}"
    assert client.get(url).json()["agenda_items"] == []
    coordinator_view = client.get(url, **bearer(coordinator)).json()["agenda_items"]
    assert [i["title"] for i in coordinator_view] == ["Wochenend-Bus"]

    meeting.agenda_published_at = timezone.now()
    meeting.save()
    items = client.get(url).json()["agenda_items"]
    assert [i["title"] for i in items] == ["Wochenend-Bus"]
    assert items[0]["minutes"] is None

    meeting.minutes_published_at = timezone.now()
    meeting.save()
    items = client.get(url).json()["agenda_items"]
    assert items[0]["minutes"] == "<p>Bürgerbus fragt an</p>"


def test_decisions_show_raci_and_public_names_and_filter(
    client, public, municipality, resident
):
    actor = ActorFactory(municipality=municipality, name="Bürgerbus Musterstadt e.V.")
    today = timezone.localdate()
    late = DecisionFactory(
        agenda_item=AgendaItemFactory(meeting=MeetingFactory(forum=public)),
        text="Wochenend-Bus zum Sonnenberg prüfen",
        due_date=today - datetime.timedelta(days=3),
        status="in_progress",
    )
    ResponsibilityFactory(decision=late, role="R", user=None, actor=actor)
    ResponsibilityFactory(decision=late, role="I", user=resident)
    DecisionFactory(
        agenda_item=AgendaItemFactory(meeting=MeetingFactory(forum=public)),
        text="Bänke in der Altstadt",
        status="done",
        due_date=today - datetime.timedelta(days=3),
    )

    def texts(**params):
        response = client.get(f"{BASE}/decisions", params)
        assert response.status_code == 200, response.content
        return [d["text"] for d in response.json()["items"]]

    assert texts(overdue="true") == ["Wochenend-Bus zum Sonnenberg prüfen"]
    assert texts(status="done") == ["Bänke in der Altstadt"]
    assert texts(actor=actor.pk) == ["Wochenend-Bus zum Sonnenberg prüfen"]
    assert texts(forum="gibt-es-nicht") == []
    assert texts(neighborhood="sonnenberg") != []
    assert client.get(f"{BASE}/decisions", {"status": "vielleicht"}).status_code == 422

    body = client.get(f"{BASE}/decisions/{late.pk}").json()
    assert body["is_overdue"] is True
    assert body["forum"] == {"slug": "sonnenberg", "name": "Quartiersforum Sonnenberg"}
    assert body["url"] == f"/musterstadt/decisions/{late.pk}/"
    roles = {
        (r["role"], (r["actor"] or {}).get("name"), r["person"])
        for r in body["responsibilities"]
    }
    assert roles == {
        ("R", "Bürgerbus Musterstadt e.V.", None),
        ("I", None, resident.public_name),
    }
    assert resident.email not in str(body)


@pytest.mark.parametrize("rows", [3, 60])
def test_list_query_counts_do_not_grow(
    client, public, municipality, resident, rows, django_assert_max_num_queries
):
    actor = ActorFactory(municipality=municipality)
    for _n in range(rows):
        meeting = MeetingFactory(forum=public)
        decision = DecisionFactory(agenda_item=AgendaItemFactory(meeting=meeting))
        ResponsibilityFactory(decision=decision, role="R", user=None, actor=actor)
        ResponsibilityFactory(decision=decision, role="C", user=resident)
        ForumFactory(municipality=municipality, recommends_to=public)
    headers = bearer(resident)
    for path, limit in (("forums", 8), ("meetings", 8), ("decisions", 9)):
        with django_assert_max_num_queries(limit):
            response = client.get(f"{BASE}/{path}", **headers)
        assert response.status_code == 200
        assert response.json()["count"] >= rows


def test_decision_list_is_paginated(client, public):
    item = AgendaItemFactory(meeting=MeetingFactory(forum=public))
    DecisionFactory.create_batch(55, agenda_item=item)
    first = client.get(f"{BASE}/decisions").json()
    assert first["count"] == 55
    assert len(first["items"]) == 50
    assert len(client.get(f"{BASE}/decisions", {"page": 2}).json()["items"]) == 5


def test_a_decision_shows_its_status_history(client, public, coordinator):
    decision = DecisionFactory(
        agenda_item=AgendaItemFactory(meeting=MeetingFactory(forum=public))
    )
    DecisionStatusChange.objects.create(
        decision=decision,
        old_status="",
        new_status="open",
        comment="Festgehalten.",
        changed_by=coordinator,
    )
    history = client.get(f"{BASE}/decisions/{decision.pk}").json()["status_history"]
    assert history[0]["new_status"] == "open"
    assert history[0]["comment"] == "Festgehalten."
    assert history[0]["changed_by"] == coordinator.public_name


# --- Writing ---------------------------------------------------------------------


def test_coordinator_creates_and_patches_a_forum_with_a_token(
    client, coordinator, neighborhood, public
):
    headers = bearer(coordinator)
    response = post(
        client,
        f"{BASE}/forums",
        {
            "kind": "neighborhood_forum",
            "name": "Quartiersforum Altstadt",
            "slug": "altstadt",
            "mandate": "advisory",
            "recommends_to": "sonnenberg",
            "neighborhoods": ["sonnenberg"],
        },
        headers,
    )
    assert response.status_code == 201, response.content
    forum = Forum.objects.get(slug="altstadt")
    assert forum.recommends_to == public
    assert list(forum.neighborhoods.all()) == [neighborhood]
    assert response.json()["visibility"] == "public"

    response = patch(
        client, f"{BASE}/forums/altstadt", {"mandate": "deciding"}, headers
    )
    assert response.status_code == 200, response.content
    forum.refresh_from_db()
    assert (forum.mandate, forum.name) == ("deciding", "Quartiersforum Altstadt")
    assert forum.recommends_to == public


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "stammtisch"}, "kind"),
        ({"slug": "sonnenberg"}, None),
        ({"neighborhoods": ["mond"]}, "neighborhoods"),
        ({"recommends_to": "gibt-es-nicht"}, "recommends_to"),
        ({"participation_stage": 12}, "participation_stage"),
        ({"member_meetings": "whenever"}, "member_meetings"),
    ],
)
def test_invalid_forum_input_is_422(client, coordinator, public, changes, field):
    body = {"kind": "working_group", "name": "AG Hitze", "slug": "ag-hitze", **changes}
    response = post(client, f"{BASE}/forums", body, bearer(coordinator))
    assert response.status_code == 422, response.content
    errors = response.json()["detail"]
    assert all(error["message"] for error in errors)
    if field:
        assert field in [error["field"] for error in errors]
    assert Forum.objects.count() == 1


def test_residents_tokens_and_sessions_cannot_write(
    client, resident, coordinator, public
):
    body = {"kind": "working_group", "name": "AG", "slug": "ag"}
    assert post(client, f"{BASE}/forums", body, bearer(resident)).status_code == 403
    client.force_login(coordinator)
    assert post(client, f"{BASE}/forums", body, {}).status_code == 401
    assert Forum.objects.count() == 1


def test_coordinator_plans_a_meeting_adds_an_item_and_records_a_decision(
    client, coordinator, public, municipality, resident
):
    headers = bearer(coordinator)
    response = post(
        client,
        f"{BASE}/meetings",
        {
            "forum": "sonnenberg",
            "title": "Quartiersforum im Mai",
            "starts_at": "2030-05-12T18:00:00",
            "ends_at": "2030-05-12T20:00:00",
            "address": "Bürgerhaus Sonnenberg, Saal",
            "capacity": 60,
        },
        headers,
    )
    assert response.status_code == 201, response.content
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert meeting.forum == public
    assert timezone.localtime(meeting.starts_at).hour == 18

    response = patch(client, f"{BASE}/meetings/{meeting.pk}", {"capacity": 80}, headers)
    assert response.status_code == 200, response.content
    meeting.refresh_from_db()
    assert meeting.capacity == 80

    response = post(
        client,
        f"{BASE}/meetings/{meeting.pk}/agenda-items",
        {"title": "Wochenend-Bus zum Sonnenberg", "kind": "decision"},
        headers,
    )
    assert response.status_code == 201, response.content
    item = AgendaItem.objects.get(pk=response.json()["id"])
    assert (item.meeting, item.status) == (meeting, "accepted")

    actor = ActorFactory(municipality=municipality, name="Bürgerbus Musterstadt e.V.")
    response = post(
        client,
        f"{BASE}/decisions",
        {
            "agenda_item": item.pk,
            "text": "Der Bürgerbus fährt probeweise samstags zum Sonnenberg.",
            "kind": "agreement",
            "due_date": "2030-09-30",
            "responsibilities": [
                {"role": "R", "actor": actor.pk},
                {"role": "I", "person": resident.email.upper()},
            ],
        },
        headers,
    )
    assert response.status_code == 201, response.content
    decision = Decision.objects.get(pk=response.json()["id"])
    assert decision.status == "open"
    assert {(r.role, r.actor, r.user) for r in decision.responsibilities.all()} == {
        ("R", actor, None),
        ("I", None, resident),
    }
    assert response.json()["status_history"][0]["new_status"] == "open"

    response = post(
        client,
        f"{BASE}/decisions/{decision.pk}/status",
        {"status": "in_progress", "comment": "Fahrplan steht."},
        headers,
    )
    assert response.status_code == 200, response.content
    decision.refresh_from_db()
    assert decision.status == "in_progress"
    assert decision.status_changes.last().comment == "Fahrplan steht."
    assert decision.status_changes.last().changed_by == coordinator


def test_a_status_change_needs_a_comment_and_a_new_status(client, coordinator, public):
    decision = DecisionFactory(
        agenda_item=AgendaItemFactory(meeting=MeetingFactory(forum=public))
    )
    url = f"{BASE}/decisions/{decision.pk}/status"
    headers = bearer(coordinator)
    response = post(client, url, {"status": "done", "comment": ""}, headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "comment"
    response = post(client, url, {"status": "open", "comment": "Nochmal"}, headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "status"
    decision.refresh_from_db()
    assert decision.status == "open"
    assert not decision.status_changes.exists()


def test_a_decision_without_someone_responsible_is_422(client, coordinator, public):
    item = AgendaItemFactory(meeting=MeetingFactory(forum=public))
    body = {
        "agenda_item": item.pk,
        "text": "Hitzeschutz",
        "responsibilities": [{"role": "I", "person": "niemand@test.example"}],
    }
    response = post(client, f"{BASE}/decisions", body, bearer(coordinator))
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "responsibilities.0"
    body["responsibilities"] = [{"role": "C", "person": coordinator.email}]
    response = post(client, f"{BASE}/decisions", body, bearer(coordinator))
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "responsibilities"
    assert not Decision.objects.exists()


def test_writes_to_a_members_only_forum_are_404_for_another_municipality(
    client, hidden, other_admin, resident
):
    meeting = MeetingFactory(forum=hidden)
    headers = bearer(other_admin)
    response = patch(client, f"{BASE}/meetings/{meeting.pk}", {"title": "X"}, headers)
    assert response.status_code == 404
    response = patch(
        client, f"{BASE}/meetings/{meeting.pk}", {"title": "X"}, bearer(resident)
    )
    assert response.status_code == 404
    response = post(
        client,
        f"{BASE}/meetings",
        {
            "forum": hidden.slug,
            "title": "X",
            "starts_at": "2030-01-01T10:00:00Z",
            "ends_at": "2030-01-01T11:00:00Z",
        },
        bearer(resident),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "forum"
    meeting.refresh_from_db()
    assert meeting.title != "X"


def test_a_forum_moderator_without_coordinator_role_may_plan_meetings_of_it(
    client, partner, public
):
    ForumMemberFactory(forum=public, user=partner, role="moderation")
    response = post(
        client,
        f"{BASE}/meetings",
        {
            "forum": "sonnenberg",
            "title": "Sondersitzung",
            "starts_at": "2030-01-01T10:00:00+01:00",
            "ends_at": "2030-01-01T09:00:00+01:00",
        },
        bearer(partner),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "ends_at"
    assert not Meeting.objects.exists()


def test_the_forums_rule_for_members_meetings_is_read_and_set_with_a_token(
    client, coordinator, public
):
    assert public.member_meetings == "approve"
    url = f"{BASE}/forums/{public.slug}"
    assert client.get(url).json()["member_meetings"] == "approve"
    response = patch(client, url, {"member_meetings": "publish"}, bearer(coordinator))
    assert response.status_code == 200, response.content
    assert response.json()["member_meetings"] == "publish"
    public.refresh_from_db()
    assert public.member_meetings == "publish"
