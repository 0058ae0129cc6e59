"""The actors and ties of the REST API: visibility, pagination, token writes, errors."""

import pytest

from quartier.accounts.services import token_create, token_revoke
from quartier.actors.models import Actor, Sector, Tie
from quartier.actors.tests.factories import ActorFactory, TieFactory
from quartier.core.models import AuditEntry
from quartier.core.tests.factories import NeighborhoodFactory

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
def internal(municipality):
    return ActorFactory(
        municipality=municipality, name="Interne Steuerungsrunde", visibility="internal"
    )


@pytest.fixture
def public(municipality):
    return ActorFactory(municipality=municipality, name="Sportverein Sonnenberg e.V.")


# --- Reading ---------------------------------------------------------------------


def test_guests_read_public_actors_but_not_internal_ones(client, public, internal):
    response = client.get(f"{BASE}/actors")
    assert response.status_code == 200
    body = response.json()
    assert [a["name"] for a in body["items"]] == ["Sportverein Sonnenberg e.V."]
    assert body["count"] == 1
    sector = Sector.objects.get(code="zivilgesellschaft")
    assert body["items"][0]["sectors"] == [{"code": sector.code, "name": str(sector)}]
    assert body["items"][0]["url"] == f"/musterstadt/actors/{public.pk}/"


def test_an_internal_actor_is_404_for_guests_and_another_municipalitys_admin(
    client, internal, other_admin
):
    url = f"{BASE}/actors/{internal.pk}"
    assert client.get(url).status_code == 404
    response = client.get(url, **bearer(other_admin))
    assert response.status_code == 404
    assert response.json()["detail"]


def test_a_resident_member_sees_internal_actors_by_session_and_by_token(
    client, internal, resident
):
    assert (
        client.get(f"{BASE}/actors/{internal.pk}", **bearer(resident)).json()["name"]
        == "Interne Steuerungsrunde"
    )
    client.force_login(resident)
    names = [a["name"] for a in client.get(f"{BASE}/actors").json()["items"]]
    assert names == ["Interne Steuerungsrunde"]


def test_an_actor_of_another_municipality_is_404_under_this_one(
    client, other_municipality
):
    foreign = ActorFactory(municipality=other_municipality, name="Musikverein")
    assert client.get(f"{BASE}/actors/{foreign.pk}").status_code == 404
    assert (
        client.get(f"/api/v1/municipalities/beispielheim/actors/{foreign.pk}").json()[
            "name"
        ]
        == "Musikverein"
    )


def test_it_filters_actors_by_text_sector_neighbourhood_and_kind(
    client, municipality, neighborhood
):
    tafel = ActorFactory(
        municipality=municipality,
        name="Tafel Musterstadt e.V.",
        sectors=Sector.objects.filter(code="soziales"),
    )
    tafel.neighborhoods.add(neighborhood)
    ActorFactory(
        municipality=municipality, name="Lauftreff Sonnenberg", kind="initiative"
    )
    ActorFactory(municipality=municipality, name="Seniorenbüro Musterstadt")

    def names(**params):
        response = client.get(f"{BASE}/actors", params)
        assert response.status_code == 200
        return [a["name"] for a in response.json()["items"]]

    assert names(q="tafel") == ["Tafel Musterstadt e.V."]
    assert names(sector="soziales") == ["Tafel Musterstadt e.V."]
    assert names(neighborhood="sonnenberg") == ["Tafel Musterstadt e.V."]
    assert names(kind="initiative") == ["Lauftreff Sonnenberg"]
    assert names(sector="gibt-es-nicht") == []
    assert names(neighborhood="gibt-es-nicht") == []
    assert client.get(f"{BASE}/actors", {"kind": "verein"}).status_code == 422


