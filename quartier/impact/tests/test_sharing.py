"""What the impact module shows an advisory organisation's dashboard
(impact/sharing.py): counted per municipality, for many at once."""

import datetime

import pytest

from quartier.core.sharing import shared_module
from quartier.impact.tests.factories import IndicatorFactory, MeasurementFactory


@pytest.mark.django_db
def test_the_summary_counts_each_indicator_once_however_many_measurements(
    municipality, other_municipality
):
    measured = IndicatorFactory(impact_model__goal__municipality=municipality)
    for month in range(1, 4):
        MeasurementFactory(indicator=measured, date=datetime.date(2026, month, 1))
    IndicatorFactory(impact_model__goal__municipality=municipality)
    lines = shared_module("impact.indicators").summaries(
        [municipality, other_municipality]
    )
    assert [value for _label, value in lines[municipality.pk]] == ["2", "1"]
    assert [value for _label, value in lines[other_municipality.pk]] == ["0", "0"]
