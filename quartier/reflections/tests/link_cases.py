"""Scenario for the link kind the reflections app registers (decision → reflection;
core/tests/test_object_links.py walks the registry)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from quartier.core.tests.link_case import LinkCase
from quartier.forums.tests.factories import (
    DecisionFactory,
    ForumFactory,
    MeetingFactory,
)
from quartier.reflections.links import KEY
from quartier.reflections.models import Adaptation
from quartier.reflections.tests.factories import ReflectionFactory


def _case(world: dict[str, Any]) -> LinkCase:
    municipality = world["municipality"]
    other = world["other_municipality"]
    public = ForumFactory(municipality=municipality, visibility="public")
    closed = ForumFactory(municipality=municipality, visibility="members")

    def set_link(source: Any, target: Any) -> None:
        Adaptation.objects.get_or_create(decision=source, reflection=target)

    def linked(source: Any) -> Any:
        row = Adaptation.objects.filter(decision=source).first()
        return row.reflection if row else None

    return LinkCase(
        source=DecisionFactory(agenda_item__meeting__forum=public),
        hidden_source=DecisionFactory(agenda_item__meeting__forum=closed),
        visible_target=ReflectionFactory(
            municipality=municipality, title="Offener Rückblick"
        ),
        hidden_target=ReflectionFactory(
            municipality=municipality,
            title="Rückblick der internen Runde",
            meeting=MeetingFactory(forum=closed),
        ),
        forged_target=ReflectionFactory(municipality=other, title="Fremder Rückblick"),
        linker=world["coordinator"],
        set_link=set_link,
        linked=linked,
        form_url=lambda source: reverse(
            "reflections:decision_link",
            kwargs={"municipality_slug": source.municipality.slug, "pk": source.pk},
        ),
        form_data=lambda target: {"reflection": str(target.pk)},
        api_url=lambda source: None,
        api_linked=lambda data: None,
        viewer="resident",
    )


CASES = {KEY: _case}
