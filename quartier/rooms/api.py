"""API endpoints of the rooms app (mounted at /api/v1/ by quartier.api).

Reads: rooms, a room and its availability — for anyone, public rooms only (hidden
rooms for the coordination and the owner, as on the web pages). Writes: booking
requests and cancellations with a personal token, through quartier.rooms.services,
with the same rules as the booking form. "My bookings" needs a token or session.
"""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from quartier.actors.models import Actor
from quartier.core.api import Id, LocalTime, Pages
from quartier.core.api_auth import field_error, municipality_for, read_auth, token_auth
from quartier.core.gate import get_object_for, require
from quartier.rooms import services
from quartier.rooms.availability import parse_week, week_for
from quartier.rooms.models import MAX_SERIES_WEEKS, Booking, Room

router = Router(tags=["Räume"])

WRITE_RESPONSES = {401: dict, 403: dict, 404: dict, 422: dict}


class OpeningHoursOut(Schema):
    weekday: int = Field(description="0 = Montag … 6 = Sonntag")
    opens: LocalTime
    closes: LocalTime


class RoomOut(Schema):
    slug: str
    name: str
    owner: str
    owner_actor: int | None
    address: str
    neighborhood: str | None
    capacity: int
    accessibility: list[str]
    bookable_by: str
    approval: str
    is_free: bool
    fee: str
    url: str

    @staticmethod
    def resolve_owner(obj: Room) -> str:
        return obj.owner_name

    @staticmethod
    def resolve_owner_actor(obj: Room) -> int | None:
        return obj.owner_actor_id

    @staticmethod
    def resolve_neighborhood(obj: Room) -> str | None:
        return obj.neighborhood.slug if obj.neighborhood_id else None

    @staticmethod
    def resolve_url(obj: Room) -> str:
        return obj.get_absolute_url()


class RoomDetailOut(RoomOut):
    equipment: str
    house_rules: str = Field(description="Bereinigtes HTML")
    opening_hours: list[OpeningHoursOut]

    @staticmethod
    def resolve_opening_hours(obj: Room) -> Any:
        return obj.opening_hours.all()


