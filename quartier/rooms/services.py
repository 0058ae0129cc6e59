"""Writes of the rooms app: rooms with opening hours and photos, and bookings.

No double booking: every write that can confirm a booking first locks the room row
(`SELECT … FOR UPDATE` on PostgreSQL; on SQLite a write to the row, which takes the
database's single write lock — the IMMEDIATE transaction mode of settings.py takes
it even earlier), then checks for confirmed bookings in the same time. Requests
that are still "requested" may overlap each other; confirming one checks again. On
PostgreSQL an exclusion constraint backs the check (migration 0001).
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_tasks import task

from quartier.actors.models import Actor
from quartier.core.dates import check_datetime
from quartier.core.images import clean_photo
from quartier.core.maillinks import absolute_url
from quartier.core.models import Municipality
from quartier.core.predicates import is_coordinator
from quartier.core.sanitize import clean_html
from quartier.core.services import ensure_allowed, record_action
from quartier.core.tasks import lazy_subject, queue_email
from quartier.rooms.models import (
    MAX_SERIES_WEEKS,
    Accessibility,
    ApprovalMode,
    Booking,
    BookingStatus,
    OpeningHours,
    Room,
    RoomPhoto,
)

ROOM_FIELDS = (
    "name",
    "slug",
    "owner_actor",
    "address",
    "neighborhood",
    "capacity",
    "accessibility",
    "equipment",
    "house_rules",
    "bookable_by",
    "approval",
    "is_free",
    "fee",
    "contact_email",
    "booking_horizon_months",
    "is_public",
)

# Paths below /<slug>/rooms/ that a room's slug must not shadow.
RESERVED_SLUGS = {"new", "requests", "my-bookings", "bookings"}


def room_taken_message() -> str:
    return _("The room is already booked at this time.")


# --- Rooms -----------------------------------------------------------------------


def _own_actor_ids(user: Any, municipality: Municipality) -> set[int]:
    return set(
        Actor.objects.filter(municipality=municipality, members=user).values_list(
            "pk", flat=True
        )
    )


@transaction.atomic
def room_save(
    *,
    by: Any,
    municipality: Municipality,
    room: Room | None = None,
    opening_hours: Iterable[tuple[int, datetime.time, datetime.time]] | None = None,
    **fields: Any,
) -> Room:
    """Create or change a room (coordination: any room; partners: rooms of the
    actors they act for). `opening_hours` replaces all intervals when given."""
    unknown = set(fields) - set(ROOM_FIELDS)
    if unknown:
        raise TypeError(f"unknown room fields: {sorted(unknown)}")
    if room is None:
        ensure_allowed(by, "rooms.add_room", municipality)
        room = Room(municipality=municipality)
    else:
        ensure_allowed(by, "rooms.change_room", room)
    if "owner_actor" in fields and not is_coordinator.test(by, municipality):
        owner = fields["owner_actor"]
        if owner is None or owner.pk not in _own_actor_ids(by, municipality):
            raise ValidationError(
                {"owner_actor": _("You can only offer rooms of actors you act for.")}
            )
    if "owner_actor" in fields and fields["owner_actor"] is not None:
        if fields["owner_actor"].municipality_id != municipality.pk:
            raise ValidationError({"owner_actor": _("Unknown actor.")})
    if "accessibility" in fields:
        values = list(dict.fromkeys(fields["accessibility"] or []))
        if any(v not in Accessibility.values for v in values):
            raise ValidationError(
                {"accessibility": _("Unknown accessibility feature.")}
            )
        fields["accessibility"] = values
    if "house_rules" in fields:
        fields["house_rules"] = clean_html(fields["house_rules"] or "")
    for name, value in fields.items():
        setattr(room, name, value)
    if room.is_free:
        room.fee = ""
    if room.slug in RESERVED_SLUGS:
        raise ValidationError(
            {"slug": _("This address is reserved; please choose another.")}
        )
    taken = Room.objects.filter(municipality=municipality, slug=room.slug)
    if room.pk:
        taken = taken.exclude(pk=room.pk)
    if taken.exists():
        raise ValidationError({"slug": _("Another room already uses this address.")})
    room.full_clean(exclude=["municipality"])
    room.save()
    if opening_hours is not None:
        intervals = sorted(opening_hours)
        for _weekday, opens, closes in intervals:
            if closes <= opens:
                raise ValidationError(
                    _("Opening hours: the room must close after it opens.")
                )
        room.opening_hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(room=room, weekday=w, opens=o, closes=c)
            for w, o, c in intervals
        )
    record_action(by, municipality, "rooms.save_room", room)
    return room


@transaction.atomic
def room_photo_add(*, by: Any, room: Room, image: Any, alt_text: str) -> RoomPhoto:
    """Add a photo; it is re-encoded without metadata. The alt text is required."""
    ensure_allowed(by, "rooms.change_room", room)
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise ValidationError(
            {"alt_text": _("Please describe the photo for people who cannot see it.")}
        )
    content = clean_photo(image, max_side=2000, field="image")
    photo = RoomPhoto(
        room=room, alt_text=alt_text[:300], position=room.photos.count() + 1
    )
    photo.image.save(content.name, content, save=False)
    photo.save()
    return photo


@transaction.atomic
def room_photo_delete(*, by: Any, photo: RoomPhoto) -> None:
    ensure_allowed(by, "rooms.change_room", photo.room)
    photo.image.delete(save=False)
    photo.delete()


# --- Bookings --------------------------------------------------------------------


def _lock_room(room_pk: int) -> Room:
    """Take the room's lock for the rest of the transaction (see the module doc)."""
    if connection.vendor == "sqlite":
        # A write is the only lock SQLite has; it must come before any read.
        Room.objects.filter(pk=room_pk).update(capacity=F("capacity"))
    return (
        Room.objects.select_for_update(of=("self",))
        .select_related("municipality", "owner_actor")
        .get(pk=room_pk)
    )


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment)


