"""API endpoints of the stories app (mounted at /api/v1/ by quartier.api).

Reads only: the stories everybody sees (approved, consented to, not hidden by
reports) per municipality, and one of them. Never the e-mail address.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from quartier.core.api import Id, Pages
from quartier.core.api_auth import municipality_for, read_auth
from quartier.core.gate import get_object_for, require
from quartier.core.maillinks import absolute_url
from quartier.core.object_links import visible_targets
from quartier.stories.links import INITIATIVE, MEETING
from quartier.stories.models import Story

router = Router(tags=["Geschichten"])


class StoryOut(Schema):
    id: int
    title: str
    text: str = Field(description="bereinigtes HTML")
    neighborhood: str = Field(description="slug des Quartiers")
    channel: str = Field(description="online, paper oder conversation")
    teller: str = Field(description="Name, Organisation oder „anonym“")
    created_at: datetime.datetime
    url: str
    meeting: int | None = Field(
        None, description="id der Sitzung, bei der sie erzählt oder besprochen wurde"
    )
    initiatives: list[int] = Field(
        default_factory=list, description="ids der Vorhaben, von denen sie erzählt"
    )

    @staticmethod
    def resolve_neighborhood(obj: Story) -> str:
        return obj.neighborhood.slug

    @staticmethod
    def resolve_teller(obj: Story) -> str:
        return obj.display_teller

    # Only a meeting the caller may see (core/object_links.py).
    @staticmethod
    def resolve_meeting(obj: Story, context: dict[str, Any]) -> int | None:
        found = visible_targets(context["request"].user, obj, MEETING)
        return found[0].pk if found else None

    @staticmethod
    def resolve_initiatives(obj: Story, context: dict[str, Any]) -> list[int]:
        user = context["request"].user
        return [i.pk for i in visible_targets(user, obj, INITIATIVE)]

    @staticmethod
    def resolve_url(obj: Story) -> str:
        return absolute_url(obj.get_absolute_url())


def _stories() -> QuerySet[Story]:
    return Story.objects.select_related(
        "municipality", "neighborhood", "author", "actor"
    )


@router.get(
    "/municipalities/{slug}/stories",
    response=list[StoryOut],
    auth=read_auth,
    summary="Geschichten aus den Quartieren (veröffentlichte)",
)
@paginate(Pages)
def story_list(
    request: HttpRequest, slug: str, neighborhood: str = ""
) -> QuerySet[Story]:
    """Die veröffentlichten Geschichten, neueste zuerst. Filter: `neighborhood` (slug)."""
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    rows = _stories().of(municipality).public()
    if neighborhood:
        rows = rows.filter(neighborhood__slug=neighborhood)
    return rows.order_by("-created_at", "-id")


@router.get(
    "/municipalities/{slug}/stories/{story_id}",
    response={200: StoryOut, 404: dict},
    auth=read_auth,
    summary="Eine Geschichte",
)
def story_detail(request: HttpRequest, slug: str, story_id: Id) -> Story:
    municipality_for(request, slug)
    return get_object_for(request, _stories(), pk=story_id)
