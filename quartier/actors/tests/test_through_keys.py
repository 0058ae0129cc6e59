"""The rows of an actor's sectors and neighbourhoods carry the municipality key
(explicit through models, core/tenancy.py; docs/operations.md, "Distributed
database (Citus)"), however they are written: `.set()`, `.add()` from either side,
a bulk_create of through rows without the key (the bench seeders), and the
simple_history rows copied from them."""

from __future__ import annotations

import pytest

from quartier.actors.models import Actor, Sector
from quartier.actors.tests.factories import ActorFactory
from quartier.core.tenancy import TenantChild
from quartier.core.tests.factories import MunicipalityFactory, NeighborhoodFactory

pytestmark = pytest.mark.django_db

# The relations simple_history keeps (m2m_fields of Actor.history).
FIELDS = [
    Actor._meta.get_field(f.name) for f in Actor.history.model._history_m2m_fields
]


def _targets(field, actor, n=2):
    if field.related_model is Sector:
        return list(Sector.objects.order_by("position")[:n])
    return [NeighborhoodFactory(municipality=actor.municipality) for _ in range(n)]


def test_the_walk_covers_every_relation_with_history():
    assert {f.name for f in FIELDS} == {"sectors", "neighborhoods"}
    for field in FIELDS:
        assert issubclass(field.remote_field.through, TenantChild), field.name


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_set_and_add_fill_the_key_and_the_history_copies_it(field):
    other = MunicipalityFactory()  # a second municipality: the key is not a guess
    actor = ActorFactory(municipality=MunicipalityFactory())
    assert actor.municipality_id != other.pk
    first, second = _targets(field, actor)
    manager = getattr(actor, field.name)
    manager.set([first])
    manager.add(second)
    through = field.remote_field.through
    rows = through.objects.filter(actor=actor)
    assert rows.count() == 2
    assert set(rows.values_list("municipality_id", flat=True)) == {
        actor.municipality_id
    }
    copied = getattr(actor.history.latest(), field.name).all()
    assert copied.count() == rows.count()
    assert set(copied.values_list("municipality_id", flat=True)) == {
        actor.municipality_id
    }


def test_adding_from_the_neighbourhood_fills_the_key():
    actor = ActorFactory(municipality=MunicipalityFactory())
    place = NeighborhoodFactory(municipality=actor.municipality)
    place.actors.add(actor)
    row = Actor.neighborhoods.through.objects.get(actor=actor, neighborhood=place)
    assert row.municipality_id == actor.municipality_id


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_bulk_create_of_through_rows_fills_the_key(field):
    actor = ActorFactory(municipality=MunicipalityFactory(), sectors=[])
    getattr(actor, field.name).clear()
    through = field.remote_field.through
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    through.objects.bulk_create(
        through(actor_id=actor.pk, **{target: t.pk}) for t in _targets(field, actor)
    )
    keys = list(
        through.objects.filter(actor=actor).values_list("municipality_id", flat=True)
    )
    assert keys == [actor.municipality_id] * 2
