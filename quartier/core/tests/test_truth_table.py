"""The permission truth table: every URL pattern × every role → expected status.

The URL patterns are enumerated from the resolver, so a new URL without an entry here
fails `test_every_url_pattern_has_an_entry`. docs/permissions.md is the same table in
words. Django's admin, allauth's own pages and the API have their own tests
(see EXCLUDED_PREFIXES) and are left out here.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from quartier.accounts.models import ApiToken, Invitation, Membership, hash_token
from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.actors.tests.factories import ActorFactory, TieFactory
from quartier.core.tests.factories import MunicipalityFactory, NeighborhoodFactory
from quartier.core.tests.module_data import built_once
from quartier.core.tests.truth_table import ROLES, Case, S, m

# Covered by their own tests: Django's admin (operators only), allauth's account pages
# (accounts/tests), the REST API (actors/tests/test_api.py, core/tests/test_api.py).
EXCLUDED_NAMESPACES = {"admin", "api"}
EXCLUDED_MODULE_PREFIXES = (
    "allauth.",
    "django.contrib.admin",
    "ninja.",
    "django.views.static",
)


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            if ns in EXCLUDED_NAMESPACES:
                continue
            yield from _walk(entry.url_patterns, full)
        elif isinstance(entry, URLPattern):
            module = getattr(entry.callback, "__module__", "")
            if module.startswith(EXCLUDED_MODULE_PREFIXES):
                continue
            if entry.name:
                yield f"{namespace}:{entry.name}" if namespace else entry.name


def all_url_names() -> set[str]:
    return set(_walk(get_resolver().url_patterns))


CASES = [
    Case("index", S(200, 200, 200, 200, 200, 200)),
    Case("healthz", S(200, 200, 200, 200, 200, 200)),
    # From the test client's 127.0.0.1, in METRICS_ALLOWED_IPS (core/metrics.py).
    Case("metrics", S(200, 200, 200, 200, 200, 200)),
    Case(
        "set_language",
        S(302, 302, 302, 302, 302, 302),
        kwargs=lambda w: {"code": "en"},
    ),
    Case("core:municipality", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case("core:overview", S(302, 200, 200, 200, 200, 200), kwargs=m),
    Case("core:settings", S(302, 403, 403, 403, 200, 403), kwargs=m),
    Case("core:audit", S(302, 403, 403, 403, 200, 403), kwargs=m),
    Case("core:neighborhood_new", S(302, 403, 403, 403, 200, 403), kwargs=m),
    Case(
        "core:neighborhood",
        S(200, 200, 200, 200, 200, 200),
        kwargs=lambda w: {**m(w), "slug": w["neighborhood"].slug},
    ),
    Case(
        "core:neighborhood_edit",
        S(302, 403, 403, 403, 200, 403),
        kwargs=lambda w: {**m(w), "slug": w["neighborhood"].slug},
    ),
    Case("actors:list", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case("actors:new", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case(
        "actors:detail",
        S(200, 200, 200, 200, 200, 200),
        kwargs=lambda w: {**m(w), "pk": w["actor"].pk},
        label="public actor",
    ),
    Case(
        "actors:detail",
        S(404, 200, 200, 200, 200, 404),
        kwargs=lambda w: {**m(w), "pk": w["internal_actor"].pk},
        label="internal actor",
    ),
    Case(
        "actors:edit",
        S(302, 403, 403, 200, 200, 403),
        kwargs=lambda w: {**m(w), "pk": w["actor"].pk},
    ),
    Case(
        "actors:edit",
        S(404, 403, 403, 200, 200, 404),
        kwargs=lambda w: {**m(w), "pk": w["internal_actor"].pk},
        label="internal actor",
    ),
    Case(
        "actors:archive",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=lambda w: {**m(w), "pk": w["actor"].pk},
    ),
    Case(
        "actors:tie_new",
        S(302, 403, 403, 200, 200, 403),
        kwargs=lambda w: {**m(w), "pk": w["actor"].pk},
    ),
    Case(
        "actors:tie_edit",
        S(302, 403, 403, 200, 200, 403),
        kwargs=lambda w: {**m(w), "pk": w["actor"].pk, "tie_pk": w["tie"].pk},
    ),
    Case(
        "actors:tie_archive",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=lambda w: {**m(w), "pk": w["actor"].pk, "tie_pk": w["tie"].pk},
    ),
    Case("accounts:start", S(302, 302, 302, 302, 302, 302)),
    Case("accounts:me", S(302, 200, 200, 200, 200, 200)),
    Case("accounts:my_data", S(302, 200, 200, 200, 200, 200)),
    Case("accounts:delete", S(302, 200, 200, 200, 200, 200)),
    Case("accounts:tokens", S(302, 200, 200, 200, 200, 200)),
    Case(
        "accounts:token_revoke",
        S(302, 404, 404, 404, 302, 404),
        "post",
        kwargs=lambda w: {"pk": w["admin_token"].pk},
        label="the admin's token",
    ),
    Case("members:list", S(302, 403, 403, 403, 200, 403), kwargs=m),
    Case(
        "members:member_change",
        S(404, 404, 404, 404, 302, 404),
        "post",
        kwargs=lambda w: {**m(w), "pk": w["resident_membership"].pk},
        data={"role": "partner"},
    ),
    Case(
        "members:invitation_revoke",
        S(404, 404, 404, 404, 302, 404),
        "post",
        kwargs=lambda w: {**m(w), "pk": w["invitation"].pk},
    ),
    Case(
        "members:invitation",
        S(200, 200, 200, 200, 200, 200),
        kwargs=lambda w: {**m(w), "token": w["invitation_token"]},
    ),
]


def _app_modules():
    """Every app's truth_table_cases*.py module."""
    root = Path(__file__).resolve().parents[2]
    for path in sorted(root.glob("*/tests/truth_table_cases*.py")):
        yield importlib.import_module(
            f"quartier.{path.parent.parent.name}.tests.{path.stem}"
        )


