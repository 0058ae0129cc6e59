"""Permissions of the rooms app (docs/permissions.md).

Objects are a Municipality (lists, "add"), a Room, or a Booking (which leads to its
room). "Owner" means a member (partner) of the actor that owns the room; rooms of
the municipality are run by its coordination.
"""

from __future__ import annotations

from typing import Any

import rules

from quartier.core.predicates import is_coordinator, is_member, is_partner


def room_of(obj: Any) -> Any:
    from quartier.rooms.models import Booking, Room

    if isinstance(obj, Room):
        return obj
    if isinstance(obj, Booking):
        return obj.room
    return None


@rules.predicate
def is_owner_member(user: Any, obj: Any = None) -> bool:
    """A partner who acts for the actor that owns the room."""
    room = room_of(obj)
    if room is None or not room.owner_actor_id:
        return False
    if not getattr(user, "is_authenticated", False):
        return False
    cache = getattr(user, "_actor_ids", None)
    if cache is None:
        cache = user._actor_ids = set(
            user.actor_memberships.values_list("actor_id", flat=True)
        )
    return room.owner_actor_id in cache


@rules.predicate
def is_municipal_room(user: Any, obj: Any = None) -> bool:
    room = room_of(obj)
    return room is not None and not room.owner_actor_id


@rules.predicate
def room_is_public(user: Any, obj: Any = None) -> bool:
    room = room_of(obj)
    return room is not None and room.is_public and room.archived_at is None


@rules.predicate
def room_is_active(user: Any, obj: Any = None) -> bool:
    room = room_of(obj)
    return room is not None and room.archived_at is None


@rules.predicate
def bookable_by_residents(user: Any, obj: Any = None) -> bool:
    room = room_of(obj)
    return room is not None and room.bookable_by == "residents"


@rules.predicate
def bookable_by_partners(user: Any, obj: Any = None) -> bool:
    room = room_of(obj)
    return room is not None and room.bookable_by in ("residents", "partners")


@rules.predicate
def owns_a_room(user: Any, obj: Any = None) -> bool:
    """Acts for an actor that owns a room of this municipality (for the queue)."""
    from quartier.core.predicates import municipality_of
    from quartier.rooms.models import Room

    if not getattr(user, "is_authenticated", False):
        return False
    return Room.objects.filter(
        municipality=municipality_of(obj), owner_actor__members=user
    ).exists()


@rules.predicate
def acts_for_an_actor(user: Any, obj: Any = None) -> bool:
    """A member (partner) of some actor of this municipality."""
    from quartier.actors.models import Actor
    from quartier.core.predicates import municipality_of

    if not getattr(user, "is_authenticated", False):
        return False
    return Actor.objects.filter(
        municipality=municipality_of(obj), members=user, archived_at__isnull=True
    ).exists()


@rules.predicate
def is_requester(user: Any, obj: Any = None) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and getattr(obj, "requested_by_id", None) == user.pk
    )


runs_room = (is_coordinator & is_municipal_room) | is_owner_member
can_see_room = room_is_public | is_coordinator | is_owner_member
may_book = room_is_active & (
    (bookable_by_residents & is_member)
    | (bookable_by_partners & is_partner)
    | is_coordinator
    | is_owner_member
)

rules.add_perm("rooms.view_room", can_see_room)
rules.add_perm("rooms.add_room", is_coordinator | (is_partner & acts_for_an_actor))
rules.add_perm("rooms.change_room", is_coordinator | is_owner_member)
rules.add_perm("rooms.archive_room", is_coordinator | is_owner_member)
rules.add_perm("rooms.book_room", can_see_room & may_book)
rules.add_perm("rooms.manage_bookings", runs_room)
rules.add_perm("rooms.view_requests", is_coordinator | owns_a_room)

rules.add_perm("rooms.view_booking", is_requester | runs_room | is_coordinator)
rules.add_perm("rooms.decide_booking", runs_room)
rules.add_perm("rooms.cancel_booking", is_requester | runs_room)
