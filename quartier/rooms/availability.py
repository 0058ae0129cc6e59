"""When a room is free: one ISO week as an hour grid (the table) and as a list of
free and booked spans per day (the list view for screen readers and phones).

Both come from the same three queries: the room, its opening hours, and the
confirmed bookings of the week. Booked spans carry the purpose only where it is
public; otherwise "occupied".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from quartier.core import dates
from quartier.rooms.models import Booking, OpeningHours, Room

DEFAULT_HOURS = (7, 22)


def parse_week(value: str | None, today: datetime.date | None = None) -> datetime.date:
    """The Monday of `YYYY-Www` (through core/dates.py, so within its bounds); this
    week for anything else."""
    today = today or timezone.localdate()
    try:
        monday = dates.parse_week(value)
    except ValidationError:
        monday = None
    return monday or today - datetime.timedelta(days=today.weekday())


def week_param(monday: datetime.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _aware(day: datetime.date, time: datetime.time = datetime.time()) -> Any:
    return timezone.make_aware(datetime.datetime.combine(day, time))


@dataclass
class Span:
    start: datetime.datetime
    end: datetime.datetime
    booked: bool
    label: str = ""


@dataclass
class Day:
    date: datetime.date
    open_hours: list[OpeningHours]
    spans: list[Span] = field(default_factory=list)
    closed: bool = False


@dataclass
class Week:
    monday: datetime.date
    days: list[Day]
    hours: list[int]
    rows: list[tuple[int, list[tuple[str, str]]]]
    previous: str
    next: str
    param: str

    @property
    def sunday(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=6)


def _open_intervals(day: datetime.date, hours: list[OpeningHours]) -> list[tuple]:
    todays = [h for h in hours if h.weekday == day.weekday()]
    if not hours:  # no opening hours at all: bookable around the clock
        return [(_aware(day), _aware(day + datetime.timedelta(days=1)))]
    return [(_aware(day, h.opens), _aware(day, h.closes)) for h in todays]


def week_for(room: Room, monday: datetime.date) -> Week:
    hours = list(room.opening_hours.all())
    start = _aware(monday)
    end = _aware(monday + datetime.timedelta(days=7))
    bookings = list(
        Booking.objects.filter(room=room)
        .confirmed()
        .overlapping(start, end)
        .order_by("starts_at")
        .only("starts_at", "ends_at", "purpose", "purpose_public", "room_id")
    )
    if hours:
        first = min(h.opens.hour for h in hours)
        last = max(h.closes.hour + (1 if h.closes.minute else 0) for h in hours)
    else:
        first, last = DEFAULT_HOURS
    days = []
    for offset in range(7):
        date = monday + datetime.timedelta(days=offset)
        day = Day(
            date=date, open_hours=[h for h in hours if h.weekday == date.weekday()]
        )
        intervals = _open_intervals(date, hours)
        day.closed = not intervals
        for open_start, open_end in intervals:
            cursor = open_start
            for booking in bookings:
                if booking.ends_at <= open_start or booking.starts_at >= open_end:
                    continue
                b_start = max(booking.starts_at, open_start)
                b_end = min(booking.ends_at, open_end)
                if b_start > cursor:
                    day.spans.append(Span(cursor, b_start, booked=False))
                day.spans.append(
                    Span(b_start, b_end, booked=True, label=booking.public_label)
                )
                cursor = max(cursor, b_end)
            if cursor < open_end:
                day.spans.append(Span(cursor, open_end, booked=False))
        days.append(day)

    rows = []
    for hour in range(first, last):
        cells = []
        for day in days:
            slot_start = _aware(day.date, datetime.time(hour))
            slot_end = slot_start + datetime.timedelta(hours=1)
            booked = [
                b for b in bookings if b.starts_at < slot_end and b.ends_at > slot_start
            ]
            if booked:
                cells.append(("booked", booked[0].public_label))
            elif any(
                o_start < slot_end and o_end > slot_start
                for o_start, o_end in _open_intervals(day.date, hours)
            ):
                cells.append(("free", ""))
            else:
                cells.append(("closed", ""))
        rows.append((hour, cells))
    return Week(
        monday=monday,
        days=days,
        hours=list(range(first, last)),
        rows=rows,
        previous=week_param(monday - datetime.timedelta(days=7)),
        next=week_param(monday + datetime.timedelta(days=7)),
        param=week_param(monday),
    )
