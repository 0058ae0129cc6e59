"""The OpenAPI document at /api/v1/openapi.json says what the API really does.

- every schema name belongs to one class (walks every operation's models);
- the document validates (openapi-spec-validator);
- reads declare that they work without authentication, every operation lists the
  statuses it can answer with the one error schema;
- no `format: time` (RFC 3339 would need an offset the API does not send).
The generated client and schemathesis live in test_api_clients.py.
"""

import enum
import typing

import pytest
from pydantic import BaseModel

from quartier.api import api

pytestmark = pytest.mark.django_db


def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _walk(annotation, found, seen):
    """Collect every model and enum class reachable from a type annotation."""
    if annotation is None or id(annotation) in seen:
        return
    seen.add(id(annotation))
    for arg in typing.get_args(annotation):
        _walk(arg, found, seen)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        found.setdefault(annotation.__name__, set()).add(annotation)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.setdefault(annotation.__name__, set()).add(annotation)
        for field in annotation.model_fields.values():
            _walk(field.annotation, found, seen)


def schema_classes():
    """name → the classes of that name, over every operation's input and output."""
    found: dict[str, set[type]] = {}
    seen: set[int] = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                # ninja's own wrappers (a response's or a parameter group's model)
                # are not schemas of their own: walk their fields.
                wrappers = list(operation.response_models.values()) + list(
                    operation.models
                )
                for wrapper in wrappers:
                    if not (
                        isinstance(wrapper, type) and issubclass(wrapper, BaseModel)
                    ):
                        continue  # no body (None, NOT_SET)
                    for field in wrapper.model_fields.values():
                        _walk(field.annotation, found, seen)
    return found


def test_no_two_schema_classes_share_a_name():
    """ninja names a schema after its class and keeps the last of equal names, so
    a client would read one class's data with another's shape."""
    found = schema_classes()
    assert "ContributionDetailOut" in found  # the walk reaches the models
    assert "DecisionDetailOut" in found
    shared = {
        name: sorted(f"{cls.__module__}.{cls.__qualname__}" for cls in classes)
        for name, classes in found.items()
        if len(classes) > 1
    }
    assert shared == {}


def test_the_document_validates(client):
    from openapi_spec_validator import validate

    validate(document(client))


def test_reads_work_without_authentication_and_writes_need_a_token(client):
    paths = document(client)["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            security = operation["security"]
            if method == "get":
                assert {} in security, (method, path)
            else:
                assert {"TokenAuth": []} in security, (method, path)


def test_every_operation_lists_its_errors_with_the_one_error_schema(client):
    doc = document(client)
    error = {"$ref": "#/components/schemas/ErrorOut"}
    assert "detail" in doc["components"]["schemas"]["ErrorOut"]["properties"]
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            expected = {"401", "403", "404", "422"}
            if method != "get":
                expected |= {"400", "415"}
            assert expected <= set(responses), (method, path)
            for code, response in responses.items():
                if code.startswith("4"):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == error, (method, path, code)


def test_guest_writes_document_their_rate_limit(client):
    paths = document(client)["paths"]
    create = paths["/api/v1/municipalities/{slug}/contributions"]["post"]
    assert "429" in create["responses"]
    assert {} in create["security"]


def test_error_answers_have_the_documented_shape(client, municipality):
    """The handlers' answers validate against ErrorOut (404, 422, 401)."""
    from quartier.core.api_auth import ErrorOut

    answers = [
        client.get("/api/v1/municipalities/nirgendwo"),
        client.get("/api/v1/municipalities?page=0"),
        client.get("/api/v1/municipalities", HTTP_AUTHORIZATION="Bearer qt_falsch"),
    ]
    assert [a.status_code for a in answers] == [404, 422, 401]
    for answer in answers:
        ErrorOut.model_validate(answer.json())


def test_no_value_claims_rfc3339_time(client):
    """`format: time` means RFC 3339 full-time with an offset; ours have none and
    are declared as patterned strings."""
    import json

    text = json.dumps(document(client))
    assert '"format": "time"' not in text
    rooms = document(client)["components"]["schemas"]["OpeningHoursOut"]
    assert rooms["properties"]["opens"]["pattern"]
