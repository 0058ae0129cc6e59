"""Truth-table rows of the rooms app.

World: a public municipal room with instant booking for residents, a hidden room
owned by an actor the partner acts for (with approval), and bookings: a request of
the resident for the partner's room, and a confirmed booking of the resident in the
municipal room."""

import datetime

from quartier.actors.models import ActorMember
from quartier.actors.tests.factories import ActorFactory
from quartier.core.tests.truth_table import Case, S, m
from quartier.rooms.tests.factories import BookingFactory, RoomFactory, next_weekday


def extend_world(world):
    municipality = world["municipality"]
    owner = ActorFactory(municipality=municipality, name="Raumverein Sonnenberg")
    ActorMember.objects.create(actor=owner, user=world["partner"])
    public = RoomFactory(
        municipality=municipality, slug="buergerhaus-saal", approval="instant"
    )
    hidden = RoomFactory(
        municipality=municipality,
        slug="vereinsraum",
        owner_actor=owner,
        is_public=False,
        approval="approval",
    )
    start = next_weekday(1, 18)
    world["rooms_public"] = public
    world["rooms_hidden"] = hidden
    world["rooms_request"] = BookingFactory(
        room=hidden, requested_by=world["resident"], status="requested"
    )
    world["rooms_confirmed"] = BookingFactory(
        room=public,
        requested_by=world["resident"],
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )


def _public(w):
    return {**m(w), "room": w["rooms_public"].slug}


def _hidden(w):
    return {**m(w), "room": w["rooms_hidden"].slug}


def _request(w):
    return {**m(w), "pk": w["rooms_request"].pk}


def _confirmed(w):
    return {**m(w), "pk": w["rooms_confirmed"].pk}


CASES = [
    Case("rooms:list", S(200, 200, 200, 200, 200, 200), kwargs=m),
    Case("rooms:new", S(302, 403, 200, 200, 200, 403), kwargs=m),
    Case("rooms:requests", S(302, 403, 200, 200, 200, 403), kwargs=m),
    Case("rooms:my_bookings", S(302, 200, 200, 200, 200, 200), kwargs=m),
    Case("rooms:detail", S(200, 200, 200, 200, 200, 200), kwargs=_public),
    Case(
        "rooms:detail",
        S(404, 404, 200, 200, 200, 404),
        kwargs=_hidden,
        label="hidden partner room",
    ),
    Case("rooms:edit", S(302, 403, 403, 200, 200, 403), kwargs=_public),
    Case(
        "rooms:edit",
        S(404, 404, 200, 200, 200, 404),
        kwargs=_hidden,
        label="hidden partner room",
    ),
    Case(
        "rooms:archive",
        S(403, 403, 403, 302, 302, 403),
        "post",
        kwargs=_public,
    ),
    Case("rooms:photo_add", S(302, 403, 403, 200, 200, 403), kwargs=_public),
    Case(
        "rooms:photo_delete",
        S(403, 403, 403, 404, 404, 403),
        "post",
        kwargs=lambda w: {**_public(w), "pk": 999999},
        label="no such photo",
    ),
    Case("rooms:week", S(200, 200, 200, 200, 200, 200), kwargs=_public),
    Case(
        "rooms:week",
        S(404, 404, 200, 200, 200, 404),
        kwargs=_hidden,
        label="hidden partner room",
    ),
    Case("rooms:book", S(302, 200, 200, 200, 200, 403), kwargs=_public),
    Case(
        "rooms:book",
        S(404, 404, 200, 200, 200, 404),
        kwargs=_hidden,
        label="hidden partner room",
    ),
    Case(
        "rooms:book",
        S(403, 200, 200, 200, 200, 403),
        "post",
        kwargs=_public,
        label="invalid form re-rendered",
    ),
    Case("rooms:calendar", S(200, 200, 200, 200, 200, 200), kwargs=_public),
    Case(
        "rooms:calendar",
        S(404, 404, 200, 200, 200, 404),
        kwargs=_hidden,
        label="hidden partner room",
    ),
    # A booking's page: its requester, the room's managers and the coordination.
    Case(
        "rooms:booking",
        S(404, 200, 200, 200, 200, 404),
        kwargs=_request,
        label="request for a partner's room",
    ),
    Case(
        "rooms:booking",
        S(404, 200, 404, 200, 200, 404),
        kwargs=_confirmed,
        label="the resident's booking in a municipal room",
    ),
    # The partner's room: the partner decides, not the municipality's coordination.
    Case(
        "rooms:approve",
        S(404, 403, 302, 403, 403, 404),
        "post",
        kwargs=_request,
        label="request for a partner's room",
    ),
    Case(
        "rooms:reject",
        S(404, 403, 200, 403, 403, 404),
        kwargs=_request,
        label="request for a partner's room",
    ),
    Case(
        "rooms:approve",
        S(404, 403, 404, 302, 302, 404),
        "post",
        kwargs=_confirmed,
        label="municipal room (already confirmed: message, redirect)",
    ),
    Case(
        "rooms:reject",
        S(404, 403, 404, 200, 200, 404),
        kwargs=_confirmed,
        label="municipal room",
    ),
    Case(
        "rooms:cancel",
        S(404, 302, 404, 302, 302, 404),
        "post",
        kwargs=_confirmed,
        label="the resident's confirmed booking",
    ),
]