def test_archived_actors_are_listed_only_for_coordinators_who_ask(
    client, municipality, resident, coordinator
):
    ActorFactory(
        municipality=municipality,
        name="Alter Verein",
        archived_at="2025-01-01T00:00:00Z",
    )
    ActorFactory(municipality=municipality, name="Neuer Verein")

    def names(user, **params):
        response = client.get(f"{BASE}/actors", params, **bearer(user))
        return [a["name"] for a in response.json()["items"]]

    assert names(coordinator) == ["Neuer Verein"]
    assert names(coordinator, archived="true") == ["Alter Verein", "Neuer Verein"]
    assert names(resident, archived="true") == ["Neuer Verein"]


def test_actor_list_is_paginated_by_50(client, municipality):
    ActorFactory.create_batch(55, municipality=municipality)
    first = client.get(f"{BASE}/actors").json()
    second = client.get(f"{BASE}/actors", {"page": 2}).json()
    assert first["count"] == 55
    assert len(first["items"]) == 50
    assert len(second["items"]) == 5
    ids = {a["id"] for a in first["items"]} | {a["id"] for a in second["items"]}
    assert len(ids) == 55
    assert len(client.get(f"{BASE}/actors", {"page_size": 500}).json()["items"]) == 55


@pytest.mark.parametrize("rows", [5, 500])
def test_actor_list_query_count_does_not_grow(
    client, municipality, neighborhood, resident, rows, django_assert_max_num_queries
):
    actors = ActorFactory.create_batch(rows, municipality=municipality)
    for actor in actors[:10]:
        actor.neighborhoods.add(neighborhood)
    client.force_login(resident)
    with django_assert_max_num_queries(9):
        response = client.get(f"{BASE}/actors")
    assert response.status_code == 200
    assert response.json()["count"] == rows


@pytest.mark.parametrize("rows", [5, 500])
def test_tie_list_query_count_does_not_grow(
    client, municipality, rows, django_assert_max_num_queries
):
    hub = ActorFactory(municipality=municipality)
    for actor in ActorFactory.create_batch(rows, municipality=municipality):
        TieFactory(source=hub, target=actor)
    with django_assert_max_num_queries(6):
        response = client.get(f"{BASE}/ties")
    assert response.status_code == 200
    assert response.json()["count"] == rows


def test_ties_with_an_internal_actor_are_hidden_from_guests(
    client, public, internal, resident
):
    third = ActorFactory(municipality=public.municipality, name="Tafel")
    hidden = TieFactory(source=public, target=internal)
    shown = TieFactory(source=public, target=third)
    TieFactory(source=internal, target=third)
    body = client.get(f"{BASE}/ties", {"actor": public.pk}).json()
    assert [t["id"] for t in body["items"]] == [shown.pk]
    assert body["items"][0]["target"] == {"id": third.pk, "name": "Tafel"}
    assert client.get(f"{BASE}/ties/{hidden.pk}").status_code == 404
    assert client.get(f"{BASE}/ties/{hidden.pk}", **bearer(resident)).status_code == 200
    assert client.get(f"{BASE}/ties", **bearer(resident)).json()["count"] == 3


def test_a_tie_of_another_municipality_is_404(client, other_municipality):
    tie = TieFactory(source=ActorFactory(municipality=other_municipality))
    assert client.get(f"{BASE}/ties/{tie.pk}").status_code == 404


def test_a_non_numeric_id_is_422_not_500(client, municipality):
    response = client.get(f"{BASE}/actors/abc")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "actor_id"


# --- Writing actors ---------------------------------------------------------------


def actor_body(**changes):
    body = {
        "kind": "organisation",
        "name": "Repair-Café Sonnenberg",
        "description": "<p>Jeden ersten Samstag</p><script>alert(1)</script>",
        "sectors": ["zivilgesellschaft", "bewohnerinnen"],
        "neighborhoods": ["sonnenberg"],
        "website": "https://repair.example",
        "visibility": "public",
    }
    body.update(changes)
    return body


