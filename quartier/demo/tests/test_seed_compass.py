"""The compass and time demo data: 40 assessments from five perspectives in two
rounds with visible divergence, a year of time entries (idempotence: test_seed_demo)."""

import pytest

from quartier.compass.models import Assessment, Round
from quartier.compass.results import compute_round
from quartier.learning.models import TimeEntry

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_rounds_with_40_assessments_and_divergence(demo_world):
    assert Assessment.objects.count() == 40
    assert set(Assessment.objects.values_list("perspective", flat=True)) == {
        "administration",
        "politics",
        "civil_society",
        "health_care",
        "residents",
    }
    rounds = Round.objects.filter(municipality__slug="musterstadt")
    assert sorted(rounds.values_list("status", flat=True)) == ["closed", "open"]
    for round in rounds:
        result = compute_round(round, with_comments=True)
        assert result.ranked[0].divergence >= 30
        assert any(fr.comments for fr in result.fields)
    dates = TimeEntry.objects.values_list("date", flat=True)
    assert (max(dates) - min(dates)).days > 300
    assert TimeEntry.objects.filter(actor__isnull=False).exists()
    assert TimeEntry.objects.filter(person__isnull=False).exists()
