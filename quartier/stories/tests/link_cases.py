"""Scenarios for the link kind stories register (core/tests/test_object_links.py walks
the registry and needs one scenario per kind)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from quartier.core.tests.link_case import LinkCase
from quartier.forums.tests.factories import ForumFactory, MeetingFactory
from quartier.initiatives.tests.factories import InitiativeFactory
from quartier.stories.links import INITIATIVE, MEETING
from quartier.stories.tests.factories import StoryFactory


def _meeting(municipality: Any, visibility: str) -> Any:
    forum = ForumFactory(municipality=municipality, visibility=visibility)
    return MeetingFactory(forum=forum, title=f"Sitzung im Forum {visibility}")


def _link_url(story: Any) -> str:
    return reverse(
        "stories:link",
        kwargs={"municipality_slug": story.municipality.slug, "pk": story.pk},
    )


def _api_url(story: Any) -> str:
    return f"/api/v1/municipalities/{story.municipality.slug}/stories/{story.pk}"


def _case(world: dict[str, Any]) -> LinkCase:
    municipality = world["municipality"]
    neighborhood = world["neighborhood"]

    def set_link(source: Any, target: Any) -> None:
        source.meetings.set([target])

    def linked(source: Any) -> Any:
        return source.meetings.first()

    return LinkCase(
        source=StoryFactory(municipality=municipality, neighborhood=neighborhood),
        hidden_source=StoryFactory(
            municipality=municipality,
            neighborhood=neighborhood,
            moderation="pending",
            title="Wartende Geschichte",
        ),
        visible_target=_meeting(municipality, "public"),
        hidden_target=_meeting(municipality, "members"),
        forged_target=_meeting(world["other_municipality"], "public"),
        linker=world["coordinator"],
        set_link=set_link,
        linked=linked,
        form_url=_link_url,
        form_data=lambda target: {"meeting": target.pk},
        api_url=_api_url,
        api_linked=lambda data: data.get("meeting"),
    )


def _initiative_case(world: dict[str, Any]) -> LinkCase:
    municipality = world["municipality"]
    neighborhood = world["neighborhood"]

    def set_link(source: Any, target: Any) -> None:
        source.initiatives.set([target])

    return LinkCase(
        source=StoryFactory(municipality=municipality, neighborhood=neighborhood),
        hidden_source=StoryFactory(
            municipality=municipality,
            neighborhood=neighborhood,
            moderation="pending",
            title="Wartende Geschichte",
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
        linked=lambda source: source.initiatives.first(),
        form_url=_link_url,
        form_data=lambda target: {"initiatives": [target.pk]},
        api_url=_api_url,
        api_linked=lambda data: (data.get("initiatives") or [None])[0],
    )


CASES = {MEETING: _case, INITIATIVE: _initiative_case}
