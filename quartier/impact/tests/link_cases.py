"""Scenario for the link kind the impact app registers (core/tests/test_object_links.py
walks the registry and needs one scenario per kind)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from quartier.core.tests.link_case import LinkCase
from quartier.impact.links import KEY
from quartier.impact.tests.factories import GoalFactory
from quartier.initiatives.tests.factories import InitiativeFactory


def _case(world: dict[str, Any]) -> LinkCase:
    municipality = world["municipality"]

    def set_link(source: Any, target: Any) -> None:
        source.initiatives.add(target)

    def linked(source: Any) -> Any:
        return source.initiatives.first()

    def api_linked(data: dict[str, Any]) -> Any:
        ids = data.get("initiatives") or []
        return ids[0] if ids else None

    return LinkCase(
        source=GoalFactory(municipality=municipality, title="Gemeinsames Ziel"),
        hidden_source=GoalFactory(
            municipality=municipality,
            title="Entwurf eines Ziels",
            visibility="internal",
        ),
        visible_target=InitiativeFactory(
            municipality=municipality, title="Offenes Vorhaben"
        ),
        hidden_target=InitiativeFactory(
            municipality=municipality, title="Internes Vorhaben", visibility="internal"
        ),
        forged_target=InitiativeFactory(
            municipality=world["other_municipality"], title="Fremdes Vorhaben"
        ),
        linker=world["coordinator"],
        set_link=set_link,
        linked=linked,
        form_url=lambda source: reverse(
            "impact:goal_link",
            kwargs={"municipality_slug": source.municipality.slug, "pk": source.pk},
        ),
        form_data=lambda target: {"initiative": str(target.pk)},
        api_url=lambda source: (
            f"/api/v1/municipalities/{source.municipality.slug}/goals/{source.pk}"
        ),
        api_linked=api_linked,
    )


CASES = {KEY: _case}
