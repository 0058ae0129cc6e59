"""Indicator sources of the forums (core/indicator_sources.py): meetings held and
their attendance, the first two stages of the Wirkungstreppe."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from quartier.core.indicator_sources import Source, day_bounds, register


def _held(municipality: Any, neighbourhood: Any, start: Any, end: Any) -> Any:
    from quartier.forums.models import Meeting, MeetingStatus

    low, high = day_bounds(start, end)
    meetings = Meeting.objects.of(municipality).filter(
        status=MeetingStatus.HELD, starts_at__gte=low, starts_at__lt=high
    )
    if neighbourhood is not None:
        meetings = meetings.filter(forum__neighborhoods=neighbourhood)
    return meetings


def meetings_held(
    municipality: Any, neighbourhood: Any, start: Any, end: Any, option: Any = None
) -> int:
    return _held(municipality, neighbourhood, start, end).distinct().count()


def attendance(
    municipality: Any, neighbourhood: Any, start: Any, end: Any, option: Any = None
) -> int:
    from quartier.forums.models import Attendance

    meetings = _held(municipality, neighbourhood, start, end).values("pk")
    return Attendance.objects.filter(meeting__in=meetings).count()


register(
    Source(
        key="forums.meetings_held",
        label=_("Forum meetings held"),
        unit=_("meetings"),
        stage=1,
        formula=_(
            "Number of forum meetings with the status “held” that began in the "
            "period; with a neighbourhood, only meetings of forums working in it."
        ),
        compute=meetings_held,
    ),
    Source(
        key="forums.attendance",
        label=_("Attendance at forum meetings"),
        unit=_("attendances"),
        stage=2,
        formula=_(
            "Number of recorded attendances (people and actors) at the forum "
            "meetings held in the period; someone at two meetings counts twice."
        ),
        compute=attendance,
    ),
)
