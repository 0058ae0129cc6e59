"""{% meeting_room meeting %}: the room a forum meeting has reserved (for the
meeting page in the forums app)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string

from quartier.rooms.models import Booking, BookingStatus

register = template.Library()


@register.simple_tag(takes_context=True)
def meeting_room(context: Any, meeting: Any) -> str:
    booking = (
        Booking.objects.filter(
            meeting=meeting,
            status__in=[BookingStatus.CONFIRMED, BookingStatus.REQUESTED],
            room__archived_at__isnull=True,
        )
        .select_related("room__municipality")
        .order_by("status", "starts_at")
        .first()
    )
    if booking is None:
        return ""
    user = context.get("user")
    if user is None or not user.has_perm("rooms.view_room", booking.room):
        return ""
    return render_to_string("rooms/_meeting_room.html", {"booking": booking})
