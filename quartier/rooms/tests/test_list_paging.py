"""The rooms' lists that grow with the bookings are paged by keyset (the booking
requests' confirmed bookings ahead, "My bookings"); the requests waiting for an
answer come from the database one row per weekly series, at most PENDING_LIMIT of
them; the queries do not grow with the rows and the lists are read from an index
in list order (docs/benchmarks.md, issue 19; docs/rooms.md)."""

import datetime
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.core.tests.query_plans import (
    assert_read_in_order,
    follow_next,
    next_query,
    the_query,
)
from quartier.rooms import views
from quartier.rooms.tests.factories import BookingFactory, RoomFactory, next_weekday

PURPOSE = re.compile(r'href="/[\w-]+/rooms/bookings/\d+/">([^<]+)</a>')


def _bookings(room, count, status="confirmed", first_day=0, **fields):
    """`count` bookings one day apart (confirmed ones may not overlap)."""
    start = next_weekday(1, 18)
    made = []
    for n in range(count):
        begins = start + datetime.timedelta(days=first_day + n)
        made.append(
            BookingFactory(
                room=room,
                status=status,
                starts_at=begins,
                ends_at=begins + datetime.timedelta(hours=2),
                **fields,
            )
        )
    return made


def _walk(client, path):
    return [
        PURPOSE.findall(r.content.decode()) for r in follow_next(client, path, limit=20)
    ]


def test_confirmed_bookings_ahead_walk_in_start_order(
    client_for, coordinator, municipality, other_municipality, monkeypatch
):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    room = RoomFactory(municipality=municipality, approval="approval")
    ahead = _bookings(room, 5)
    _bookings(RoomFactory(municipality=other_municipality), 2)  # elsewhere

    pages = _walk(client_for(coordinator), f"/{municipality.slug}/rooms/requests/")

    purposes = [b.purpose for b in ahead]
    assert pages == [purposes[0:2], purposes[2:4], purposes[4:]]


def test_waiting_requests_show_one_row_per_series_and_say_when_more_wait(
    client_for, coordinator, municipality, monkeypatch
):
    room = RoomFactory(municipality=municipality, approval="approval")
    series = uuid.uuid4()
    weekly = _bookings(room, 3, status="requested", series=series, purpose="Chor")
    single = _bookings(room, 1, status="requested", first_day=10)[0]
    client = client_for(coordinator)
    path = f"/{municipality.slug}/rooms/requests/"

    page = client.get(path).content.decode()

    assert PURPOSE.findall(page) == [weekly[0].purpose, single.purpose]
    assert "wöchentlich, 3 Termine" in page
    assert "Weitere Anfragen warten" not in page

    monkeypatch.setattr(views, "PENDING_LIMIT", 1)
    page = client.get(path).content.decode()
    assert PURPOSE.findall(page) == [weekly[0].purpose]
    assert "Weitere Anfragen warten" in page


def test_my_bookings_walk_in_start_order(
    client_for, resident, municipality, monkeypatch
):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    room = RoomFactory(municipality=municipality)
    mine = _bookings(room, 3, requested_by=resident)
    _bookings(room, 2, first_day=5)  # someone else's

    pages = _walk(client_for(resident), f"/{municipality.slug}/rooms/my-bookings/")

    assert pages == [[b.purpose for b in mine[0:2]], [mine[2].purpose]]


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries.captured_queries), response.content.decode()


@pytest.mark.parametrize("page", ["requests", "my-bookings"])
def test_the_lists_need_the_same_queries_for_more_rows_and_deeper_pages(
    client_for, coordinator, municipality, monkeypatch, page
):
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    room = RoomFactory(municipality=municipality, approval="approval")
    client = client_for(coordinator)
    path = f"/{municipality.slug}/rooms/{page}/"
    _bookings(room, 2, requested_by=coordinator)
    _bookings(room, 1, status="requested", first_day=40, requested_by=coordinator)
    few, _page = _queries(client, path)
    _bookings(room, 6, first_day=2, requested_by=coordinator)
    _bookings(room, 3, status="requested", first_day=41, requested_by=coordinator)
    many, first = _queries(client, path)
    deep, _page = _queries(client, f"{path}?{next_query(first)}")

    assert many == few
    assert deep == few


@pytest.mark.parametrize(
    ("page", "index", "marker"),
    [
        ("requests", "booking_status_order", '"rooms_booking"."ends_at" >='),
        ("my-bookings", "booking_requester_order", '"rooms_booking"."ends_at" >='),
    ],
)
def test_the_lists_are_read_from_an_index_in_list_order(
    client_for, coordinator, municipality, page, index, marker
):
    room = RoomFactory(municipality=municipality)
    _bookings(room, 3, requested_by=coordinator)
    with CaptureQueriesContext(connection) as queries:
        response = client_for(coordinator).get(f"/{municipality.slug}/rooms/{page}/")
    assert response.status_code == 200
    assert_read_in_order(
        the_query(queries, 'SELECT "rooms_booking"."id"', marker), index
    )


def test_the_requests_queue_names_its_rooms_by_id(
    client_for, coordinator, municipality, other_municipality
):
    """The coordination's rooms are read first and handed to the booking queries as
    ids: behind a subquery PostgreSQL could not foresee how many bookings they
    have and sorted all of them (26 ms for Musterstadt's 5,000) instead of reading
    one page from `booking_status_order`. Another town's room stays out."""
    rooms = [RoomFactory(municipality=municipality) for _ in range(2)]
    elsewhere = RoomFactory(municipality=other_municipality)
    for room in rooms:
        _bookings(room, 2, requested_by=coordinator)
    with CaptureQueriesContext(connection) as queries:
        response = client_for(coordinator).get(f"/{municipality.slug}/rooms/requests/")
    assert response.status_code == 200
    booking_reads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "rooms_booking"."id"')
    ]
    assert len(booking_reads) == 2  # the page ahead and the waiting requests
    for sql in booking_reads:
        listed = re.search(r'"rooms_booking"\."room_id" IN \(([^)]*)\)', sql)[1]
        assert "SELECT" not in listed
        assert sorted(int(pk) for pk in listed.split(", ")) == sorted(
            room.pk for room in rooms
        )
        assert str(elsewhere.pk) not in listed.split(", ")
