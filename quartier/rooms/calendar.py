"""iCalendar (RFC 5545) feed of a room's confirmed bookings.

Each booking is one VEVENT with a UID that never changes (`Booking.uid`), so
calendar clients update instead of duplicating. SUMMARY is the purpose only where
the person who booked made it public, else "Occupied" ("Belegt"). Times are given
in Europe/Berlin with its VTIMEZONE, as in the forums' feeds (forums/calendar.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.core.dates import DATE_MAX, DATE_MIN
from quartier.rooms.models import Booking, Room

PRODID = "-//Quartier//Raeume//DE"
REFRESH = datetime.timedelta(hours=6)


def booking_event(
    booking: Booking, *, room: Room, url: str, tz: ZoneInfo
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{booking.uid}@quartier-rooms")
    event.add("dtstamp", booking.updated_at.astimezone(datetime.UTC))
    event.add("last-modified", booking.updated_at.astimezone(datetime.UTC))
    event.add("dtstart", booking.starts_at.astimezone(tz))
    event.add("dtend", booking.ends_at.astimezone(tz))
    event.add("summary", booking.purpose if booking.purpose_public else _("Occupied"))
    event.add("location", f"{room.name}, {room.address}")
    event.add("url", url)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def build_calendar(
    room: Room, bookings: Iterable[Booking], *, request: HttpRequest
) -> bytes:
    tz = ZoneInfo(settings.TIME_ZONE)
    url = request.build_absolute_uri(room.get_absolute_url())
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{room.name} – {room.municipality.name}")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    events, years = [], [timezone.localdate().year]
    for booking in bookings:
        # A booking outside the date bounds (stored before they existed) must not
        # take the feed down for everyone: it is left out.
        if not DATE_MIN < booking.starts_at.date() < DATE_MAX:
            continue
        if not DATE_MIN < booking.ends_at.date() < DATE_MAX:
            continue
        events.append(booking_event(booking, room=room, url=url, tz=tz))
        years.append(booking.starts_at.astimezone(tz).year)
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
