import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from quartier.accounts.tests.factories import MembershipFactory, UserFactory
from quartier.actors.models import ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.rooms import services
from quartier.rooms.models import Booking
from quartier.rooms.tests.factories import (
    BookingFactory,
    OpeningHoursFactory,
    RoomFactory,
    next_weekday,
)

pytestmark = pytest.mark.django_db


def _request(by, room, start, hours=2, **extra):
    values = {
        "purpose": "Gehgruppe: Treffpunkt und Tee",
        "expected_people": 8,
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=hours),
    }
    values.update(extra)
    return services.booking_request(by=by, room=room, **values)


@pytest.fixture
def room(municipality):
    return RoomFactory(municipality=municipality, capacity=20, approval="instant")


@pytest.fixture
def partner_room(municipality, partner):
    actor = ActorFactory(municipality=municipality, email="raum@verein.example")
    ActorMember.objects.create(actor=actor, user=partner)
    return RoomFactory(
        municipality=municipality, owner_actor=actor, approval="approval"
    )


def test_instant_booking_is_confirmed_and_mailed(room, resident):
    bookings = _request(resident, room, next_weekday(1, 18))
    assert [b.status for b in bookings] == ["confirmed"]
    assert mail.outbox[-1].to == [resident.email]


def test_it_rejects_an_overlapping_booking(room, resident, coordinator):
    start = next_weekday(1, 18)
    _request(resident, room, start)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        _request(coordinator, room, start + datetime.timedelta(hours=1))
    assert exc.value.messages == ["The room is already booked at this time."]
    assert Booking.objects.filter(room=room).count() == 1


def test_back_to_back_bookings_do_not_collide(room, resident):
    start = next_weekday(1, 18)
    _request(resident, room, start)
    _request(resident, room, start + datetime.timedelta(hours=2))
    assert Booking.objects.filter(room=room, status="confirmed").count() == 2


def test_a_weekly_series_is_all_or_nothing_and_names_the_date(room, resident):
    start = next_weekday(2, 10)
    blocker = BookingFactory(
        room=room,
        starts_at=start + datetime.timedelta(weeks=3),
        ends_at=start + datetime.timedelta(weeks=3, hours=1),
    )
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        _request(resident, room, start, weeks=6)
    day = timezone.localtime(blocker.starts_at).strftime("%d.%m.%Y")
    assert day in exc.value.messages[0]
    assert Booking.objects.filter(room=room).count() == 1


def test_a_weekly_series_creates_one_booking_per_week(room, resident):
    bookings = _request(resident, room, next_weekday(2, 10), weeks=5)
    assert len(bookings) == 5
    assert len({b.series for b in bookings}) == 1
    assert [b.series_position for b in bookings] == [1, 2, 3, 4, 5]
    hours = {timezone.localtime(b.starts_at).hour for b in bookings}
    assert hours == {10}  # the same wall-clock time, also across summer time


def test_series_longer_than_26_weeks_is_refused(room, resident):
    with pytest.raises(ValidationError) as exc:
        _request(resident, room, next_weekday(2, 10), weeks=27)
    assert "weeks" in exc.value.error_dict


def test_expected_people_may_not_exceed_the_capacity(room, resident):
    with pytest.raises(ValidationError) as exc:
        _request(resident, room, next_weekday(1), expected_people=21)
    assert "expected_people" in exc.value.error_dict


def test_a_request_outside_the_opening_hours_is_refused(room, resident):
    OpeningHoursFactory(
        room=room, weekday=1, opens=datetime.time(9), closes=datetime.time(17)
    )
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        _request(resident, room, next_weekday(1, 16))  # until 18:00
    assert "open only 09:00–17:00" in exc.value.messages[0]
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        _request(resident, room, next_weekday(3, 10))
    assert "closed" in exc.value.messages[0]
    assert _request(resident, room, next_weekday(1, 9))[0].status == "confirmed"


def test_past_times_are_refused(room, resident):
    with pytest.raises(ValidationError):
        _request(resident, room, timezone.now() - datetime.timedelta(days=1))


@pytest.mark.parametrize(
    ("bookable_by", "allowed"),
    [
        ("residents", {"resident", "partner", "coordinator", "admin"}),
        ("partners", {"partner", "coordinator", "admin"}),
        ("internal", {"coordinator", "admin"}),
    ],
)
def test_who_may_book(municipality, users, bookable_by, allowed):
    room = RoomFactory(municipality=municipality, bookable_by=bookable_by)
    for role, user in users.items():
        if user is None:
            continue
        start = next_weekday(1, 8) + datetime.timedelta(
            hours=list(users).index(role) * 2
        )
        if role in allowed:
            _request(user, room, start, hours=1)
        else:
            with pytest.raises(PermissionDenied):
                _request(user, room, start, hours=1)


def test_requests_wait_for_the_owner_and_may_overlap(partner_room, resident, users):
    other = UserFactory()
    MembershipFactory(user=other, municipality=partner_room.municipality)
    start = next_weekday(4, 17)
    first = _request(resident, partner_room, start)[0]
    second = _request(other, partner_room, start)[0]
    assert first.status == second.status == "requested"
    assert mail.outbox[-1].to == ["raum@verein.example"]
    # The municipality's coordination does not decide on a partner's room.
    with pytest.raises(PermissionDenied):
        services.booking_approve(by=users["coordinator"], booking=first)
    services.booking_approve(by=users["partner"], booking=first)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.booking_approve(by=users["partner"], booking=second)
    assert "already booked" in exc.value.messages[0]
    first.refresh_from_db()
    assert first.status == "confirmed"
    assert mail.outbox[-1].to == [resident.email]


