"""The link kinds stories offer (core/object_links.py): a story told at or discussed in
a forum's meeting, and a story linked to the initiatives it tells of
(`Story.initiatives`). Registered in StoriesConfig.ready().

Both are made by the coordination (stories.link_story): from the story's side in
its link form, and — for initiatives — from the initiative's side too: the
initiative's page offers "Link a story" (`link_from_target`), a page of this app
that loads the initiative through the gate (views/stories.py `link_initiative`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from operator import attrgetter
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.object_links import Link, LinkEnd, LinkKind, register

MEETING = "stories.story_meeting"
INITIATIVE = "stories.story_initiative"


def _stories_of_meetings(meetings: Sequence[Any]) -> Mapping[Any, Sequence[Any]]:
    from quartier.stories.models import Story

    found: dict[Any, list[Any]] = defaultdict(list)
    through = Story.meetings.through.objects.filter(
        meeting_id__in=[m.pk for m in meetings]
    )
    pairs = list(through.values_list("meeting_id", "story_id"))
    stories = (
        Story.objects.filter(pk__in={s for _m, s in pairs})
        .select_related("municipality")
        .defer("text")
        .in_bulk()
    )
    for meeting_id, story_id in pairs:
        found[meeting_id].append(stories[story_id])
    return found


def _meetings_of_stories(stories: Sequence[Any]) -> Mapping[Any, Sequence[Any]]:
    from quartier.forums.models import Meeting
    from quartier.stories.models import Story

    pairs = list(
        Story.meetings.through.objects.filter(
            story_id__in=[s.pk for s in stories]
        ).values_list("story_id", "meeting_id")
    )
    meetings = (
        Meeting.objects.filter(pk__in={m for _s, m in pairs})
        .select_related("forum", "municipality")
        .in_bulk()
    )
    found: dict[Any, list[Any]] = defaultdict(list)
    for story_id, meeting_id in pairs:
        found[story_id].append(meetings[meeting_id])
    return found


def _meetings(user: Any, municipality: Any) -> QuerySet[Any]:
    from quartier.forums.models import Meeting

    return (
        Meeting.objects.visible_to(user, municipality)
        .select_related("forum", "municipality")
        .order_by("-starts_at", "id")
    )


def _stories_of_initiatives(initiatives: Sequence[Any]) -> Mapping[Any, Sequence[Any]]:
    from quartier.stories.models import Story

    found: dict[Any, list[Any]] = defaultdict(list)
    pairs = list(
        Story.initiatives.through.objects.filter(
            initiative_id__in=[i.pk for i in initiatives]
        ).values_list("initiative_id", "story_id")
    )
    stories = (
        Story.objects.filter(pk__in={s for _i, s in pairs})
        .select_related("municipality")
        .defer("text")
        .in_bulk()
    )
    for initiative_id, story_id in sorted(pairs, key=lambda p: -p[1]):
        found[initiative_id].append(stories[story_id])
    return found


def _initiatives_of_stories(stories: Sequence[Any]) -> Mapping[Any, Sequence[Any]]:
    from quartier.initiatives.models import Initiative
    from quartier.stories.models import Story

    pairs = list(
        Story.initiatives.through.objects.filter(
            story_id__in=[s.pk for s in stories]
        ).values_list("story_id", "initiative_id")
    )
    initiatives = (
        Initiative.objects.filter(pk__in={i for _s, i in pairs})
        .select_related("municipality")
        .in_bulk()
    )
    found: dict[Any, list[Any]] = defaultdict(list)
    for story_id, initiative_id in pairs:
        found[story_id].append(initiatives[initiative_id])
    for linked in found.values():
        linked.sort(key=lambda i: (i.title, i.pk))
    return found


def _initiatives(user: Any, municipality: Any) -> QuerySet[Any]:
    from quartier.initiatives.models import Initiative

    return Initiative.objects.visible_to(user, municipality).order_by("title", "pk")


def _link_story_to(user: Any, initiative: Any) -> Link | None:
    """ "Link a story" on the initiative's page, for the coordination."""
    municipality = initiative.municipality
    if not user.has_perm("stories.intake_story", municipality):
        return None
    url = reverse(
        "stories:link_initiative",
        kwargs={"municipality_slug": municipality.slug, "pk": initiative.pk},
    )
    return Link(initiative, str(_("Link a story")), url, "")


def register_link_kinds() -> None:
    from quartier.forums.models import Meeting
    from quartier.initiatives.models import Initiative
    from quartier.stories.models import Story

    register(
        LinkKind(
            key=INITIATIVE,
            source=LinkEnd(
                model=Story,
                label=_("Stories from the neighbourhoods"),
                perm="stories.view_story",
                fetch=_stories_of_initiatives,
            ),
            target=LinkEnd(
                model=Initiative,
                label=_("Initiatives"),
                perm="initiatives.view_initiative",
                fetch=_initiatives_of_stories,
                describe=lambda i: i.title,
            ),
            link_perm="stories.link_story",
            choices=_initiatives,
            link_from_target=_link_story_to,
        )
    )
    register(
        LinkKind(
            key=MEETING,
            source=LinkEnd(
                model=Story,
                label=_("Stories from the neighbourhoods"),
                perm="stories.view_story",
                fetch=_stories_of_meetings,
            ),
            target=LinkEnd(
                model=Meeting,
                label=_("Meeting"),
                perm="forums.view_meeting",
                fetch=_meetings_of_stories,
                describe=attrgetter("dated_title"),
            ),
            link_perm="stories.link_story",
            choices=_meetings,
        )
    )
