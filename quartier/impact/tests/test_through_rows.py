"""The rows of `Goal.initiatives` and their simple_history copies carry the
municipality key (core/tenancy.py): the through row takes it from the goal however
it is written (the related manager's one bulk_create without the key, or the service
with `through_defaults`); the history copies every field of the through row, the key
included. Every many-to-many field of the app has a case."""

from __future__ import annotations

import pytest
from django.apps import apps

from quartier.core.tenancy import TenantChild
from quartier.impact.models import Goal
from quartier.impact.tests.factories import GoalFactory
from quartier.initiatives.tests.factories import InitiativeFactory

CASES = {"initiatives"}


def test_every_many_to_many_field_has_a_case_and_a_keyed_through_model():
    fields = {
        f.name: f
        for model in apps.get_app_config("impact").get_models()
        for f in model._meta.many_to_many
    }
    assert set(fields) == CASES
    for field in fields.values():
        through = field.remote_field.through
        assert issubclass(through, TenantChild), through
        assert through.tenant_parent == field.m2m_field_name()


@pytest.mark.django_db
def test_the_link_and_its_history_carry_the_goals_key():
    goal = GoalFactory()
    first, second = (InitiativeFactory(municipality=goal.municipality) for _ in "ab")
    goal.initiatives.add(first)
    goal.initiatives.set([first, second])
    rows = Goal.initiatives.through.objects.filter(goal=goal)
    assert set(rows.values_list("municipality_id", flat=True)) == {goal.municipality_id}
    history = apps.get_model("impact", "HistoricalGoal_initiatives").objects.filter(
        goal=goal
    )
    assert history.count() >= 3  # after the add: 1 row, after the set: 2 rows
    assert set(history.values_list("municipality_id", flat=True)) == {
        goal.municipality_id
    }