APP_MODULES = list(_app_modules())
CASES = CASES + [case for module in APP_MODULES for case in module.CASES]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module's ~1,500 cases (quartier/core/tests/module_data.py):
    each case runs in a savepoint on top of it that is rolled back afterwards."""
    yield from built_once(django_db_blocker, _build_world)


def _member(municipality, role, email):
    user = UserFactory(email=email)
    MembershipFactory(user=user, municipality=municipality, role=role)
    return user


def _build_world():
    """Musterstadt with a member of each role and the admin of Beispielheim, as the
    root conftest's fixtures make them, then the objects the cases need."""
    from django.utils import timezone

    municipality = MunicipalityFactory(name="Musterstadt", slug="musterstadt")
    other_municipality = MunicipalityFactory(name="Beispielheim", slug="beispielheim")
    neighborhood = NeighborhoodFactory(
        municipality=municipality, name="Sonnenberg", slug="sonnenberg"
    )
    resident = _member(municipality, "resident", "bewohnerin@test.example")
    admin_user = _member(municipality, "admin", "admin@test.example")
    users = {
        "anonymous": None,
        "resident": resident,
        "partner": _member(municipality, "partner", "partner@test.example"),
        "coordinator": _member(
            municipality, "coordinator", "koordination@test.example"
        ),
        "admin": admin_user,
        "other_admin": _member(other_municipality, "admin", "admin@beispielheim.test"),
    }
    actor = ActorFactory(municipality=municipality, name="Sportverein Sonnenberg e.V.")
    internal = ActorFactory(
        municipality=municipality, name="Interner Kreis", visibility="internal"
    )
    tie = TieFactory(source=actor, target=ActorFactory(municipality=municipality))
    raw = "invitation-token-for-the-truth-table"
    invitation = Invitation.objects.create(
        municipality=municipality,
        email="neu@test.example",
        role="resident",
        token_hash=hash_token(raw),
        invited_by=admin_user,
        expires_at=timezone.now() + timezone.timedelta(days=3),
    )
    token = ApiToken.objects.create(
        user=admin_user, name="t", token_hash=hash_token("x"), hint="qt_x"
    )
    world = {
        **users,
        "municipality": municipality,
        "neighborhood": neighborhood,
        "actor": actor,
        "internal_actor": internal,
        "tie": tie,
        "invitation": invitation,
        "invitation_token": raw,
        "admin_token": token,
        "resident_membership": Membership.objects.get(
            user=resident, municipality=municipality
        ),
    }
    for module in APP_MODULES:
        if hasattr(module, "extend_world"):
            module.extend_world(world)
    return world


def test_every_url_pattern_has_an_entry():
    covered = {case.name for case in CASES}
    missing = all_url_names() - covered
    assert not missing, (
        f"URL patterns without an entry in the truth table: {sorted(missing)}"
    )
    stale = covered - all_url_names()
    assert not stale, f"Truth-table entries without a URL pattern: {sorted(stale)}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "case", CASES, ids=lambda c: f"{c.name}{'-' + c.label if c.label else ''}"
)
def test_truth_table(client_for, world, case, role):
    client = client_for(world[role])
    url = reverse(case.name, kwargs=case.kwargs(world))
    response = getattr(client, case.method)(url, case.data)
    assert response.status_code == case.expect[role], (
        f"{case.method.upper()} {url} as {role}: {response.status_code}, "
        f"expected {case.expect[role]}"
    )
