"""The API's shared behaviour: municipalities, neighbourhoods, tokens, errors, docs."""

import re

import pytest

from quartier.accounts.services import token_create, token_revoke
from quartier.core.models import AuditEntry
from quartier.core.tests.factories import MunicipalityFactory, NeighborhoodFactory

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[9.0, 48.0], [9.1, 48.0], [9.1, 48.1], [9.0, 48.1], [9.0, 48.0]]],
}


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_it_lists_active_municipalities_without_login(client, municipality):
    MunicipalityFactory(name="Ruhedorf", slug="ruhedorf", is_active=False)
    response = client.get("/api/v1/municipalities")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"][0]["slug"] == "musterstadt"
    assert body["items"][0]["url"] == "/musterstadt/"


def test_it_shows_one_municipality_and_hides_inactive_ones(client, municipality):
    MunicipalityFactory(name="Ruhedorf", slug="ruhedorf", is_active=False)
    assert (
        client.get("/api/v1/municipalities/musterstadt").json()["name"] == "Musterstadt"
    )
    response = client.get("/api/v1/municipalities/ruhedorf")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["detail"]


def test_it_lists_neighbourhoods_with_geojson_boundary(client, municipality):
    NeighborhoodFactory(
        municipality=municipality,
        name="Altstadt",
        slug="altstadt",
        boundary={"type": "Feature", "geometry": SQUARE, "properties": {}},
    )
    NeighborhoodFactory(municipality=municipality, name="Sonnenberg", slug="sonnenberg")
    other = MunicipalityFactory(slug="beispielheim")
    NeighborhoodFactory(municipality=other, name="Ortskern", slug="ortskern")
    response = client.get("/api/v1/municipalities/musterstadt/neighborhoods")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [n["slug"] for n in items] == ["altstadt", "sonnenberg"]
    assert items[0]["boundary"] == SQUARE
    assert items[1]["boundary"] is None


def test_municipality_list_is_paginated(client):
    for n in range(55):
        MunicipalityFactory(name=f"Gemeinde {n:02d}", slug=f"gemeinde-{n:02d}")
    first = client.get("/api/v1/municipalities").json()
    second = client.get("/api/v1/municipalities", {"page": 2}).json()
    assert first["count"] == second["count"] == 55
    assert len(first["items"]) == 50
    assert [m["slug"] for m in second["items"]] == [
        f"gemeinde-{n}" for n in range(50, 55)
    ]


def test_a_wrong_page_number_is_a_422_naming_the_parameter(client, municipality):
    response = client.get("/api/v1/municipalities", {"page": "zwei"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "page"


def test_an_invalid_token_is_refused_with_401_even_for_reads(client, municipality):
    response = client.get("/api/v1/municipalities", **bearer("qt_not-a-token"))
    assert response.status_code == 401
    assert response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused(client, resident, municipality):
    token, raw = token_create(user=resident, name="Skript")
    assert client.get("/api/v1/municipalities", **bearer(raw)).status_code == 200
    token_revoke(user=resident, token=token)
    assert client.get("/api/v1/municipalities", **bearer(raw)).status_code == 401


def test_an_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/v1/gibt-es-nicht")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_openapi_document_lists_the_paths(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.")
    paths = doc["paths"]
    for path in (
        "/api/v1/municipalities",
        "/api/v1/municipalities/{slug}",
        "/api/v1/municipalities/{slug}/neighborhoods",
        "/api/v1/municipalities/{slug}/actors",
        "/api/v1/municipalities/{slug}/actors/{actor_id}",
        "/api/v1/municipalities/{slug}/actors/{actor_id}/archive",
        "/api/v1/municipalities/{slug}/ties",
        "/api/v1/municipalities/{slug}/ties/{tie_id}",
        "/api/v1/municipalities/{slug}/ties/{tie_id}/archive",
    ):
        assert path in paths, path
    assert set(paths["/api/v1/municipalities/{slug}/actors"]) == {"get", "post"}
    assert "Kommune" in doc["info"]["description"]
    assert not any("{path" in p for p in paths)


def test_docs_page_loads_only_local_assets(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html)
    assert any(s.endswith("swagger-ui-bundle.js") for s in sources)
    assert sources and all(s.startswith("/static/") for s in sources), sources
    assert "http://" not in html and "https://" not in html
    # Every executable script is a file; the only inline one is the JSON settings.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [' type="application/json" id="swagger-settings"']
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_docs_static_files_are_served(client):
    html = client.get("/api/v1/docs").content.decode()
    for src in re.findall(r'<script[^>]*src="([^"]+)"', html):
        response = client.get(src)
        assert response.status_code == 200, src


def test_a_refused_api_read_by_a_signed_in_user_is_audited(
    client, other_admin, municipality
):
    from quartier.actors.tests.factories import ActorFactory

    actor = ActorFactory(municipality=municipality, visibility="internal")
    _token, raw = token_create(user=other_admin, name="Skript")
    response = client.get(
        f"/api/v1/municipalities/musterstadt/actors/{actor.pk}", **bearer(raw)
    )
    assert response.status_code == 404
    entry = AuditEntry.objects.get(kind=AuditEntry.Kind.ACCESS_DENIED)
    assert entry.user == other_admin
    assert entry.municipality == municipality
    assert entry.action == "actors.view_actor"


def test_the_api_root_points_to_the_documents(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert response.json()["openapi"] == "/api/v1/openapi.json"
    assert response.json()["docs"] == "/api/v1/docs"


def test_a_wrong_method_is_a_json_405(client, municipality):
    response = client.delete("/api/v1/municipalities/musterstadt")
    assert response.status_code == 405
    assert "DELETE" in response.json()["detail"]
    assert "GET" in response["Allow"]


def test_a_huge_page_number_is_422_not_500(client, municipality):
    response = client.get("/api/v1/municipalities", {"page": 10**30})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "page"
