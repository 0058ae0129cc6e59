"""Retention rules of forums (core/retention.py): guests' unconfirmed registrations."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.retention import Rule
from quartier.core.retention import register as register_rule
from quartier.forums.models import Registration, RegistrationStatus


def unconfirmed_guest_registrations(
    municipality: Municipality | None, cutoff: datetime.datetime
) -> QuerySet:
    """Registrations of guests who never confirmed their e-mail address, made
    before the cutoff: name, address and needs go with the row."""
    return Registration.objects.filter(
        municipality=municipality,
        user__isnull=True,
        status=RegistrationStatus.PENDING,
        created_at__lt=cutoff,
    )


def register() -> None:
    register_rule(
        Rule(
            key="forums.unconfirmed_guest_registration",
            label=_("Guests' meeting registrations whose e-mail was never confirmed"),
            default_days=7,
            min_days=3,
            max_days=30,
            rows=unconfirmed_guest_registrations,
        )
    )
