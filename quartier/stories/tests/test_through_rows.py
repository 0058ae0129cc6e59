"""The rows of a story's links to initiatives and meetings carry the municipality
key (core/tenancy.py): filled from the story however they are written — the related
manager's `add`/`set` from either side (one bulk_create without the key) or the
service with `through_defaults`. Every many-to-many field of the app has a case."""

from __future__ import annotations

import pytest
from django.apps import apps

from quartier.core.tenancy import TenantChild
from quartier.forums.tests.factories import ForumFactory, MeetingFactory
from quartier.initiatives.tests.factories import InitiativeFactory
from quartier.stories.tests.factories import StoryFactory


def _initiative(municipality):
    return InitiativeFactory(municipality=municipality)


def _meeting(municipality):
    return MeetingFactory(forum=ForumFactory(municipality=municipality))


# field name -> makes a target in a municipality (its reverse accessor: "stories")
CASES = {"initiatives": _initiative, "meetings": _meeting}


def test_every_many_to_many_field_has_a_case_and_a_keyed_through_model():
    fields = {
        f.name: f
        for model in apps.get_app_config("stories").get_models()
        for f in model._meta.many_to_many
    }
    assert set(fields) == set(CASES)
    for field in fields.values():
        through = field.remote_field.through
        assert issubclass(through, TenantChild), through
        assert through.tenant_parent == field.m2m_field_name()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CASES))
def test_add_and_set_fill_the_key_from_the_story(name):
    story = StoryFactory()
    make = CASES[name]
    first, second, third = (make(story.municipality) for _ in range(3))
    manager = getattr(story, name)
    manager.set([first])
    manager.add(second)
    third.stories.add(story)
    rows = manager.through.objects.filter(story=story)
    assert rows.count() == 3
    assert set(rows.values_list("municipality_id", flat=True)) == {
        story.municipality_id
    }