def test_coordinator_creates_patches_and_archives_an_actor_with_a_token(
    client, coordinator, neighborhood
):
    headers = bearer(coordinator)
    response = post(client, f"{BASE}/actors", actor_body(), headers)
    assert response.status_code == 201, response.content
    created = response.json()
    actor = Actor.objects.get(pk=created["id"])
    assert actor.name == "Repair-Café Sonnenberg"
    assert "<script>" not in actor.description
    assert {s.code for s in actor.sectors.all()} == {
        "zivilgesellschaft",
        "bewohnerinnen",
    }
    assert list(actor.neighborhoods.all()) == [neighborhood]
    assert actor.history.first().history_user == coordinator

    response = patch(
        client,
        f"{BASE}/actors/{actor.pk}",
        {"phone": "07123 4567", "sectors": ["soziales"]},
        headers,
    )
    assert response.status_code == 200, response.content
    actor.refresh_from_db()
    assert actor.phone == "07123 4567"
    assert actor.name == "Repair-Café Sonnenberg"
    assert [s.code for s in actor.sectors.all()] == ["soziales"]
    assert list(actor.neighborhoods.all()) == [neighborhood]

    response = post(client, f"{BASE}/actors/{actor.pk}/archive", {}, headers)
    assert response.status_code == 200
    actor.refresh_from_db()
    assert actor.archived_at is not None
    assert response.json()["archived_at"] is not None

    post(client, f"{BASE}/actors/{actor.pk}/archive?restore=true", {}, headers)
    actor.refresh_from_db()
    assert actor.archived_at is None


def test_a_residents_token_may_read_but_not_write(client, resident, public):
    headers = bearer(resident)
    response = post(client, f"{BASE}/actors", actor_body(), headers)
    assert response.status_code == 403
    assert response.json()["detail"]
    response = patch(
        client, f"{BASE}/actors/{public.pk}", {"name": "Gekapert"}, headers
    )
    assert response.status_code == 403
    public.refresh_from_db()
    assert public.name == "Sportverein Sonnenberg e.V."
    assert AuditEntry.objects.filter(
        kind=AuditEntry.Kind.ACCESS_DENIED, user=resident, action="actors.change_actor"
    ).exists()


def test_writes_without_a_token_are_401_even_when_signed_in(
    client, coordinator, public
):
    response = post(client, f"{BASE}/actors", actor_body(), {})
    assert response.status_code == 401
    client.force_login(coordinator)
    response = post(client, f"{BASE}/actors/{public.pk}/archive", {}, {})
    assert response.status_code == 401
    public.refresh_from_db()
    assert public.archived_at is None
    assert not Actor.objects.filter(name="Repair-Café Sonnenberg").exists()


def test_a_revoked_token_cannot_write(client, coordinator, municipality):
    token, raw = token_create(user=coordinator, name="Alt")
    token_revoke(user=coordinator, token=token)
    response = post(
        client, f"{BASE}/actors", actor_body(), {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    )
    assert response.status_code == 401
    assert not Actor.objects.exists()


def test_another_municipalitys_admin_gets_404_when_writing_here(
    client, other_admin, internal
):
    response = patch(
        client, f"{BASE}/actors/{internal.pk}", {"name": "X"}, bearer(other_admin)
    )
    assert response.status_code == 404
    internal.refresh_from_db()
    assert internal.name == "Interne Steuerungsrunde"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"kind": "verein"}, "kind"),
        ({"sectors": "zivilgesellschaft"}, "sectors"),
        ({"sectors": ["gibt-es-nicht"]}, "sectors"),
        ({"sectors": []}, "sectors"),
        ({"neighborhoods": ["ortskern"]}, "neighborhoods"),
        ({"email": "keine-adresse"}, "email"),
        ({"website": "javascript:alert(1)"}, "website"),
    ],
)
def test_invalid_actor_input_is_422_naming_the_field(
    client, coordinator, neighborhood, other_municipality, changes, field
):
    NeighborhoodFactory(municipality=other_municipality, slug="ortskern")
    response = post(
        client, f"{BASE}/actors", actor_body(**changes), bearer(coordinator)
    )
    assert response.status_code == 422, response.content
    fields = [error["field"] for error in response.json()["detail"]]
    assert field in fields
    assert all(error["message"] for error in response.json()["detail"])
    assert not Actor.objects.exists()


