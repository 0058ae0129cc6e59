"""Processing activities of rooms (core/processing.py): bookings. Forms name them in
`processing`; docs/privacy.md."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import PUBLIC_TASK, Activity, register


def _bookings(municipality: Municipality) -> bool:
    from quartier.rooms.models import Booking

    return Booking.objects.filter(municipality=municipality).exists()


register(
    Activity(
        key="rooms.booking",
        module=_("Rooms and bookings"),
        name=_("Room bookings"),
        purpose=_(
            "To allocate rooms, to confirm or decline bookings and to arrange the "
            "handover of keys."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(_("People who book a room, for themselves or an organisation"),),
        data=(
            _("Account, organisation booked for"),
            _("Purpose, date and time, number of people, notes"),
        ),
        recipients=(
            _("Whoever manages the room (coordination or the owning organisation)"),
        ),
        anchor="rooms",
        public=_(
            "The room's calendar shows publicly only that it is booked; the purpose "
            "only if you tick “purpose public”."
        ),
        retention=("rooms.past_booking_details",),
        retention_note=_("Room, time and size stay for the room's statistics."),
        in_use=_bookings,
        order=40,
    ),
)
