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

    # The list view's times, written here once: the template's time and date
    # filters cost more per span than the rest of the row (a full week has 50).
    @property
    def from_text(self) -> str:
        return timezone.localtime(self.start).strftime("%H:%M")

    @property
    def until_text(self) -> str:
        """The end's time; "24:00" for a span that runs to midnight."""
        end = timezone.localtime(self.end)
        if end.date() != timezone.localtime(self.start).date():
            return "24:00"
        return end.strftime("%H:%M")


@dataclass
class Day:
    date: datetime.date
    open_hours: list[OpeningHours]
    spans: list[Span] = field(default_factory=list)
    closed: bool = False

    @property
    def iso(self) -> str:
        return self.date.isoformat()

    @property
    def short(self) -> str:
        return self.date.strftime("%d.%m.")


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


def _grid(
    days: list[Day],
    hours: list[int],
    bookings: list[Booking],
    open_by_day: list[list[tuple]],
) -> list[tuple[int, list[tuple[str, str]]]]:
    """The hour table: each cell "booked" (the first booking in it), "free" or
    "closed". Each booking marks the cells of the days it touches (comparing every
    cell with every booking grew with the bookings of the week squared)."""
    slots = [
        [(_aware(day.date, datetime.time(hour)), hour) for hour in hours]
        for day in days
    ]
    first_day = days[0].date
    booked: dict[tuple[int, int], str] = {}
    for booking in bookings:
        start_day = (timezone.localtime(booking.starts_at).date() - first_day).days
        end_day = (timezone.localtime(booking.ends_at).date() - first_day).days
        for index in range(max(start_day, 0), min(end_day, len(days) - 1) + 1):
            for slot_start, hour in slots[index]:
                slot_end = slot_start + datetime.timedelta(hours=1)
                if booking.starts_at < slot_end and booking.ends_at > slot_start:
                    booked.setdefault((index, hour), booking.public_label)
    rows = []
    for position, hour in enumerate(hours):
        cells = []
        for index in range(len(days)):
            slot_start = slots[index][position][0]
            slot_end = slot_start + datetime.timedelta(hours=1)
            if (index, hour) in booked:
                cells.append(("booked", booked[index, hour]))
            elif any(
                o_start < slot_end and o_end > slot_start
                for o_start, o_end in open_by_day[index]
            ):
                cells.append(("free", ""))
            else:
                cells.append(("closed", ""))
        rows.append((hour, cells))
    return rows


def week_for(room: Room, monday: datetime.date, *, grid: bool = True) -> Week:
    """The room's week; without `grid` no hour table (the list view has none)."""
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
    open_by_day = []
    for offset in range(7):
        date = monday + datetime.timedelta(days=offset)
        day = Day(
            date=date, open_hours=[h for h in hours if h.weekday == date.weekday()]
        )
        intervals = _open_intervals(date, hours)
        open_by_day.append(intervals)
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
    grid_hours = list(range(first, last))
    return Week(
        monday=monday,
        days=days,
        hours=grid_hours,
        rows=_grid(days, grid_hours, bookings, open_by_day) if grid else [],
        previous=week_param(monday - datetime.timedelta(days=7)),
        next=week_param(monday + datetime.timedelta(days=7)),
        param=week_param(monday),
    )
