"""No double booking, under load and in the database itself.

100 real threads, each with its own database connection, ask at the same moment for
the same slot of a room with instant booking. On PostgreSQL the room row is locked
(SELECT … FOR UPDATE) and the exclusion constraint backs the check; SQLite
serialises writers (IMMEDIATE transactions). The in-memory SQLite test database
answers "database table is locked" at once instead of waiting, so there a thread
waits and tries again, as the busy timeout of a database file would.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.core.tests.race import outcomes
from quartier.rooms import services
from quartier.rooms.models import Booking
from quartier.rooms.tests.factories import BookingFactory, RoomFactory, next_weekday

THREADS = 100


def _race(target, arguments):
    return outcomes(target, arguments, language="en")


@pytest.mark.django_db(transaction=True)
def test_one_hundred_simultaneous_requests_for_one_slot_one_wins(municipality):
    room = RoomFactory(municipality=municipality, approval="instant", capacity=50)
    people = UserFactory.create_batch(THREADS)
    for person in people:
        MembershipFactory(user=person, municipality=municipality, role="resident")
    start = next_weekday(2, 18)

    def book(person):
        return services.booking_request(
            by=person,
            room=room,
            purpose="Nachbarschaftstreffen",
            expected_people=10,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
        )

    outcomes = _race(book, people)

    winners = [o for o in outcomes if isinstance(o, list)]
    losers = [o for o in outcomes if isinstance(o, ValidationError)]
    others = [o for o in outcomes if not isinstance(o, list | ValidationError)]
    assert others == []
    assert len(winners) == 1
    assert len(losers) == THREADS - 1
    assert {tuple(e.messages) for e in losers} == {
        ("The room is already booked at this time.",)
    }
    assert Booking.objects.filter(room=room, status="confirmed").count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_overlapping_confirmed_rows(municipality):
    """On PostgreSQL the exclusion constraint refuses the second confirmed row even
    past the service; on SQLite there is no such constraint and the service's
    lock and check are the guard (docs/rooms.md)."""
    room = RoomFactory(municipality=municipality)
    first = BookingFactory(room=room, status="confirmed")
    overlap = {
        "room": room,
        "starts_at": first.starts_at + datetime.timedelta(minutes=30),
        "ends_at": first.ends_at + datetime.timedelta(minutes=30),
    }
    # Requests and cancelled rows may overlap anything.
    BookingFactory(status="requested", **overlap)
    BookingFactory(status="cancelled", **overlap)
    # Another room at the same time is fine.
    BookingFactory(
        room=RoomFactory(municipality=municipality),
        starts_at=first.starts_at,
        ends_at=first.ends_at,
    )
    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError), transaction.atomic():
            BookingFactory(status="confirmed", **overlap)
        # Touching ends (18:00–20:00 and 20:00–22:00) are not an overlap.
        BookingFactory(
            room=room,
            starts_at=first.ends_at,
            ends_at=first.ends_at + datetime.timedelta(hours=1),
        )
    else:
        assert connection.vendor == "sqlite"
        BookingFactory(status="confirmed", **overlap)  # no constraint on SQLite
        assert Booking.objects.filter(room=room, status="confirmed").count() == 2
        # …which is why every confirmation goes through the locking service:
        member = UserFactory()
        MembershipFactory(user=member, municipality=municipality)
        with pytest.raises(ValidationError):
            services.booking_request(
                by=member,
                room=room,
                purpose="x",
                expected_people=1,
                starts_at=first.starts_at,
                ends_at=first.ends_at,
            )
