"""Who may enter the API, and how: required MFA on every entry, CSRF and JSON for
writes, and the layer rule that keeps core from importing accounts.

The class-wide tests walk every operation of the OpenAPI document, so an operation
added later is held to the same rules without a new test.
"""

import ast
import re
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.apps import apps
from django.test import Client

from quartier.accounts.models import ApiToken
from quartier.accounts.services import token_create
from quartier.actors.tests.factories import ActorFactory
from quartier.api import api
from quartier.core.mfa import mfa_blocks_tokens, mfa_missing

pytestmark = pytest.mark.django_db

CORE = Path(__file__).resolve().parents[1]
WRITE_METHODS = {"post", "put", "patch", "delete"}


def operations(methods=None):
    """(method, path template) of every operation in the OpenAPI document."""
    schema = api.get_openapi_schema()
    return [
        (method, path)
        for path, ops in schema["paths"].items()
        for method in ops
        if methods is None or method in methods
    ]


def concrete(path, slug="musterstadt"):
    """A path template with its parameters filled: the municipality, else 1."""
    path = path.replace("{slug}", slug)
    return re.sub(r"\{[^}]+\}", "1", path)


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def row_counts():
    """Rows per model of Quartier's apps (a write anywhere changes one)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("quartier.") and not model._meta.proxy
    }


@pytest.fixture
def mfa_world(municipality, neighborhood, coordinator):
    """Musterstadt with an internal actor; its coordinator made a token before the
    municipality began to require two-factor authentication, and has none."""
    ActorFactory(
        municipality=municipality, name="Interner Kreis", visibility="internal"
    )
    _token, raw = token_create(user=coordinator, name="Skript")
    municipality.require_mfa_for_staff = True
    municipality.save()
    return raw


def request(client, method, path, **extra):
    if method in WRITE_METHODS:
        return getattr(client, method)(
            path, data="{}", content_type="application/json", **extra
        )
    return getattr(client, method)(path, **extra)


def test_the_rule_counts_staff_without_totp_only(
    municipality, coordinator, resident, other_municipality
):
    municipality.require_mfa_for_staff = True
    municipality.save()
    assert mfa_missing(coordinator, municipality)
    assert mfa_blocks_tokens(coordinator)
    assert not mfa_missing(resident, municipality)
    assert not mfa_missing(coordinator, other_municipality)
    TOTP.activate(coordinator, generate_totp_secret())
    assert not mfa_missing(coordinator, municipality)
    assert not mfa_blocks_tokens(coordinator)


def test_no_operation_serves_staff_without_required_mfa(
    mfa_world, client_for, coordinator
):
    """Every operation, by session and by token: 403 before anything is read or
    written (the authentication refuses before the input is even validated)."""
    before = row_counts()
    session = client_for(coordinator)
    tokened = Client()
    walked = 0
    for method, template in operations():
        if "{slug}" not in template:
            continue  # the list of municipalities holds nothing internal
        path = concrete(template)
        for client, extra in ((session, {}), (tokened, bearer(mfa_world))):
            response = request(client, method, path, **extra)
            # 401: a token-only write does not take the session at all.
            allowed = {403} if extra else {401, 403}
            assert response.status_code in allowed, (method, path, extra)
            assert "Interner Kreis" not in response.content.decode()
            walked += 1
    assert walked >= 2 * 40
    assert row_counts() == before


def test_with_totp_the_same_coordinator_reads_internal_data(
    mfa_world, client_for, coordinator
):
    TOTP.activate(coordinator, generate_totp_secret())
    path = "/api/v1/municipalities/musterstadt/actors"
    by_token = Client().get(path, **bearer(mfa_world))
    by_session = client_for(coordinator).get(path)
    for response in (by_token, by_session):
        assert response.status_code == 200
        assert "Interner Kreis" in response.content.decode()


def test_no_token_is_made_while_mfa_is_missing(mfa_world, client_for, coordinator):
    client = client_for(coordinator)
    before = ApiToken.objects.count()
    response = client.post("/accounts/me/tokens/", {"name": "Zweites Skript"})
    assert response.status_code == 200
    assert ApiToken.objects.count() == before
    assert "Zwei-Faktor-Authentisierung ein" in response.content.decode()
    TOTP.activate(coordinator, generate_totp_secret())
    client.post("/accounts/me/tokens/", {"name": "Zweites Skript"})
    assert ApiToken.objects.count() == before + 1


# --- writes: a token, or the session with CSRF; JSON only ---------------------

CONTRIBUTION = (
    '{"kind": "idea", "title": "Bank am Spielplatz", "text": "Bitte eine Bank.",'
    ' "neighborhood": "sonnenberg"}'
)


def test_no_write_accepts_the_session_without_csrf_or_a_body_other_than_json(
    municipality, neighborhood, coordinator
):
    """Every write operation: a signed-in browser without a CSRF token is refused,
    and a text/plain or form body is refused even with a valid token."""
    _token, raw = token_create(user=coordinator, name="Skript")
    session = Client(enforce_csrf_checks=True)
    session.force_login(coordinator)
    before = row_counts()
    writes = operations(WRITE_METHODS)
    assert len(writes) >= 15
    for method, template in writes:
        path = concrete(template)
        for content_type in ("text/plain", "application/json"):
            response = getattr(session, method)(
                path, data=CONTRIBUTION, content_type=content_type
            )
            assert response.status_code == 403, (method, path, content_type)
            assert response.json()["detail"]
        for content_type in ("text/plain", "application/x-www-form-urlencoded"):
            response = getattr(Client(), method)(
                path, data=CONTRIBUTION, content_type=content_type, **bearer(raw)
            )
            assert response.status_code == 415, (method, path, content_type)
            assert "application/json" in response.json()["detail"]
    assert row_counts() == before


def test_the_attack_of_the_report_creates_nothing(municipality, neighborhood, resident):
    session = Client(enforce_csrf_checks=True)
    session.force_login(resident)
    response = session.post(
        "/api/v1/municipalities/musterstadt/contributions",
        data=CONTRIBUTION,
        content_type="text/plain",
    )
    assert response.status_code == 403
    assert not apps.get_model("participation", "Contribution").objects.exists()


def test_a_session_write_with_csrf_token_and_json_is_accepted(
    settings, municipality, neighborhood, resident
):
    session = Client(enforce_csrf_checks=True)
    session.force_login(resident)
    secret = "a" * 32
    session.cookies[settings.CSRF_COOKIE_NAME] = secret
    response = session.post(
        "/api/v1/municipalities/musterstadt/contributions",
        data=CONTRIBUTION,
        content_type="application/json",
        HTTP_X_CSRFTOKEN=secret,
    )
    assert response.status_code == 201, response.content
    contribution = apps.get_model("participation", "Contribution").objects.get()
    assert contribution.author_id == resident.pk


def test_a_guest_without_session_still_writes_json(municipality, neighborhood):
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/municipalities/musterstadt/contributions",
        data=CONTRIBUTION,
        content_type="application/json",
    )
    assert response.status_code == 201, response.content


# --- layers ----------------------------------------------------------------------


def test_core_never_imports_accounts():
    """core ← accounts: core defines hooks, accounts registers (e.g. token lookup)."""
    offenders = []
    for path in CORE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            offenders += [
                f"{path.name}: {name}"
                for name in names
                if name.startswith("quartier.accounts")
            ]
    assert offenders == []
