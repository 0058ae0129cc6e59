"""The link kind stories offer (core/object_links.py): a story told at or discussed in
a forum's meeting. Registered in StoriesConfig.ready(). (Initiatives are linked
through `Story.initiatives` and shown gate-checked on the story's page; the
initiative page does not list linked objects yet.)"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from quartier.core.object_links import LinkEnd, LinkKind, register

MEETING = "stories.story_meeting"


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


def _meeting_title(meeting: Any) -> str:
    day = formats.date_format(
        timezone.localtime(meeting.starts_at), "SHORT_DATE_FORMAT"
    )
    return f"{meeting.forum.name}, {day}: {meeting.title}"


def _meetings(user: Any, municipality: Any) -> QuerySet[Any]:
    from quartier.forums.models import Meeting

    return (
        Meeting.objects.visible_to(user, municipality)
        .select_related("forum", "municipality")
        .order_by("-starts_at", "id")
    )


def register_link_kinds() -> None:
    from quartier.forums.models import Meeting
    from quartier.stories.models import Story

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
                describe=_meeting_title,
            ),
            link_perm="stories.link_story",
            choices=_meetings,
        )
    )
