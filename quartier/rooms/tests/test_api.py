import datetime
import json

import pytest
from django.utils import translation

from quartier.accounts.services import token_create
from quartier.rooms.models import Booking
from quartier.rooms.tests.factories import BookingFactory, RoomFactory, next_weekday

pytestmark = pytest.mark.django_db
BASE = "/api/v1/municipalities/musterstadt"


def _auth(user):
    _, raw = token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def room(municipality):
    return RoomFactory(municipality=municipality, slug="saal", approval="instant")


def test_anyone_reads_public_rooms_and_availability(client, room, municipality):
    RoomFactory(municipality=municipality, slug="versteckt", is_public=False)
    start = next_weekday(1, 18)
    BookingFactory(
        room=room,
        purpose="Lauftreff",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
    )
    BookingFactory(
        room=room,
        purpose="Privat",
        purpose_public=False,
        starts_at=start + datetime.timedelta(hours=1),
        ends_at=start + datetime.timedelta(hours=2),
    )
    listing = client.get(f"{BASE}/rooms").json()
    assert [r["slug"] for r in listing["items"]] == ["saal"]
    assert client.get(f"{BASE}/rooms/versteckt").status_code == 404
    week = start.date().isocalendar()
    body = client.get(
        f"{BASE}/rooms/saal/availability", {"week": f"{week[0]}-W{week[1]:02d}"}
    ).json()
    labels = [slot["label"] for slot in body["booked"]]
    assert "Lauftreff" in labels and "Privat" not in labels
    assert body["free"]


def test_booking_needs_a_token(client, room, resident):
    client.force_login(resident)
    start = next_weekday(1, 18)
    body = {
        "purpose": "Treffen",
        "expected_people": 5,
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=1)).isoformat(),
    }
    response = client.post(
        f"{BASE}/rooms/saal/bookings", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 401


def test_booking_with_a_token_and_the_loser_gets_422(client, room, resident, partner):
    start = next_weekday(1, 18)
    body = {
        "purpose": "Treffen",
        "expected_people": 5,
        "weeks": 2,
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=1)).isoformat(),
    }
    response = client.post(
        f"{BASE}/rooms/saal/bookings",
        json.dumps(body),
        content_type="application/json",
        **_auth(resident),
    )
    assert response.status_code == 201, response.json()
    assert [b["status"] for b in response.json()] == ["confirmed", "confirmed"]
    with translation.override("en"):
        again = client.post(
            f"{BASE}/rooms/saal/bookings",
            json.dumps(body),
            content_type="application/json",
            **_auth(partner),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert again.status_code == 422
    assert again.json()["detail"]
    mine = client.get(f"{BASE}/my-bookings", **_auth(resident)).json()
    assert mine["count"] == 2
    booking = Booking.objects.filter(requested_by=resident).first()
    # No body: sent as JSON all the same (the test client would send a form).
    as_json = {"content_type": "application/json"}
    cancel = client.post(
        f"{BASE}/bookings/{booking.pk}/cancel", **as_json, **_auth(partner)
    )
    assert cancel.status_code == 404
    cancel = client.post(
        f"{BASE}/bookings/{booking.pk}/cancel?series=true", **as_json, **_auth(resident)
    )
    assert cancel.status_code == 200
    assert Booking.objects.filter(status="cancelled").count() == 2


def test_bad_input_is_422(client, room, resident):
    response = client.post(
        f"{BASE}/rooms/saal/bookings",
        json.dumps({"purpose": ""}),
        content_type="application/json",
        **_auth(resident),
    )
    assert response.status_code == 422
    start = next_weekday(1, 18)
    body = {
        "purpose": "x",
        "expected_people": 500,
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=1)).isoformat(),
    }
    response = client.post(
        f"{BASE}/rooms/saal/bookings",
        json.dumps(body),
        content_type="application/json",
        **_auth(resident),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "expected_people"