def _day(moment: datetime.datetime) -> str:
    return date_format(_local(moment).date(), "D, d.m.Y")


def opening_hours_problem(
    room: Room,
    start: datetime.datetime,
    end: datetime.datetime,
    hours: list[OpeningHours] | None = None,
) -> str:
    """Why the room is not open for this slot ("" when it is)."""
    if hours is None:
        hours = list(room.opening_hours.all())
    if not hours:
        return ""
    local_start, local_end = _local(start), _local(end)
    if local_start.date() != local_end.date() and local_end.time() != datetime.time(0):
        return _("A booking must end on the day it starts.")
    day = [h for h in hours if h.weekday == local_start.weekday()]
    end_time = local_end.time() if local_end.date() == local_start.date() else None
    for interval in day:
        closes_ok = end_time is not None and end_time <= interval.closes
        if interval.opens <= local_start.time() and closes_ok:
            return ""
    if not day:
        return _("The room is closed on %(day)s.") % {"day": _day(start)}
    spans = ", ".join(f"{h.opens:%H:%M}–{h.closes:%H:%M}" for h in day)
    return _("On %(day)s the room is open only %(hours)s.") % {
        "day": _day(start),
        "hours": spans,
    }


def horizon_problem(room: Room, starts_at: datetime.datetime, weeks: int = 1) -> str:
    """Why a booking (series) starting at `starts_at` lies beyond the room's booking
    horizon ("" when it does not)."""
    until = room.bookable_until()
    last = _local(starts_at).date() + datetime.timedelta(
        weeks=max(0, min(weeks, MAX_SERIES_WEEKS) - 1)
    )
    if last <= until:
        return ""
    return ngettext(
        "This room can be booked at most %(months)s month ahead, until %(until)s.",
        "This room can be booked at most %(months)s months ahead, until %(until)s.",
        room.booking_horizon_months,
    ) % {
        "months": room.booking_horizon_months,
        "until": date_format(until, "SHORT_DATE_FORMAT"),
    }