def test_coordination_decides_on_municipal_rooms(municipality, resident, users):
    room = RoomFactory(municipality=municipality, approval="approval")
    booking = _request(resident, room, next_weekday(1, 18), weeks=3)[0]
    with pytest.raises(PermissionDenied):
        services.booking_approve(by=users["partner"], booking=booking)
    confirmed = services.booking_approve(by=users["coordinator"], booking=booking)
    assert len(confirmed) == 3
    assert set(Booking.objects.values_list("status", flat=True)) == {"confirmed"}


def test_rejection_needs_a_reason_and_is_mailed(partner_room, resident, partner):
    booking = _request(resident, partner_room, next_weekday(1, 18))[0]
    with pytest.raises(ValidationError):
        services.booking_reject(by=partner, booking=booking, reason=" ")
    services.booking_reject(
        by=partner, booking=booking, reason="Der Saal wird renoviert."
    )
    booking.refresh_from_db()
    assert booking.status == "rejected"
    assert booking.rejection_reason == "Der Saal wird renoviert."
    assert mail.outbox[-1].to == [resident.email]
    assert "Der Saal wird renoviert." in mail.outbox[-1].body


def test_cancellation_by_the_requester_tells_the_owner(partner_room, resident):
    booking = _request(resident, partner_room, next_weekday(1, 18))[0]
    services.booking_cancel(by=resident, booking=booking)
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert mail.outbox[-1].to == ["raum@verein.example"]


def test_strangers_cannot_cancel(room, resident, municipality):
    booking = _request(resident, room, next_weekday(1, 18))[0]
    stranger = UserFactory()
    MembershipFactory(user=stranger, municipality=municipality)
    with pytest.raises(PermissionDenied):
        services.booking_cancel(by=stranger, booking=booking)


def test_cancelling_a_series_from_one_date_on(room, resident):
    bookings = _request(resident, room, next_weekday(1, 18), weeks=4)
    services.booking_cancel(by=resident, booking=bookings[2], whole_series=True)
    statuses = list(
        Booking.objects.order_by("starts_at").values_list("status", flat=True)
    )
    assert statuses == ["confirmed", "confirmed", "cancelled", "cancelled"]


def test_a_cancelled_slot_can_be_booked_again(room, resident, coordinator):
    start = next_weekday(1, 18)
    booking = _request(resident, room, start)[0]
    services.booking_cancel(by=resident, booking=booking)
    assert _request(coordinator, room, start)[0].status == "confirmed"


def test_reminders_are_sent_once_the_day_before(room, resident):
    now = timezone.now()
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(18)))
    BookingFactory(
        room=room,
        requested_by=resident,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
    )
    BookingFactory(room=room, status="requested", starts_at=start)
    BookingFactory(room=room, starts_at=start + datetime.timedelta(days=3))
    mail.outbox.clear()
    assert services.reminders_send(now=now) == 1
    assert mail.outbox[0].to == [resident.email]
    assert services.reminders_send(now=now) == 0


def test_reminder_command_runs(room):
    from django.core.management import call_command

    call_command("send_booking_reminders")


def test_meetings_can_be_reserved_only_by_who_organises_them(
    room, resident, coordinator
):
    from quartier.forums.tests.factories import ForumFactory, MeetingFactory

    meeting = MeetingFactory(forum=ForumFactory(municipality=room.municipality))
    with pytest.raises(ValidationError):
        _request(resident, room, next_weekday(1, 18), meeting=meeting)
    booking = _request(coordinator, room, next_weekday(1, 18), meeting=meeting)[0]
    assert booking.meeting == meeting


def test_partners_offer_rooms_only_for_their_own_actors(municipality, partner):
    own = ActorFactory(municipality=municipality)
    ActorMember.objects.create(actor=own, user=partner)
    foreign = ActorFactory(municipality=municipality)
    fields = {
        "name": "Vereinsheim",
        "slug": "vereinsheim",
        "address": "Am Sportplatz 1",
        "capacity": 30,
    }
    with pytest.raises(ValidationError):
        services.room_save(
            by=partner, municipality=municipality, owner_actor=foreign, **fields
        )
    room = services.room_save(
        by=partner,
        municipality=municipality,
        owner_actor=own,
        opening_hours=[(0, datetime.time(17), datetime.time(22))],
        **fields,
    )
    assert room.opening_hours.count() == 1


def test_reserved_room_slugs_are_refused(municipality, coordinator):
    with pytest.raises(ValidationError) as exc:
        services.room_save(
            by=coordinator,
            municipality=municipality,
            name="Neu",
            slug="requests",
            address="x",
            capacity=5,
        )
    assert "slug" in exc.value.error_dict


def test_photos_are_re_encoded_without_metadata(room, coordinator, settings, tmp_path):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    original = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"  # Make
    buffer = io.BytesIO()
    original.save(buffer, format="JPEG", exif=exif)
    upload = SimpleUploadedFile("foto.jpg", buffer.getvalue(), "image/jpeg")
    photo = services.room_photo_add(
        by=coordinator, room=room, image=upload, alt_text="Heller Saal"
    )
    with Image.open(photo.image.path) as stored:
        assert not stored.getexif()
    bad = SimpleUploadedFile("x.jpg", b"not an image", "image/jpeg")
    with pytest.raises(ValidationError):
        services.room_photo_add(by=coordinator, room=room, image=bad, alt_text="x")
