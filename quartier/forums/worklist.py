"""What the forums put on “Meine Übersicht” (core/worklist.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quartier.core import worklist
from quartier.core.models import Municipality
from quartier.forums.models import Decision, Registration, RegistrationStatus


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
