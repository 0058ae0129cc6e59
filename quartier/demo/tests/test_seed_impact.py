"""The demo's goals and impact models: three goals adopted by forum decisions, two
impact models with indicators on at least five stages, computed and recorded, two
years of measurements; an idempotent second run; the pages show it."""

from io import StringIO

import pytest
from django.core.management import call_command

from quartier.core.models import Municipality
from quartier.impact.models import Goal, ImpactModel, Indicator, Measurement

pytestmark = pytest.mark.django_db


@pytest.fixture
def musterstadt(demo_world, db):
    return Municipality.objects.get(slug="musterstadt")


def test_goals_models_indicators_and_two_years_of_values(musterstadt):
    goals = Goal.objects.of(musterstadt)
    assert goals.count() == 3
    assert all(g.decision_id and g.narrative for g in goals)
    assert all(g.initiatives.exists() for g in goals)
    models = ImpactModel.objects.of(musterstadt)
    assert models.count() == 2
    for model in models:
        indicators = Indicator.objects.filter(impact_model=model)
        assert len({i.stage for i in indicators}) >= 5
        assert {i.kind for i in indicators} == {"computed", "recorded"}
        for indicator in indicators.filter(kind="recorded"):
            days = list(indicator.measurements.values_list("date", flat=True))
            assert len(days) >= 2
            assert (max(days) - min(days)).days >= 330
            assert indicator.baseline_date == min(days)
            assert indicator.target_date > max(days)
    assert Measurement.objects.filter(municipality=musterstadt, computed=True).exists()


def test_seeding_again_changes_no_impact_row(musterstadt):
    before = (
        Goal.objects.count(),
        Indicator.objects.count(),
        Measurement.objects.count(),
    )
    call_command("seed_demo", stdout=StringIO())
    after = (
        Goal.objects.count(),
        Indicator.objects.count(),
        Measurement.objects.count(),
    )
    assert before == after


def test_a_guest_reads_the_goal_and_its_indicator(musterstadt, client):
    goal = Goal.objects.get(municipality=musterstadt, title="Gesund durch heiße Sommer")
    page = client.get(goal.get_absolute_url()).content.decode()
    assert "Trinkpatenschaften" in page
    indicator = Indicator.objects.get(name="Trinkpatenschaften")
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "<svg" in page and "<table" in page
    assert "von 50 Patenschaften erreicht" in page
