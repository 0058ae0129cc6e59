"""Required two-factor authentication holds on every web page: inside a
municipality and outside it ("Mein Konto", API tokens, the admin, …). The test
walks every URL pattern, so a new page is covered without being listed here; the
API has its own tests (test_api_security.py)."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import URLPattern, URLResolver, get_resolver

from quartier.core.middleware import MFA_EXEMPT_VIEWS

pytestmark = pytest.mark.django_db

CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
SETUP = "/accounts/2fa/totp/activate/"


def _sample(match: re.Match) -> str:
    converter, name = match.group(1) or "str", match.group(2)
    if name == "municipality_slug":
        return "musterstadt"
    samples = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000001"}
    return samples.get(converter, "x")


def web_pages():
    """(path, view name) of every route-style page that is not the API's, not
    allauth's own and not a regex route."""

    def walk(patterns, prefix="", namespace=""):
        for entry in patterns:
            route = str(entry.pattern)
            if isinstance(entry, URLResolver):
                ns = entry.namespace or namespace
                yield from walk(entry.url_patterns, prefix + route, ns)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                yield prefix + route, entry.callback, name

    for route, view, name in walk(get_resolver().url_patterns):
        if route.startswith("api/") or "^" in route or "$" in route:
            continue
        if getattr(view, "__module__", "").startswith("allauth."):
            continue
        yield "/" + CONVERTER.sub(_sample, route), name


@pytest.fixture
def coordinator_without_mfa(coordinator, municipality):
    municipality.require_mfa_for_staff = True
    municipality.save(update_fields=["require_mfa_for_staff"])
    return coordinator


def test_the_walk_covers_pages_outside_and_inside_a_municipality():
    paths = {path for path, _name in web_pages()}
    assert "/accounts/me/" in paths
    assert "/musterstadt/members/" in paths
    assert any(path.startswith("/admin/") for path in paths)


def test_every_web_page_waits_for_the_second_factor(
    client_for, coordinator_without_mfa
):
    client = client_for(coordinator_without_mfa)
    for path, name in web_pages():
        if name in MFA_EXEMPT_VIEWS:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code == 302, (method, path, response.status_code)
            assert response["Location"] == SETUP, (method, path)


def test_the_token_page_creates_no_token_without_the_second_factor(
    client_for, coordinator_without_mfa
):
    client = client_for(coordinator_without_mfa)
    response = client.post("/accounts/me/tokens/", {"name": "Import"})
    assert response.status_code == 200  # open to withdraw tokens, makes none
    assert not coordinator_without_mfa.api_tokens.exists()


def test_the_exempt_pages_are_only_public_ones(client_for, coordinator_without_mfa):
    assert MFA_EXEMPT_VIEWS == {
        "index",
        "healthz",
        "set_language",
        "language_switch",  # the switch's form: the same view as set_language
        "plain_language_toggle",
        "accounts:tokens",  # makes no token without the factor (test above)
        "accounts:token_revoke",  # withdrawing a token only reduces access
    }
    client = client_for(coordinator_without_mfa)
    assert client.get("/").status_code == 200
    assert client.get(SETUP).status_code in (200, 302)  # allauth may reauthenticate


def test_with_the_second_factor_the_pages_open(client_for, coordinator_without_mfa):
    TOTP.activate(coordinator_without_mfa, generate_totp_secret())
    client = client_for(coordinator_without_mfa)
    assert client.get("/accounts/me/").status_code == 200
    assert client.get("/musterstadt/").status_code == 200


def test_people_who_need_no_second_factor_are_not_stopped(
    client_for, resident, municipality
):
    municipality.require_mfa_for_staff = True
    municipality.save(update_fields=["require_mfa_for_staff"])
    assert client_for(resident).get("/accounts/me/").status_code == 200
