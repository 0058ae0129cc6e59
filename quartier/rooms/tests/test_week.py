"""A room's week: the hour table marks each booking's cells (no longer every cell
against every booking) exactly as comparing them one by one does; the list view
builds no table and writes its times and "book" links without template filters."""

import datetime

import pytest
from django.utils import timezone

from quartier.rooms.availability import parse_week, week_for, week_param
from quartier.rooms.tests.factories import (
    BookingFactory,
    OpeningHoursFactory,
    RoomFactory,
)

pytestmark = pytest.mark.django_db


def _at(day, hour, minute=0):
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute))
    )


@pytest.fixture
def monday():
    return parse_week(None) + datetime.timedelta(days=14)


@pytest.fixture
def room(municipality):
    return RoomFactory(municipality=municipality, slug="saal")


def _book(room, start, end, purpose):
    return BookingFactory(
        room=room,
        starts_at=start,
        ends_at=end,
        purpose=purpose,
        purpose_public=True,
        status="confirmed",
    )


@pytest.fixture
def bookings(room, monday):
    sunday_before = monday - datetime.timedelta(days=1)
    return [
        # Into the week from the Sunday before, and out of it into the next Monday.
        _book(room, _at(sunday_before, 20), _at(monday, 9, 30), "Nacht"),
        _book(
            room,
            _at(monday + datetime.timedelta(days=6), 21),
            _at(monday, 23) + datetime.timedelta(days=7),
            "Ende",
        ),
        # Two in one hour: the earlier names the cell.
        _book(room, _at(monday, 10, 10), _at(monday, 10, 20), "Kurz"),
        _book(room, _at(monday, 10, 30), _at(monday, 12), "Chor"),
        # Over midnight.
        _book(
            room,
            _at(monday + datetime.timedelta(days=2), 22),
            _at(monday, 2) + datetime.timedelta(days=3),
            "Lange Nacht",
        ),
        # Not confirmed: not shown.
        BookingFactory(
            room=room,
            starts_at=_at(monday, 15),
            ends_at=_at(monday, 16),
            status="requested",
        ),
    ]


def _every_cell(week, confirmed):
    """The table as the page computed it before: every cell against every booking."""
    rows = []
    for hour in week.hours:
        cells = []
        for day in week.days:
            start = _at(day.date, hour)
            end = start + datetime.timedelta(hours=1)
            hits = [b for b in confirmed if b.starts_at < end and b.ends_at > start]
            if hits:
                cells.append(("booked", hits[0].public_label))
            elif any(
                _at(day.date, h.opens.hour, h.opens.minute) < end
                and _at(day.date, h.closes.hour, h.closes.minute) > start
                for h in day.open_hours
            ) or not any(d.open_hours for d in week.days):
                cells.append(("free", ""))
            else:
                cells.append(("closed", ""))
        rows.append((hour, cells))
    return rows


@pytest.mark.parametrize("opening_hours", [False, True])
def test_the_table_marks_the_cells_each_booking_touches(
    room, monday, bookings, opening_hours
):
    if opening_hours:
        for weekday in (0, 2, 3, 6):
            OpeningHoursFactory(
                room=room,
                weekday=weekday,
                opens=datetime.time(8),
                closes=datetime.time(23, 30),
            )
    week = week_for(room, monday)
    confirmed = sorted(
        (b for b in bookings if b.status == "confirmed"), key=lambda b: b.starts_at
    )
    assert week.rows == _every_cell(week, confirmed)
    monday_cells = {hour: cells[0] for hour, cells in week.rows}
    assert monday_cells[9] == ("booked", "Nacht")
    assert monday_cells[10] == ("booked", "Kurz")  # the earlier of two
    assert monday_cells[11] == ("booked", "Chor")
    assert monday_cells[15] == ("free", "")  # only requested
    assert week.rows[-1][1][6] == ("booked", "Ende")


def test_the_list_view_builds_no_table_and_writes_its_times(
    client_for, resident, room, monday
):
    _book(room, _at(monday, 20), _at(monday, 21), "Lauftreff")
    week = week_for(room, monday, grid=False)
    assert week.rows == []
    spans = week.days[0].spans
    assert [(s.from_text, s.until_text, s.booked) for s in spans] == [
        ("00:00", "20:00", False),
        ("20:00", "21:00", True),
        ("21:00", "24:00", False),
    ]
    response = client_for(resident).get(
        f"/musterstadt/rooms/{room.slug}/week/",
        {"week": week_param(monday), "view": "list"},
    )
    html = response.content.decode()
    assert response.context["week"].rows == []
    assert "20:00–21:00:" in html and "21:00–24:00:" in html
    assert (
        f'href="/musterstadt/rooms/saal/book/?date={monday.isoformat()}&amp;start=21:00'
    ) in html
