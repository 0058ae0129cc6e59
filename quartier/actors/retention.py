"""Retention rules of actors (core/retention.py): invitations nobody accepted."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from quartier.actors.invitations import INVITATION_MAX_AGE
from quartier.actors.models import ActorInvitation
from quartier.core.models import Municipality
from quartier.core.retention import DELETE, Rule
from quartier.core.retention import register as register_rule


def unaccepted_invitations(
    municipality: Municipality | None, cutoff: datetime.datetime
) -> QuerySet:
    """Invitations to act for an organisation sent before the cutoff: their link has
    expired, and the address belongs to someone who never joined."""
    return ActorInvitation.objects.filter(
        actor__municipality=municipality, created_at__lt=cutoff
    )


def register() -> None:
    register_rule(
        Rule(
            key="actors.unaccepted_invitation",
            label=_("Addresses in invitations to organisations that nobody accepted"),
            default_days=30,
            # Never before the link itself expires.
            min_days=INVITATION_MAX_AGE.days,
            max_days=365,
            rows=unaccepted_invitations,
            action=DELETE,
        )
    )
