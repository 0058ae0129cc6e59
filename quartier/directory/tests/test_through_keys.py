"""The rows of an offering's terms and neighbourhoods carry the municipality key
(explicit through models, core/tenancy.py; docs/operations.md, "Distributed
database (Citus)"), however they are written: `.set()` and `.add()` (the services,
the HSDS import), from either side, a bulk_create of through rows without the key,
and the simple_history rows copied from them."""

from __future__ import annotations

import pytest

from quartier.core.tenancy import TenantChild
from quartier.core.tests.factories import MunicipalityFactory, NeighborhoodFactory
from quartier.directory.models import Service, TaxonomyTerm
from quartier.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

# The relations simple_history keeps (m2m_fields of Service.history).
FIELDS = [
    Service._meta.get_field(f.name) for f in Service.history.model._history_m2m_fields
]


def _targets(field, service, n=2):
    if field.related_model is TaxonomyTerm:
        return list(TaxonomyTerm.objects.of(service.municipality)[:n])
    return [NeighborhoodFactory(municipality=service.municipality) for _ in range(n)]


def test_every_relation_with_history_has_a_through_model_with_the_key():
    assert {f.name for f in FIELDS} == {"terms", "neighborhoods"}
    for field in FIELDS:
        assert issubclass(field.remote_field.through, TenantChild), field.name


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_set_and_add_fill_the_key_and_the_history_copies_it(field):
    MunicipalityFactory()  # a second municipality: the key is not a guess
    service = ServiceFactory()
    first, second = _targets(field, service)
    manager = getattr(service, field.name)
    manager.set([first])
    manager.add(second)
    rows = field.remote_field.through.objects.filter(service=service)
    assert rows.count() == 2
    assert set(rows.values_list("municipality_id", flat=True)) == {
        service.municipality_id
    }
    copied = getattr(service.history.latest(), field.name).all()
    assert copied.count() == 2
    assert set(copied.values_list("municipality_id", flat=True)) == {
        service.municipality_id
    }


# From a term's side simple_history fails by itself (it records a change of the
# term, which has no history), so only the neighbourhood's side is written.
@pytest.mark.parametrize(
    "field", [f for f in FIELDS if f.name == "neighborhoods"], ids=lambda f: f.name
)
def test_adding_from_the_other_side_fills_the_key(field):
    service = ServiceFactory()
    (target,) = _targets(field, service, n=1)
    getattr(target, field.remote_field.related_name).add(service)
    row = field.remote_field.through.objects.get(service=service)
    assert row.municipality_id == service.municipality_id


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_bulk_create_of_through_rows_fills_the_key(field):
    service = ServiceFactory()
    through = field.remote_field.through
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    through.objects.bulk_create(
        through(service_id=service.pk, **{target: t.pk})
        for t in _targets(field, service)
    )
    keys = list(
        through.objects.filter(service=service).values_list(
            "municipality_id", flat=True
        )
    )
    assert keys == [service.municipality_id] * 2
