"""Rooms and extreme dates: a booking horizon per room, weeks and feeds that never
answer 500 (issue 11, "Dates and weeks"; issue 10, "a booking in 2099")."""

import datetime

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from quartier.rooms import services
from quartier.rooms.models import Booking
from quartier.rooms.tests.factories import BookingFactory, RoomFactory, next_weekday

pytestmark = pytest.mark.django_db


def _url(name, room):
    return reverse(
        f"rooms:{name}", kwargs={"municipality_slug": "musterstadt", "room": room.slug}
    )


@pytest.fixture
def room(municipality):
    return RoomFactory(municipality=municipality, approval="instant")


def _request(by, room, start, **extra):
    return services.booking_request(
        by=by,
        room=room,
        purpose="Chorprobe",
        expected_people=5,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        **extra,
    )


def test_a_room_is_bookable_twelve_months_ahead_by_default(room):
    assert room.booking_horizon_months == 12
    assert room.bookable_until(datetime.date(2026, 1, 31)) == datetime.date(2027, 1, 31)
    room.booking_horizon_months = 1
    assert room.bookable_until(datetime.date(2026, 1, 31)) == datetime.date(2026, 2, 28)


@pytest.mark.parametrize(
    "start",
    [
        datetime.datetime(2099, 6, 2, 18, tzinfo=datetime.UTC),
        datetime.datetime(9999, 12, 30, 18, tzinfo=datetime.UTC),
    ],
)
def test_it_refuses_a_booking_beyond_the_horizon_in_german(room, resident, start):
    with translation.override("de"), pytest.raises(ValidationError) as exc:
        _request(resident, room, start)
    assert "starts_at" in exc.value.message_dict
    assert not Booking.objects.exists()
    message = " ".join(exc.value.message_dict["starts_at"])
    assert "Bitte" in message or "höchstens" in message, message


def test_the_last_week_of_a_series_counts_for_the_horizon(room, resident):
    room.booking_horizon_months = 1
    room.save()
    with pytest.raises(ValidationError) as exc:
        _request(resident, room, next_weekday(1, 18), weeks=8)
    assert "starts_at" in exc.value.message_dict
    assert _request(resident, room, next_weekday(1, 18), weeks=2)


def test_the_booking_form_says_so_next_to_the_time(client, room, resident):
    client.force_login(resident)
    with translation.override("de"):
        response = client.post(
            reverse(
                "rooms:book",
                kwargs={"municipality_slug": "musterstadt", "room": room.slug},
            ),
            {
                "purpose": "Chor",
                "expected_people": 3,
                "date": "2099-06-02",
                "start": "18:00",
                "end": "20:00",
                "weeks": 1,
            },
            HTTP_ACCEPT_LANGUAGE="de",
        )
    assert response.status_code == 200
    assert "12 Monate im Voraus" in response.content.decode()
    assert not Booking.objects.exists()


@pytest.mark.parametrize("week", ["9999-W52", "0001-W01", "2026-W99", "x"])
def test_extreme_weeks_show_this_week(client, room, week):
    response = client.get(_url("week", room), {"week": week})
    assert response.status_code == 200
    monday = timezone.localdate() - datetime.timedelta(
        days=timezone.localdate().weekday()
    )
    assert response.context["week"].days[0].date == monday


def test_a_stored_booking_on_9999_12_30_does_not_break_the_feed(client, room):
    BookingFactory(room=room, status="confirmed", starts_at=next_weekday(2, 10))
    BookingFactory(
        room=room,
        status="confirmed",
        starts_at=datetime.datetime(9999, 12, 30, 10, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(9999, 12, 30, 12, tzinfo=datetime.UTC),
    )
    response = client.get(_url("calendar", room))
    assert response.status_code == 200
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1


def test_room_form_offers_the_horizon(client, room, coordinator):
    client.force_login(coordinator)
    response = client.get(_url("edit", room))
    assert 'name="booking_horizon_months"' in response.content.decode()


def test_approving_one_booking_says_1_termin(client, municipality, coordinator):
    room = RoomFactory(municipality=municipality, approval="approval")
    booking = BookingFactory(room=room, status="requested")
    client.force_login(coordinator)
    response = client.post(
        reverse(
            "rooms:approve",
            kwargs={"municipality_slug": municipality.slug, "pk": booking.pk},
        ),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert "(1 Termin)" in response.content.decode()
