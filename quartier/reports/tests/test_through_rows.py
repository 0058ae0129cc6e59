"""The rows of `Report.neighborhoods` carry the municipality key (core/tenancy.py):
taken from the report however they are written (the related manager's one
bulk_create without the key, or the services with `through_defaults`), also when a
new version copies them. Every many-to-many field of the app has a case."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps

from quartier.core.tenancy import TenantChild
from quartier.core.tests.factories import MunicipalityFactory, NeighborhoodFactory
from quartier.reports.models import Report

CASES = {"neighborhoods"}


def test_every_many_to_many_field_has_a_case_and_a_keyed_through_model():
    fields = {
        f.name: f
        for model in apps.get_app_config("reports").get_models()
        for f in model._meta.many_to_many
    }
    assert set(fields) == CASES
    for field in fields.values():
        through = field.remote_field.through
        assert issubclass(through, TenantChild), through
        assert through.tenant_parent == field.m2m_field_name()


@pytest.mark.django_db
def test_the_reports_neighbourhoods_carry_its_key():
    municipality = MunicipalityFactory()
    report = Report.objects.create(
        municipality=municipality,
        title="Quartiersbericht",
        audience="public",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
    )
    hoods = [NeighborhoodFactory(municipality=municipality) for _ in "ab"]
    report.neighborhoods.add(hoods[0])
    report.neighborhoods.set(hoods)
    rows = Report.neighborhoods.through.objects.filter(report=report)
    assert rows.count() == 2
    assert set(rows.values_list("municipality_id", flat=True)) == {municipality.pk}
