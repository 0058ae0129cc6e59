import datetime

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from quartier.rooms.availability import parse_week, week_param
from quartier.rooms.models import Booking
from quartier.rooms.tests.factories import (
    BookingFactory,
    OpeningHoursFactory,
    RoomFactory,
    next_weekday,
)

pytestmark = pytest.mark.django_db


def _url(name, room=None, **kwargs):
    kwargs["municipality_slug"] = "musterstadt"
    if room is not None:
        kwargs["room"] = room.slug
    return reverse(f"rooms:{name}", kwargs=kwargs)


@pytest.fixture
def room(municipality, neighborhood):
    return RoomFactory(
        municipality=municipality, neighborhood=neighborhood, name="Bürgerhaus Saal"
    )


def test_parse_week():
    assert parse_week("2026-W10") == datetime.date(2026, 3, 2)
    assert week_param(datetime.date(2026, 3, 4)) == "2026-W10"
    today = datetime.date(2026, 3, 5)
    assert parse_week("2026-W99", today) == datetime.date(2026, 3, 2)
    assert parse_week("<script>", today) == datetime.date(2026, 3, 2)


@pytest.mark.parametrize("rows", [5, 50])
def test_room_list_queries_do_not_grow(
    client, municipality, neighborhood, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        RoomFactory(municipality=municipality, neighborhood=neighborhood)
    with django_assert_max_num_queries(8):
        response = client.get(_url("list"))
    assert response.status_code == 200
    assert len(response.context["rooms"]) == rows


def test_room_list_filters(client, municipality, neighborhood):
    RoomFactory(municipality=municipality, name="Klein", capacity=10, accessibility=[])
    RoomFactory(
        municipality=municipality,
        name="Groß",
        capacity=100,
        accessibility=["induction_loop"],
        neighborhood=neighborhood,
    )
    names = lambda r: [x.name for x in r.context["rooms"]]  # noqa: E731
    assert names(client.get(_url("list"), {"people": 50})) == ["Groß"]
    assert names(client.get(_url("list"), {"accessibility": "induction_loop"})) == [
        "Groß"
    ]
    assert names(client.get(_url("list"), {"neighborhood": "sonnenberg"})) == ["Groß"]
    assert client.get(_url("list"), {"people": "viele"}).status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
def test_week_view_queries_do_not_grow(
    client, room, django_assert_max_num_queries, rows
):
    monday = parse_week(None) + datetime.timedelta(days=7)
    for index in range(rows):
        day = monday + datetime.timedelta(days=index % 7)
        start = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(7))
        ) + datetime.timedelta(minutes=15 * (index // 7))
        BookingFactory(
            room=room, starts_at=start, ends_at=start + datetime.timedelta(minutes=10)
        )
    OpeningHoursFactory(room=room, weekday=0)
    with django_assert_max_num_queries(6):
        response = client.get(_url("week", room), {"week": week_param(monday)})
    assert response.status_code == 200
    with django_assert_max_num_queries(6):
        response = client.get(
            _url("week", room), {"week": week_param(monday), "view": "list"}
        )
    assert response.status_code == 200


def test_week_view_shows_the_purpose_only_when_public(client, room):
    start = next_weekday(1, 18)
    BookingFactory(
        room=room,
        purpose="Lauftreff",
        purpose_public=True,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
    )
    BookingFactory(
        room=room,
        purpose="Geheime Beratung",
        purpose_public=False,
        starts_at=start + datetime.timedelta(hours=2),
        ends_at=start + datetime.timedelta(hours=3),
    )
    BookingFactory(
        room=room,
        purpose="Nur angefragt",
        status="requested",
        starts_at=start + datetime.timedelta(hours=3),
        ends_at=start + datetime.timedelta(hours=4),
    )
    week = week_param(timezone.localdate(start))
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        for view in ("", "list"):
            html = client.get(
                _url("week", room), {"week": week, "view": view}
            ).content.decode()
            assert "Lauftreff" in html
            assert "Geheime Beratung" not in html
            assert "Nur angefragt" not in html
            assert "occupied" in html


def test_calendar_feed(client, room):
    start = next_weekday(1, 18)
    public = BookingFactory(
        room=room,
        purpose="Lauftreff",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
    )
    BookingFactory(
        room=room,
        purpose="Privat",
        purpose_public=False,
        starts_at=start + datetime.timedelta(hours=2),
        ends_at=start + datetime.timedelta(hours=3),
    )
    BookingFactory(room=room, purpose="Abgesagt", status="cancelled")
    response = client.get(_url("calendar", room))
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    events = [c for c in cal.walk("VEVENT")]
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert len(events) == 2
    assert "Lauftreff" in summaries
    assert "Privat" not in summaries and "Abgesagt" not in summaries
    uids = {str(e["UID"]) for e in events}
    assert f"{public.uid}@quartier-rooms" in uids
    again = icalendar.Calendar.from_ical(client.get(_url("calendar", room)).content)
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == uids


def test_resident_books_through_the_form(client_for, room, resident):
    client = client_for(resident)
    start = next_weekday(3, 15)
    response = client.post(
        _url("book", room),
        {
            "purpose": "Spielenachmittag",
            "expected_people": 12,
            "date": start.date().isoformat(),
            "start": "15:00",
            "end": "17:00",
            "weeks": 2,
        },
    )
    assert response.status_code == 302
    bookings = Booking.objects.filter(room=room, requested_by=resident)
    assert bookings.count() == 2
    assert mail.outbox
    page = client.get(_url("my_bookings")).content.decode()
    assert "Spielenachmittag" in page


def test_a_taken_slot_re_renders_the_form_with_the_message(client_for, room, resident):
    start = next_weekday(3, 15)
    BookingFactory(
        room=room, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    data = {
        "purpose": "Spielenachmittag",
        "expected_people": 12,
        "date": start.date().isoformat(),
        "start": "16:00",
        "end": "17:00",
        "weeks": 1,
    }
    with translation.override("en"):
        response = client_for(resident).post(
            _url("book", room), data, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'value="Spielenachmittag"' in response.content.decode()


def test_bad_input_never_500s(client_for, room, resident):
    client = client_for(resident)
    for data in (
        {},
        {"date": "kein Datum", "start": "25:99", "end": "x", "weeks": "999"},
        {"purpose": "x", "expected_people": "-4", "date": "2026-02-30"},
    ):
        assert client.post(_url("book", room), data).status_code == 200
    assert client.get(_url("week", room), {"week": "9999-W99"}).status_code == 200


def test_meeting_page_shows_the_reserved_room(client, room):
    from quartier.forums.tests.factories import ForumFactory, MeetingFactory

    meeting = MeetingFactory(forum=ForumFactory(municipality=room.municipality))
    BookingFactory(room=room, meeting=meeting)
    url = reverse(
        "forums:meeting", kwargs={"municipality_slug": "musterstadt", "pk": meeting.pk}
    )
    assert "Bürgerhaus Saal" in client.get(url).content.decode()


def test_coordinator_creates_a_room_with_opening_hours(
    client_for, coordinator, neighborhood
):
    response = client_for(coordinator).post(
        _url("new"),
        {
            "name": "Lesecafé",
            "slug": "lesecafe",
            "address": "Bahnhofstraße 5",
            "neighborhood": neighborhood.pk,
            "capacity": 25,
            "accessibility": ["step_free"],
            "house_rules": "<p>Bitte leise.</p><script>x</script>",
            "bookable_by": "residents",
            "approval": "approval",
            "is_free": "on",
            "is_public": "on",
            "hours_0_opens": "10:00",
            "hours_0_closes": "18:00",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    from quartier.rooms.models import Room

    room = Room.objects.get(slug="lesecafe")
    assert "<script>" not in room.house_rules
    assert room.opening_hours.get().closes == datetime.time(18)


def test_bench_seed(municipality, client_for, coordinator):
    from quartier.rooms.bench import BENCH_PAGES, seed_bench

    seed_bench(municipality, 300)
    assert Booking.objects.filter(room__slug__startswith="bench-").count() == 300
    for label, path in BENCH_PAGES:
        # Pages marked "login" are measured signed in as the coordinator.
        client = client_for(coordinator if "login" in label else None)
        assert client.get(path.format(slug=municipality.slug)).status_code == 200
