"""What stories put on “Meine Übersicht” (core/worklist.py): the moderation queue
of the coordination, and the open rounds in which a panel member still picks."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quartier.core import worklist
from quartier.core.models import Municipality
from quartier.stories.models import Moderation, Round, Story


def _story(story: Story) -> worklist.Entry:
    day = date_format(timezone.localtime(story.created_at), "SHORT_DATE_FORMAT")
    return worklist.Entry(
        title=story.title,
        url=story.get_absolute_url(),
        note=gettext("received on %(day)s") % {"day": day},
        urgent=story.is_hidden,
    )


def to_moderate(user: Any, municipality: Municipality) -> QuerySet[Story]:
    """Waiting for release, and hidden after reports (those first)."""
    hidden = Q(is_hidden=True) & ~Q(moderation=Moderation.REJECTED)
    return (
        Story.objects.of(municipality)
        .select_related("municipality")
        .filter(Q(moderation=Moderation.PENDING) | hidden)
        .order_by("-is_hidden", "created_at", "id")
    )


def _round(round_: Round) -> worklist.Entry:
    day = date_format(round_.ends_on, "SHORT_DATE_FORMAT")
    return worklist.Entry(
        title=round_.title,
        url=round_.get_absolute_url(),
        note=gettext("stories until %(day)s") % {"day": day},
        urgent=False,
    )


def to_pick(user: Any, municipality: Municipality) -> QuerySet[Round]:
    """Open rounds whose panel the person sits on."""
    return (
        Round.objects.of(municipality)
        .filter(closed_at__isnull=True, forum__members__user=user)
        .select_related("municipality")
        .distinct()
        .order_by("ends_on", "id")
    )


def register() -> None:
    worklist.register(
        worklist.Queue(
            key="stories.to_moderate",
            label=_("Stories to release or check after reports"),
            audience=worklist.WORK,
            perm="stories.view_moderation",
            rows=to_moderate,
            entry=_story,
            url_name="stories:moderation",
            empty=_("No story waits for moderation."),
            order=12,
        ),
        worklist.Queue(
            key="stories.to_pick",
            label=_("Most Significant Change rounds of my panels"),
            audience=worklist.MINE,
            rows=to_pick,
            entry=_round,
            url_name="stories:rounds",
            empty=_("No round waits for your pick."),
            order=20,
        ),
    )
