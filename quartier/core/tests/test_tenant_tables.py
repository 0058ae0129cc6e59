"""Every table can be distributed by municipality (Citus; docs/operations.md).

The walk covers every model Django knows, with the tables it creates by itself
(many-to-many) and simple_history's: a tenant table carries a NOT NULL municipality
key, its unique constraints include the key, it points only to tenant or reference
tables, and no reference or local table points to a tenant table
(quartier/core/tenancy.py). A new model inherits the check.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from quartier.core import tenancy
from quartier.participation.models import Comment, Report, Support
from quartier.participation.tests.factories import ContributionFactory, SupportFactory


def test_every_table_can_be_distributed_by_municipality():
    problems = [
        problem
        for label, found in tenancy.all_violations().items()
        if label not in tenancy.KNOWN_GAPS
        for problem in found
    ]
    assert not problems, "\n".join(problems)


def test_known_gaps_are_still_gaps():
    # A fixed gap leaves the list, so that the list only shrinks.
    found = tenancy.all_violations()
    fixed = [label for label in tenancy.KNOWN_GAPS if label not in found]
    assert not fixed, f"no longer a gap, remove from KNOWN_GAPS: {fixed}"


def test_classified_tables_are_models():
    labels = {m._meta.label for m in tenancy.all_models()}
    named = set(tenancy.REFERENCE_TABLES) | set(tenancy.LOCAL_TABLES)
    assert named <= labels, sorted(named - labels)
    assert not set(tenancy.REFERENCE_TABLES) & set(tenancy.LOCAL_TABLES)


def test_history_rows_copy_a_key_that_is_never_empty():
    # simple_history makes every copied foreign key nullable; the value comes from
    # the tracked row, whose key is NOT NULL.
    for model in tenancy.tenant_models():
        source = getattr(model, "instance_type", None)
        if source is None or model._meta.label in tenancy.KNOWN_GAPS:
            continue
        key = tenancy.municipality_key(source)
        assert key is not None and not key.null, model._meta.label


def test_every_child_names_parents_that_carry_the_key():
    children = [
        m
        for m in apps.get_models()
        if issubclass(m, tenancy.TenantChild) and not m._meta.abstract
    ]
    assert len(children) > 50
    for model in children:
        parents = model.tenant_parent
        names = (parents,) if isinstance(parents, str) else parents
        assert names, f"{model._meta.label} names no tenant_parent"
        for name in names:
            field = model._meta.get_field(name)
            assert field.many_to_one or field.one_to_one, (model, name)
            key = tenancy.municipality_key(field.related_model)
            assert key is not None and not key.null, (
                f"{model._meta.label}.{name}: the parent must carry the key"
            )


@pytest.mark.django_db
def test_a_child_row_takes_its_parents_municipality_on_save():
    support = SupportFactory()
    support.refresh_from_db()
    assert support.municipality_id == support.contribution.municipality_id


@pytest.mark.django_db
def test_bulk_create_fills_the_key_too():
    contribution = ContributionFactory()
    Support.objects.bulk_create(
        [Support(contribution=contribution, email=f"p{i}@test.example") for i in (1, 2)]
    )
    keys = set(
        Support.objects.filter(contribution=contribution).values_list(
            "municipality_id", flat=True
        )
    )
    assert keys == {contribution.municipality_id}


@pytest.mark.django_db
def test_the_second_parent_gives_the_key_when_the_first_is_empty():
    contribution = ContributionFactory()
    comment = Comment.objects.create(
        municipality=contribution.municipality, contribution=contribution, text="Gut"
    )
    report = Report.objects.create(comment=comment, reason="spam")
    report.refresh_from_db()
    assert report.municipality_id == contribution.municipality_id


def test_operations_doc_lists_the_reference_tables():
    text = Path(settings.BASE_DIR, "docs", "operations.md").read_text()
    section = text.split("## Distributed database (Citus)", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^- `([a-z_]+\.[A-Za-z_]+)`", section, re.M))
    assert listed == set(tenancy.REFERENCE_TABLES), (
        "docs/operations.md lists other reference tables than quartier/core/tenancy.py",
        sorted(listed ^ set(tenancy.REFERENCE_TABLES)),
    )
