"""The rows of the initiative's many-to-many fields carry the municipality key
(core/tenancy.py): filled from the initiative however they are written — the related
manager's `add`/`set` (one bulk_create without the key, as forms and seeders call
it), from either side, or a service with `through_defaults`. Every many-to-many field
of the app has a case, so a new one must say where its key comes from."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from quartier.core.tenancy import TenantChild
from quartier.core.tests.factories import NeighborhoodFactory
from quartier.directory.models import TaxonomyTerm
from quartier.initiatives.models import Initiative, InitiativeNeighborhood
from quartier.initiatives.tests.factories import InitiativeFactory


def _term(taxonomy):
    def make(municipality):
        return TaxonomyTerm.objects.filter(
            municipality=municipality, taxonomy=taxonomy
        ).first()

    return make


def _neighborhood(municipality):
    return NeighborhoodFactory(municipality=municipality)


# field name -> (makes a target in a municipality, the target's reverse accessor)
CASES = {
    "neighborhoods": (_neighborhood, "initiatives"),
    "topics": (_term("topic"), None),
    "target_groups": (_term("target_group"), None),
}


def test_every_many_to_many_field_has_a_case_and_a_keyed_through_model():
    fields = {
        f.name: f
        for model in apps.get_app_config("initiatives").get_models()
        for f in model._meta.many_to_many
    }
    assert set(fields) == set(CASES)
    for field in fields.values():
        through = field.remote_field.through
        assert issubclass(through, TenantChild), through
        assert through.tenant_parent == field.m2m_field_name()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CASES))
def test_add_and_set_fill_the_key_from_the_initiative(name):
    make, reverse = CASES[name]
    initiative = InitiativeFactory()
    first, second = make(initiative.municipality), None
    manager = getattr(initiative, name)
    manager.add(first)
    if reverse:
        second = make(initiative.municipality)
        getattr(second, reverse).add(initiative)
    else:
        manager.set([first, *_others(name, initiative, first)])
    rows = manager.through.objects.filter(initiative=initiative)
    assert rows.count() == 2
    assert set(rows.values_list("municipality_id", flat=True)) == {
        initiative.municipality_id
    }


def _others(name, initiative, first):
    taxonomy = "topic" if name == "topics" else "target_group"
    return [
        TaxonomyTerm.objects.filter(
            municipality=initiative.municipality, taxonomy=taxonomy
        )
        .exclude(pk=first.pk)
        .first()
    ]


@pytest.mark.django_db
def test_the_service_writes_the_key_and_the_pair_is_unique_per_municipality(
    django_assert_max_num_queries,
):
    from quartier.initiatives.services import _set_relations

    initiative = InitiativeFactory()
    hoods = [NeighborhoodFactory(municipality=initiative.municipality) for _ in "abc"]
    # The key comes with the rows: no read of the initiative per row.
    with django_assert_max_num_queries(4):
        _set_relations(initiative, neighborhoods=hoods, topics=None, target_groups=None)
    assert set(
        Initiative.neighborhoods.through.objects.filter(
            initiative=initiative
        ).values_list("municipality_id", flat=True)
    ) == {initiative.municipality_id}
    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativeNeighborhood.objects.create(
            initiative=initiative, neighborhood=hoods[0]
        )
