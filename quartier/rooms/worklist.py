"""What rooms put on “Meine Übersicht” (core/worklist.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from quartier.core import worklist
from quartier.core.models import Municipality
from quartier.core.predicates import is_coordinator
from quartier.rooms.models import Booking, BookingStatus


def _booking(booking: Booking) -> worklist.Entry:
    starts = date_format(timezone.localtime(booking.starts_at), "SHORT_DATETIME_FORMAT")
    return worklist.Entry(
        title=f"{booking.room.name}: {booking.purpose}",
        url=booking.room.get_absolute_url(),
        note=f"{starts} · {booking.get_status_display()}",
        urgent=booking.status == BookingStatus.REQUESTED
        and booking.starts_at < timezone.now() + datetime.timedelta(days=3),
    )


def requests(user: Any, municipality: Municipality) -> QuerySet[Booking]:
    """Requests for the rooms the person runs, the earliest first."""
    runs = Q(room__owner_actor__members=user)
    if is_coordinator.test(user, municipality):
        runs |= Q(room__owner_actor__isnull=True)
    return (
        Booking.objects.filter(
            runs,
            room__municipality=municipality,
            status=BookingStatus.REQUESTED,
            ends_at__gte=timezone.now(),
        )
        .select_related("room__municipality")
        .distinct()
        .order_by("starts_at", "id")
    )


def mine(user: Any, municipality: Municipality) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(
            requested_by=user,
            room__municipality=municipality,
            ends_at__gte=timezone.now(),
        )
        .open()
        .select_related("room__municipality")
        .order_by("starts_at", "id")
    )


def register() -> None:
    worklist.register(
        worklist.Queue(
            key="rooms.requests",
            label=_("Booking requests"),
            audience=worklist.WORK,
            perm="rooms.view_requests",
            rows=requests,
            entry=_booking,
            url_name="rooms:requests",
            empty=_("No booking request is waiting."),
            order=30,
        ),
        worklist.Queue(
            key="rooms.mine",
            label=_("My bookings"),
            audience=worklist.MINE,
            rows=mine,
            entry=_booking,
            url_name="rooms:my_bookings",
            empty=_("You have no upcoming booking."),
            order=30,
        ),
    )