def _occurrences(
    start: datetime.datetime, end: datetime.datetime, weeks: int
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The same wall-clock times each week (across a change to summer time)."""
    local_start, local_end = _local(start), _local(end)
    tz = timezone.get_current_timezone()
    result = []
    for week in range(weeks):
        shift = datetime.timedelta(weeks=week)
        result.append(
            (
                timezone.make_aware((local_start + shift).replace(tzinfo=None), tz),
                timezone.make_aware((local_end + shift).replace(tzinfo=None), tz),
            )
        )
    return result


def _collision(
    room: Room,
    slots: list[tuple[datetime.datetime, datetime.datetime]],
    exclude: Iterable[int] = (),
) -> str:
    """The message for the first slot that a confirmed booking already holds."""
    for start, end in slots:
        clash = (
            Booking.objects.filter(room=room)
            .confirmed()
            .overlapping(start, end)
            .exclude(pk__in=list(exclude))
            .exists()
        )
        if clash:
            if len(slots) == 1:
                return room_taken_message()
            return _("On %(day)s: the room is already booked at this time.") % {
                "day": _day(start)
            }
    return ""


def _save_confirming(bookings: list[Booking], *, create: bool) -> None:
    """Write bookings; on PostgreSQL the exclusion constraint may still refuse a
    row a concurrent transaction confirmed — that is the same "taken" answer."""
    try:
        with transaction.atomic():
            if create:
                Booking.objects.bulk_create(bookings)
            else:
                for booking in bookings:
                    booking.save()
    except IntegrityError as exc:
        raise ValidationError(room_taken_message(), code="room_taken") from exc


def _link(room: Room, name: str = "rooms:my_bookings") -> str:
    from django.urls import reverse

    return absolute_url(
        reverse(name, kwargs={"municipality_slug": room.municipality.slug})
    )


def _mail(kind: str, bookings: list[Booking], to: str, **extra: Any) -> None:
    if not to or not bookings:
        return
    first = bookings[0]
    room = first.room
    subjects = {
        "requested": gettext_lazy("New booking request: %(room)s"),
        "confirmed": gettext_lazy("Booking confirmed: %(room)s"),
        "rejected": gettext_lazy("Booking not possible: %(room)s"),
        "cancelled": gettext_lazy("Booking cancelled: %(room)s"),
        "reminder": gettext_lazy("Reminder: your booking of %(room)s tomorrow"),
    }
    queue_email(
        to=to,
        subject=lazy_subject(subjects[kind], room=room.name),
        template=f"rooms/email/booking_{kind}.txt",
        context={
            "booking": first,
            "bookings": bookings,
            "room": room,
            "link": _link(room),
            "requests_link": _link(room, "rooms:requests"),
            **extra,
        },
    )


def _requester_email(booking: Booking) -> str:
    user = booking.requested_by
    return user.email if user is not None else ""


def _check_meeting(by: Any, room: Room, meeting: Any) -> None:
    if meeting is None:
        return
    if meeting.municipality_id != room.municipality_id or not by.has_perm(
        "forums.change_meeting", meeting
    ):
        raise ValidationError(
            {"meeting": _("You can reserve rooms only for meetings you organise.")}
        )


@transaction.atomic
def booking_request(
    *,
    by: Any,
    room: Room,
    purpose: str,
    expected_people: int,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    purpose_public: bool = False,
    weeks: int = 1,
    on_behalf_of: Actor | None = None,
    meeting: Any = None,
) -> list[Booking]:
    """Ask for a room once or weekly for `weeks` weeks (one Booking per occurrence).

    The whole series is all-or-nothing: if one occurrence falls on a confirmed
    booking or outside the opening hours, nothing is saved and the message names
    the date. Rooms with instant booking (and the room's own owners) get confirmed
    bookings at once; otherwise the owner is asked by e-mail.
    """
    # The lock comes first: on SQLite nothing may be read before it (module doc).
    room = _lock_room(room.pk)
    ensure_allowed(by, "rooms.book_room", room)
    errors: dict[str, str] = {}
    purpose = (purpose or "").strip()
    if not purpose:
        errors["purpose"] = _("Please say what the room is for.")
    if not expected_people or expected_people < 1:
        errors["expected_people"] = _("At least one person, please.")
    elif expected_people > room.capacity:
        errors["expected_people"] = _("The room holds at most %(capacity)s people.") % {
            "capacity": room.capacity
        }
    if not 1 <= int(weeks or 0) <= MAX_SERIES_WEEKS:
        errors["weeks"] = _("Between 1 and %(max)s weeks, please.") % {
            "max": MAX_SERIES_WEEKS
        }
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValidationError(_("Times need a time zone."))
    try:  # before any arithmetic: 9999-12-30 plus a week overflows
        check_datetime(starts_at)
        check_datetime(ends_at)
    except ValidationError as exc:
        raise ValidationError({"starts_at": exc.messages}) from None
    if ends_at <= starts_at:
        errors["ends_at"] = _("The end must be after the start.")
    elif starts_at <= timezone.now():
        errors["starts_at"] = _("The start must be in the future.")
    else:
        problem = horizon_problem(room, starts_at, int(weeks or 1))
        if problem:
            errors["starts_at"] = problem
    if on_behalf_of is not None and not (
        on_behalf_of.municipality_id == room.municipality_id
        and (
            is_coordinator.test(by, room.municipality)
            or on_behalf_of.pk in _own_actor_ids(by, room.municipality)
        )
    ):
        errors["on_behalf_of"] = _("You can book only for actors you act for.")
    if errors:
        raise ValidationError(errors)
    _check_meeting(by, room, meeting)

    slots = _occurrences(starts_at, ends_at, int(weeks))
    hours = list(room.opening_hours.all())
    for start, end in slots:
        problem = opening_hours_problem(room, start, end, hours)
        if problem:
            raise ValidationError({"starts_at": problem}, code="closed")
    problem = _collision(room, slots)
    if problem:
        raise ValidationError(problem, code="room_taken")

    instant = room.approval == ApprovalMode.INSTANT or by.has_perm(
        "rooms.manage_bookings", room
    )
    series = uuid.uuid4() if len(slots) > 1 else None
    now = timezone.now()
    bookings = [
        Booking(
            municipality=room.municipality,
            room=room,
            requested_by=by,
            on_behalf_of=on_behalf_of,
            purpose=purpose[:200],
            purpose_public=bool(purpose_public),
            expected_people=expected_people,
            starts_at=start,
            ends_at=end,
            status=BookingStatus.CONFIRMED if instant else BookingStatus.REQUESTED,
            decided_at=now if instant else None,
            series=series,
            series_position=index + 1 if series else None,
            meeting=meeting,
        )
        for index, (start, end) in enumerate(slots)
    ]
    _save_confirming(bookings, create=True)
    if instant:
        _mail("confirmed", bookings, _requester_email(bookings[0]))
    else:
        _mail("requested", bookings, room.request_email)
    return bookings


def _series_of(booking: Booking, statuses: Iterable[str]) -> list[Booking]:
    qs = Booking.objects.filter(pk=booking.pk)
    if booking.series:
        qs = Booking.objects.filter(series=booking.series, room_id=booking.room_id)
    return list(
        qs.filter(status__in=list(statuses))
        .select_related("requested_by")
        .order_by("starts_at")
    )


@transaction.atomic
def booking_approve(*, by: Any, booking: Booking) -> list[Booking]:
    """Confirm a request (with its whole series), checking again that no confirmed
    booking holds any of its times; all-or-nothing."""
    ensure_allowed(by, "rooms.decide_booking", booking)
    room = _lock_room(booking.room_id)
    bookings = _series_of(booking, [BookingStatus.REQUESTED])
    if not bookings:
        raise ValidationError(_("This request has already been answered."))
    problem = _collision(room, [(b.starts_at, b.ends_at) for b in bookings])
    if problem:
        raise ValidationError(problem, code="room_taken")
    now = timezone.now()
    for item in bookings:
        item.room = room
        item.status = BookingStatus.CONFIRMED
        item.decided_by = by
        item.decided_at = now
    _save_confirming(bookings, create=False)
    record_action(by, room.municipality, "rooms.approve_booking", bookings[0])
    _mail("confirmed", bookings, _requester_email(bookings[0]))
    return bookings


@transaction.atomic
def booking_reject(*, by: Any, booking: Booking, reason: str) -> list[Booking]:
    """Turn a request (with its whole series) down; the reason goes to the person
    who asked."""
    ensure_allowed(by, "rooms.decide_booking", booking)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Please give a reason; the person who asked will read it.")}
        )
    room = _lock_room(booking.room_id)
    bookings = _series_of(booking, [BookingStatus.REQUESTED])
    if not bookings:
        raise ValidationError(_("This request has already been answered."))
    now = timezone.now()
    for item in bookings:
        item.room = room
        item.status = BookingStatus.REJECTED
        item.rejection_reason = reason[:2000]
        item.decided_by = by
        item.decided_at = now
        item.save(
            update_fields=[
                "status",
                "rejection_reason",
                "decided_by",
                "decided_at",
                "updated_at",
            ]
        )
    record_action(by, room.municipality, "rooms.reject_booking", bookings[0])
    _mail("rejected", bookings, _requester_email(bookings[0]), reason=reason)
    return bookings


@transaction.atomic
def booking_cancel(
    *, by: Any, booking: Booking, whole_series: bool = False
) -> list[Booking]:
    """Cancel a booking or request (the person who asked, or the room's owner);
    with `whole_series`, every occurrence from this one on."""
    if not getattr(by, "is_authenticated", False):
        raise PermissionDenied("rooms.cancel_booking")
    ensure_allowed(by, "rooms.cancel_booking", booking)
    room = _lock_room(booking.room_id)
    active = [BookingStatus.REQUESTED, BookingStatus.CONFIRMED]
    if whole_series and booking.series:
        bookings = [
            b for b in _series_of(booking, active) if b.starts_at >= booking.starts_at
        ]
    else:
        bookings = _series_of(Booking(pk=booking.pk, room_id=room.pk), active)
    if not bookings:
        raise ValidationError(_("This booking was already cancelled or answered."))
    for item in bookings:
        item.room = room
        item.status = BookingStatus.CANCELLED
        item.save(update_fields=["status", "updated_at"])
    if bookings[0].requested_by_id == by.pk:
        _mail("cancelled", bookings, room.request_email, by_requester=True)
    else:
        record_action(by, room.municipality, "rooms.cancel_booking", bookings[0])
        _mail("cancelled", bookings, _requester_email(bookings[0]))
    return bookings


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """E-mail the person who booked, the day before, for every confirmed booking of
    tomorrow without a reminder yet; idempotent (`reminder_sent_at`). Returns the
    number of e-mails sent."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(
        datetime.datetime.combine(tomorrow, datetime.time()), tz
    )
    end = start + datetime.timedelta(days=1)
    candidates = list(
        Booking.objects.confirmed()
        .filter(
            reminder_sent_at__isnull=True,
            starts_at__gte=start,
            starts_at__lt=end,
            requested_by__isnull=False,
        )
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in candidates:
        with transaction.atomic():
            booking = (
                Booking.objects.select_for_update(of=("self",))
                .select_related("room__municipality", "requested_by")
                .get(pk=pk)
            )
            if booking.reminder_sent_at is not None:
                continue  # another run was faster
            _mail("reminder", [booking], _requester_email(booking))
            booking.reminder_sent_at = now
            booking.save(update_fields=["reminder_sent_at"])
            sent += 1
    return sent


@task()
def send_booking_reminders() -> int:
    """The reminders as a background task, for operators who schedule tasks."""
    return reminders_send()
