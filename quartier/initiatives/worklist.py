"""What initiatives put on “Meine Übersicht” (core/worklist.py): the open
follow-ups (Wiedervorlagen) for the coordination, and one's own."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quartier.core import worklist
from quartier.core.models import Municipality
from quartier.initiatives.models import FollowUp


def open_follow_ups(user: Any, municipality: Municipality) -> QuerySet[FollowUp]:
    """Open follow-ups of the municipality's initiatives, the most pressing first."""
    return (
        FollowUp.objects.open()
        .filter(initiative__municipality=municipality)
        .select_related("initiative__municipality", "person")
        .order_by("due_on", "pk")
    )


def _my_follow_ups(user: Any, municipality: Municipality) -> QuerySet[FollowUp]:
    return open_follow_ups(user, municipality).filter(person=user)


def _entry(follow_up: FollowUp) -> worklist.Entry:
    day = date_format(follow_up.due_on, "SHORT_DATE_FORMAT")
    return worklist.Entry(
        title=f"{follow_up.initiative.title}: {follow_up.note}",
        url=f"{follow_up.initiative.get_absolute_url()}#follow-ups",
        note=gettext("due on %(day)s") % {"day": day},
        urgent=follow_up.due_on <= timezone.localdate(),
    )


def register() -> None:
    worklist.register(
        worklist.Queue(
            key="initiatives.follow_ups",
            label=_("Follow-ups of initiatives"),
            audience=worklist.WORK,
            rows=open_follow_ups,
            entry=_entry,
            perm="initiatives.view_followups",
            url_name="initiatives:follow_ups",
            empty=_("No follow-up is open."),
            order=60,
        ),
        worklist.Queue(
            key="initiatives.my_follow_ups",
            label=_("My follow-ups of initiatives"),
            audience=worklist.MINE,
            rows=_my_follow_ups,
            entry=_entry,
            empty=_("No follow-up is waiting for you."),
            order=60,
        ),
    )