def test_a_body_that_is_not_json_is_4xx_json(client, coordinator, municipality):
    response = client.post(
        f"{BASE}/actors",
        "{kaputt",
        content_type="application/json",
        **bearer(coordinator),
    )
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


# --- Writing ties -----------------------------------------------------------------


def test_coordinator_creates_patches_and_archives_a_tie(
    client, coordinator, public, internal
):
    headers = bearer(coordinator)
    response = post(
        client,
        f"{BASE}/ties",
        {
            "source": public.pk,
            "target": internal.pk,
            "kind": "cooperation",
            "intensity": 3,
            "since": "2024-05-01",
        },
        headers,
    )
    assert response.status_code == 201, response.content
    tie = Tie.objects.get(pk=response.json()["id"])
    assert (tie.source, tie.target, tie.intensity) == (public, internal, 3)
    assert str(tie.since) == "2024-05-01"

    response = patch(
        client, f"{BASE}/ties/{tie.pk}", {"intensity": 4, "note": "eng"}, headers
    )
    assert response.status_code == 200, response.content
    tie.refresh_from_db()
    assert (tie.intensity, tie.note, tie.kind) == (4, "eng", "cooperation")

    response = post(client, f"{BASE}/ties/{tie.pk}/archive", {}, headers)
    assert response.status_code == 200
    tie.refresh_from_db()
    assert tie.archived_at is not None


def test_a_residents_token_cannot_create_or_change_ties(
    client, resident, public, internal
):
    tie = TieFactory(source=public, target=internal)
    headers = bearer(resident)
    response = post(
        client,
        f"{BASE}/ties",
        {"source": public.pk, "target": internal.pk, "kind": "referral"},
        headers,
    )
    assert response.status_code == 403
    response = post(client, f"{BASE}/ties/{tie.pk}/archive", {}, headers)
    assert response.status_code == 403
    tie.refresh_from_db()
    assert tie.archived_at is None
    assert Tie.objects.count() == 1


def test_a_tie_to_itself_is_refused_by_the_service_with_422(
    client, coordinator, public
):
    response = post(
        client,
        f"{BASE}/ties",
        {"source": public.pk, "target": public.pk, "kind": "cooperation"},
        bearer(coordinator),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "target"
    assert not Tie.objects.exists()


def test_a_tie_to_an_actor_of_another_municipality_is_422(
    client, coordinator, public, other_municipality
):
    foreign = ActorFactory(municipality=other_municipality)
    response = post(
        client,
        f"{BASE}/ties",
        {"source": public.pk, "target": foreign.pk, "kind": "cooperation"},
        bearer(coordinator),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "target"
    assert not Tie.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"intensity": 9},
        {"kind": "freundschaft"},
        {"since": "gestern"},
        {"intensity": None},
    ],
)
def test_invalid_tie_changes_are_422(client, coordinator, public, internal, changes):
    tie = TieFactory(source=public, target=internal)
    response = patch(client, f"{BASE}/ties/{tie.pk}", changes, bearer(coordinator))
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["field"] == next(iter(changes))
    tie.refresh_from_db()
    assert tie.intensity == 2


def test_a_huge_id_is_422_not_500(client, municipality):
    response = client.get(f"{BASE}/actors/{10**30}")
    assert response.status_code == 422
    response = client.get(f"{BASE}/ties", {"actor": 10**30})
    assert response.status_code == 422


def test_an_adviser_does_not_read_internal_actors(client, municipality, internal):
    """Internal actors are not a module a municipality shares (core/sharing.py)."""
    from quartier.accounts.tests.factories import UserFactory

    adviser = UserFactory(email="beratung@land.test", is_adviser=True)
    headers = bearer(adviser)
    assert client.get(f"{BASE}/actors/{internal.pk}", **headers).status_code == 404
    response = patch(client, f"{BASE}/actors/{internal.pk}", {"name": "X"}, headers)
    assert response.status_code == 404
