"""Retention rules of rooms (core/retention.py): the details of past bookings."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.retention import ANONYMISE, Rule
from quartier.core.retention import register as register_rule
from quartier.rooms.models import Booking


def past_booking_details(
    municipality: Municipality | None, cutoff: datetime.datetime
) -> QuerySet:
    """Bookings that ended before the cutoff and still carry a purpose or a reason."""
    return Booking.objects.filter(municipality=municipality, ends_at__lt=cutoff).filter(
        ~Q(purpose="") | ~Q(rejection_reason="")
    )


def register() -> None:
    register_rule(
        Rule(
            key="rooms.past_booking_details",
            label=_("Purpose and notes of past bookings"),
            default_days=90,
            min_days=14,
            max_days=730,
            rows=past_booking_details,
            action=ANONYMISE,
            blank={"purpose": "", "rejection_reason": ""},
        )
    )
