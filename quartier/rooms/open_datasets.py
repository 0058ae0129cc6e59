"""Open data of the rooms (core/open_datasets.py): when the public rooms are
occupied, as one calendar for the whole municipality.

Confirmed bookings of public, active rooms from 90 days ago on. Who booked (the
person or the actor) is never in it; the purpose only where the person who booked
made it public, else "Occupied" (as in a room's own feed, rooms/calendar.py).
"""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Max
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from quartier.core import open_datasets as od
from quartier.core.dates import DATE_MAX, DATE_MIN

PAST_DAYS = 90


def public_bookings(municipality: Any) -> Any:
    from quartier.rooms.models import Booking

    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    return (
        Booking.objects.of(municipality)
        .confirmed()
        .filter(
            ends_at__gte=since,
            room__is_public=True,
            room__archived_at__isnull=True,
        )
    )


def bookings_ics(request: Any) -> HttpResponse:
    import icalendar

    from quartier.rooms.calendar import PRODID, REFRESH, booking_event

    municipality = request.municipality
    tz = ZoneInfo(settings.TIME_ZONE)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("Rooms in %(name)s") % {"name": municipality.name})
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    scrub = od.redactor(municipality)
    events, years = [], [timezone.localdate().year]
    bookings = public_bookings(municipality).select_related("room__municipality")
    for booking in bookings.order_by("starts_at", "id"):
        if not (
            DATE_MIN < booking.starts_at.date() < DATE_MAX
            and DATE_MIN < booking.ends_at.date() < DATE_MAX
        ):
            continue
        booking.purpose = scrub(booking.purpose)  # shown where made public
        url = request.build_absolute_uri(booking.room.get_absolute_url())
        events.append(booking_event(booking, room=booking.room, url=url, tz=tz))
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
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="raeume-{municipality.slug}.ics"'
    )
    return response


def _changed(municipality: Any) -> Any:
    return public_bookings(municipality).aggregate(m=Max("updated_at"))["m"]


od.register(
    od.Dataset(
        key="rooms",
        title=_l("Occupancy of the public rooms"),
        description=_l(
            "When the public rooms of the neighbourhood are booked, as a calendar "
            "feed: room, address, time and, where the organisers agreed, the "
            "purpose. Who booked is not included."
        ),
        distributions=(od.Distribution("ICAL", build=bookings_ics),),
        frequency=od.CONTINUOUS,
        last_change=_changed,
        keywords=(_l("rooms"), _l("calendar"), _l("neighbourhood")),
        themes=(od.THEME_SOCIETY, od.THEME_REGIONS),
        position=40,
    ),
)
