"""The open-data rows of contributions give the day as it was in the
municipality's time zone: a contribution sent at half past midnight in Berlin
belongs to that day, though it is still the day before in UTC."""

import datetime

import pytest
from django.test import RequestFactory

from quartier.participation.open_datasets import _rows
from quartier.participation.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def test_received_and_answered_on_are_local_days(municipality):
    contribution = ContributionFactory(municipality=municipality)
    type(contribution).objects.filter(pk=contribution.pk).update(
        created_at=datetime.datetime(2026, 12, 6, 23, 30, tzinfo=UTC),
        answered_at=datetime.datetime(2026, 6, 30, 22, 15, tzinfo=UTC),
    )
    request = RequestFactory().get("/")
    request.municipality = municipality
    [row] = [r for r in _rows(request) if r["id"] == contribution.pk]
    assert row["received_on"] == "2026-12-07"  # 00:30 in Berlin (winter time)
    assert row["answered_on"] == "2026-07-01"  # 00:15 in Berlin (summer time)
