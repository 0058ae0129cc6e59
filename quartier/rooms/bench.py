"""Benchmark data of the rooms app: rooms with `count` confirmed bookings spread
over them, back to back, so that a room's week view has plenty to show."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from quartier.accounts.models import User
from quartier.rooms.models import Booking, OpeningHours, Room

ROOMS = 20
BENCH_PAGES = [
    ("rooms list", "/{slug}/rooms/"),
    ("room week view", "/{slug}/rooms/bench-raum-1/week/"),
    ("room week as list", "/{slug}/rooms/bench-raum-1/week/?view=list"),
    # A coordinator books "on behalf of" any of the town's actors: a search field
    # (rooms/forms.py, ActorSearchMixin), and the next 20 forum meetings.
    ("rooms: booking form (coordinator login)", "/{slug}/rooms/bench-raum-1/book/"),
    # The room's owner: the same search among the town's actors.
    ("rooms: room form (coordinator login)", "/{slug}/rooms/bench-raum-1/edit/"),
    # The rooms without an owner are the coordination's: every bench booking.
    ("rooms: booking requests (coordinator login)", "/{slug}/rooms/requests/"),
    # The coordinator asked for every bench booking (seed_bench below).
    ("rooms: my bookings (coordinator login)", "/{slug}/rooms/my-bookings/"),
]
# The account the bench's logins use (bench/query_counts.py): it asked for the
# bench bookings, so that "My bookings" lists all of them.
COORDINATOR = "koordination@{slug}.example"


def seed_bench(municipality: Any, count: int) -> None:
    rooms = []
    for index in range(1, ROOMS + 1):
        room, _ = Room.objects.get_or_create(
            municipality=municipality,
            slug=f"bench-raum-{index}",
            defaults={
                "name": f"Bench-Raum {index}",
                "address": f"Teststraße {index}",
                "capacity": 30,
                "accessibility": ["step_free"],
                "approval": "instant",
            },
        )
        rooms.append(room)
    OpeningHours.objects.filter(room__in=rooms).delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(
            room=room, weekday=day, opens=datetime.time(8), closes=datetime.time(22)
        )
        for room in rooms
        for day in range(7)
    )
    Booking.objects.filter(room__in=rooms).delete()
    requester = User.objects.filter(
        email=COORDINATOR.format(slug=municipality.slug)
    ).first()
    # Two-hour slots from 8:00 to 22:00, seven a day, starting this Monday (so the
    # current week view is full), room after room.
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    per_room = max(1, -(-count // ROOMS))
    bookings = []
    for n in range(count):
        room = rooms[n // per_room % ROOMS]
        slot = n % per_room
        day = monday + datetime.timedelta(days=slot // 7)
        start = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(8 + 2 * (slot % 7)))
        )
        bookings.append(
            Booking(
                municipality=municipality,
                room=room,
                purpose=f"Bench-Treffen {n}",
                purpose_public=n % 2 == 0,
                expected_people=10,
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=2),
                status="confirmed",
                requested_by=requester,
            )
        )
    Booking.objects.bulk_create(bookings, batch_size=1000)
