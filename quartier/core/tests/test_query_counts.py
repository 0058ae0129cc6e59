"""List pages run the same number of SQL queries with 5 rows as with 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.accounts.models import Membership
from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory, TieFactory
from quartier.core.models import AuditEntry, Neighborhood
from quartier.core.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def grow_municipalities(world, n):
    MunicipalityFactory.create_batch(n)


def grow_neighborhoods(world, n):
    Neighborhood.objects.bulk_create(
        Neighborhood(
            municipality=world["municipality"],
            name=f"Quartier {i}",
            slug=f"q-{world['round']}-{i}",
        )
        for i in range(n)
    )


def grow_actors_of_neighborhood(world, n):
    for actor in ActorFactory.create_batch(n, municipality=world["municipality"]):
        actor.neighborhoods.add(world["neighborhood"])


def grow_audit(world, n):
    AuditEntry.objects.bulk_create(
        AuditEntry(
            municipality=world["municipality"],
            user=world["admin"],
            kind="admin",
            action=f"test.{i}",
        )
        for i in range(n)
    )


def grow_members(world, n):
    for user in UserFactory.create_batch(n):
        Membership.objects.create(
            user=user, municipality=world["municipality"], role="resident"
        )


def grow_ties(world, n):
    hub = world["hub"]
    for _ in range(n):
        TieFactory(source=hub, target=ActorFactory(municipality=world["municipality"]))


PAGES = [
    ("index", lambda w: {}, grow_municipalities, None),
    (
        "core:municipality",
        lambda w: {"municipality_slug": w["municipality"].slug},
        grow_neighborhoods,
        None,
    ),
    (
        "core:neighborhood",
        lambda w: {
            "municipality_slug": w["municipality"].slug,
            "slug": w["neighborhood"].slug,
        },
        grow_actors_of_neighborhood,
        None,
    ),
    (
        "core:audit",
        lambda w: {"municipality_slug": w["municipality"].slug},
        grow_audit,
        "admin",
    ),
    (
        "members:list",
        lambda w: {"municipality_slug": w["municipality"].slug},
        grow_members,
        "admin",
    ),
    (
        "actors:detail",
        lambda w: {"municipality_slug": w["municipality"].slug, "pk": w["hub"].pk},
        grow_ties,
        "coordinator",
    ),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "grow", "as_user"), PAGES, ids=[p[0] for p in PAGES]
)
def test_list_page_query_count_is_constant(
    client_for,
    municipality,
    neighborhood,
    admin_user,
    coordinator,
    name,
    kwargs,
    grow,
    as_user,
):
    world = {
        "municipality": municipality,
        "neighborhood": neighborhood,
        "admin": admin_user,
        "hub": ActorFactory(municipality=municipality, name="Familienzentrum"),
    }
    client = client_for({"admin": admin_user, "coordinator": coordinator}.get(as_user))
    url = reverse(name, kwargs=kwargs(world))
    counts = []
    for round_, rows in enumerate((5, 495)):  # 5 rows, then 500
        world["round"] = round_
        grow(world, rows)
        client.get(url)  # warm caches (sessions, content types)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], (
        f"{name}: {counts[0]} queries with 5 rows, {counts[1]} with 500"
    )
