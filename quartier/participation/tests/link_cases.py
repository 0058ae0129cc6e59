"""Scenarios for the link kinds participation registers (core/tests/test_links.py
walks the registry and needs one scenario per kind)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from quartier.core.tests.link_case import LinkCase
from quartier.forums.tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    ForumFactory,
    MeetingFactory,
)
from quartier.participation.links import AGENDA_ITEM, DECISION
from quartier.participation.tests.factories import ContributionFactory


def _item(municipality: Any, visibility: str) -> Any:
    forum = ForumFactory(municipality=municipality, visibility=visibility)
    meeting = MeetingFactory(forum=forum, agenda_published_at=timezone.now())
    return AgendaItemFactory(meeting=meeting, title=f"Punkt im Forum {visibility}")


def _decision(municipality: Any, visibility: str, number: int) -> Any:
    item = _item(municipality, visibility)
    return DecisionFactory(
        agenda_item=item, number=number, text=f"Beschluss im Forum {visibility}"
    )


def _api_url(contribution: Any) -> str:
    return (
        f"/api/v1/municipalities/{contribution.municipality.slug}"
        f"/contributions/{contribution.pk}"
    )


def _link_url(contribution: Any) -> str:
    return reverse(
        "participation:link",
        kwargs={
            "municipality_slug": contribution.municipality.slug,
            "pk": contribution.pk,
        },
    )


def _case(field: str, make_target: Any) -> Any:
    def build(world: dict[str, Any]) -> LinkCase:
        municipality = world["municipality"]
        neighborhood = world["neighborhood"]

        def set_link(source: Any, target: Any) -> None:
            setattr(source, field, target)
            source.save(update_fields=[field])

        def linked(source: Any) -> Any:
            source.refresh_from_db()
            return getattr(source, field)

        return LinkCase(
            source=ContributionFactory(
                municipality=municipality, neighborhood=neighborhood
            ),
            hidden_source=ContributionFactory(
                municipality=municipality,
                neighborhood=neighborhood,
                moderation="pending",
                title="Wartender Beitrag",
            ),
            visible_target=make_target(municipality, "public", 1),
            hidden_target=make_target(municipality, "members", 2),
            forged_target=make_target(world["other_municipality"], "public", 3),
            linker=world["coordinator"],
            set_link=set_link,
            linked=linked,
            form_url=_link_url,
            form_data=lambda target: {field: target.pk},
            api_url=_api_url,
            api_linked=lambda data: data.get(field),
        )

    return build


CASES = {
    AGENDA_ITEM: _case("agenda_item", lambda m, v, n: _item(m, v)),
    DECISION: _case("decision", _decision),
}
