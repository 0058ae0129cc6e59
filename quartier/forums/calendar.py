"""iCalendar (RFC 5545) for meetings, built with the `icalendar` package.

Every meeting is one VEVENT whose UID stays the same across edits (`Meeting.uid`), so
that calendar clients update an entry instead of adding a second one; SEQUENCE grows
with every edit, and a cancelled meeting is sent with STATUS:CANCELLED. Times are
given in Europe/Berlin (the platform's time zone) with its VTIMEZONE component.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import strip_tags

from quartier.forums.models import Meeting, MeetingStatus

PRODID = "-//Quartier//Aushandlungsraeume//DE"
REFRESH = datetime.timedelta(hours=6)


def event_uid(meeting: Meeting) -> str:
    return f"{meeting.uid}@quartier"


def _sequence(meeting: Meeting) -> int:
    """Seconds between creation and the last edit: grows with every edit, fits the
    32-bit integer RFC 5545 allows for decades."""
    if not meeting.updated_at or not meeting.created_at:
        return 0
    return max(0, int((meeting.updated_at - meeting.created_at).total_seconds()))


def _plain(text: str) -> str:
    return html.unescape(strip_tags(text or "")).strip()


def meeting_event(
    meeting: Meeting, *, request: HttpRequest, tz: ZoneInfo
) -> icalendar.Event:
    url = request.build_absolute_uri(meeting.get_absolute_url())
    event = icalendar.Event()
    event.add("uid", event_uid(meeting))
    event.add("dtstamp", meeting.updated_at.astimezone(datetime.UTC))
    event.add("last-modified", meeting.updated_at.astimezone(datetime.UTC))
    event.add("created", meeting.created_at.astimezone(datetime.UTC))
    event.add("sequence", _sequence(meeting))
    event.add("dtstart", meeting.starts_at.astimezone(tz))
    event.add("dtend", meeting.ends_at.astimezone(tz))
    event.add("summary", meeting.title)
    location = meeting.address or meeting.online_url
    if location:
        event.add("location", location)
    description = [_plain(meeting.description), meeting.forum.name]
    if meeting.address and meeting.online_url:
        description.append(meeting.online_url)
    description.append(url)
    event.add("description", "\n\n".join(part for part in description if part))
    event.add("url", url)
    event.add(
        "status",
        "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED",
    )
    return event


def build_calendar(
    meetings: Iterable[Meeting],
    *,
    request: HttpRequest,
    name: str,
    method: str | None = None,
) -> bytes:
    """A VCALENDAR with one VEVENT per meeting and the VTIMEZONE they use."""
    tz = ZoneInfo(settings.TIME_ZONE)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    cal.add("x-wr-calname", str(name))
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH).to_ical().decode())
    today = timezone.localdate()
    events, years = [], [today.year]
    for meeting in meetings:
        events.append(meeting_event(meeting, request=request, tz=tz))
        years += [meeting.starts_at.astimezone(tz).year, meeting.ends_at.year]
    # The VTIMEZONE comes first and covers every meeting (and today), so clients
    # need no time-zone database of their own.
    cal.add_component(
        icalendar.Timezone.from_tzid(
            settings.TIME_ZONE,
            first_date=datetime.date(min(years) - 1, 1, 1),
            last_date=datetime.date(max(years) + 1, 12, 31),
        )
    )
    for event in events:
        cal.add_component(event)
    return cal.to_ical()