class BusySlot(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    label: str = Field(description="Zweck, wenn öffentlich; sonst „belegt“")


class AvailabilityOut(Schema):
    week: str
    opening_hours: list[OpeningHoursOut]
    booked: list[BusySlot]
    free: list[BusySlot]


class BookingIn(Schema):
    purpose: str = Field(min_length=1, max_length=200)
    purpose_public: bool = False
    expected_people: int = Field(ge=1, le=100_000)
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    weeks: int = Field(1, ge=1, le=MAX_SERIES_WEEKS)
    on_behalf_of: Id | None = Field(None, description="id einer Akteurin")


class BookingOut(Schema):
    id: int
    uid: str
    room: str
    purpose: str
    purpose_public: bool
    expected_people: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: str
    rejection_reason: str
    series: str | None
    series_position: int | None

    @staticmethod
    def resolve_uid(obj: Booking) -> str:
        return str(obj.uid)

    @staticmethod
    def resolve_room(obj: Booking) -> str:
        return obj.room.slug

    @staticmethod
    def resolve_series(obj: Booking) -> str | None:
        return str(obj.series) if obj.series else None


def _rooms(qs: QuerySet[Room]) -> QuerySet[Room]:
    return qs.select_related("municipality", "owner_actor", "neighborhood")


def _aware(value: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


@router.get(
    "/municipalities/{slug}/rooms",
    response=list[RoomOut],
    auth=read_auth,
    summary="Räume einer Kommune",
)
@paginate(Pages)
def room_list(request: HttpRequest, slug: str) -> QuerySet[Room]:
    municipality = municipality_for(request, slug)
    require(request, "core.view_municipality")
    visible = Room.objects.visible_to(request.user, municipality).active()
    return _rooms(Room.objects.filter(pk__in=visible)).order_by("name", "pk")


@router.get(
    "/municipalities/{slug}/rooms/{room_slug}",
    response={200: RoomDetailOut, 404: dict},
    auth=read_auth,
    summary="Ein Raum mit Öffnungszeiten",
)
def room_detail(request: HttpRequest, slug: str, room_slug: str) -> Room:
    municipality_for(request, slug)
    return get_object_for(request, _rooms(Room.objects.all()), slug=room_slug)


@router.get(
    "/municipalities/{slug}/rooms/{room_slug}/availability",
    response={200: AvailabilityOut, 404: dict},
    auth=read_auth,
    summary="Freie und belegte Zeiten einer Woche",
)
def room_availability(
    request: HttpRequest, slug: str, room_slug: str, week: str = ""
) -> dict[str, Any]:
    """`week` als `YYYY-Www` (ISO-Woche); ohne Angabe die laufende Woche. Nur
    bestätigte Buchungen belegen einen Raum."""
    municipality_for(request, slug)
    room = get_object_for(request, _rooms(Room.objects.all()), slug=room_slug)
    data = week_for(room, parse_week(week))
    spans = [span for day in data.days for span in day.spans]
    as_slot = lambda s: {  # noqa: E731
        "starts_at": s.start,
        "ends_at": s.end,
        "label": s.label,
    }
    return {
        "week": data.param,
        "opening_hours": list(room.opening_hours.all()),
        "booked": [as_slot(s) for s in spans if s.booked],
        "free": [as_slot(s) for s in spans if not s.booked],
    }


@router.post(
    "/municipalities/{slug}/rooms/{room_slug}/bookings",
    response={201: list[BookingOut], **WRITE_RESPONSES},
    auth=token_auth,
    summary="Raum anfragen oder buchen (Token)",
)
def booking_create(
    request: HttpRequest, slug: str, room_slug: str, payload: BookingIn
) -> Status[list[Booking]]:
    """Einmalig oder wöchentlich (`weeks`, höchstens 26): alles oder nichts. Bei
    Sofortbuchung sind die Buchungen bestätigt, sonst angefragt."""
    municipality = municipality_for(request, slug)
    room = get_object_for(
        request, _rooms(Room.objects.all()), "rooms.book_room", slug=room_slug
    )
    data = payload.dict()
    actor = None
    if data.get("on_behalf_of") is not None:
        actor = Actor.objects.of(municipality).filter(pk=data["on_behalf_of"]).first()
        if actor is None:
            raise field_error("on_behalf_of", "Unbekannte Akteurin.")
    bookings = services.booking_request(
        by=request.user,
        room=room,
        purpose=data["purpose"],
        purpose_public=data["purpose_public"],
        expected_people=data["expected_people"],
        starts_at=_aware(data["starts_at"]),
        ends_at=_aware(data["ends_at"]),
        weeks=data["weeks"],
        on_behalf_of=actor,
    )
    return Status(201, bookings)


@router.get(
    "/municipalities/{slug}/my-bookings",
    response={200: list[BookingOut], 401: dict},
    auth=read_auth,
    summary="Meine Buchungen und Anfragen",
)
@paginate(Pages)
def my_bookings(request: HttpRequest, slug: str) -> QuerySet[Booking]:
    municipality = municipality_for(request, slug)
    if not request.user.is_authenticated:
        from ninja.errors import AuthenticationError

        raise AuthenticationError
    return (
        Booking.objects.of(municipality)
        .filter(requested_by=request.user)
        .select_related("room")
        .order_by("starts_at", "pk")
    )


@router.post(
    "/municipalities/{slug}/bookings/{booking_id}/cancel",
    response={200: list[BookingOut], **WRITE_RESPONSES},
    auth=token_auth,
    summary="Buchung absagen (Token)",
)
def booking_cancel(
    request: HttpRequest, slug: str, booking_id: Id, series: bool = False
) -> list[Booking]:
    municipality_for(request, slug)
    booking = get_object_for(
        request,
        Booking.objects.select_related("room__municipality", "room__owner_actor"),
        "rooms.cancel_booking",
        pk=booking_id,
    )
    return services.booking_cancel(
        by=request.user, booking=booking, whole_series=series
    )
