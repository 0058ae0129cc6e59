"""What the forums put on “Meine Übersicht” (core/worklist.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quartier.core import worklist
from quartier.core.models import Municipality
from quartier.core.predicates import is_coordinator
from quartier.forums.models import (
    Decision,
    Meeting,
    MeetingStatus,
    Registration,
    RegistrationStatus,
    moderated_forums,
)


def _decision(decision: Decision) -> worklist.Entry:
    day = date_format(decision.due_date, "SHORT_DATE_FORMAT")
    return worklist.Entry(
        title=str(decision),
        url=decision.get_absolute_url(),
        note=gettext("%(forum)s, due on %(day)s")
        % {"forum": decision.forum.name, "day": day},
        urgent=decision.due_date < timezone.localdate(),
    )


def decisions_due(user: Any, municipality: Municipality) -> QuerySet[Decision]:
    """Open decisions whose due date has come: to follow up in the forum."""
    return (
        Decision.objects.visible_to(user, municipality)
        .due()
        .select_related("forum__municipality", "municipality")
        .order_by("due_date", "id")
    )


def _proposed_meeting(meeting: Meeting) -> worklist.Entry:
    starts = date_format(timezone.localtime(meeting.starts_at), "SHORT_DATETIME_FORMAT")
    proposer = meeting.proposed_by.public_name if meeting.proposed_by else ""
    return worklist.Entry(
        title=str(meeting),
        url=reverse(
            "forums:meeting_review",
            kwargs={"municipality_slug": meeting.municipality.slug, "pk": meeting.pk},
        ),
        note=" · ".join(
            part for part in (meeting.forum.name, starts, proposer) if part
        ),
    )


def meetings_to_review(user: Any, municipality: Municipality) -> QuerySet[Meeting]:
    """Meetings members called that wait for approval: all of the municipality for
    the coordination, those of the forums they moderate for the moderation."""
    meetings = Meeting.objects.of(municipality).filter(status=MeetingStatus.PROPOSED)
    if not is_coordinator.test(user, municipality):
        meetings = meetings.filter(forum__in=moderated_forums(user))
    return meetings.select_related("forum", "municipality", "proposed_by").order_by(
        "starts_at", "id"
    )


def _registration(registration: Registration) -> worklist.Entry:
    meeting = registration.meeting
    starts = date_format(timezone.localtime(meeting.starts_at), "SHORT_DATETIME_FORMAT")
    return worklist.Entry(
        title=str(meeting),
        url=meeting.get_absolute_url(),
        note=f"{starts} · {registration.get_status_display()}",
    )


def my_registrations(user: Any, municipality: Municipality) -> QuerySet[Registration]:
    return (
        Registration.objects.of(municipality)
        .filter(user=user, meeting__starts_at__gte=timezone.now())
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("meeting__forum__municipality", "meeting__municipality")
        .order_by("meeting__starts_at", "id")
    )


def register() -> None:
    worklist.register(
        worklist.Queue(
            key="forums.decisions_due",
            label=_("Decisions due"),
            audience=worklist.WORK,
            perm="forums.add_forum",
            rows=decisions_due,
            entry=_decision,
            url_name="forums:decisions",
            empty=_("No decision is due."),
            order=20,
        ),
        worklist.Queue(
            key="forums.meetings_to_review",
            label=_("Meetings proposed by members"),
            audience=worklist.WORK,
            perm="forums.review_proposed_meetings",
            rows=meetings_to_review,
            entry=_proposed_meeting,
            empty=_("No meeting waits for approval."),
            order=19,
        ),
        worklist.Queue(
            key="forums.my_registrations",
            label=_("Meetings I registered for"),
            audience=worklist.MINE,
            rows=my_registrations,
            entry=_registration,
            url_name="forums:list",
            empty=_("You have not registered for a meeting."),
            order=20,
        ),
    )
