"""The deadlines of support offers as an iCalendar feed (RFC 5545), built with the
`icalendar` package like the meeting feeds (forums/calendar.py): one all-day VEVENT
per deadline with a stable UID."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import icalendar
from django.http import HttpRequest

from quartier.forums.calendar import REFRESH
from quartier.support.models import OfferDeadline

PRODID = "-//Quartier//Foerderfristen//DE"


def build_calendar(
    deadlines: Iterable[OfferDeadline], *, request: HttpRequest, name: str
) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", str(name))
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    for deadline in deadlines:
        offer = deadline.offer
        url = request.build_absolute_uri(offer.get_absolute_url())
        event = icalendar.Event()
        event.add("uid", f"support-deadline-{deadline.pk}@quartier")
        event.add("dtstamp", offer.updated_at.astimezone(datetime.UTC))
        event.add("dtstart", deadline.due_on)
        event.add("dtend", deadline.due_on + datetime.timedelta(days=1))
        event.add("summary", f"{deadline.label}: {offer.title}")
        event.add("description", f"{offer.provider}\n\n{url}")
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
