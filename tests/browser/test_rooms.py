"""Rooms, end to end (issue 5).

A resident finds a room with instant booking, books it through the form and sees
the booking in the week view (table and list); the owner's queue, the room form and
every rooms page pass axe and fit a 360 px screen, also without JavaScript.
"""

import datetime

import pytest
from django.utils import timezone

pytestmark = pytest.mark.browser


def _next_tuesday() -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=(1 - today.weekday()) % 7 + 7)


@pytest.fixture
def rooms(world):
    from quartier.rooms.tests.factories import OpeningHoursFactory, RoomFactory

    room = RoomFactory(
        municipality=world["municipality"],
        neighborhood=world["neighborhood"],
        name="Bürgerhaus Sonnenberg – Gruppenraum",
        slug="buergerhaus-gruppenraum",
        approval="instant",
        capacity=20,
        equipment="Stuhlkreis, Flipchart",
        house_rules="<p>Bitte lüften.</p>",
    )
    for day in range(7):
        OpeningHoursFactory(
            room=room, weekday=day, opens=datetime.time(8), closes=datetime.time(21)
        )
    partner_room = RoomFactory(
        municipality=world["municipality"],
        owner_actor=world["sport"],
        name="Vereinsheim",
        slug="vereinsheim",
        approval="approval",
    )
    return {"room": room, "partner_room": partner_room}


def _submit(tab):
    with tab.page.expect_navigation():
        tab.page.locator("main form[method=post] button[type=submit]").first.click()
    tab.scan()


def test_a_resident_books_a_room_and_sees_it_in_the_week(tab, world, rooms):
    from quartier.rooms.models import Booking

    resident = world["users"]["resident"]
    room = rooms["room"]
    tab.force_login(resident)
    tab.visit("/musterstadt/rooms/")
    tab.visit(f"/musterstadt/rooms/{room.slug}/")
    tab.visit(f"/musterstadt/rooms/{room.slug}/book/")
    day = _next_tuesday()
    tab.page.fill("#booking_purpose", "Spielenachmittag für Nachbarskinder")
    tab.page.check("#booking_purpose_public")
    tab.page.fill("#booking_expected_people", "12")
    tab.page.fill("#booking_date", day.isoformat())
    tab.page.fill("#booking_start", "15:00")
    tab.page.fill("#booking_end", "17:00")
    tab.page.fill("#booking_weeks", "1")
    _submit(tab)
    assert tab.path() == "/musterstadt/rooms/my-bookings/"
    booking = Booking.objects.get(room=room, requested_by=resident)
    assert booking.status == "confirmed"
    year, week, _ = day.isocalendar()
    tab.visit(f"/musterstadt/rooms/{room.slug}/week/?week={year}-W{week:02d}")
    assert tab.page.locator("table.q-week").get_by_text("Spielenachmittag").count() == 2
    tab.visit(f"/musterstadt/rooms/{room.slug}/week/?week={year}-W{week:02d}&view=list")
    assert tab.page.get_by_text("Spielenachmittag für Nachbarskinder").count() == 1


def test_rooms_pages_fit_a_phone(assert_fits_phone, phone_tab, world, rooms):
    from quartier.rooms.tests.factories import BookingFactory

    start = timezone.make_aware(
        datetime.datetime.combine(_next_tuesday(), datetime.time(18))
    )
    BookingFactory(
        room=rooms["partner_room"],
        requested_by=world["users"]["resident"],
        status="requested",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        purpose="Lauftreff: Jahresversammlung",
    )
    BookingFactory(
        room=rooms["room"],
        requested_by=world["users"]["resident"],
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        purpose="Gehgruppe",
    )
    room = rooms["room"]
    for path in [
        "/musterstadt/rooms/",
        f"/musterstadt/rooms/{room.slug}/",
        f"/musterstadt/rooms/{room.slug}/week/",
        f"/musterstadt/rooms/{room.slug}/week/?view=list",
    ]:
        phone_tab.visit(path)
        assert_fits_phone(phone_tab)
    phone_tab.force_login(world["users"]["partner"])
    for path in [
        "/musterstadt/rooms/requests/",
        "/musterstadt/rooms/my-bookings/",
        "/musterstadt/rooms/new/",
        f"/musterstadt/rooms/{room.slug}/book/",
        "/musterstadt/rooms/vereinsheim/edit/",
        "/musterstadt/rooms/vereinsheim/photos/",
    ]:
        phone_tab.visit(path)
        assert_fits_phone(phone_tab)
    # The partner confirms the request from the queue.
    phone_tab.visit("/musterstadt/rooms/requests/")
    with phone_tab.page.expect_navigation():
        phone_tab.page.locator("main form button[type=submit]").first.click()
    phone_tab.scan()
    from quartier.rooms.models import Booking

    assert Booking.objects.filter(
        room=rooms["partner_room"], status="confirmed"
    ).exists()


def test_week_view_without_javascript(nojs_tab, world, rooms):
    room = rooms["room"]
    nojs_tab.visit(f"/musterstadt/rooms/{room.slug}/week/")
    with nojs_tab.page.expect_navigation():
        nojs_tab.page.locator("main nav a").nth(1).click()
    nojs_tab.scan()
    assert "week=" in nojs_tab.path()


@pytest.mark.both_widths
def test_a_coordinator_searches_whom_to_book_for_without_javascript(
    nojs_tab, world, rooms, monkeypatch
):
    """With more actors than the select offers, "on behalf of" is a search: the
    form's own "Suchen" button sends it back with everything typed and the
    matching organisations; then the booking goes through for the one chosen."""
    from quartier.rooms import forms
    from quartier.rooms.models import Booking

    monkeypatch.setattr(forms, "OFFERED", 1)  # the world's few actors are "many"
    room = rooms["room"]
    nojs_tab.force_login(world["users"]["coordinator"])
    nojs_tab.visit(f"/musterstadt/rooms/{room.slug}/book/")
    page = nojs_tab.page
    day = _next_tuesday()
    page.fill("#booking_purpose", "Vereinsfest-Vorbereitung")
    page.fill("#booking_expected_people", "8")
    page.fill("#booking_date", day.isoformat())
    page.fill("#booking_start", "18:00")
    page.fill("#booking_end", "20:00")
    page.fill("#booking_on_behalf_of_search", world["sport"].name.split()[0])
    with page.expect_navigation():
        page.get_by_role("button", name="Suchen").click()
    nojs_tab.scan()
    assert page.input_value("#booking_purpose") == "Vereinsfest-Vorbereitung"
    assert page.input_value("#booking_start") == "18:00"
    assert page.locator(".kern-error").count() == 0
    assert not Booking.objects.exists()
    page.select_option("#booking_on_behalf_of", label=world["sport"].name)
    with page.expect_navigation():
        page.get_by_role("button", name="Buchen").click()
    nojs_tab.scan()
    assert nojs_tab.path() == "/musterstadt/rooms/my-bookings/"
    assert Booking.objects.get(room=room).on_behalf_of == world["sport"]
