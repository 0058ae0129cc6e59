"""What every path of the HSDS read API promises a client, walked over all of them
(a new path inherits the checks): reads only (405 as JSON for writes, never the
CSRF page), readable from any web page (CORS), and an OpenAPI document whose schema
references Quartier serves itself."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern

from quartier.hsds import urls as hsds_urls

pytestmark = pytest.mark.django_db

# The import pages are coordinators' forms (CSRF-protected POST), not the API.
NOT_API = {"import", "import_template", "import_job"}
API_PATTERNS = [
    p
    for p in hsds_urls.urlpatterns
    if isinstance(p, URLPattern) and p.name not in NOT_API
]
WRITES = ("post", "put", "patch", "delete")


def _path(municipality, pattern: URLPattern) -> str:
    route = str(pattern.pattern)
    route = route.replace("<str:pk>", str(uuid.uuid4()))
    route = route.replace("<str:name>", "service.json")
    return f"/{municipality.slug}/hsds/{route}"


def test_the_walk_covers_the_api():
    names = {p.name for p in API_PATTERNS}
    assert {"index", "services", "service", "openapi", "schema", "export"} <= names


@pytest.mark.parametrize("pattern", API_PATTERNS, ids=lambda p: p.name)
def test_writes_answer_405_as_json(municipality, pattern):
    client = Client(enforce_csrf_checks=True)
    for method in WRITES:
        response = getattr(client, method)(
            _path(municipality, pattern), data="{}", content_type="application/json"
        )
        assert response.status_code == 405, (method, response.content[:200])
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["detail"]
        assert "GET" in response["Allow"]


@pytest.mark.parametrize("pattern", API_PATTERNS, ids=lambda p: p.name)
def test_reads_may_come_from_any_origin(municipality, pattern):
    client = Client(HTTP_ORIGIN="https://andere-seite.example")
    response = client.get(_path(municipality, pattern))
    assert response.status_code in (200, 404), response.status_code
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(_path(municipality, pattern))
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_openapi_refers_only_to_schemas_quartier_serves(client, municipality):
    document = client.get(f"/{municipality.slug}/hsds/openapi.json").json()
    external = [
        ref
        for ref in _refs(document)
        if not ref.startswith("#") and urlsplit(ref).netloc != "testserver"
    ]
    assert external == []
    # Every schema the document names, and every schema those name in turn
    # (relative file names), is served.
    todo = [ref for ref in _refs(document) if not ref.startswith("#")]
    assert todo
    seen: set[str] = set()
    while todo:
        ref = todo.pop().split("#")[0]
        if ref in seen:
            continue
        seen.add(ref)
        response = client.get(urlsplit(ref).path)
        assert response.status_code == 200, ref
        base = ref.rsplit("/", 1)[0]
        todo += [
            f"{base}/{inner}"
            for inner in _refs(response.json())
            if not inner.startswith("#") and "://" not in inner
        ]
        assert not [r for r in _refs(response.json()) if "://" in r], ref
    assert any(ref.endswith("/schemas/phone.json") for ref in seen)
    paths = document["paths"]
    detail = paths["/service_at_locations/{id}"]["get"]["responses"]["200"]
    ref = detail["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/schemas/service_at_location.json")


def test_unknown_schema_names_are_404(client, municipality):
    for name in ("openapi.json", "nichts.json", "..%2Fsettings.py"):
        response = client.get(f"/{municipality.slug}/hsds/schemas/{name}")
        assert response.status_code == 404
