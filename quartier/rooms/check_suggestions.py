"""Quartiers-Check suggestion from the rooms (core/check_suggestions.py): R2 rooms
used by initiatives. A booking names the organisation it is made for
(`on_behalf_of`); bookings without one are not counted — we do not guess."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from quartier.core.check_suggestions import Evidence, Suggestion, register
from quartier.core.models import Municipality


def booked_by_initiatives(municipality: Municipality) -> Suggestion | None:
    from quartier.actors.models import ActorKind
    from quartier.rooms.models import Booking, BookingStatus, Room

    rooms = Room.objects.filter(municipality=municipality)
    if not rooms.exists():
        return None
    since = timezone.now() - datetime.timedelta(days=365)
    actors = {
        b.on_behalf_of
        for b in Booking.objects.filter(municipality=municipality)
        .filter(status=BookingStatus.CONFIRMED, starts_at__gte=since)
        .filter(
            Q(on_behalf_of__kind=ActorKind.INITIATIVE)
            | Q(on_behalf_of__sectors__code="zivilgesellschaft")
        )
        .select_related("on_behalf_of")
    }
    count = len(actors)
    value = 1 if count == 0 else 2 if count == 1 else 3 if count < 4 else 4
    return Suggestion(
        value,
        f"vorgeschlagen, weil {count} Initiativen oder Vereine in den letzten zwölf "
        "Monaten bestätigte Buchungen von Räumen hatten (gezählt werden Buchungen, "
        "die eine Organisation nennen).",
        [Evidence(r.name, r.get_absolute_url()) for r in rooms.order_by("name")[:3]],
    )


register("r2.rooms", booked_by_initiatives, source="rooms")
